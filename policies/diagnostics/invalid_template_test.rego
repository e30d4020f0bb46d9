package aksnet.rules.invalid_template_test

import data.aksnet.rules.invalid_template as rule

doc(invalid) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "bicep",
	"clusters": [], "virtualNetworks": [], "subnets": [], "routeTables": [],
	"networkSecurityGroups": [], "roleAssignments": [], "defaulted": [], "unresolved": [],
	"invalid": invalid,
}

test_one_finding_per_entry if {
	fs := rule.deny with input as doc([
		{"code": "InvalidTemplate", "message": "The template parameter 'ebpfDataplane' is not declared"},
		{"code": "InvalidTemplate", "message": "The value 300 of parameter 'maxPods' is greater than its maxValue 250"},
	])
	count(fs) == 2
	some f in fs
	f.pointer == "/invalid/1"
	f.msg == "The value 300 of parameter 'maxPods' is greater than its maxValue 250 (ARM rejects the template: InvalidTemplate)"
}

test_names_the_code if {
	some f in rule.deny with input as doc([{"code": "InvalidTemplate", "message": "The expression cannot be read: x"}])
	endswith(f.msg, "(ARM rejects the template: InvalidTemplate)")
	f.pointer == "/invalid/0"
}

test_nothing_invalid if {
	count(rule.deny) == 0 with input as doc([])
}

# A document without the list (an az CLI script, a valid template) gives nothing.
test_no_list if {
	d := object.remove(doc([]), ["invalid"])
	count(rule.deny) == 0 with input as d
}
