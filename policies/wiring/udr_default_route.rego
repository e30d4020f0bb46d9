# METADATA
# title: User-defined routing without a default route on the node subnet
# description: |
#   With outboundType userDefinedRouting AKS creates no outbound path of its own: egress
#   follows the route table on the node subnet, whose 0.0.0.0/0 route must send traffic
#   to a firewall or network virtual appliance. Without a route table the deployment is
#   rejected (ExistingRouteTableNotAssociatedWithSubnet); without a 0.0.0.0/0 route the
#   nodes cannot reach the control plane and registries, and provisioning fails.
#   Associate a route table with a 0.0.0.0/0 route to your egress device.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/egress-udr
#     description: Customize cluster egress with a user-defined routing table in AKS
# custom:
#   id: AKSNET501
#   name: udr-default-route
#   level: error
#   needs:
#     - /clusters/*/networkProfile/outboundType
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /subnets/{cluster}/routeTable
#     - /routeTables/*/routes
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, wiring]
package aksnet.rules.udr_default_route

import data.aksnet.lib.compat
import data.aksnet.lib.doc

# udr_node_subnets maps each cluster using user-defined routing to its node subnets.
udr_node_subnets[ci] := {p.vnetSubnet | some p in c.nodePools; p.vnetSubnet} if {
	some ci, c in input.clusters
	compat.eq_fold(c.networkProfile.outboundType, "userDefinedRouting")
}

deny contains finding if {
	not compat.partly_read
	some ci, keys in udr_node_subnets
	c := input.clusters[ci]
	some key in keys
	e := doc.subnet(key)
	compat.route_table_absence_known(e.subnet, e.index)
	finding := {
		"msg": sprintf(
			"outboundType %s of %s needs a route table with a 0.0.0.0/0 route on node subnet %q, but the subnet has no route table (AKS rejects this: ExistingRouteTableNotAssociatedWithSubnet); associate a route table whose 0.0.0.0/0 route points at your firewall or appliance",
			[c.networkProfile.outboundType, doc.cluster_label(c), key],
		),
		"pointer": compat.np_ptr(ci, "outboundType"),
		"related": [{"pointer": sprintf("/subnets/%d", [e.index]), "msg": sprintf("subnet %q has no route table", [key])}],
	}
}

deny contains finding if {
	not compat.partly_read
	some ci, keys in udr_node_subnets
	c := input.clusters[ci]
	some key in keys
	e := doc.subnet(key)
	some ri in object.get(route_tables_by_key, e.subnet.routeTable, [])
	rt := input.routeTables[ri]
	compat.fully_known(rt)
	not compat.unknown(sprintf("/routeTables/%d", [ri]))
	routes := object.get(rt, "routes", [])
	every r in routes {
		r.addressPrefix
	}
	not has_default_route(routes)
	finding := {
		"msg": sprintf(
			"outboundType %s of %s sends egress through the route table of node subnet %q, but route table %q has no 0.0.0.0/0 route (%s); add a 0.0.0.0/0 route to your firewall or appliance",
			[c.networkProfile.outboundType, doc.cluster_label(c), key, rt.key, describe(routes)],
		),
		"pointer": compat.np_ptr(ci, "outboundType"),
		"related": [{"pointer": sprintf("/routeTables/%d", [ri]), "msg": sprintf("route table %q of subnet %q", [rt.key, key])}],
	}
}

# route_tables_by_key lists the indexes of the route tables of each key, grouped once
# in a comprehension OPA indexes on the key: scanning every route table for each
# cluster's subnet was quadratic in a hub-and-spoke network (bench/network.sh).
route_tables_by_key := {k: indexes |
	some rt in input.routeTables
	k := rt.key
	indexes := [ri | some ri, t in input.routeTables; t.key == k]
}

has_default_route(routes) if {
	some r in routes
	r.addressPrefix == "0.0.0.0/0"
}

describe([]) := "it has no routes"

describe(routes) := sprintf("its routes: %s", [concat(", ", [sprintf("%s -> %s", [r.addressPrefix, object.get(r, "nextHopType", "?")]) | some r in routes])]) if {
	count(routes) > 0
}
