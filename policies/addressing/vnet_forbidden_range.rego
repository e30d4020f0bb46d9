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
	some [vi, pi] in vnet_candidates
	v := input.virtualNetworks[vi]
	cidr := v.addressPrefixes[pi]
	not listed_clear(cidr)
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
	some [si, pi] in subnet_candidates
	s := input.subnets[si]
	cidr := s.addressPrefixes[pi]
	not listed_clear(cidr)
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

# listed_clear holds for a CIDR of input.derived.ranges that shares no address with a
# forbidden range: the rules pass it over, and compare every other prefix (one the
# facts do not list, or all of them without the facts). The listed CIDRs are matched
# against the forbidden ranges in two built-in calls, each way of containment (two
# CIDR blocks that share an address are nested), instead of each prefix against each
# range in Rego: most of this rule's time on a network of thousands of subnets
# (bench/network.sh). It is a lookup, not a set of the clear CIDRs, which would be
# as large as the network.
listed_clear(c) if {
	input.derived.ranges[c]
	not c in listed_overlapping
}

listed_overlapping contains c if {
	listed_may_overlap
	some [_, c] in net.cidr_contains_matches(forbidden, listed)
}

listed_overlapping contains c if {
	listed_may_overlap
	some [c, _] in net.cidr_contains_matches(listed, forbidden)
}

listed := object.keys(input.derived.ranges)

# listed_may_overlap holds when the listed CIDRs, merged into the fewest blocks that
# cover them, meet a forbidden range: a listed CIDR that meets one lies in a merged
# block that meets it. A network's subnets merge into a few blocks, so the two matches
# over every listed CIDR are made only when they can find something.
listed_may_overlap if {
	merged := net.cidr_merge(listed)
	count(net.cidr_contains_matches(forbidden, merged)) + count(net.cidr_contains_matches(merged, forbidden)) > 0
}

forbidden := object.keys(addr.forbidden_ranges)

# vnet_candidates and subnet_candidates are [VNet or subnet index, prefix index] of the
# prefixes the rules check. With the engine's input.derived (docs/policies.md): the
# prefixes not written canonically, and the places of the listed CIDRs that meet a
# forbidden range, looked for only when there is one; so a network that meets none is
# not visited prefix by prefix. Without the facts, every prefix.
vnet_candidates contains ref if {
	some ref in input.derived.noncanonicalVNetPrefixes
}

vnet_candidates contains [vi, pi] if {
	count(listed_overlapping) > 0
	some vi, v in input.virtualNetworks
	some pi, cidr in v.addressPrefixes
	cidr in listed_overlapping
}

vnet_candidates contains [vi, pi] if {
	not input.derived.noncanonicalVNetPrefixes
	some vi, v in input.virtualNetworks
	some pi, _ in v.addressPrefixes
}

subnet_candidates contains ref if {
	some ref in input.derived.noncanonicalSubnetPrefixes
}

subnet_candidates contains [si, pi] if {
	count(listed_overlapping) > 0
	some si, s in input.subnets
	some pi, cidr in s.addressPrefixes
	cidr in listed_overlapping
}

subnet_candidates contains [si, pi] if {
	not input.derived.noncanonicalSubnetPrefixes
	some si, s in input.subnets
	some pi, _ in s.addressPrefixes
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
