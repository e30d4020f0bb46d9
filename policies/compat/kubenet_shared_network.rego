# METADATA
# title: Kubenet clusters sharing a subnet or a route table
# description: |
#   A kubenet cluster routes pod traffic between nodes with user-defined routes that AKS
#   writes into the route table of its subnet: one route per node, for that node's pod
#   CIDR. Two kubenet clusters in one subnet, or in subnets that share one route table,
#   overwrite each other's routes and pod traffic is sent to the wrong nodes. AKS does
#   not support either. Give each kubenet cluster its own subnet and route table (or move
#   to Azure CNI Overlay, which needs no route table).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: Use kubenet networking with your own IP address ranges in AKS (limitations)
# custom:
#   id: AKSNET409
#   name: kubenet-shared-network
#   level: error
#   needs:
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /subnets/{cluster}/routeTable
#     - /clusters/*/networkProfile/networkPlugin
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.kubenet_shared_network

import data.aksnet.lib.compat
import data.aksnet.lib.doc

# kubenet_clusters are the indexes of the kubenet clusters, found once: the pairs are
# taken among them, so a document without kubenet clusters costs one pass over its
# clusters, not one over every pair of them. A set rule rather than a comprehension:
# iterating it needs a kubenet cluster, which the engine's guards can read, and a
# document without one does not evaluate this rule.
kubenet_clusters contains ci if {
	some ci, c in input.clusters
	compat.kubenet(c)
}

# first_pool_in is the index of the first pool of cluster c in subnet key.
first_pool_in(c, key) := min([pi | some pi, p in c.nodePools; p.vnetSubnet == key])

kubenet_subnets(c) := {p.vnetSubnet | some p in c.nodePools; p.vnetSubnet}

# shares_route_table holds when another subnet of cluster c has the route table of
# subnet key.
shares_route_table(c, key) if {
	some k in kubenet_subnets(c)
	k != key
	doc.subnet(k).subnet.routeTable == doc.subnet(key).subnet.routeTable
}

# Each later cluster is reported once per subnet, against the first earlier cluster it
# collides with.

deny contains finding if {
	some ai in kubenet_clusters
	some bi in kubenet_clusters
	ai < bi
	a := input.clusters[ai]
	b := input.clusters[bi]
	some key in (kubenet_subnets(a) & kubenet_subnets(b))
	ai == min([i | some i, x in input.clusters; i < bi; compat.kubenet(x); key in kubenet_subnets(x)])
	finding := {
		"msg": sprintf(
			"kubenet %s uses subnet %q, which kubenet %s already uses: kubenet clusters cannot share a subnet (their node routes collide); give each kubenet cluster its own subnet and route table",
			[doc.cluster_label(b), key, doc.cluster_label(a)],
		),
		"pointer": compat.pool_ptr(bi, first_pool_in(b, key), "vnetSubnet"),
		"related": [{
			"pointer": compat.pool_ptr(ai, first_pool_in(a, key), "vnetSubnet"),
			"msg": sprintf("%s uses subnet %q", [doc.cluster_label(a), key]),
		}],
	}
}

deny contains finding if {
	some ai in kubenet_clusters
	some bi in kubenet_clusters
	ai < bi
	a := input.clusters[ai]
	b := input.clusters[bi]
	some ka in kubenet_subnets(a)
	some kb in kubenet_subnets(b)
	ka != kb
	sa := doc.subnet(ka)
	sb := doc.subnet(kb)
	sa.subnet.routeTable == sb.subnet.routeTable
	ai == min([i | some i, x in input.clusters; i < bi; compat.kubenet(x); shares_route_table(x, kb)])
	finding := {
		"msg": sprintf(
			"kubenet %s uses subnet %q, whose route table %q is also the route table of subnet %q of kubenet %s: kubenet clusters cannot share a route table (AKS writes one route per node into it); give each cluster its own route table",
			[doc.cluster_label(b), kb, sb.subnet.routeTable, ka, doc.cluster_label(a)],
		),
		"pointer": compat.pool_ptr(bi, first_pool_in(b, kb), "vnetSubnet"),
		"related": [
			{
				"pointer": sprintf("/subnets/%d/routeTable", [sb.index]),
				"msg": sprintf("subnet %q has route table %q", [kb, sb.subnet.routeTable]),
			},
			{
				"pointer": sprintf("/subnets/%d/routeTable", [sa.index]),
				"msg": sprintf("subnet %q of %s has the same route table", [ka, doc.cluster_label(a)]),
			},
		],
	}
}
