package aksnet.rules.reserved_range_test

import data.aksnet.rules.reserved_range as rule
import data.aksnet.test.findings

doc(np, vnet_prefixes, node_prefixes) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{
		"key": "aks", "name": "aks", "model": "overlay", "networkProfile": np,
		"nodePools": [{"name": "system", "vnetSubnet": "vnet/nodes"}],
	}],
	"virtualNetworks": [{"key": "vnet", "addressPrefixes": vnet_prefixes}],
	"subnets": [
		{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": node_prefixes, "declared": true},
		{"key": "vnet/other", "vnet": "vnet", "name": "other", "addressPrefixes": ["10.9.0.0/24"], "declared": true},
	],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

ok_vnet := ["10.0.0.0/8"]

ok_nodes := ["10.240.0.0/22"]

test_service_cidr_reserved if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["172.30.0.0/16", "\"aks\"", "169.254.0.0/16", "172.31.0.0/16"]}]) with input as doc({"serviceCidrs": ["172.30.0.0/16"]}, ok_vnet, ok_nodes)
	some f in rule.deny with input as doc({"serviceCidrs": ["172.30.0.0/16"]}, ok_vnet, ok_nodes)
	f.pointer == "/clusters/0/networkProfile/serviceCidrs/0"
	contains(f.msg, "service CIDR 172.30.0.0/16 of cluster \"aks\" overlaps 172.30.0.0/16, reserved by AKS")
}

test_pod_cidr_reserved_in_overlay if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/podCidrs/0", "msg": ["169.254.0.0/16", "\"aks\"", "172.30.0.0/16", "172.31.0.0/16"]}]) with input as doc({"podCidrs": ["169.254.0.0/16"]}, ok_vnet, ok_nodes)
	some f in rule.deny with input as doc({"podCidrs": ["169.254.0.0/16"]}, ok_vnet, ok_nodes)
	f.pointer == "/clusters/0/networkProfile/podCidrs/0"
	contains(f.msg, "pod CIDR 169.254.0.0/16")
}

test_pod_cidr_ignored_outside_kubenet_and_overlay if {
	d := json.patch(doc({"podCidrs": ["169.254.0.0/16"]}, ok_vnet, ok_nodes), [{"op": "replace", "path": "/clusters/0/model", "value": "nodesubnet"}])
	count(rule.deny) == 0 with input as d
}

test_clean_ranges if {
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["10.0.0.0/16"], "podCidrs": ["10.244.0.0/16"]}, ok_vnet, ok_nodes)
}

test_boundary_adjacent_ranges if {
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["172.29.255.0/24"], "podCidrs": ["172.32.0.0/16"]}, ok_vnet, ok_nodes)
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["192.0.3.0/24"], "podCidrs": ["192.0.1.0/24"]}, ok_vnet, ok_nodes)
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["169.253.0.0/16"], "podCidrs": ["169.255.0.0/16"]}, ok_vnet, ok_nodes)
}

test_boundary_one_address_inside if {
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["172.29.255.255/32"]}, ok_vnet, ok_nodes)
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["172.30.0.0/32", "\"aks\"", "172.30.0.0/16", "169.254.0.0/16"]}]) with input as doc({"serviceCidrs": ["172.30.0.0/32"]}, ok_vnet, ok_nodes)
	count(rule.deny) == 1 with input as doc({"serviceCidrs": ["172.30.0.0/32"]}, ok_vnet, ok_nodes)
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["192.0.2.255/32", "\"aks\"", "192.0.2.0/24", "169.254.0.0/16"]}]) with input as doc({"serviceCidrs": ["192.0.2.255/32"]}, ok_vnet, ok_nodes)
	count(rule.deny) == 1 with input as doc({"serviceCidrs": ["192.0.2.255/32"]}, ok_vnet, ok_nodes)
}

