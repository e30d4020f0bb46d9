package aksnet.rules.dual_stack_consistency_test

import data.aksnet.rules.dual_stack_consistency as rule
import data.aksnet.test.findings

doc(np) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "model": "overlay", "networkProfile": np, "nodePools": []}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

dual := ["IPv4", "IPv6"]

test_consistent_dual_stack if {
	count(rule.deny) == 0 with input as doc({"ipFamilies": dual, "podCidrs": ["10.244.0.0/16", "fd00:244::/64"], "serviceCidrs": ["10.0.0.0/16", "fd00:10::/108"]})
	count(rule.deny) == 0 with input as doc({"ipFamilies": ["ipv4", "ipv6"], "serviceCidrs": ["10.0.0.0/16", "fd00:10::/108"]})
	count(rule.deny) == 0 with input as doc({"ipFamilies": dual}) # RP defaults per family
}

test_consistent_single_stack if {
	count(rule.deny) == 0 with input as doc({"ipFamilies": ["IPv4"], "podCidrs": ["10.244.0.0/16"], "serviceCidrs": ["10.0.0.0/16"]})
	count(rule.deny) == 0 with input as doc({"podCidrs": ["10.244.0.0/16"], "serviceCidrs": ["10.0.0.0/16"]})
}

test_count_mismatch if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs", "msg": ["\"aks\"", "10.0.0.0/16", "2"]}]) with input as doc({"ipFamilies": dual, "serviceCidrs": ["10.0.0.0/16"]})
	some f in rule.deny with input as doc({"ipFamilies": dual, "serviceCidrs": ["10.0.0.0/16"]})
	f.pointer == "/clusters/0/networkProfile/serviceCidrs"
	f.related[0].pointer == "/clusters/0/networkProfile/ipFamilies"
	f.msg == "service CIDRs of cluster \"aks\" are [10.0.0.0/16 (IPv4)], 1 CIDR, but ipFamilies is [IPv4, IPv6], 2 families; give exactly one CIDR per family, in the order of ipFamilies"
}

test_single_stack_with_two_cidrs if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/podCidrs", "msg": ["\"aks\"", "10.244.0.0/16", "fd00:244::/64", "2"]}]) with input as doc({"ipFamilies": ["IPv4"], "podCidrs": ["10.244.0.0/16", "fd00:244::/64"]})
	some f in rule.deny with input as doc({"ipFamilies": ["IPv4"], "podCidrs": ["10.244.0.0/16", "fd00:244::/64"]})
	f.pointer == "/clusters/0/networkProfile/podCidrs"
	contains(f.msg, "2 CIDRs, but ipFamilies is [IPv4], 1 family")
}

test_wrong_order if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/podCidrs", "msg": ["\"aks\"", "fd00:244::/64", "10.244.0.0/16"]}]) with input as doc({"ipFamilies": dual, "podCidrs": ["fd00:244::/64", "10.244.0.0/16"]})
	some f in rule.deny with input as doc({"ipFamilies": dual, "podCidrs": ["fd00:244::/64", "10.244.0.0/16"]})
	f.pointer == "/clusters/0/networkProfile/podCidrs"
	f.msg == "pod CIDRs of cluster \"aks\" are [fd00:244::/64 (IPv6), 10.244.0.0/16 (IPv4)] but ipFamilies is [IPv4, IPv6]; list one CIDR per family in the order of ipFamilies: [10.244.0.0/16, fd00:244::/64]"
}

test_wrong_family if {
	fs := rule.deny with input as doc({"ipFamilies": dual, "serviceCidrs": ["10.0.0.0/16", "10.1.0.0/16"]})
	findings.exact(fs, [{"pointer": "/clusters/0/networkProfile/serviceCidrs", "msg": ["\"aks\"", "10.0.0.0/16", "10.1.0.0/16"]}])
	count(fs) == 1
	some f in fs
	contains(f.msg, "in the order of ipFamilies")
	not contains(f.msg, "in the order of ipFamilies:")
}

test_ipv6_only if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/ipFamilies", "msg": ["\"aks\""]}]) with input as doc({"ipFamilies": ["IPv6"], "serviceCidrs": ["fd00:10::/108"]})
	some f in rule.deny with input as doc({"ipFamilies": ["IPv6"], "serviceCidrs": ["fd00:10::/108"]})
	f.pointer == "/clusters/0/networkProfile/ipFamilies"
	contains(f.msg, "AKS does not support IPv6-only clusters")
}

test_unset_families_ipv6_only_cidr if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs", "msg": ["\"aks\"", "fd00:10::/108"]}]) with input as doc({"serviceCidrs": ["fd00:10::/108"]})
	some f in rule.deny with input as doc({"serviceCidrs": ["fd00:10::/108"]})
	contains(f.msg, "ipFamilies is not set")
}

