# METADATA
# title: Subnet outside its VNet, overlapping another, or of a size Azure rejects
# description: |
#   Azure requires every subnet prefix to lie inside its VNet's address space, the
#   subnets of one VNet not to overlap, IPv4 subnets to be /29 or larger (Azure reserves
#   5 addresses in each), and IPv6 subnets to be exactly /64. A layout that breaks one of
#   these fails to deploy, often only when the second overlapping subnet or the cluster
#   using it is created. Fix the prefixes as the message says.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
#     description: Azure Virtual Network FAQ, subnet sizes and address ranges
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
#     description: AKS IP address planning
# custom:
#   id: AKSNET116
#   name: subnet-layout
#   level: error
#   needs:
#     - /virtualNetworks/*/addressPrefixes
#     - /subnets/*/addressPrefixes
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.subnet_layout

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.ip

# A subnet prefix not inside its VNet's (fully known) address space. The VNet's space
# is listed once per VNet (vnet_space, a function OPA keeps by its argument), and one
# built-in call tells whether any of it holds the prefix. Only the prefixes of
# outside_candidates are checked.
deny contains finding if {
	some [si, pi] in outside_candidates
	s := input.subnets[si]
	addr.vnet_space_known(s.vnet)
	cidr := s.addressPrefixes[pi]
	addr.valid_cidr(cidr)
	count(net.cidr_contains_matches(vnet_space_cidrs(s.vnet), cidr)) == 0
	space := vnet_space(s.vnet)
	finding := {
		"msg": sprintf(
			"address prefix %s of subnet %q is not inside the address space of its VNet %q (%s); a subnet must lie inside its VNet: %s",
			[cidr, s.key, s.vnet, concat(", ", sort([p.cidr | some p in space])), outside_fix(cidr, space)],
		),
		"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [si, pi]),
		"related": [{"pointer": p.pointer, "msg": sprintf("VNet %q has address space %s", [s.vnet, p.cidr])} | some p in space],
	}
}

outside_fix(cidr, space) := sprintf("choose a prefix inside %s, or add %s to the VNet's address space", [concat(", ", same), cidr]) if {
	same := sort([p.cidr | some p in space; addr.family(p.cidr) == addr.family(cidr)])
	count(same) > 0
}

outside_fix(cidr, space) := sprintf("the VNet has no %s address space: add one that contains %s", [addr.family(cidr), cidr]) if {
	count([p | some p in space; addr.family(p.cidr) == addr.family(cidr)]) == 0
}

vnet_space(v) := [p | some p in addr.vnet_prefixes(v)]

# outside_candidates are [subnet index, prefix index] of the prefixes that may lie
# outside their VNet: the engine's input.derived.outsideVNet lists those no prefix of
# the VNet holds, found in Go (docs/policies.md), so a network whose subnets all lie in
# their VNets is not visited prefix by prefix; without it, every prefix. The facts
# list canonical prefixes only; one written otherwise may still be valid (an IPv6
# prefix in capitals), so those of noncanonicalSubnetPrefixes are candidates of every
# check here.
outside_candidates contains ref if {
	some ref in input.derived.outsideVNet
}

outside_candidates contains ref if {
	some ref in input.derived.noncanonicalSubnetPrefixes
}

outside_candidates contains ref if {
	not input.derived.outsideVNet
	some ref in every_prefix
}

# every_prefix is [subnet index, prefix index] of every subnet prefix.
every_prefix contains [si, pi] if {
	some si, s in input.subnets
	some pi, _ in s.addressPrefixes
}

# vnet_space_cidrs are the valid CIDRs of the VNet key v's space (so
# net.cidr_contains_matches never meets one it cannot parse).
vnet_space_cidrs(v) := [p.cidr | some p in vnet_space(v)]

