# METADATA
# title: Kubenet with your own route table and a system-assigned identity
# description: |
#   A kubenet cluster writes one route per node into the route table of its subnet. When
#   that route table is yours (associated with the node subnet before the cluster
#   exists), the cluster identity needs rights on it before the cluster is created, which
#   a system-assigned identity cannot have: it does not exist until then. AKS therefore
#   requires a user-assigned control plane identity, granted Network Contributor on the
#   route table (or its resource group), for kubenet with a bring-your-own route table.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet#bring-your-own-subnet-and-route-table-with-kubenet
#     description: Bring your own subnet and route table with kubenet
# custom:
#   id: AKSNET502
#   name: kubenet-route-table-identity
#   level: error
#   kinds: [arm, bicep]
#   needs:
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /subnets/{cluster}/routeTable
#     - /clusters/*/identity
#   security_severity: "4.0"
#   precision: high
#   tags: [aks, network, wiring, security]
package aksnet.rules.kubenet_route_table_identity

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	compat.kubenet(c)
	compat.eq_fold(c.identity.type, "SystemAssigned")
	keys := {p.vnetSubnet | some p in c.nodePools; p.vnetSubnet}
	some key in keys
	e := doc.subnet(key)
	e.subnet.routeTable
	finding := {
		"msg": sprintf(
			"kubenet %s has a system-assigned identity, but its node subnet %q has route table %q: kubenet with your own route table needs a user-assigned identity with Network Contributor on the route table; use identity type UserAssigned and grant it that role",
			[doc.cluster_label(c), key, e.subnet.routeTable],
		),
		"pointer": sprintf("/clusters/%d/identity/type", [ci]),
		"related": [{
			"pointer": sprintf("/subnets/%d/routeTable", [e.index]),
			"msg": sprintf("subnet %q has route table %q", [key, e.subnet.routeTable]),
		}],
	}
}
