package aksnet.rules.max_pods_range_test

import data.aksnet.rules.max_pods_range as rule
import data.aksnet.test.findings

doc(pool) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": {}, "nodePools": [pool]}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_too_low if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["9", "\"system\"", "\"aks\"", "10"]}]) with input as doc({"maxPods": 9, "name": "system"})
	some f in rule.deny with input as doc({"name": "system", "maxPods": 9})
	f.pointer == "/clusters/0/nodePools/0/maxPods"
	contains(f.msg, "maxPods 9")
}

test_too_high if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["251", "\"system\"", "\"aks\"", "10"]}]) with input as doc({"maxPods": 251, "name": "system"})
	count(rule.deny) == 1 with input as doc({"name": "system", "maxPods": 251})
}

test_boundaries_accepted if {
	count(rule.deny) == 0 with input as doc({"name": "system", "maxPods": 10})
	count(rule.deny) == 0 with input as doc({"name": "system", "maxPods": 250})
}

test_unset_is_silent if {
	count(rule.deny) == 0 with input as doc({"name": "system"})
}

test_defaulted_is_not_explicit if {
	d := json.patch(doc({"name": "system", "maxPods": 5}), [{"op": "add", "path": "/defaulted/-", "value": "/clusters/0/nodePools/0/maxPods"}])
	count(rule.deny) == 0 with input as d
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/nodePools/0/maxPods",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc({"maxPods": 9, "name": "system"}), p)
	}
}
