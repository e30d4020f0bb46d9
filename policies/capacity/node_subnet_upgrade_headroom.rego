# METADATA
# title: Node subnet has no room for upgrade surge nodes
# description: |
#   An upgrade adds each pool's surge nodes (maxSurge, by default 10% rounded up) before
#   it removes old ones, and every surge node takes its addresses from the node subnet
#   like any other: (nodes + surge) x (maxPods + 1) in the node subnet model, nodes +
#   surge in the others. A subnet that fits the pools at deploy time but not with their
#   surge nodes deploys fine and then fails the first upgrade with SubnetIsFull. Size the
#   subnet for nodes plus surge, or lower maxSurge.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
#     description: AKS IP address planning, upgrading and scaling considerations
# custom:
#   id: AKSNET202
#   name: node-subnet-upgrade-headroom
#   level: warning
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/nodePools/*/maxPods
#     - /clusters/*/nodePools/*/maxSurge
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /subnets/{cluster}/addressPrefixes
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#     - /clusters/*/nodePools/*/podSubnet
#   security_severity: "3.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.node_subnet_upgrade_headroom

import data.aksnet.lib.capacity
import data.aksnet.lib.doc

deny contains finding if {
	some key in capacity.node_subnet_keys
	capacity.node_subnet_candidate(key)
	e := doc.subnet(key)
	available := capacity.usable(e)
	deploy := capacity.total(capacity.demands("node", key))
	deploy <= available
	ds := capacity.demands("node-surge", key)
	need := capacity.total(ds)
	need > available
	finding := {
		"msg": sprintf(
			"node %s has %d usable addresses: enough for the %d its node pools need at deploy time, but not for the %d they need with their surge nodes during an upgrade (%s): %d short, the addresses of %s; the smallest subnet that fits is a %s (upgrades would fail: SubnetIsFull)",
			[
				capacity.subnet_text(e), available, deploy, need, capacity.breakdown(ds), need - available,
				capacity.nodes_worth_text(need - available, capacity.per_node_costs(ds)), capacity.fit_text(need),
			],
		),
		"pointer": capacity.subnet_pointer(e),
		"related": capacity.related(ds, "vnetSubnet"),
	}
}
