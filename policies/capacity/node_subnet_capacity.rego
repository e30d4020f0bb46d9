# METADATA
# title: Node subnet too small for its node pools
# description: |
#   Every node takes an address from its node subnet, and in the node subnet model
#   ("traditional" Azure CNI) each node also reserves one address per pod up front:
#   nodes x (maxPods + 1). Azure keeps 5 addresses of every subnet. When the pools that
#   share a subnet, across every cluster in the deployment, need more addresses than it
#   has, the AKS resource provider rejects the deployment with InsufficientSubnetSize.
#   Give the subnet a larger prefix, lower maxPods, use fewer nodes, or move to Azure CNI
#   Overlay, where pods do not take subnet addresses.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
#     description: AKS IP address planning, subnet sizing
# custom:
#   id: AKSNET201
#   name: node-subnet-capacity
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/nodePools/*/maxPods
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /subnets/{cluster}/addressPrefixes
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#     - /clusters/*/nodePools/*/podSubnet
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.node_subnet_capacity

import data.aksnet.lib.capacity
import data.aksnet.lib.doc

deny contains finding if {
	some key in capacity.node_subnet_keys
	capacity.node_subnet_candidate(key)
	e := doc.subnet(key)
	available := capacity.usable(e)
	ds := capacity.demands("node", key)
	need := capacity.total(ds)
	need > available
	finding := {
		"msg": sprintf(
			"node %s has %d usable addresses, but the node pools in it need %d at deploy time (%s): %d short, %s; the smallest subnet that fits is a %s (AKS rejects this: InsufficientSubnetSize)",
			[
				capacity.subnet_text(e), available, need, capacity.breakdown(ds), need - available,
				capacity.too_many_text(need - available, capacity.per_node_costs(ds)), capacity.fit_text(need),
			],
		),
		"pointer": capacity.subnet_pointer(e),
		"related": capacity.related(ds, "vnetSubnet"),
	}
}
