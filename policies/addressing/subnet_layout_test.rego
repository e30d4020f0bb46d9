package aksnet.rules.subnet_layout_test

import data.aksnet.rules.subnet_layout as rule
import data.aksnet.test.findings

doc(vnet, subnets) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [],
	"virtualNetworks": [{"key": "vnet", "addressPrefixes": vnet}],
	"subnets": [{"key": sprintf("vnet/s%d", [i]), "vnet": "vnet", "name": sprintf("s%d", [i]), "addressPrefixes": p, "declared": true} | some i, p in subnets],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

test_good_layout if {
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16", "fd00:db8::/48"], [["10.240.0.0/22"], ["10.240.4.0/24", "fd00:db8::/64"], ["10.240.5.0/29"]])
}

test_outside_vnet if {
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["10.241.0.0/24", "\"vnet/s0\"", "\"vnet\"", "10.240.0.0/16"]}]) with input as doc(["10.240.0.0/16"], [["10.241.0.0/24"]])
	some f in rule.deny with input as doc(["10.240.0.0/16"], [["10.241.0.0/24"]])
	f.pointer == "/subnets/0/addressPrefixes/0"
	f.related[0].pointer == "/virtualNetworks/0/addressPrefixes/0"
	f.msg == "address prefix 10.241.0.0/24 of subnet \"vnet/s0\" is not inside the address space of its VNet \"vnet\" (10.240.0.0/16); a subnet must lie inside its VNet: choose a prefix inside 10.240.0.0/16, or add 10.241.0.0/24 to the VNet's address space"
}

test_boundary_partly_outside_and_exact_fit if {
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["10.240.0.0/15", "\"vnet/s0\"", "\"vnet\"", "10.240.0.0/16"]}]) with input as doc(["10.240.0.0/16"], [["10.240.0.0/15"]])
	count(rule.deny) == 1 with input as doc(["10.240.0.0/16"], [["10.240.0.0/15"]])
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16"], [["10.240.0.0/16"]])
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16"], [["10.240.255.248/29"]])
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["10.241.0.0/29", "\"vnet/s0\"", "\"vnet\"", "10.240.0.0/16"]}]) with input as doc(["10.240.0.0/16"], [["10.241.0.0/29"]])
	count(rule.deny) == 1 with input as doc(["10.240.0.0/16"], [["10.241.0.0/29"]])
}

test_second_vnet_prefix_counts if {
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16", "10.241.0.0/16"], [["10.241.0.0/24"]])
}

test_wrong_family_is_outside if {
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/1", "msg": ["fd00:db8::/64", "\"vnet/s0\"", "\"vnet\"", "10.240.0.0/16"]}]) with input as doc(["10.240.0.0/16"], [["10.240.0.0/24", "fd00:db8::/64"]])
	some f in rule.deny with input as doc(["10.240.0.0/16"], [["10.240.0.0/24", "fd00:db8::/64"]])
	f.pointer == "/subnets/0/addressPrefixes/1"
	contains(f.msg, "the VNet has no IPv6 address space: add one that contains fd00:db8::/64")
}

test_fix_names_the_same_family_only if {
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["10.241.0.0/24", "\"vnet/s0\"", "\"vnet\"", "10.240.0.0/16"]}]) with input as doc(["10.240.0.0/16", "fd00:db8::/48"], [["10.241.0.0/24"]])
	some f in rule.deny with input as doc(["10.240.0.0/16", "fd00:db8::/48"], [["10.241.0.0/24"]])
	contains(f.msg, "(10.240.0.0/16, fd00:db8::/48)")
	contains(f.msg, "choose a prefix inside 10.240.0.0/16, or add 10.241.0.0/24")
}

test_overlapping_subnets if {
	fs := rule.deny with input as doc(["10.240.0.0/16"], [["10.240.0.0/22"], ["10.240.2.0/24"]])
	findings.exact(fs, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["10.240.2.0/24", "\"vnet/s1\"", "\"vnet/s0\"", "10.240.0.0/22"]}])
	count(fs) == 1
	some f in fs
	f.pointer == "/subnets/1/addressPrefixes/0"
	f.related[0].pointer == "/subnets/0/addressPrefixes/0"
	f.msg == "address prefix 10.240.2.0/24 of subnet \"vnet/s1\" overlaps subnet \"vnet/s0\" (10.240.0.0/22) of the same VNet \"vnet\"; subnets of one VNet must not overlap: the first /24 after 10.240.0.0/22 is 10.240.4.0/24"
}

test_boundary_adjacent_subnets if {
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16"], [["10.240.0.0/22"], ["10.240.4.0/22"]])
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["10.240.3.248/29", "\"vnet/s1\"", "\"vnet/s0\"", "10.240.0.0/22"]}]) with input as doc(["10.240.0.0/16"], [["10.240.0.0/22"], ["10.240.3.248/29"]])
	count(rule.deny) == 1 with input as doc(["10.240.0.0/16"], [["10.240.0.0/22"], ["10.240.3.248/29"]])
}

test_subnets_of_different_vnets_may_overlap if {
	d := json.patch(doc(["10.240.0.0/16"], [["10.240.0.0/24"], ["10.240.0.0/24"]]), [{"op": "replace", "path": "/subnets/1/vnet", "value": "other"}])
	count(rule.deny) == 0 with input as d
}

