package aksnet.rules.deprecated_network_setting_test

import data.aksnet.rules.deprecated_network_setting as rule

doc(np) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": np, "nodePools": [{"name": "system"}]}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_docker_bridge_cidr if {
	some f in rule.deny with input as doc({"dockerBridgeCidr": "172.17.0.1/16"})
	f.pointer == "/clusters/0/networkProfile/dockerBridgeCidr"
	f.level == "note" # AKS ignores it: harmless
	contains(f.msg, "has no effect: AKS ignores it")
	contains(f.msg, "172.17.0.1/16")
}

test_bridge_mode if {
	some f in rule.deny with input as doc({"networkMode": "Bridge"})
	f.pointer == "/clusters/0/networkProfile/networkMode"
}

test_both if {
	count(rule.deny) == 2 with input as doc({"networkMode": "bridge", "dockerBridgeCidr": "172.17.0.1/16"})
}

test_transparent_is_fine if {
	count(rule.deny) == 0 with input as doc({"networkMode": "transparent"})
}

test_unset_is_fine if {
	count(rule.deny) == 0 with input as doc({})
}
