# METADATA
# title: Pod subnet has no room for full density with surge nodes
# description: |
#   A pod subnet that holds each node's first allocation can still run out: in dynamic
#   IP allocation mode a node full of pods holds 16 x ceil(maxPods / 16) addresses, in
#   static block mode 16 x ceil((maxPods + 1) / 16), and an upgrade adds each pool's surge
#   nodes before it removes old ones. When the pools using the subnet need more than it
#   has at full density with their surge nodes, pods fail to start as the cluster fills
#   up or upgrades. Give the pod subnet a larger prefix, lower maxPods or maxSurge.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-pod-subnet
#     description: Azure CNI Pod Subnet, planning IP addressing
# custom:
#   id: AKSNET206
#   name: pod-subnet-headroom
#   level: warning
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/nodePools/*/podSubnet
#     - /clusters/*/nodePools/*/maxPods
#     - /clusters/*/nodePools/*/podIPAllocationMode
#     - /clusters/*/nodePools/*/maxSurge
#     - /subnets/{cluster}/addressPrefixes
#   security_severity: "3.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.pod_subnet_headroom

import data.aksnet.lib.capacity
import data.aksnet.lib.doc

deny contains finding if {
	some key in capacity.pod_subnet_keys
	e := doc.subnet(key)
	available := capacity.usable(e)
	deploy := capacity.total(capacity.demands("pod", key))
	deploy <= available
	ds := capacity.demands("pod-surge", key)
	need := capacity.total(ds)
	need > available
	finding := {
		"msg": sprintf(
			"pod %s has %d usable addresses: enough for the %d its nodes take at deploy time, but not for the %d they take at full density (maxPods pods per node) with their surge nodes during an upgrade (%s): %d short, the addresses of %s; the smallest subnet that fits is a %s",
			[
				capacity.subnet_text(e), available, deploy, need, capacity.breakdown(ds), need - available,
				capacity.nodes_worth_text(need - available, capacity.per_node_costs(ds)), capacity.fit_text(need),
			],
		),
		"pointer": capacity.subnet_pointer(e),
		"related": capacity.related(ds, "podSubnet"),
	}
}