test_wide_range_names_every_reserved_range_once if {
	fs := rule.deny with input as doc({"serviceCidrs": ["172.28.0.0/14"]}, ok_vnet, ok_nodes)
	findings.exact(fs, [{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": ["172.28.0.0/14", "\"aks\"", "172.30.0.0/16", "172.31.0.0/16"]}])
	count(fs) == 1
	some f in fs
	contains(f.msg, "overlaps 172.30.0.0/16 and 172.31.0.0/16")
}

test_vnet_reported_not_its_subnets if {
	fs := rule.deny with input as doc({"serviceCidrs": ["10.0.0.0/16"]}, ["172.31.0.0/16"], ["172.31.0.0/22"])
	findings.exact(fs, [{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": ["172.31.0.0/16", "\"vnet\"", "169.254.0.0/16", "172.30.0.0/16"]}])
	count(fs) == 1
	some f in fs
	f.pointer == "/virtualNetworks/0/addressPrefixes/0"
	contains(f.msg, "address space 172.31.0.0/16 of VNet \"vnet\"")
}

test_subnet_of_undeclared_vnet if {
	d := json.patch(doc({}, ok_vnet, ["169.254.1.0/24"]), [{"op": "replace", "path": "/virtualNetworks", "value": []}])
	findings.exact(rule.deny, [{"pointer": "/subnets/0/addressPrefixes/0", "msg": ["\"vnet/nodes\"", "169.254.1.0/24", "169.254.0.0/16", "172.30.0.0/16"]}]) with input as d
	some f in rule.deny with input as d
	f.pointer == "/subnets/0/addressPrefixes/0"
	contains(f.msg, "subnet \"vnet/nodes\" (169.254.1.0/24)")
}

test_subnet_not_used_by_aks_is_left_to_other_rules if {
	d := json.patch(doc({}, ["10.0.0.0/8", "172.30.0.0/16"], ok_nodes), [
		{"op": "replace", "path": "/subnets/1/addressPrefixes", "value": ["172.30.0.0/24"]},
		{"op": "replace", "path": "/virtualNetworks", "value": []},
	])
	count(rule.deny) == 0 with input as d
}

test_shared_vnet_reported_once if {
	d := json.patch(doc({}, ["172.31.0.0/16"], ["172.31.0.0/22"]), [{"op": "add", "path": "/clusters/-", "value": {
		"key": "aks2", "name": "aks2", "networkProfile": {},
		"nodePools": [{"name": "system", "vnetSubnet": "vnet/nodes"}],
	}}])
	findings.exact(rule.deny, [{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": ["172.31.0.0/16", "\"vnet\"", "169.254.0.0/16", "172.30.0.0/16"]}]) with input as d
	count(rule.deny) == 1 with input as d
}

test_ipv6_is_silent if {
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["fd00::/108"], "podCidrs": ["fd00:10::/64"]}, ["fd00:db8::/48"], ["fd00:db8::/64"])
}

test_unknown_and_invalid_values_are_silent if {
	count(rule.deny) == 0 with input as doc({}, [], [])
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["172.30.0.1/16"], "podCidrs": ["172.31.0/16"]}, ["169.254.0.0/33"], ["192.0.2.1/24"])
}

test_default_is_named if {
	d := json.patch(doc({"podCidrs": ["172.30.0.0/16"]}, ok_vnet, ok_nodes), [{"op": "add", "path": "/defaulted/-", "value": "/clusters/0/networkProfile/podCidrs"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/podCidrs/0", "msg": ["172.30.0.0/16", "\"aks\"", "169.254.0.0/16", "172.31.0.0/16"]}]) with input as d
	some f in rule.deny with input as d
	contains(f.msg, "172.30.0.0/16 (default)")
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/networkProfile/serviceCidrs",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc({"serviceCidrs": ["172.30.0.0/16"]}, ok_vnet, ok_nodes), p)
	}
}

# The engine adds input.derived (docs/policies.md): reservedCandidates lists the values
# that may overlap a reserved range, and the rule visits only those.
with_facts(d, candidates) := object.union(d, {"derived": {"reservedCandidates": candidates}})