test_unset_families_two_of_a_kind_or_three if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/serviceCidrs", "msg": ["\"aks\"", "10.0.0.0/16", "10.1.0.0/16"]}]) with input as doc({"serviceCidrs": ["10.0.0.0/16", "10.1.0.0/16"]})
	some f in rule.deny with input as doc({"serviceCidrs": ["10.0.0.0/16", "10.1.0.0/16"]})
	contains(f.msg, "not two IPv4 ones")
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/podCidrs", "msg": ["\"aks\"", "10.244.0.0/16", "fd00:244::/64", "fd01::/64"]}]) with input as doc({"podCidrs": ["10.244.0.0/16", "fd00:244::/64", "fd01::/64"]})
	count(rule.deny) == 1 with input as doc({"podCidrs": ["10.244.0.0/16", "fd00:244::/64", "fd01::/64"]})
}

test_unset_families_ambiguous_pair_is_silent if {
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["10.0.0.0/16", "fd00:10::/108"]})
	count(rule.deny) == 0 with input as doc({"serviceCidrs": ["fd00:10::/108", "10.0.0.0/16"]})
}

test_existing_cluster_without_families_is_silent if {
	d := json.patch(doc({"serviceCidrs": ["fd00:10::/108"]}), [{"op": "add", "path": "/clusters/0/existing", "value": true}])
	count(rule.deny) == 0 with input as d
}

test_pod_cidrs_ignored_outside_kubenet_and_overlay if {
	d := json.patch(doc({"ipFamilies": dual, "podCidrs": ["10.244.0.0/16"]}), [{"op": "replace", "path": "/clusters/0/model", "value": "nodesubnet"}])
	count(rule.deny) == 0 with input as d
}

test_unknown_family_and_invalid_cidrs_are_silent if {
	count(rule.deny) == 0 with input as doc({"ipFamilies": ["IPv4", "IPv5"], "serviceCidrs": ["10.0.0.0/16"]})
	count(rule.deny) == 0 with input as doc({"ipFamilies": dual, "serviceCidrs": ["10.0.0.1/16"]})
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/networkProfile/ipFamilies",
		"/clusters/0/networkProfile/serviceCidrs",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc({"ipFamilies": dual, "serviceCidrs": ["10.0.0.0/16"]}), p)
	}
}

# The engine adds input.derived (docs/policies.md): dualStackCandidates lists the
# clusters whose IP family settings may be inconsistent; the rules check only those.
with_facts(d, candidates) := object.union(d, {"derived": {"dualStackCandidates": candidates}})

count_mismatch := {"pointer": "/clusters/0/networkProfile/serviceCidrs", "msg": ["\"aks\"", "10.0.0.0/16", "2"]}

ipv6_only := {"pointer": "/clusters/0/networkProfile/ipFamilies", "msg": ["\"aks\""]}

unset_ipv6 := {"pointer": "/clusters/0/networkProfile/serviceCidrs", "msg": ["\"aks\"", "fd00:10::/108", "ipFamilies is not set"]}

test_derived_facts_find_what_the_rule_finds_without if {
	mismatch := doc({"ipFamilies": dual, "serviceCidrs": ["10.0.0.0/16"]})
	findings.exact(rule.deny, [count_mismatch]) with input as mismatch
	findings.exact(rule.deny, [count_mismatch]) with input as with_facts(mismatch, [0])
	v6 := doc({"ipFamilies": ["IPv6"], "serviceCidrs": ["fd00:10::/108"]})
	findings.exact(rule.deny, [ipv6_only]) with input as v6
	findings.exact(rule.deny, [ipv6_only]) with input as with_facts(v6, [0])
	unset := doc({"serviceCidrs": ["fd00:10::/108"]})
	findings.exact(rule.deny, [unset_ipv6]) with input as unset
	findings.exact(rule.deny, [unset_ipv6]) with input as with_facts(unset, [0])
}

test_derived_facts_bound_what_is_visited if {
	# A cluster the facts do not list is not checked, whatever it holds.
	count(rule.deny) == 0 with input as with_facts(doc({"ipFamilies": ["IPv6"], "serviceCidrs": ["fd00:10::/108"]}), [])
	count(rule.deny) == 0 with input as with_facts(doc({"serviceCidrs": ["10.0.0.0/16", "10.1.0.0/16"]}), [])
}

test_derived_candidates_are_still_checked if {
	# A listed cluster whose settings agree gives nothing: the facts say where to look,
	# the rule decides.
	count(rule.deny) == 0 with input as with_facts(doc({"ipFamilies": dual, "serviceCidrs": ["10.0.0.0/16", "fd00:10::/108"]}), [0])
	count(rule.deny) == 0 with input as with_facts(doc({"serviceCidrs": ["10.0.0.0/16", "fd00:10::/108"]}), [0])
	count(rule.deny) == 0 with input as with_facts(doc({"serviceCidrs": ["10.0.0.0/16"]}), [0])
}
