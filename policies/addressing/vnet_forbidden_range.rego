# METADATA
# title: VNet or subnet uses a range Azure forbids
# description: |
#   Azure does not allow these IPv4 ranges in a virtual network's address space: the
#   multicast range 224.0.0.0/4, the loopback range 127.0.0.0/8, the link-local range
#   169.254.0.0/16, the broadcast address 255.255.255.255/32 and 168.63.129.16/32, the
#   platform address every VM uses for DNS, DHCP and health probes. A VNet or subnet that
#   overlaps one of them fails to deploy or cannot reach the platform services. Choose
#   private ranges that avoid them. Link-local overlaps of a cluster's VNet and node or
#   pod subnets are reported by AKSNET101 instead.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
#     description: Azure Virtual Network FAQ, address ranges you can't use
# custom:
#   id: AKSNET115
#   name: vnet-forbidden-range
#   level: error
#   needs:
#     - /virtualNetworks/*/addressPrefixes
#     - /subnets/*/addressPrefixes
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.vnet_forbidden_range

import data.aksnet.lib.addressing as addr

link_local := "169.254.0.0/16"

deny contains finding if {
	some [vi, pi] in candidates.vnets
	v := input.virtualNetworks[vi]
	cidr := v.addressPrefixes[pi]
	addr.valid_cidr(cidr)
	rs := [r | some r, _ in addr.forbidden_ranges; net.cidr_intersects(cidr, r); not reported_by_101_vnet(v.key, r)]
	count(rs) > 0
	finding := {
		"msg": sprintf(
			"address prefix %s of VNet %q overlaps %s, which Azure does not allow in a virtual network: choose an address space outside it",
			[cidr, v.key, ranges_text(rs)],
		),
		"pointer": sprintf("/virtualNetworks/%d/addressPrefixes/%d", [vi, pi]),
	}
}

# A subnet, unless its VNet's address space is already reported for that range (by
# this rule or by AKSNET101), or it is a node/pod subnet overlapping the link-local
# range (AKSNET101).
deny contains finding if {
	some [si, pi] in candidates.subnets
	s := input.subnets[si]
	cidr := s.addressPrefixes[pi]
	addr.valid_cidr(cidr)
	rs := [r |
		some r, _ in addr.forbidden_ranges
		net.cidr_intersects(cidr, r)
		not vnet_overlaps(s.vnet, r)
		not reported_by_101_subnet(s.key, r)
	]
	count(rs) > 0
	finding := {
		"msg": sprintf(
			"address prefix %s of subnet %q overlaps %s, which Azure does not allow in a virtual network: choose a subnet prefix outside it",
			[cidr, s.key, ranges_text(rs)],
		),
		"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [si, pi]),
	}
}

# candidates are [VNet or subnet index, prefix index] of the prefixes the rules check,
# by kind: with the engine's input.derived.forbiddenCandidates (docs/policies.md), the
# prefixes that may overlap a forbidden range (every prefix not written canonically
# among them), so a network that meets none is not visited prefix by prefix, and its
# CIDRs are not matched against the ranges in Rego (on a network of 16,000 subnets,
# the largest single cost of this rule); without it, every prefix. Each is still
# checked above.
candidates := input.derived.forbiddenCandidates

candidates := every_prefix if not input.derived.forbiddenCandidates

every_prefix := {
	"vnets": [[vi, j] | some vi, v in input.virtualNetworks; some j, _ in v.addressPrefixes],
	"subnets": [[si, j] | some si, s in input.subnets; some j, _ in s.addressPrefixes],
}

reported_by_101_vnet(k, r) if {
	r == link_local
	k in addr.cluster_vnet_keys
}

reported_by_101_subnet(k, r) if {
	r == link_local
	k in addr.aks_subnet_keys
}

vnet_overlaps(k, r) if {
	some p in addr.vnet_prefixes(k)
	net.cidr_intersects(p.cidr, r)
}

ranges_text(rs) := concat(" and ", [sprintf("%s (%s)", [r, addr.forbidden_ranges[r]]) | some r in rs])
