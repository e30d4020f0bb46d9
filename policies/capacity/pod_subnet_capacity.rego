# METADATA
# title: Pod subnet too small for its node pools
# description: |
#   With Azure CNI pod subnet, pods take their addresses from a pod subnet that several
#   pools and clusters may share. In dynamic IP allocation mode every node takes a first
#   batch of 16 addresses when it starts; in static block mode it takes
#   ceil((maxPods + 1) / 16) whole /28 blocks for its lifetime. Azure keeps 5 addresses
#   of every subnet. When the pools using the subnet, across every cluster in the
#   deployment, need more than it has, nodes cannot start their pods. Give the pod subnet
#   a larger prefix, or give some pools a pod subnet of their own.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-pod-subnet
#     description: Azure CNI Pod Subnet, planning IP addressing
# custom:
#   id: AKSNET205
#   name: pod-subnet-capacity
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/nodePools/*/podSubnet
#     - /clusters/*/nodePools/*/maxPods
#     - /clusters/*/nodePools/*/podIPAllocationMode
#     - /subnets/{cluster}/addressPrefixes
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.pod_subnet_capacity

import data.aksnet.lib.capacity
import data.aksnet.lib.doc

deny contains finding if {
	some key in capacity.pod_subnet_keys
	e := doc.subnet(key)
	available := capacity.usable(e)
	ds := capacity.demands("pod", key)
	need := capacity.total(ds)
	need > available
	finding := {
		"msg": sprintf(
			"pod %s has %d usable addresses, but the nodes that draw pod IPs from it take %d at deploy time (%s): %d short, %s; the smallest subnet that fits is a %s",
			[
				capacity.subnet_text(e), available, need, capacity.breakdown(ds), need - available,
				capacity.too_many_text(need - available, capacity.per_node_costs(ds)), capacity.fit_text(need),
			],
		),
		"pointer": capacity.subnet_pointer(e),
		"related": capacity.related(ds, "podSubnet"),
	}
}