test_too_small_ipv4 if {
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["10.240.8.4/30", "\"vnet/s0\"", "/30", "4"]}]) with input as doc(["10.240.0.0/16"], [["10.240.8.4/30"]])
	some f in rule.deny with input as doc(["10.240.0.0/16"], [["10.240.8.4/30"]])
	f.msg == "address prefix 10.240.8.4/30 of subnet \"vnet/s0\" is a /30 (4 addresses), smaller than Azure's smallest IPv4 subnet, a /29 (8 addresses, 3 usable after the 5 Azure reserves): use 10.240.8.0/29 or larger"
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16"], [["10.240.8.0/29"]])
}

test_too_small_ipv4_every_length if {
	findings.exact(rule.deny, [
		{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["10.240.8.4/31", "/31 (2 addresses)"]},
		{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["10.240.8.9/32", "/32 (1 addresses)"]},
	]) with input as doc(["10.240.0.0/16"], [["10.240.8.4/31"], ["10.240.8.9/32"]])
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16"], [["10.240.0.0/24"], ["10.240.8.0/28"], ["10.240.9.0/29"]])
}

test_ipv6_not_64 if {
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["fd00:db8::/56", "\"vnet/s0\"", "/56", "/64"]}]) with input as doc(["10.240.0.0/16", "fd00:db8::/48"], [["fd00:db8::/56"]])
	some f in rule.deny with input as doc(["10.240.0.0/16", "fd00:db8::/48"], [["fd00:db8::/56"]])
	contains(f.msg, "is a /56; Azure requires IPv6 subnets to be exactly /64: use fd00:db8::/64")
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["fd00:db8::/80", "\"vnet/s0\"", "/80", "/64"]}]) with input as doc(["10.240.0.0/16", "fd00:db8::/48"], [["fd00:db8::/80"]])
	count(rule.deny) == 1 with input as doc(["10.240.0.0/16", "fd00:db8::/48"], [["fd00:db8::/80"]])
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16", "fd00:db8::/48"], [["fd00:db8::/64"]])
}

test_unknown_and_invalid_are_silent if {
	count(rule.deny) == 0 with input as doc([], [["10.241.0.0/24"]])
	count(rule.deny) == 0 with input as doc(["10.241.0.1/16"], [["10.240.0.0/24"]])
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16"], [["10.240.0.1/30"], ["10.240.0.1/24"]])
	d := json.patch(doc(["10.240.0.0/16"], [["10.241.0.0/24"]]), [{"op": "replace", "path": "/virtualNetworks", "value": []}])
	count(rule.deny) == 0 with input as d
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/subnets/0/addressPrefixes",
		"/subnets/0/vnet",
		"/virtualNetworks/0/addressPrefixes",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc(["10.240.0.0/16"], [["10.241.0.0/24"]]), p)
	}
}

# The engine adds input.derived (docs/policies.md): outsideVNet lists the prefixes no
# prefix of their VNet holds, subnetSizeCandidates those of a size Azure does not allow.
# The rule checks only the prefixes they list, and checks each as without them.
with_facts(d, facts) := object.union(d, {"derived": facts})

mixed := doc(["10.240.0.0/16", "fd00:db8::/48"], [["10.241.0.0/24"], ["10.240.8.4/30", "fd00:db8::/56"], ["10.240.9.0/24", "fd00:db8:0:100::/64"]])

# The facts the engine derives from mixed.
mixed_facts := {
	"outsideVNet": [[0, 0]],
	"subnetSizeCandidates": [[1, 0], [1, 1]],
}

mixed_findings := [
	{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["10.241.0.0/24", "not inside the address space"]},
	{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["10.240.8.4/30", "is a /30"]},
	{"pointer": "/subnets/1/addressPrefixes/1", "msg": ["fd00:db8::/56", "is a /56"]},
]

test_derived_facts_find_what_the_rule_finds_without if {
	findings.exact(rule.deny, mixed_findings) with input as mixed
	findings.exact(rule.deny, mixed_findings) with input as with_facts(mixed, mixed_facts)
}

test_derived_facts_bound_what_is_visited if {
	# Empty facts: no prefix is a candidate, so none is checked.
	count(rule.deny) == 0 with input as with_facts(mixed, {"outsideVNet": [], "subnetSizeCandidates": []})

	# A prefix the facts leave out is not visited, whichever check would report it.
	findings.exact(rule.deny, [mixed_findings[1]]) with input as with_facts(mixed, {"outsideVNet": [], "subnetSizeCandidates": [[1, 0]]})
}

test_derived_candidates_are_still_checked if {
	# Listing a prefix that lies inside its VNet, or at a length it does not have,
	# gives no finding: the facts say where to look, the rule decides.
	facts := {"outsideVNet": [[2, 0], [2, 1]], "subnetSizeCandidates": [[2, 0], [2, 1]]}
	count(rule.deny) == 0 with input as with_facts(mixed, facts)
}

test_derived_noncanonical_prefixes_are_candidates if {
	# An IPv6 prefix in capitals is valid but not written canonically: the engine
	# leaves it out of outsideVNet and prefixLengths and lists it as not canonical.
	d := doc(["10.240.0.0/16", "fd00:db8::/48"], [["10.240.0.0/24", "FD00:DB8::/56"], ["FD01::/64"]])
	want := [
		{"pointer": "/subnets/0/addressPrefixes/1", "msg": ["FD00:DB8::/56", "is a /56"]},
		{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["FD01::/64", "not inside the address space"]},
	]
	findings.exact(rule.deny, want) with input as d
	facts := {"outsideVNet": [], "subnetSizeCandidates": [], "noncanonicalSubnetPrefixes": [[0, 1], [1, 0]]}
	findings.exact(rule.deny, want) with input as with_facts(d, facts)
}
