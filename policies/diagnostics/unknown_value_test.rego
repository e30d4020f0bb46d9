package aksnet.rules.unknown_value_test

import data.aksnet.rules.unknown_value as rule
import data.aksnet.test.findings

doc(np, pool) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": np, "nodePools": [pool]}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_unknown_plugin if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/networkPlugin", "msg": ["\"Azure2\"", "\"aks\""]}]) with input as doc({"networkPlugin": "Azure2"}, {"name": "system"})
	some f in rule.deny with input as doc({"networkPlugin": "Azure2"}, {"name": "system"})
	f.pointer == "/clusters/0/networkProfile/networkPlugin"
	f.msg == "networkPlugin \"Azure2\" of cluster \"aks\" is not a value AKS documents (azure, kubenet, none); rules that depend on it were skipped"
}

test_unknown_os_type if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/osType", "msg": ["\"Solaris\"", "\"system\"", "\"aks\""]}]) with input as doc({}, {"name": "system", "osType": "Solaris"})
	some f in rule.deny with input as doc({}, {"name": "system", "osType": "Solaris"})
	f.pointer == "/clusters/0/nodePools/0/osType"
	contains(f.msg, "node pool \"system\" in cluster \"aks\"")
}

test_unknown_ip_family if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/networkProfile/ipFamilies/1", "msg": ["\"IPv5\"", "\"aks\""]}]) with input as doc({"ipFamilies": ["IPv4", "IPv5"]}, {"name": "system"})
	some f in rule.deny with input as doc({"ipFamilies": ["IPv4", "IPv5"]}, {"name": "system"})
	f.pointer == "/clusters/0/networkProfile/ipFamilies/1"
}

test_documented_values_any_case_are_fine if {
	np := {
		"networkPlugin": "Azure", "networkPluginMode": "Overlay", "networkPolicy": "CILIUM",
		"networkDataplane": "cilium", "outboundType": "userdefinedrouting", "loadBalancerSku": "Standard",
		"networkMode": "transparent", "ipFamilies": ["ipv4", "IPv6"],
	}
	pool := {"name": "system", "osType": "windows", "type": "virtualMachineScaleSets", "mode": "gateway", "podIPAllocationMode": "staticblock", "osSKU": "SomeNewSKU"}
	count(rule.deny) == 0 with input as doc(np, pool)
}

test_managed_nat_gateway_v2_is_documented if {
	count(rule.deny) == 0 with input as doc({"outboundType": "managedNATGatewayV2"}, {"name": "system"})
}

test_block_and_none_outbound_are_documented if {
	count(rule.deny) == 0 with input as doc({"outboundType": "block"}, {"name": "system"})
	count(rule.deny) == 0 with input as doc({"outboundType": "none"}, {"name": "system"})
}

test_several_unknowns if {
	findings.exact(rule.deny, [
		{"pointer": "/clusters/0/networkProfile/loadBalancerSku", "msg": ["\"premium\"", "\"aks\""]},
		{"pointer": "/clusters/0/networkProfile/networkPolicy", "msg": ["\"weave\"", "\"aks\""]},
		{"pointer": "/clusters/0/nodePools/0/mode", "msg": ["\"Worker\"", "\"system\"", "\"aks\""]},
	]) with input as doc({"loadBalancerSku": "premium", "networkPolicy": "weave"}, {"mode": "Worker", "name": "system"})
	count(rule.deny) == 3 with input as doc({"networkPolicy": "weave", "loadBalancerSku": "premium"}, {"name": "system", "mode": "Worker"})
}

test_unset_values_are_silent if {
	count(rule.deny) == 0 with input as doc({}, {})
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/networkProfile/networkPlugin",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc({"networkPlugin": "Azure2"}, {"name": "system"}), p)
	}
}

# The engine adds input.derived (docs/policies.md): unknownValueCandidates lists the
# clusters with a value that may be undocumented; the rules check only those.
with_facts(d, candidates) := object.union(d, {"derived": {"unknownValueCandidates": candidates}})

unknown_plugin := {"pointer": "/clusters/0/networkProfile/networkPlugin", "msg": ["\"Azure2\"", "\"aks\""]}

unknown_family := {"pointer": "/clusters/0/networkProfile/ipFamilies/0", "msg": ["\"IPv5\"", "\"aks\""]}

unknown_os := {"pointer": "/clusters/0/nodePools/0/osType", "msg": ["\"Solaris\"", "\"system\"", "\"aks\""]}

test_derived_facts_find_what_the_rule_finds_without if {
	plugin := doc({"networkPlugin": "Azure2"}, {"name": "system"})
	findings.exact(rule.deny, [unknown_plugin]) with input as plugin
	findings.exact(rule.deny, [unknown_plugin]) with input as with_facts(plugin, [0])
	family := doc({"ipFamilies": ["IPv5"]}, {"name": "system"})
	findings.exact(rule.deny, [unknown_family]) with input as family
	findings.exact(rule.deny, [unknown_family]) with input as with_facts(family, [0])
	os := doc({}, {"name": "system", "osType": "Solaris"})
	findings.exact(rule.deny, [unknown_os]) with input as os
	findings.exact(rule.deny, [unknown_os]) with input as with_facts(os, [0])
}

test_derived_facts_bound_what_is_visited if {
	# A cluster the facts do not list is not checked, whatever it holds.
	count(rule.deny) == 0 with input as with_facts(doc({"networkPlugin": "Azure2"}, {"name": "system"}), [])
	count(rule.deny) == 0 with input as with_facts(doc({}, {"name": "system", "osType": "Solaris"}), [])
}

test_derived_candidates_are_still_checked if {
	# A listed cluster whose values are documented in another case gives nothing: the
	# facts say where to look, the rule decides.
	count(rule.deny) == 0 with input as with_facts(doc({"networkPlugin": "Azure", "ipFamilies": ["ipv4"]}, {"name": "system", "osType": "linux"}), [0])
}
