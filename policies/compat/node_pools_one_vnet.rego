# METADATA
# title: Node pools of one cluster in different VNets
# description: |
#   Every node pool of a cluster must be in the same virtual network: pods, nodes and
#   the control plane reach each other over that VNet, and AKS rejects a pool whose
#   subnet is in another one (peering does not make it the same network). Put the pool's
#   subnet in the cluster's VNet, adding address space to the VNet if it is full.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/create-node-pools#node-pools-with-unique-subnets
#     description: Node pools with unique subnets (limitations)
# custom:
#   id: AKSNET411
#   name: node-pools-one-vnet
#   level: error
#   needs:
#     - /clusters/*/nodePools/*/vnetSubnet
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.node_pools_one_vnet

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	placed := [pi | some pi, p in c.nodePools; p.vnetSubnet]
	count(placed) > 1
	first := c.nodePools[placed[0]]
	some pi in placed
	p := c.nodePools[pi]
	compat.vnet_of(p.vnetSubnet) != compat.vnet_of(first.vnetSubnet)
	finding := {
		"msg": sprintf(
			"%s of %s is in subnet %q of VNet %q, but %s is in VNet %q: all node pools of a cluster must be in one VNet; use a subnet of VNet %q",
			[
				compat.pool_label(p), doc.cluster_label(c), p.vnetSubnet, compat.vnet_of(p.vnetSubnet),
				compat.pool_label(first), compat.vnet_of(first.vnetSubnet), compat.vnet_of(first.vnetSubnet),
			],
		),
		"pointer": compat.pool_ptr(ci, pi, "vnetSubnet"),
		"related": [{
			"pointer": compat.pool_ptr(ci, placed[0], "vnetSubnet"),
			"msg": sprintf("%s is in subnet %q", [compat.pool_label(first), first.vnetSubnet]),
		}],
	}
}
