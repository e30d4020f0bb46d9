package aksnet.rules.vnet_forbidden_range_test

import data.aksnet.rules.vnet_forbidden_range as rule
import data.aksnet.test.findings

doc(vnet, nodes, other) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": {}, "nodePools": [{"name": "system", "vnetSubnet": "vnet/nodes"}]}],
	"virtualNetworks": [{"key": "vnet", "addressPrefixes": vnet}],
	"subnets": [
		{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": nodes, "declared": true},
		{"key": "lab/x", "vnet": "lab", "name": "x", "addressPrefixes": other, "declared": true},
	],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

test_multicast_vnet if {
	fs := rule.deny with input as doc(["224.0.0.0/16"], ["224.0.0.0/24"], [])
	findings.exact(fs, [{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": ["224.0.0.0/16", "\"vnet\"", "224.0.0.0/4"]}])
	count(fs) == 1
	some f in fs
	f.pointer == "/virtualNetworks/0/addressPrefixes/0"
	f.msg == "address prefix 224.0.0.0/16 of VNet \"vnet\" overlaps 224.0.0.0/4 (multicast), which Azure does not allow in a virtual network: choose an address space outside it"
}

test_platform_address if {
	findings.exact(rule.deny, [{"pointer": "/virtualNetworks/0/addressPrefixes/1", "msg": ["168.63.128.0/20", "\"vnet\"", "168.63.129.16/32"]}]) with input as doc(["10.0.0.0/16", "168.63.128.0/20"], ["10.0.0.0/24"], [])
	some f in rule.deny with input as doc(["10.0.0.0/16", "168.63.128.0/20"], ["10.0.0.0/24"], [])
	f.pointer == "/virtualNetworks/0/addressPrefixes/1"
	contains(f.msg, "168.63.129.16/32 (the Azure platform address for DNS, DHCP and health probes)")
}

test_subnet_of_undeclared_vnet if {
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["127.0.0.0/29", "\"lab/x\"", "127.0.0.0/8"]}]) with input as doc(["10.0.0.0/16"], ["10.0.0.0/24"], ["127.0.0.0/29"])
	some f in rule.deny with input as doc(["10.0.0.0/16"], ["10.0.0.0/24"], ["127.0.0.0/29"])
	f.pointer == "/subnets/1/addressPrefixes/0"
	contains(f.msg, "address prefix 127.0.0.0/29 of subnet \"lab/x\" overlaps 127.0.0.0/8 (loopback)")
}

test_private_ranges_pass if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], ["10.0.0.0/24"], ["192.168.1.0/24"])
}

test_boundaries if {
	count(rule.deny) == 0 with input as doc(["223.255.255.0/24", "128.0.0.0/8", "168.63.129.17/32", "168.63.129.15/32"], [], [])
	findings.exact(rule.deny, [{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": ["168.63.129.16/32", "\"vnet\""]}]) with input as doc(["168.63.129.16/32"], [], [])
	count(rule.deny) == 1 with input as doc(["168.63.129.16/32"], [], [])
	findings.exact(rule.deny, [{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": ["255.255.255.255/32", "\"vnet\""]}]) with input as doc(["255.255.255.255/32"], [], [])
	count(rule.deny) == 1 with input as doc(["255.255.255.255/32"], [], [])
	findings.exact(rule.deny, [{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": ["240.0.0.0/4", "\"vnet\"", "255.255.255.255/32"]}]) with input as doc(["240.0.0.0/4"], [], [])
	some f in rule.deny with input as doc(["240.0.0.0/4"], [], [])
	contains(f.msg, "overlaps 255.255.255.255/32 (broadcast), which")
}

test_link_local_of_cluster_vnet_is_aksnet101s if {
	count(rule.deny) == 0 with input as doc(["169.254.0.0/16"], ["169.254.0.0/24"], [])
}

test_link_local_of_node_subnet_is_aksnet101s if {
	d := json.patch(doc([], ["169.254.1.0/24"], []), [{"op": "replace", "path": "/virtualNetworks", "value": []}])
	count(rule.deny) == 0 with input as d
}

test_link_local_elsewhere if {
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["169.254.10.0/24", "\"lab/x\"", "169.254.0.0/16"]}]) with input as doc(["10.0.0.0/16"], ["10.0.0.0/24"], ["169.254.10.0/24"])
	some f in rule.deny with input as doc(["10.0.0.0/16"], ["10.0.0.0/24"], ["169.254.10.0/24"])
	f.pointer == "/subnets/1/addressPrefixes/0"
	contains(f.msg, "169.254.0.0/16 (link-local)")
}

test_wide_range_names_all_overlaps_once if {
	fs := rule.deny with input as doc(["128.0.0.0/1"], [], [])
	findings.exact(fs, [{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": ["128.0.0.0/1", "\"vnet\"", "168.63.129.16/32", "224.0.0.0/4"]}])
	count(fs) == 1
	some f in fs
	contains(f.msg, "168.63.129.16/32")
	contains(f.msg, "224.0.0.0/4")
	contains(f.msg, "255.255.255.255/32")
	not contains(f.msg, "169.254.0.0/16") # the cluster VNet's link-local overlap is AKSNET101's
	not contains(f.msg, "127.0.0.0/8")
}

test_unknown_and_invalid_are_silent if {
	count(rule.deny) == 0 with input as doc([], [], [])
	count(rule.deny) == 0 with input as doc(["224.0.0.1/16"], ["127.0.0/24"], [])
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/virtualNetworks/0/addressPrefixes",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc(["10.0.0.0/16", "168.63.128.0/20"], ["10.0.0.0/24"], []), p)
	}
}

