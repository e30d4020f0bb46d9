package aksnet.rules.service_cidr_overlaps_subnet_test

import data.aksnet.rules.service_cidr_overlaps_subnet as rule
import data.aksnet.test.findings

doc(service, prefixes) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{
		"key": "aks", "name": "aks",
		"networkProfile": {"serviceCidrs": service, "dnsServiceIP": "10.0.0.10"},
		"nodePools": [{"name": "system", "vnetSubnet": "vnet/nodes"}],
	}],
	"virtualNetworks": [{"key": "vnet", "addressPrefixes": ["10.0.0.0/8"]}],
	"subnets": [
		{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": prefixes, "declared": true},
		{"key": "vnet/other", "vnet": "vnet", "name": "other", "addressPrefixes": ["10.9.0.0/24"], "declared": true},
	],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

test_service_cidr_contains_subnet if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "\"vnet/nodes\"", "10.0.1.0/24"]}]) with input as doc(["10.0.0.0/16"], ["10.0.1.0/24"])
	some f in rule.deny with input as doc(["10.0.0.0/16"], ["10.0.1.0/24"])
	f.pointer == "/clusters/0/networkProfile/serviceCidrs/0"
	f.related[0].pointer == "/subnets/0/addressPrefixes/0"
	f.related[0].msg == "subnet \"vnet/nodes\" has prefix 10.0.1.0/24"
	contains(f.msg, "10.0.0.0/16")
	contains(f.msg, "10.0.1.0/24")
}

test_subnet_contains_service_cidr if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.240.1.0/24", "\"aks\"", "\"vnet/nodes\"", "10.240.0.0/16"]}]) with input as doc(["10.240.1.0/24"], ["10.240.0.0/16"])
	count(rule.deny) == 1 with input as doc(["10.240.1.0/24"], ["10.240.0.0/16"])
}

test_other_subnet_of_same_vnet if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.9.0.0/16", "\"aks\"", "\"vnet/other\"", "10.9.0.0/24"]}]) with input as doc(["10.9.0.0/16"], ["10.240.0.0/16"])
	some f in rule.deny with input as doc(["10.9.0.0/16"], ["10.240.0.0/16"])
	f.related[0].pointer == "/subnets/1/addressPrefixes/0"
}

test_adjacent_ranges_do_not_overlap if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], ["10.1.0.0/16"])
}

test_boundary_last_address_overlaps if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "\"vnet/nodes\"", "10.0.255.248/29"]}]) with input as doc(["10.0.0.0/16"], ["10.0.255.248/29"])
	count(rule.deny) == 1 with input as doc(["10.0.0.0/16"], ["10.0.255.248/29"])
}

test_subnet_without_prefixes_is_silent if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], [])
}

test_unknown_service_cidr_is_silent if {
	d := json.remove(doc([], ["10.0.0.0/24"]), ["clusters/0/networkProfile/serviceCidrs"])
	count(rule.deny) == 0 with input as d
}

test_subnet_of_other_vnet_is_silent if {
	d := json.patch(doc(["10.0.0.0/16"], ["10.10.0.0/24"]), [{"op": "replace", "path": "/subnets/1/vnet", "value": "hub"}])
	count(rule.deny) == 0 with input as json.patch(d, [{"op": "replace", "path": "/subnets/1/addressPrefixes", "value": ["10.0.0.0/24"]}])
}

test_default_is_named if {
	d := json.patch(doc(["10.0.0.0/16"], ["10.0.0.0/22"]), [{"op": "add", "path": "/defaulted/-", "value": "/clusters/0/networkProfile/serviceCidrs"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "\"vnet/nodes\"", "10.0.0.0/22"]}]) with input as d
	some f in rule.deny with input as d
	contains(f.msg, "10.0.0.0/16 (default)")
}

test_malformed_values_left_to_invalid_address if {
	count(rule.deny) == 0 with input as doc(["10.0.0.1/16"], ["10.0.1.0/24"])
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], ["10.0.1.1/24"])
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/networkProfile/serviceCidrs",
		"/clusters/0/nodePools/0/vnetSubnet",
		"/subnets/0/addressPrefixes",
		"/subnets/0/vnet",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc(["10.0.0.0/16"], ["10.0.1.0/24"]), p)
	}
}

# The engine adds input.derived.clusterRangeOverlaps (docs/policies.md): for each
# cluster range, the subnet and VNet prefixes that share an address with it. The rule
# compares the range with those only, each as without the facts.
with_overlaps(d, overlaps) := object.union(d, {"derived": {"clusterRangeOverlaps": overlaps}})

test_derived_overlaps if {
	# What the engine derives: nodes' prefix and the VNet's space meet the range.
	d := with_overlaps(doc(["10.0.0.0/16"], ["10.0.1.0/24"]), {"10.0.0.0/16": {"subnets": [[0, 0]], "vnets": [[0, 0]]}})
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"vnet/nodes\"", "10.0.1.0/24"]}]) with input as d

	# Only the listed prefixes are compared, and each is still compared.
	count(rule.deny) == 0 with input as with_overlaps(doc(["10.0.0.0/16"], ["10.0.1.0/24"]), {"10.0.0.0/16": {"subnets": [], "vnets": []}})
	count(rule.deny) == 0 with input as with_overlaps(doc(["10.0.0.0/16"], ["10.0.1.0/24"]), {"10.0.0.0/16": {"subnets": [[1, 0]], "vnets": []}})
}

test_derived_noncanonical_prefixes_are_compared if {
	# An IPv6 subnet prefix in capitals is valid but not written canonically: the
	# engine leaves it out of clusterRangeOverlaps and lists it as not canonical.
	d := object.union(doc(["fd00:10::/108"], ["FD00:10::/64"]), {"derived": {
		"clusterRangeOverlaps": {"fd00:10::/108": {"subnets": [], "vnets": []}},
		"noncanonicalSubnetPrefixes": [[0, 0]],
	}})
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["fd00:10::/108", "\"vnet/nodes\"", "FD00:10::/64"]}]) with input as d
}

# The engine adds input.derived (docs/policies.md): clusterRangeCandidates lists the
# cluster CIDRs that may share an address with a subnet or VNet prefix; the rule checks
# only those.
with_range_facts(d, refs) := object.union(d, {"derived": {"clusterRangeCandidates": {"serviceCidrs": refs, "podCidrs": []}}})

test_derived_range_candidates_find_what_the_rule_finds_without if {
	d := doc(["10.0.0.0/16"], ["10.0.1.0/24"])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "\"vnet/nodes\"", "10.0.1.0/24"]}]) with input as d
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "\"vnet/nodes\"", "10.0.1.0/24"]}]) with input as with_range_facts(d, [[0, 0]])
}

test_derived_range_candidates_bound_what_is_visited if {
	# A CIDR the facts do not list is not checked, whatever it meets.
	count(rule.deny) == 0 with input as with_range_facts(doc(["10.0.0.0/16"], ["10.0.1.0/24"]), [])
}

test_derived_range_candidates_are_still_checked if {
	# A listed CIDR that meets nothing gives nothing: the facts say where to look, the
	# rule decides.
	count(rule.deny) == 0 with input as with_range_facts(doc(["10.0.0.0/16"], ["10.1.0.0/24"]), [[0, 0]])
}
