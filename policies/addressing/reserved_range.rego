# METADATA
# title: Range overlaps an AKS reserved range
# description: |
#   AKS keeps 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24 for itself
#   (link-local and platform endpoints on every node, and addresses used internally by
#   the node and container runtime). A service CIDR, pod CIDR, cluster VNet address space
#   or node/pod subnet that overlaps one of them collides with that plumbing: the
#   documentation says AKS clusters can't use these ranges, and traffic to the
#   overlapping addresses does not go where the design intends. Choose ranges outside
#   all four.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: Kubenet networking, prerequisites (address ranges AKS clusters can't use)
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overview
#     description: Azure CNI networking overview, prerequisites
# custom:
#   id: AKSNET101
#   name: reserved-range
#   level: error
#   needs:
#     - /clusters/*/networkProfile/podCidrs
#     - /clusters/*/networkProfile/serviceCidrs
#     - /virtualNetworks/{cluster}/addressPrefixes
#     - /subnets/{cluster}/addressPrefixes
#     - /clusters/*/nodePools/*/vnetSubnet
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.reserved_range

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

reserved_text := "169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24"

# hits is the list of reserved ranges a valid CIDR overlaps; undefined when none.
hits(cidr) := rs if {
	addr.valid_cidr(cidr)
	rs := [r | some r in addr.reserved_ranges; net.cidr_intersects(cidr, r)]
	count(rs) > 0
}

cluster_ranges contains [ci, "serviceCidrs", i, cidr, "service CIDR"] if {
	some [ci, i] in candidates.serviceCidrs
	cidr := input.clusters[ci].networkProfile.serviceCidrs[i]
}

cluster_ranges contains [ci, "podCidrs", i, cidr, "pod CIDR"] if {
	some [ci, i] in candidates.podCidrs
	c := input.clusters[ci]
	addr.uses_pod_cidr(c)
	cidr := c.networkProfile.podCidrs[i]
}

# candidates are the places of the values the rules check, by kind: with the engine's
# input.derived.reservedCandidates (docs/policies.md), the values that may overlap a
# reserved range (every value not written canonically among them), so a document whose
# ranges meet none is not visited value by value (7% of the instructions per
# bench/gen document); without it, every value. Each is still checked below.
candidates := input.derived.reservedCandidates

candidates := every_value if not input.derived.reservedCandidates

every_value := {
	"serviceCidrs": [[ci, i] | some ci, c in input.clusters; some i, _ in c.networkProfile.serviceCidrs],
	"podCidrs": [[ci, i] | some ci, c in input.clusters; some i, _ in c.networkProfile.podCidrs],
	"vnets": [[vi, j] | some vi, v in input.virtualNetworks; some j, _ in v.addressPrefixes],
	"subnets": [[si, j] | some si, s in input.subnets; some j, _ in s.addressPrefixes],
}

deny contains finding if {
	some [ci, field, i, cidr, what] in cluster_ranges
	rs := hits(cidr)
	finding := {
		"msg": sprintf(
			"%s %s%s of %s overlaps %s, reserved by AKS; AKS clusters cannot use %s for the service CIDR, pod CIDR, VNet or subnets: choose a %s outside them",
			[what, cidr, addr.note(ci, field), doc.cluster_label(input.clusters[ci]), concat(" and ", rs), reserved_text, what],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/%s/%d", [ci, field, i]),
	}
}

# The address space of a VNet that holds node subnets, reported once whichever
# clusters share the VNet.
deny contains finding if {
	some [vi, j] in candidates.vnets
	v := input.virtualNetworks[vi].key
	v in addr.cluster_vnet_keys
	cidr := input.virtualNetworks[vi].addressPrefixes[j]
	rs := hits(cidr)
	finding := {
		"msg": sprintf(
			"address space %s of VNet %q, which holds AKS node subnets, overlaps %s, reserved by AKS; AKS clusters cannot use %s for their VNet: move the VNet's address space outside them",
			[cidr, v, concat(" and ", rs), reserved_text],
		),
		"pointer": sprintf("/virtualNetworks/%d/addressPrefixes/%d", [vi, j]),
	}
}

# A node or pod subnet, for the reserved ranges the finding above does not already
# report on its VNet.
deny contains finding if {
	some [si, j] in candidates.subnets
	t := input.subnets[si]
	k := t.key
	k in addr.aks_subnet_keys
	cidr := t.addressPrefixes[j]
	rs := [r | some r in hits(cidr); not cluster_vnet_overlaps(t.vnet, r)]
	count(rs) > 0
	finding := {
		"msg": sprintf(
			"subnet %q (%s), used by AKS node pools, overlaps %s, reserved by AKS; AKS clusters cannot use %s for their subnets: choose a subnet prefix outside them",
			[k, cidr, concat(" and ", rs), reserved_text],
		),
		"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [si, j]),
	}
}

cluster_vnet_overlaps(v, r) if {
	v in addr.cluster_vnet_keys
	some q in addr.vnet_prefixes(v)
	net.cidr_intersects(q.cidr, r)
}
