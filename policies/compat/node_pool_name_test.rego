package aksnet.rules.node_pool_name_test

import data.aksnet.rules.node_pool_name as rule
import data.aksnet.test.findings

doc(pools) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": {}, "nodePools": pools}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_uppercase if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/name", "msg": ["\"System\"", "\"aks\"", "capital letters (S)"]}]) with input as doc([{"name": "System", "osType": "Linux"}])
	some f in rule.deny with input as doc([{"name": "System", "osType": "Linux"}])
	f.pointer == "/clusters/0/nodePools/0/name"
	f.msg == "node pool name \"System\" in cluster \"aks\" is invalid: it has capital letters (S): AKS pool names are lower case"
}

# The message names the actual cause: capitals are not a length problem.
test_capital_letter_names_the_cause if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/name", "msg": ["\"Tools\"", "capital letters (T)"]}]) with input as doc([{"name": "Tools", "osType": "Linux"}])
	fs := rule.deny with input as doc([{"name": "Tools", "osType": "Linux"}])
	findings.exact(fs, [{"pointer": "/clusters/0/nodePools/0/name", "msg": "lower case"}])
	every f in fs {
		not contains(f.msg, "characters,")
	}
}

test_each_cause_named if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/name", "msg": ["it must start with a letter", "other than letters and digits (\"-\")"]}]) with input as doc([{"name": "1pool-a", "osType": "Linux"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/name", "msg": "it has 13 characters, more than the 12 AKS allows"}]) with input as doc([{"name": "abcdefghijklm", "osType": "Linux"}])
}

test_digit_first_and_dash if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/name", "msg": ["\"1pool\"", "\"aks\"", "must start with a letter"]}]) with input as doc([{"name": "1pool", "osType": "Linux"}])
	count(rule.deny) == 1 with input as doc([{"name": "1pool", "osType": "Linux"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/name", "msg": ["\"user-pool\"", "\"aks\"", "other than letters and digits"]}]) with input as doc([{"name": "user-pool", "osType": "Linux"}])
	count(rule.deny) == 1 with input as doc([{"name": "user-pool", "osType": "Linux"}])
}

test_length_boundaries if {
	count(rule.deny) == 0 with input as doc([{"name": "a", "osType": "Linux"}])
	count(rule.deny) == 0 with input as doc([{"name": "abcdefghijkl", "osType": "Linux"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/name", "msg": ["\"abcdefghijklm\"", "\"aks\"", "12", "13"]}]) with input as doc([{"name": "abcdefghijklm", "osType": "Linux"}])
	count(rule.deny) == 1 with input as doc([{"name": "abcdefghijklm", "osType": "Linux"}])
}

test_windows_length_boundaries if {
	count(rule.deny) == 0 with input as doc([{"name": "win123", "osType": "Windows"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/name", "msg": ["\"win1234\"", "\"aks\"", "6", "7"]}]) with input as doc([{"name": "win1234", "osType": "Windows"}])
	some f in rule.deny with input as doc([{"name": "win1234", "osType": "Windows"}])
	contains(f.msg, "it has 7 characters, more than the 6 a Windows pool allows")
}

test_both_problems_one_finding if {
	fs := rule.deny with input as doc([{"name": "Windows-Pool", "osType": "Windows"}])
	findings.exact(fs, [{"pointer": "/clusters/0/nodePools/0/name", "msg": ["\"Windows-Pool\"", "\"aks\"", "12", "6"]}])
	count(fs) == 1
	some f in fs
	contains(f.msg, "capital letters (WP)")
	contains(f.msg, "; it has 12 characters, more than the 6 a Windows pool allows")
}

test_unknown_name_or_os_is_silent if {
	count(rule.deny) == 0 with input as doc([{"osType": "Windows"}])
	count(rule.deny) == 0 with input as doc([{"name": "win1234"}])
}

test_defaulted_name_is_skipped if {
	d := json.patch(doc([{"name": "NodePool1"}]), [{"op": "add", "path": "/defaulted/-", "value": "/clusters/0/nodePools/0/name"}])
	count(rule.deny) == 0 with input as d
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/nodePools/0/name",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc([{"name": "System", "osType": "Linux"}]), p)
	}
}
