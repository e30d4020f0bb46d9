package aksnet.rules.dns_ip_convention_test

import data.aksnet.rules.dns_ip_convention as rule
import data.aksnet.test.findings

doc(service, dns) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": {"serviceCidrs": service, "dnsServiceIP": dns}, "nodePools": []}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_not_tenth if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.53", "\"aks\"", "10.0.0.0/16", "10.0.0.10"]}]) with input as doc(["10.0.0.0/16"], "10.0.0.53")
	some f in rule.deny with input as doc(["10.0.0.0/16"], "10.0.0.53")
	f.pointer == "/clusters/0/networkProfile/dnsServiceIP"
	f.msg == "dnsServiceIP 10.0.0.53 of cluster \"aks\" is not the tenth address of the service CIDR 10.0.0.0/16; by convention it is 10.0.0.10 (base + 10)"
}

test_tenth if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.0.10")
	count(rule.deny) == 0 with input as doc(["172.20.64.0/18"], "172.20.64.10")
}

test_boundary_one_off if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.9", "\"aks\"", "10.0.0.0/16", "10.0.0.10"]}]) with input as doc(["10.0.0.0/16"], "10.0.0.9")
	count(rule.deny) == 1 with input as doc(["10.0.0.0/16"], "10.0.0.9")
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.11", "\"aks\"", "10.0.0.0/16", "10.0.0.10"]}]) with input as doc(["10.0.0.0/16"], "10.0.0.11")
	count(rule.deny) == 1 with input as doc(["10.0.0.0/16"], "10.0.0.11")
}

test_reserved_addresses_are_left_to_aksnet109 if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.0.1")
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.0.0")
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.255.255")
}

test_service_cidr_too_small_for_convention if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/29"], "10.0.0.3")
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.3", "\"aks\"", "10.0.0.0/28", "10.0.0.10"]}]) with input as doc(["10.0.0.0/28"], "10.0.0.3")
	count(rule.deny) == 1 with input as doc(["10.0.0.0/28"], "10.0.0.3")
}

test_outside_is_left_to_aksnet108 if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.1.0.10")
}

test_unknown_and_invalid_are_silent if {
	count(rule.deny) == 0 with input as json.remove(doc(["10.0.0.0/16"], ""), ["clusters/0/networkProfile/dnsServiceIP"])
	count(rule.deny) == 0 with input as doc(["10.0.0.1/16"], "10.0.0.53")
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.0.530")
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/networkProfile/dnsServiceIP",
		"/clusters/0/networkProfile/serviceCidrs",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc(["10.0.0.0/16"], "10.0.0.53"), p)
	}
}

# The engine adds input.derived (docs/policies.md): dnsConventionCandidates lists the
# [cluster, service CIDR] pairs whose address may not be the tenth; the rule checks
# only those.
with_facts(d, candidates) := object.union(d, {"derived": {"dnsConventionCandidates": candidates}})

not_tenth := {"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.53", "\"aks\"", "10.0.0.0/16", "10.0.0.10"]}

test_derived_facts_find_what_the_rule_finds_without if {
	d := doc(["10.1.0.0/16", "10.0.0.0/16"], "10.0.0.53")
	findings.exact(rule.deny, [not_tenth]) with input as d
	findings.exact(rule.deny, [not_tenth]) with input as with_facts(d, [[0, 1]])
}

test_derived_facts_bound_what_is_visited if {
	# A pair the facts do not list is not checked, whatever it holds.
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16"], "10.0.0.53"), [])
	count(rule.deny) == 0 with input as with_facts(doc(["10.1.0.0/16", "10.0.0.0/16"], "10.0.0.53"), [[0, 0]])
}

test_derived_candidates_are_still_checked if {
	# A listed pair whose address is the tenth, reserved, outside the CIDR or not a
	# valid address gives nothing: the facts say where to look, the rule decides.
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16"], "10.0.0.10"), [[0, 0]])
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16"], "10.0.0.1"), [[0, 0]])
	count(rule.deny) == 0 with input as with_facts(doc(["10.1.0.0/16"], "10.0.0.53"), [[0, 0]])
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16"], "010.0.0.53"), [[0, 0]])
}
