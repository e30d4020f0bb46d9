package aksnet.rules.broken_line_continuation_test

import data.aksnet.rules.broken_line_continuation as rule

doc(broken) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.sh", "kind": "azcli",
	"clusters": [], "virtualNetworks": [], "subnets": [], "routeTables": [],
	"networkSecurityGroups": [], "roleAssignments": [], "defaulted": [], "unresolved": [],
	"script": {"brokenContinuations": broken},
}

test_missing_backslash if {
	some f in rule.deny with input as doc([{"command": "az network vnet create", "flag": "--subnet-name", "reason": "missing-backslash"}])
	f.pointer == "/script/brokenContinuations/0"
	startswith(f.msg, "--subnet-name is not part of the az network vnet create command: the line above does not end with a backslash")
}

test_trailing_space if {
	some f in rule.deny with input as doc([{"command": "az aks create", "flag": "--network-plugin", "reason": "trailing-space"}])
	contains(f.msg, "followed by spaces")
}

test_one_finding_each if {
	count(rule.deny) == 2 with input as doc([
		{"command": "az aks create", "flag": "--network-plugin", "reason": "trailing-space"},
		{"command": "az aks create", "flag": "--pod-cidr", "reason": "missing-backslash"},
	])
}

# Every line of one command ending in a backslash and a space is one mistake: one finding
# at the first cut-off line, the others related.
test_one_finding_per_command if {
	fs := rule.deny with input as doc([
		{"command": "az aks create", "flag": "--resource-group", "reason": "trailing-space", "commandLine": 3},
		{"command": "az aks create", "flag": "--name", "reason": "trailing-space", "commandLine": 3},
		{"command": "az aks create", "flag": "--network-plugin", "reason": "trailing-space", "commandLine": 3},
	])
	count(fs) == 1
	some f in fs
	f.pointer == "/script/brokenContinuations/0"
	startswith(f.msg, "--resource-group is not part of the az aks create command")
	contains(f.msg, "(2 more lines of this command are cut off, listed below)")
	[r.pointer | some r in f.related] == ["/script/brokenContinuations/1", "/script/brokenContinuations/2"]
}

# Two commands of the same name on different lines are two mistakes.
test_same_command_twice if {
	count(rule.deny) == 2 with input as doc([
		{"command": "az aks create", "flag": "--name", "reason": "trailing-space", "commandLine": 3},
		{"command": "az aks create", "flag": "--name", "reason": "trailing-space", "commandLine": 9},
	])
}

test_clean_script if {
	count(rule.deny) == 0 with input as doc([])
}

test_template_has_no_script if {
	d := json.remove(doc([]), ["script"])
	count(rule.deny) == 0 with input as d
}
