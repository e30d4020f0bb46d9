package aksnet.rules.cluster_naming_test

import data.aksnet.rules.cluster_naming

# doc is a network document with clusters of these names: only what the rule reads,
# plus what the schema requires.
doc(names) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": n, "name": n, "networkProfile": {}, "nodePools": []} | some n in names],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

test_conventional_names_pass if {
	count(cluster_naming.deny) == 0 with input as doc(["aks-prod", "aks-dev"])
}

test_other_names_are_reported if {
	findings := cluster_naming.deny with input as doc(["aks-prod", "prod-weu"])
	findings == {{
		"msg": `cluster "prod-weu" is not named aks-*; rename it, for example aks-prod-weu`,
		"pointer": "/clusters/1/name",
	}}
}

test_prefix_is_case_sensitive if {
	count(cluster_naming.deny) == 1 with input as doc(["AKS-prod"])
}

test_unknown_name_is_not_reported if {
	# A name written as an expression that cannot be known is absent from the document.
	d := json.patch(doc(["x"]), [{"op": "remove", "path": "/clusters/0/name"}])
	count(cluster_naming.deny) == 0 with input as d
}
