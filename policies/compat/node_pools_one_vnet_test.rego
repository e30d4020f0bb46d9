package aksnet.rules.node_pools_one_vnet_test

import data.aksnet.rules.node_pools_one_vnet as rule
import data.aksnet.test.findings

doc(pools) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": {}, "nodePools": pools}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_pool_in_other_vnet if {
	fs := rule.deny with input as doc([
		{"name": "system", "vnetSubnet": "vnet-a/nodes"},
		{"name": "user", "vnetSubnet": "vnet-a/user"},
		{"name": "gpu", "vnetSubnet": "vnet-b/gpu"},
	])
	findings.exact(fs, [{"pointer": "/clusters/0/nodePools/2/vnetSubnet", "msg": ["\"gpu\"", "\"aks\"", "\"vnet-b/gpu\"", "\"vnet-b\""]}])
	count(fs) == 1
	some f in fs
	f.pointer == "/clusters/0/nodePools/2/vnetSubnet"
	f.related[0].pointer == "/clusters/0/nodePools/0/vnetSubnet"
	contains(f.msg, "VNet \"vnet-b\"")
}

test_one_vnet_many_subnets_is_fine if {
	count(rule.deny) == 0 with input as doc([{"name": "system", "vnetSubnet": "vnet-a/nodes"}, {"name": "user", "vnetSubnet": "vnet-a/user"}])
}

test_single_pool_is_fine if {
	count(rule.deny) == 0 with input as doc([{"name": "system", "vnetSubnet": "vnet-a/nodes"}])
}

test_unknown_subnet_is_silent if {
	count(rule.deny) == 0 with input as doc([{"name": "system", "vnetSubnet": "vnet-a/nodes"}, {"name": "user"}])
}

test_reference_is_first_placed_pool if {
	fs := rule.deny with input as doc([{"name": "system"}, {"name": "a", "vnetSubnet": "vnet-a/x"}, {"name": "b", "vnetSubnet": "vnet-b/y"}])
	findings.exact(fs, [{"pointer": "/clusters/0/nodePools/2/vnetSubnet", "msg": ["\"b\"", "\"aks\"", "\"vnet-b/y\"", "\"vnet-b\""]}])
	some f in fs
	f.pointer == "/clusters/0/nodePools/2/vnetSubnet"
	f.related[0].pointer == "/clusters/0/nodePools/1/vnetSubnet"
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/nodePools/2/vnetSubnet",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(
			doc([
				{"name": "system", "vnetSubnet": "vnet-a/nodes"},
				{"name": "user", "vnetSubnet": "vnet-a/user"},
				{"name": "gpu", "vnetSubnet": "vnet-b/gpu"},
			]),
			p,
		)
	}
}
