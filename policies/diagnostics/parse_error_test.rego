package aksnet.rules.parse_error_test

import data.aksnet.rules.parse_error

# AKSNET902 is raised by the extractors and the engine (internal/lint), never by a
# policy: a deny rule here would report every parse error twice.
test_no_deny_rule if not parse_error.deny

test_no_deny_rule_on_a_document if {
	not parse_error.deny with input as {
		"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
		"clusters": [], "virtualNetworks": [], "subnets": [], "routeTables": [],
		"networkSecurityGroups": [], "roleAssignments": [], "defaulted": [], "unresolved": [],
	}
}
