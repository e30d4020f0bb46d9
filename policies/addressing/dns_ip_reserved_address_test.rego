package aksnet.rules.dns_ip_reserved_address_test

import data.aksnet.rules.dns_ip_reserved_address as rule
import data.aksnet.test.findings

doc(service, dns) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": {"serviceCidrs": service, "dnsServiceIP": dns}, "nodePools": []}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_first_host_address if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.1", "\"aks\"", "10.0.0.0/16", "10.0.0.10"]}]) with input as doc(["10.0.0.0/16"], "10.0.0.1")
	some f in rule.deny with input as doc(["10.0.0.0/16"], "10.0.0.1")
	f.pointer == "/clusters/0/networkProfile/dnsServiceIP"
	f.related[0].pointer == "/clusters/0/networkProfile/serviceCidrs"
	f.msg == "dnsServiceIP 10.0.0.1 of cluster \"aks\" is the first host address of the service CIDR 10.0.0.0/16, which Kubernetes gives to the kubernetes.default service (the API server); use another address inside it, such as 10.0.0.10 (the tenth address, by convention)"
	contains(f.msg, "kubernetes.default")
	contains(f.msg, "such as 10.0.0.10")
}

test_network_address if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["172.16.0.0", "\"aks\"", "172.16.0.0/16", "172.16.0.10"]}]) with input as doc(["172.16.0.0/16"], "172.16.0.0")
	some f in rule.deny with input as doc(["172.16.0.0/16"], "172.16.0.0")
	contains(f.msg, "is the network address of the service CIDR 172.16.0.0/16")
}

test_broadcast_address if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["172.16.255.255", "\"aks\"", "172.16.0.0/16", "172.16.0.10"]}]) with input as doc(["172.16.0.0/16"], "172.16.255.255")
	some f in rule.deny with input as doc(["172.16.0.0/16"], "172.16.255.255")
	contains(f.msg, "is the broadcast (last) address")
}

test_neighbours_pass if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.0.2")
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.0.10")
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.255.254")
}

test_small_service_cidr_suggests_an_address_inside if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.1", "\"aks\"", "10.0.0.0/29", "10.0.0.2"]}]) with input as doc(["10.0.0.0/29"], "10.0.0.1")
	some f in rule.deny with input as doc(["10.0.0.0/29"], "10.0.0.1")
	contains(f.msg, "such as 10.0.0.2")
}

test_outside_is_left_to_aksnet108 if {
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.1.0.1")
}

test_dual_stack_uses_the_ipv4_cidr if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.1", "\"aks\"", "10.0.0.0/16", "10.0.0.10"]}]) with input as doc(["10.0.0.0/16", "fd00:10::/108"], "10.0.0.1")
	count(rule.deny) == 1 with input as doc(["10.0.0.0/16", "fd00:10::/108"], "10.0.0.1")
}

test_unknown_and_invalid_are_silent if {
	count(rule.deny) == 0 with input as json.remove(doc(["10.0.0.0/16"], ""), ["clusters/0/networkProfile/dnsServiceIP"])
	count(rule.deny) == 0 with input as doc(["10.0.0.1/16"], "10.0.0.1")
	count(rule.deny) == 0 with input as doc(["10.0.0.0/16"], "10.0.0.01")
}

# The suggested address follows the size of the service CIDR: the tenth address from
# 16 addresses up, the third below (4 to 8 addresses), none in a /31.
test_fix_follows_the_service_cidr_size if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["broadcast", "10.0.0.0/30", "such as 10.0.0.2"]}]) with input as doc(["10.0.0.0/30"], "10.0.0.3")
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["first host", "10.0.0.0/29", "such as 10.0.0.2"]}]) with input as doc(["10.0.0.0/29"], "10.0.0.1")
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["network address", "10.0.0.16/28", "such as 10.0.0.26"]}]) with input as doc(["10.0.0.16/28"], "10.0.0.16")
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.0/31", "too small"]}]) with input as doc(["10.0.0.0/31"], "10.0.0.0")
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/networkProfile/dnsServiceIP",
		"/clusters/0/networkProfile/serviceCidrs",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc(["10.0.0.0/16"], "10.0.0.1"), p)
	}
}

# The engine adds input.derived (docs/policies.md): dnsReservedCandidates lists the
# [cluster, service CIDR] pairs whose address may be reserved; the rule checks only those.
with_facts(d, candidates) := object.union(d, {"derived": {"dnsReservedCandidates": candidates}})

first_host_finding := {"pointer": "/clusters/0/networkProfile/dnsServiceIP", "msg": ["10.0.0.1", "first host address", "10.0.0.0/16"]}

test_derived_facts_find_what_the_rule_finds_without if {
	d := doc(["10.1.0.0/16", "10.0.0.0/16"], "10.0.0.1")
	findings.exact(rule.deny, [first_host_finding]) with input as d
	findings.exact(rule.deny, [first_host_finding]) with input as with_facts(d, [[0, 1]])
}

test_derived_facts_bound_what_is_visited if {
	# A pair the facts do not list is not checked, whatever it holds.
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16"], "10.0.0.1"), [])
	count(rule.deny) == 0 with input as with_facts(doc(["10.1.0.0/16", "10.0.0.0/16"], "10.0.0.1"), [[0, 0]])
}

test_derived_candidates_are_still_checked if {
	# A listed pair whose address is clear, outside the CIDR, or not a valid address
	# gives nothing: the facts say where to look, the rule decides.
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16"], "10.0.0.10"), [[0, 0]])
	count(rule.deny) == 0 with input as with_facts(doc(["10.1.0.0/16"], "10.0.0.1"), [[0, 0]])
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.0/16"], "010.0.0.1"), [[0, 0]])
	count(rule.deny) == 0 with input as with_facts(doc(["10.0.0.1/16"], "10.0.0.1"), [[0, 0]])
}
