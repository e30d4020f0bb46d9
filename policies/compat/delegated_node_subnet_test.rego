package aksnet.rules.delegated_node_subnet_test

import data.aksnet.rules.delegated_node_subnet as rule
import data.aksnet.test.findings

doc(delegations) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": {}, "nodePools": [
		{"name": "system", "vnetSubnet": "vnet/nodes"},
		{"name": "user", "vnetSubnet": "vnet/other"},
	]}],
	"virtualNetworks": [],
	"subnets": [
		{"key": "vnet/other", "vnet": "vnet", "name": "other", "addressPrefixes": ["10.1.0.0/24"], "declared": true},
		{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": ["10.0.0.0/24"], "delegations": delegations, "declared": true},
	],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_delegated_node_subnet if {
	fs := rule.deny with input as doc(["Microsoft.ContainerInstance/containerGroups"])
	findings.exact(fs, [{"pointer": "/clusters/0/nodePools/0/vnetSubnet", "msg": ["\"vnet/nodes\"", "\"system\"", "\"aks\""]}])
	count(fs) == 1
	some f in fs
	f.pointer == "/clusters/0/nodePools/0/vnetSubnet"
	f.related[0].pointer == "/subnets/1/delegations"
	contains(f.msg, "delegated to Microsoft.ContainerInstance/containerGroups")
}

test_undelegated_is_fine if {
	count(rule.deny) == 0 with input as doc([])
}

test_delegated_subnet_not_used_by_nodes_is_fine if {
	d := json.patch(doc(["Microsoft.ContainerService/managedClusters"]), [{"op": "replace", "path": "/clusters/0/nodePools/0/vnetSubnet", "value": "vnet/other"}])
	count(rule.deny) == 0 with input as d
}

test_undeclared_subnet_is_silent if {
	d := json.patch(doc([]), [{"op": "replace", "path": "/clusters/0/nodePools/0/vnetSubnet", "value": "vnet/byo"}])
	count(rule.deny) == 0 with input as d
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/nodePools/0/vnetSubnet",
		"/subnets/1/delegations",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc(["Microsoft.ContainerInstance/containerGroups"]), p)
	}
}

test_any_delegations if {
	rule.any_delegations with input as doc(["Microsoft.ContainerInstance/containerGroups"])
	not rule.any_delegations with input as json.remove(doc([]), ["subnets/1/delegations"])
}

# Delegations stated but empty: the rule is evaluated, and finds nothing.
test_empty_delegations_stated_is_fine if {
	rule.any_delegations with input as doc([])
	count(rule.deny) == 0 with input as doc([])
}
