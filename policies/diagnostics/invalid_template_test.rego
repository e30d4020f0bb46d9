package aksnet.rules.invalid_template_test

import data.aksnet.rules.invalid_template as rule
import data.aksnet.test.findings

doc(invalid) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "bicep",
	"clusters": [], "virtualNetworks": [], "subnets": [], "routeTables": [],
	"networkSecurityGroups": [], "roleAssignments": [], "defaulted": [], "unresolved": [],
	"invalid": invalid,
}

test_one_finding_per_entry if {
	d := doc([
		{"code": "InvalidTemplate", "message": "The template parameter 'ebpfDataplane' is not declared"},
		{"code": "InvalidTemplate", "message": "The value 300 of parameter 'maxPods' is greater than its maxValue 250"},
	])
	findings.exact(rule.deny, [
		{"pointer": "/invalid/0", "msg": ["'ebpfDataplane' is not declared", "(ARM rejects the template: InvalidTemplate)"]},
		{"pointer": "/invalid/1", "msg": "The value 300 of parameter 'maxPods' is greater than its maxValue 250 (ARM rejects the template: InvalidTemplate)"},
	]) with input as d
}

test_names_the_code if {
	d := doc([{"code": "InvalidTemplate", "message": "The expression cannot be read: x"}])
	findings.exact(rule.deny, [{"pointer": "/invalid/0", "msg": "The expression cannot be read: x (ARM rejects the template: InvalidTemplate)"}]) with input as d
}

test_nothing_invalid if {
	count(rule.deny) == 0 with input as doc([])
}

# A document without the list (an az CLI script, a valid template) gives nothing.
test_no_list if {
	d := object.remove(doc([]), ["invalid"])
	count(rule.deny) == 0 with input as d
}

# The list is written by the extractor whole, never partly unknown: a document whose
# list is left out as unresolved gives nothing.
test_unresolved_list_is_silent if {
	d := doc([{"code": "InvalidTemplate", "message": "m"}])
	count(rule.deny) == 0 with input as findings.unresolve(d, "/invalid")
}
