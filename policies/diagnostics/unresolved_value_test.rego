package aksnet.rules.unresolved_value_test

import data.aksnet.rules.unresolved_value

# AKSNET901 is raised by the engine from the rules' custom.needs, never by a policy.
test_no_deny_rule if not unresolved_value.deny

test_no_deny_rule_on_a_document_with_unknowns if {
	not unresolved_value.deny with input as {
		"apiVersion": "aksnet-lint/v1", "file": "t.sh", "kind": "azcli",
		"clusters": [], "virtualNetworks": [], "subnets": [], "routeTables": [],
		"networkSecurityGroups": [], "roleAssignments": [], "defaulted": [],
		"unresolved": [{"pointer": "/clusters/0/name", "expression": "$CLUSTER_NAME", "reason": "$CLUSTER_NAME is not set in the script"}],
	}
}