# Two subnets of one VNet that overlap, reported on the later one.
deny contains finding if {
	some [i, ai, j, bj] in overlap_candidates
	a := input.subnets[i]
	b := input.subnets[j]
	a.key != b.key
	ac := a.addressPrefixes[ai]
	addr.valid_cidr(ac)
	bc := b.addressPrefixes[bj]
	addr.valid_cidr(bc)
	net.cidr_intersects(ac, bc)
	finding := {
		"msg": sprintf(
			"address prefix %s of subnet %q overlaps subnet %q (%s) of the same VNet %q; subnets of one VNet must not overlap%s",
			[bc, b.key, a.key, ac, a.vnet, move_hint(bc, ac)],
		),
		"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [j, bj]),
		"related": [{"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [i, ai]), "msg": sprintf("subnet %q has prefix %s", [a.key, ac])}],
	}
}

# overlap_candidates are [i, ai, j, bj]: prefix ai of subnet i and prefix bj of a later
# subnet j of the same VNet, which may overlap. The engine's input.derived.vnetOverlaps
# lists the pairs that do, found by a sort and sweep (docs/policies.md); without it, or
# when it is not complete, every pair of the VNet's subnets is a candidate.
overlap_candidates contains [o.a[0], o.a[1], o.b[0], o.b[1]] if {
	input.derived.overlapsComplete == true
	some o in input.derived.vnetOverlaps
}

overlap_candidates contains [i, ai, j, bj] if {
	not input.derived.overlapsComplete
	some i, a in input.subnets
	vnet := a.vnet

	# Only subnets of the same VNet can overlap; grouping them by VNet (OPA indexes
	# this comprehension on vnet) keeps the pairs to compare per VNet, not overall.
	same_vnet := [j | some j, t in input.subnets; t.vnet == vnet]
	some j in same_vnet
	i < j
	some ai, _ in a.addressPrefixes
	some bj, _ in input.subnets[j].addressPrefixes
}

# move_hint suggests the first block of b's size after the end of a (IPv4 only).
move_hint(b, a) := sprintf(": the first /%d after %s is %s/%d", [ip.prefix_len(b), a, ip.int_to_ipv4(next), ip.prefix_len(b)]) if {
	addr.ipv4_cidr(b)
	addr.ipv4_cidr(a)
	size := ip.ipv4_size(b)
	end := ip.ipv4_network(a) + ip.ipv4_size(a)
	next := ceil(end / size) * size
	next + size <= 4294967296
}

move_hint(b, _) := "" if not addr.ipv4_cidr(b)

move_hint(_, a) := "" if not addr.ipv4_cidr(a)

move_hint(b, a) := "" if {
	addr.ipv4_cidr(b)
	addr.ipv4_cidr(a)
	(ceil((ip.ipv4_network(a) + ip.ipv4_size(a)) / ip.ipv4_size(b)) * ip.ipv4_size(b)) + ip.ipv4_size(b) > 4294967296
}

# An IPv4 subnet smaller than /29. The prefix length is matched as written first: every
# candidate passes here, and a valid IPv4 CIDR writes its length without a leading
# zero, so only /30, /31 and /32 are longer than /29.
deny contains finding if {
	some [si, pi] in size_candidates
	s := input.subnets[si]
	cidr := s.addressPrefixes[pi]
	strings.any_suffix_match(cidr, {"/30", "/31", "/32"})
	addr.ipv4_cidr(cidr)
	n := ip.prefix_len(cidr)
	finding := {
		"msg": sprintf(
			"address prefix %s of subnet %q is a /%d (%d addresses), smaller than Azure's smallest IPv4 subnet, a /29 (8 addresses, 3 usable after the 5 Azure reserves): use %s or larger",
			[cidr, s.key, n, ip.ipv4_size(cidr), addr.network(sprintf("%s/29", [split(cidr, "/")[0]]))],
		),
		"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [si, pi]),
	}
}

# size_candidates are the prefixes the /29 and /64 rules check: with the engine's
# input.derived.subnetSizeCandidates, the IPv4 ones longer than /29 and the IPv6 ones
# of another length than /64, so a document whose subnets have allowed sizes evaluates
# neither; without it, every prefix. Those of noncanonicalSubnetPrefixes are candidates
# too (the facts list canonical prefixes only).
size_candidates contains ref if {
	some ref in input.derived.subnetSizeCandidates
}

size_candidates contains ref if {
	not input.derived.subnetSizeCandidates
	some ref in every_prefix
}

size_candidates contains ref if {
	some ref in input.derived.noncanonicalSubnetPrefixes
}

# An IPv6 subnet that is not a /64.
deny contains finding if {
	some [si, pi] in size_candidates
	s := input.subnets[si]
	cidr := s.addressPrefixes[pi]
	contains(cidr, ":") # an IPv4 prefix is passed over without a call
	addr.ipv6_cidr(cidr)
	n := ip.prefix_len(cidr)
	n != 64
	finding := {
		"msg": sprintf(
			"IPv6 address prefix %s of subnet %q is a /%d; Azure requires IPv6 subnets to be exactly /64: use %s",
			[cidr, s.key, n, addr.network(sprintf("%s/64", [split(cidr, "/")[0]]))],
		),
		"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [si, pi]),
	}
}
