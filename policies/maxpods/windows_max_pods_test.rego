package aksnet.rules.windows_max_pods_test

import data.aksnet.rules.windows_max_pods as rule
import data.aksnet.test.findings

doc(pool) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "model": "overlay", "networkProfile": {}, "nodePools": [pool]}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

test_windows_above_110 if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["\"win\"", "\"aks\"", "111", "110"]}]) with input as doc({"maxPods": 111, "name": "win", "osType": "Windows"})
	some f in rule.deny with input as doc({"name": "win", "osType": "Windows", "maxPods": 111})
	f.pointer == "/clusters/0/nodePools/0/maxPods"
	f.related[0].pointer == "/clusters/0/nodePools/0/osType"
	f.msg == `Windows pool "win" of cluster "aks" has maxPods 111, above the 110 AKS recommends for Windows Server nodes; set maxPods to 110 or less`
}

test_110_is_fine if {
	count(rule.deny) == 0 with input as doc({"name": "win", "osType": "Windows", "maxPods": 110})
}

test_effective_default_counts if {
	d := json.patch(doc({"name": "win", "osType": "windows", "maxPods": 250}), [{"op": "add", "path": "/defaulted/-", "value": "/clusters/0/nodePools/0/maxPods"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["\"win\"", "\"aks\"", "250", "110"]}]) with input as d
	some f in rule.deny with input as d
	contains(f.msg, "has maxPods 250 (default)")
}

test_linux_is_silent if {
	count(rule.deny) == 0 with input as doc({"name": "np", "osType": "Linux", "maxPods": 250})
}

test_unknown_is_silent if {
	count(rule.deny) == 0 with input as doc({"name": "win", "maxPods": 250})
	count(rule.deny) == 0 with input as doc({"name": "win", "osType": "Windows"})
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/nodePools/0/maxPods",
		"/clusters/0/nodePools/0/osType",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc({"maxPods": 111, "name": "win", "osType": "Windows"}), p)
	}
}