# The engine lists every canonical CIDR in input.derived.ranges (docs/policies.md), which
# addr.valid_cidr looks up: without forbiddenCandidates every prefix is still checked.
with_ranges(d, ranges) := object.union(d, {"derived": {"ranges": ranges}})

listed := {
	"10.0.0.0/16": {"family": "IPv4", "first": "10.0.0.0", "last": "10.0.255.255"},
	"10.0.0.0/24": {"family": "IPv4", "first": "10.0.0.0", "last": "10.0.0.255"},
	"168.63.128.0/20": {"family": "IPv4", "first": "168.63.128.0", "last": "168.63.143.255"},
	"168.63.129.17/32": {"family": "IPv4", "first": "168.63.129.17", "last": "168.63.129.17"},
	"127.0.0.0/29": {"family": "IPv4", "first": "127.0.0.0", "last": "127.0.0.7"},
	"fd00::/64": {"family": "IPv6", "first": "fd00::", "last": "fd00::ffff:ffff:ffff:ffff"},
}

test_derived_ranges_found_each_way if {
	# The VNet prefix holds a forbidden range; the subnet prefix lies in one.
	d := with_ranges(doc(["10.0.0.0/16", "168.63.128.0/20"], ["10.0.0.0/24"], ["127.0.0.0/29"]), listed)
	findings.exact(rule.deny, [
		{"pointer": "/virtualNetworks/0/addressPrefixes/1", "msg": ["168.63.128.0/20", "168.63.129.16/32"]},
		{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["127.0.0.0/29", "\"lab/x\"", "127.0.0.0/8"]},
	]) with input as d
}

test_derived_ranges_clear if {
	d := with_ranges(doc(["10.0.0.0/16", "168.63.129.17/32"], ["10.0.0.0/24"], ["fd00::/64"]), listed)
	count(rule.deny) == 0 with input as d
}

test_unlisted_prefix_is_checked_itself if {
	# 224.0.0.0/24 is not in the facts (as a value not written canonically would not be).
	d := with_ranges(doc(["10.0.0.0/16"], ["10.0.0.0/24"], ["224.0.0.0/24"]), listed)
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["224.0.0.0/24", "224.0.0.0/4"]}]) with input as d
}

# The engine adds input.derived (docs/policies.md): forbiddenCandidates lists the VNet
# and subnet prefixes that may overlap a forbidden range, and the rule visits only those.
with_facts(d, candidates) := object.union(d, {"derived": {"ranges": listed, "forbiddenCandidates": candidates}})

no_candidates := {"vnets": [], "subnets": []}

# A VNet prefix holding the platform address, a subnet of another VNet in the loopback
# range, and clean prefixes.
faulty := doc(["10.0.0.0/16", "168.63.128.0/20"], ["10.0.0.0/24"], ["127.0.0.0/29"])

# The candidates the engine computes for faulty: the prefixes that meet a forbidden range.
faulty_candidates := {"vnets": [[0, 1]], "subnets": [[1, 0]]}

faulty_findings := [
	{"pointer": "/virtualNetworks/0/addressPrefixes/1", "msg": ["168.63.128.0/20", "\"vnet\"", "168.63.129.16/32"]},
	{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["127.0.0.0/29", "\"lab/x\"", "127.0.0.0/8"]},
]

test_derived_facts_find_what_the_rule_finds_without if {
	findings.exact(rule.deny, faulty_findings) with input as faulty
	findings.exact(rule.deny, faulty_findings) with input as with_ranges(faulty, listed)
	findings.exact(rule.deny, faulty_findings) with input as with_facts(faulty, faulty_candidates)
}

test_derived_facts_bound_what_is_visited if {
	# Prefixes the facts do not list are not visited, whatever they hold.
	count(rule.deny) == 0 with input as with_facts(faulty, no_candidates)
	findings.exact(rule.deny, [faulty_findings[0]]) with input as with_facts(faulty, object.union(no_candidates, {"vnets": [[0, 1]]}))
	findings.exact(rule.deny, [faulty_findings[1]]) with input as with_facts(faulty, object.union(no_candidates, {"subnets": [[1, 0]]}))
}

test_derived_candidates_are_still_checked if {
	# A candidate is checked as every prefix is without the facts: clean prefixes, a
	# link-local range of the cluster's VNet (AKSNET101's), a subnet range its VNet's
	# finding already names, and values that are no valid CIDR give nothing.
	every_place := {"vnets": [[0, 0], [0, 1]], "subnets": [[0, 0], [1, 0]]}
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16", "10.1.0.0/16"], ["10.0.0.0/24"], ["192.168.1.0/24"]), every_place)
	count(rule.deny) == 0 with input as with_facts(doc(["169.254.0.0/16", "10.1.0.0/16"], ["169.254.0.0/24"], ["10.2.0.0/24"]), every_place)
	in_vnet := doc(["224.0.0.0/16", "10.1.0.0/16"], ["224.0.0.0/24"], ["10.2.0.0/24"])
	want := [{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": ["224.0.0.0/16", "224.0.0.0/4"]}]
	findings.exact(rule.deny, want) with input as in_vnet
	findings.exact(rule.deny, want) with input as with_facts(in_vnet, every_place)
	invalid := doc(["224.0.0.1/16", "10.1.0.0/16"], ["127.0.0/24"], ["::ffff:127.0.0.0/104"])
	count(rule.deny) == 0 with input as invalid
	count(rule.deny) == 0 with input as with_facts(invalid, every_place)

	# A prefix not written canonically is listed by the engine and checked here: one that
	# is valid for the rule (an IPv6 prefix in capitals) meets no forbidden range.
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16", "FD00::/48"], [], []), {"vnets": [[0, 1]], "subnets": []})
}
