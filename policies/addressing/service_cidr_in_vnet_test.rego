package aksnet.rules.service_cidr_in_vnet_test

import data.aksnet.rules.service_cidr_in_vnet as rule
import data.aksnet.test.findings

doc(service, vnet, nodes) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{
		"key": "aks", "name": "aks", "model": "overlay",
		"networkProfile": {"serviceCidrs": service, "dnsServiceIP": "10.0.0.10"},
		"nodePools": [{"name": "system", "vnetSubnet": "vnet/nodes"}],
	}],
	"virtualNetworks": [{"key": "vnet", "addressPrefixes": vnet}],
	"subnets": [{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": nodes, "declared": true}],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

test_service_cidr_in_vnet_space if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "10.0.0.0/8", "\"vnet\""]}]) with input as doc(["10.0.0.0/16"], ["10.0.0.0/8"], ["10.240.0.0/16"])
	some f in rule.deny with input as doc(["10.0.0.0/16"], ["10.0.0.0/8"], ["10.240.0.0/16"])
	f.pointer == "/clusters/0/networkProfile/serviceCidrs/0"
	f.related[0].pointer == "/virtualNetworks/0/addressPrefixes/0"
	contains(f.msg, "service CIDR 10.0.0.0/16 of cluster \"aks\" overlaps the address space 10.0.0.0/8 of its VNet \"vnet\"")
}

test_service_cidr_outside_vnet if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], ["10.240.0.0/16"], ["10.240.0.0/22"])
}

test_subnet_overlap_is_left_to_aksnet102 if {
	count(rule.deny) == 0 with input as doc(["10.240.0.0/16"], ["10.240.0.0/12"], ["10.240.0.0/22"])
}

test_boundary_adjacent_to_vnet if {
	count(rule.deny) == 0 with input as doc(["10.1.0.0/16"], ["10.0.0.0/16"], ["10.0.0.0/22"])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.255.255/32", "\"aks\"", "10.0.0.0/16", "\"vnet\""]}]) with input as doc(["10.0.255.255/32"], ["10.0.0.0/16"], ["10.0.0.0/22"])
	count(rule.deny) == 1 with input as doc(["10.0.255.255/32"], ["10.0.0.0/16"], ["10.0.0.0/22"])
}

test_service_cidr_wider_than_vnet if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/12"], ["10.8.0.0/16"], ["10.8.0.0/22"])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/12", "\"aks\"", "10.8.0.0/16", "\"vnet\""]}]) with input as doc(["10.0.0.0/12"], ["10.8.0.0/16", "10.100.0.0/16"], ["10.100.0.0/22"])
	some f in rule.deny with input as doc(["10.0.0.0/12"], ["10.8.0.0/16", "10.100.0.0/16"], ["10.100.0.0/22"])
	f.related[0].pointer == "/virtualNetworks/0/addressPrefixes/0"
}

test_unknown_subnet_prefix_is_silent if {
	d := json.remove(doc(["10.0.0.0/16"], ["10.0.0.0/8"], []), ["subnets/0/addressPrefixes"])
	count(rule.deny) == 0 with input as d
}

test_unknown_vnet_space_is_silent if {
	d := json.remove(doc(["10.0.0.0/16"], [], ["10.240.0.0/16"]), ["virtualNetworks/0/addressPrefixes"])
	count(rule.deny) == 0 with input as d
}

test_invalid_values_are_silent if {
	count(rule.deny) == 0 with input as doc(["10.0.0.1/16"], ["10.0.0.0/8"], ["10.240.0.0/16"])
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], ["10.0.0.0/8"], ["10.240.0.1/16"])
}

test_default_is_named if {
	d := json.patch(doc(["10.0.0.0/16"], ["10.0.0.0/8"], ["10.240.0.0/16"]), [{"op": "add", "path": "/defaulted/-", "value": "/clusters/0/networkProfile/serviceCidrs"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "10.0.0.0/8", "\"vnet\""]}]) with input as d
	some f in rule.deny with input as d
	contains(f.msg, "10.0.0.0/16 (default)")
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/networkProfile/serviceCidrs",
		"/clusters/0/nodePools/0/vnetSubnet",
		"/subnets/0/addressPrefixes",
		"/subnets/0/vnet",
		"/virtualNetworks/0/addressPrefixes",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc(["10.0.0.0/16"], ["10.0.0.0/8"], ["10.240.0.0/16"]), p)
	}
}

# The engine adds input.derived.clusterRangeOverlaps (docs/policies.md): for each
# cluster range, the subnet and VNet prefixes that share an address with it. The rule
# compares the range with the listed VNet prefixes only, each as without the facts.
with_overlaps(d, overlaps) := object.union(d, {"derived": {"clusterRangeOverlaps": overlaps}})

test_derived_overlaps if {
	d := doc(["10.0.0.0/16"], ["10.0.0.0/8", "10.240.0.0/16"], ["10.240.0.0/22"])
	want := [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "10.0.0.0/8", "\"vnet\""]}]
	findings.exact(rule.deny, want) with input as d
	findings.exact(rule.deny, want) with input as with_overlaps(d, {"10.0.0.0/16": {"subnets": [], "vnets": [[0, 0]]}})

	# Only the listed prefixes are compared, and each is still compared.
	count(rule.deny) == 0 with input as with_overlaps(d, {"10.0.0.0/16": {"subnets": [], "vnets": []}})
	count(rule.deny) == 0 with input as with_overlaps(d, {"10.0.0.0/16": {"subnets": [], "vnets": [[0, 1]]}})
}

# The engine adds input.derived (docs/policies.md): clusterRangeCandidates lists the
# cluster CIDRs that may share an address with a subnet or VNet prefix; the rule checks
# only those.
with_range_facts(d, refs) := object.union(d, {"derived": {"clusterRangeCandidates": {"serviceCidrs": refs, "podCidrs": []}}})

test_derived_range_candidates_find_what_the_rule_finds_without if {
	d := doc(["10.0.0.0/16"], ["10.0.0.0/8"], ["10.240.0.0/16"])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "10.0.0.0/8", "\"vnet\""]}]) with input as d
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["10.0.0.0/16", "\"aks\"", "10.0.0.0/8", "\"vnet\""]}]) with input as with_range_facts(d, [[0, 0]])
}

test_derived_range_candidates_bound_what_is_visited if {
	# A CIDR the facts do not list is not checked, whatever it meets.
	count(rule.deny) == 0 with input as with_range_facts(doc(["10.0.0.0/16"], ["10.0.0.0/8"], ["10.240.0.0/16"]), [])
}

test_derived_range_candidates_are_still_checked if {
	# A listed CIDR that meets nothing gives nothing: the facts say where to look, the
	# rule decides.
	count(rule.deny) == 0 with input as with_range_facts(doc(["10.0.0.0/16"], ["10.1.0.0/16"], ["10.1.0.0/22"]), [[0, 0]])
}
