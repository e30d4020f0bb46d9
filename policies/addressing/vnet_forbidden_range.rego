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
	some vi, v in input.virtualNetworks
	some pi, cidr in v.addressPrefixes
	not cidr in listed_clear
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
	some si, s in input.subnets
	some pi, cidr in s.addressPrefixes
	not cidr in listed_clear
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

# listed_clear are the CIDRs of input.derived.ranges that share no address with a
# forbidden range: the rules pass them over, and compare every other prefix (one the
# facts do not list, or all of them without the facts). The listed CIDRs are matched
# against the forbidden ranges in two built-in calls, each way of containment (two
# CIDR blocks that share an address are nested), instead of each prefix against each
# range in Rego: most of this rule's time on a network of thousands of subnets
# (bench/network.sh).
default listed_clear := set()

listed_clear := object.keys(input.derived.ranges) - listed_overlapping

listed_overlapping contains c if {
	some [_, c] in net.cidr_contains_matches(forbidden, object.keys(input.derived.ranges))
}

listed_overlapping contains c if {
	some [c, _] in net.cidr_contains_matches(object.keys(input.derived.ranges), forbidden)
}

forbidden := object.keys(addr.forbidden_ranges)

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