no_candidates := {"podCidrs": [], "serviceCidrs": [], "vnets": [], "subnets": []}

# A service CIDR, a pod CIDR, the VNet and a node subnet that overlap reserved ranges
# (the subnet one the VNet does not hold), and a clean subnet.
faulty := json.patch(doc({"serviceCidrs": ["172.30.0.0/16"], "podCidrs": ["192.0.2.0/24"]}, ["169.254.0.0/16", "10.0.0.0/8"], ["172.31.0.0/24"]), [{"op": "replace", "path": "/subnets/1/addressPrefixes", "value": ["172.31.1.0/24"]}])

# The candidates the engine computes for faulty: every value that meets a reserved range.
faulty_candidates := {"podCidrs": [[0, 0]], "serviceCidrs": [[0, 0]], "vnets": [[0, 0]], "subnets": [[0, 0], [1, 0]]}

faulty_findings := [
	{"pointer": "/clusters/0/networkProfile/serviceCidrs/0", "msg": "service CIDR 172.30.0.0/16"},
	{"pointer": "/clusters/0/networkProfile/podCidrs/0", "msg": "pod CIDR 192.0.2.0/24"},
	{"pointer": "/virtualNetworks/0/addressPrefixes/0", "msg": "address space 169.254.0.0/16"},
	{"pointer": "/subnets/0/addressPrefixes/0", "msg": "subnet \"vnet/nodes\" (172.31.0.0/24)"},
]

test_derived_facts_find_what_the_rule_finds_without if {
	findings.exact(rule.deny, faulty_findings) with input as faulty
	findings.exact(rule.deny, faulty_findings) with input as with_facts(faulty, faulty_candidates)
}

test_derived_facts_bound_what_is_visited if {
	# Values the facts do not list are not visited, whatever they hold.
	count(rule.deny) == 0 with input as with_facts(faulty, no_candidates)
	only_vnet := object.union(no_candidates, {"vnets": [[0, 0]]})
	findings.exact(rule.deny, [faulty_findings[2]]) with input as with_facts(faulty, only_vnet)
	only_pod := object.union(no_candidates, {"podCidrs": [[0, 0]]})
	findings.exact(rule.deny, [faulty_findings[1]]) with input as with_facts(faulty, only_pod)
}

test_derived_candidates_are_still_checked if {
	# A candidate is checked as every value is without the facts: a clean one, one of a
	# subnet AKS does not use, a pod CIDR its network model ignores, a subnet range its
	# VNet's finding already names, and a value that is no valid CIDR give nothing.
	every_place := {"podCidrs": [[0, 0]], "serviceCidrs": [[0, 0]], "vnets": [[0, 0], [0, 1]], "subnets": [[0, 0], [1, 0]]}
	clean := doc({"serviceCidrs": ["10.0.0.0/16"], "podCidrs": ["10.244.0.0/16"]}, ["10.0.0.0/8", "192.168.0.0/16"], ["10.240.0.0/22"])
	count(rule.deny) == 0 with input as with_facts(clean, every_place)
	nodesubnet := json.patch(faulty, [{"op": "replace", "path": "/clusters/0/model", "value": "nodesubnet"}])
	findings.exact(rule.deny, [faulty_findings[0], faulty_findings[2], faulty_findings[3]]) with input as with_facts(nodesubnet, every_place)
	in_vnet := json.patch(faulty, [{"op": "replace", "path": "/subnets/0/addressPrefixes/0", "value": "169.254.1.0/24"}])
	findings.exact(rule.deny, [faulty_findings[0], faulty_findings[1], faulty_findings[2]]) with input as with_facts(in_vnet, every_place)
	invalid := json.patch(faulty, [{"op": "replace", "path": "/clusters/0/networkProfile/serviceCidrs/0", "value": "172.30.0.1/16"}])
	findings.exact(rule.deny, [faulty_findings[1], faulty_findings[2], faulty_findings[3]]) with input as with_facts(invalid, every_place)
}
