# METADATA
# title: Range overlaps a connected network
# description: |
#   Peered VNets, on-premises networks and anything reached over ExpressRoute or VPN share
#   one routing domain with the cluster VNet. A cluster VNet that overlaps one of them
#   cannot be peered or routed to it; a service CIDR or (kubenet/overlay) pod CIDR that
#   overlaps one makes the overlapping addresses of that network unreachable from pods,
#   because nodes route them to services or pods instead. AKS requires these ranges not
#   to be used by peered VNets or on-premises networks. Choose ranges no connected network
#   uses; list on-premises ranges under connectedNetworks in .aksnet-lint.yaml so they are
#   checked.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
#     description: AKS IP address planning
# custom:
#   id: AKSNET105
#   name: overlaps-connected-network
#   level: error
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#     - /clusters/*/networkProfile/podCidrs
#     - /virtualNetworks/{cluster}/addressPrefixes
#     - /virtualNetworks/*/peerings/*/remoteAddressPrefixes
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "6.0"
#   precision: medium
#   tags: [aks, network, addressing, security]
package aksnet.rules.overlaps_connected_network

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

# peered are the remote address spaces of the peerings of VNet key v.
peered(v) := object.get(peered_by_vnet, v, set())

# peered_by_vnet groups them by VNet key once per document, in a comprehension OPA
# indexes on the key: a function that scanned every VNet on each call was evaluated for
# every cluster, quadratic in the size of a hub-and-spoke network (bench/network.sh).
peered_by_vnet := {v: peerings |
	some u in input.virtualNetworks
	v := u.key
	peerings := {n |
		some vi, vn in input.virtualNetworks
		vn.key == v
		some pi, pe in vn.peerings
		some j, cidr in pe.remoteAddressPrefixes
		addr.valid_cidr(cidr)
		n := {
			"cidr": cidr,
			"pointer": sprintf("/virtualNetworks/%d/peerings/%d/remoteAddressPrefixes/%d", [vi, pi, j]),
			"label": sprintf("the address space of VNet peering %q of VNet %q", [object.get(pe, "name", ""), v]),
		}
	}
}

# configured are the ranges listed under connectedNetworks in the configuration.
configured contains n if {
	some ni, cn in input.connectedNetworks
	some j, cidr in cn.addressPrefixes
	addr.valid_cidr(cidr)
	n := {
		"cidr": cidr,
		"pointer": sprintf("/connectedNetworks/%d/addressPrefixes/%d", [ni, j]),
		"label": sprintf("connected network %q (from the configuration)", [cn.name]),
	}
}

connected(c) := configured | {n | some v in doc.cluster_vnets(c); some n in peered(v)}

# any_connected holds when the document has a connected network at all: a range listed
# under connectedNetworks or a peering's remote address space. Every finding needs one,
# and a body that starts here lets the engine leave the rule out of a document without
# any (its guards read these paths).
any_connected if input.connectedNetworks[_].addressPrefixes[_]

any_connected if input.virtualNetworks[_].peerings[_].remoteAddressPrefixes[_]

cluster_ranges contains [ci, "serviceCidrs", i, cidr, "service CIDR"] if {
	some ci, c in input.clusters
	some i, cidr in c.networkProfile.serviceCidrs
}

cluster_ranges contains [ci, "podCidrs", i, cidr, "pod CIDR"] if {
	some ci, c in input.clusters
	some i, cidr in addr.pod_cidrs(c)
}

deny contains finding if {
	any_connected
	some [ci, field, i, cidr, what] in cluster_ranges
	addr.valid_cidr(cidr)
	c := input.clusters[ci]
	some n in connected(c)
	net.cidr_intersects(cidr, n.cidr)
	finding := {
		"msg": sprintf(
			"%s %s%s of %s overlaps %s, %s; pods could not reach those addresses of the connected network, which nodes would route into the cluster instead: choose a %s that no connected network uses",
			[what, cidr, addr.note(ci, field), doc.cluster_label(c), n.cidr, n.label, what],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/%s/%d", [ci, field, i]),
		"related": [{"pointer": n.pointer, "msg": sprintf("%s: %s", [n.label, n.cidr])}],
	}
}

# The cluster VNet's own address space, reported once whichever clusters share it.
deny contains finding if {
	any_connected
	some v in addr.cluster_vnet_keys
	some p in addr.vnet_prefixes(v)
	some n in (configured | peered(v))
	net.cidr_intersects(p.cidr, n.cidr)
	finding := {
		"msg": sprintf(
			"address space %s of VNet %q, which holds AKS node subnets, overlaps %s, %s; Azure cannot route between overlapping address spaces: renumber one of them",
			[p.cidr, v, n.cidr, n.label],
		),
		"pointer": p.pointer,
		"related": [{"pointer": n.pointer, "msg": sprintf("%s: %s", [n.label, n.cidr])}],
	}
}
