package aksnet.rules.unresolved_value_test

import data.aksnet.rules.unresolved_value as rule
import data.aksnet.test.findings

doc(unresolved) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [], "virtualNetworks": [], "subnets": [], "routeTables": [],
	"networkSecurityGroups": [], "roleAssignments": [], "defaulted": [], "unresolved": unresolved,
}

test_one_note_per_entry if {
	fs := rule.deny with input as doc([
		{"pointer": "/clusters/0/networkProfile/serviceCidrs", "expression": "[parameters('svc')]", "reason": "parameter has no value"},
		{"pointer": "/clusters/0/nodePools/1/vnetSubnet", "expression": "[reference('x').id]", "reason": "reference() is runtime-only"},
	])
	findings.exact(fs, [
		{"pointer": "/clusters/0/networkProfile/serviceCidrs", "msg": ["networkProfile/serviceCidrs is not known statically"]},
		{"pointer": "/clusters/0/nodePools/1/vnetSubnet", "msg": ["nodePools/vnetSubnet is not known statically"]},
	])
	count(fs) == 2
	some f in fs
	f.pointer == "/clusters/0/networkProfile/serviceCidrs"
	f.msg == "networkProfile/serviceCidrs is not known statically (parameter has no value): [parameters('svc')]; rules that need it were skipped"
}

test_names_pool_setting if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/1/vnetSubnet", "msg": ["nodePools/vnetSubnet is not known statically"]}]) with input as doc([{"expression": "$(az x)", "pointer": "/clusters/0/nodePools/1/vnetSubnet", "reason": "command substitution"}])
	some f in rule.deny with input as doc([{"pointer": "/clusters/0/nodePools/1/vnetSubnet", "expression": "$(az x)", "reason": "command substitution"}])
	startswith(f.msg, "nodePools/vnetSubnet is not known")
}

test_file_level_limit if {
	findings.exact(rule.deny, [{"pointer": "", "msg": ["a value of the file"]}]) with input as doc([{"expression": "f()", "pointer": "", "reason": "work limit reached"}])
	some f in rule.deny with input as doc([{"pointer": "", "expression": "f()", "reason": "work limit reached"}])
	startswith(f.msg, "a value of the file is not known statically (work limit reached)")
}

test_nothing_unresolved if {
	count(rule.deny) == 0 with input as doc([])
}
