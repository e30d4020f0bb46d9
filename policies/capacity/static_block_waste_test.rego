package aksnet.rules.static_block_waste_test

import data.aksnet.rules.static_block_waste as rule
import data.aksnet.test.findings

doc(model, pool) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "model": model, "networkProfile": {}, "nodePools": [pool]}],
	"virtualNetworks": [], "subnets": [], "routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

static(max_pods) := {"name": "np", "count": 3, "maxPods": max_pods, "podIPAllocationMode": "StaticBlock", "vnetSubnet": "vnet/nodes", "podSubnet": "vnet/pods"}

test_max_pods_30_wastes_one_address if {
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["\"np\"", "\"aks\"", "30", "2"]}]) with input as doc("podsubnet-static", static(30))
	some f in rule.deny with input as doc("podsubnet-static", static(30))
	f.pointer == "/clusters/0/nodePools/0/maxPods"
	f.related[0].pointer == "/clusters/0/nodePools/0/podIPAllocationMode"
	f.msg == `pool "np" of cluster "aks" uses static block allocation with maxPods 30: each node takes 2 /28 blocks (32 addresses, one kept by the node), so 1 address per node can never be used; set maxPods to 31 to use every address of its blocks, or to 15 for one block fewer`
}

test_16n_minus_1_is_silent if {
	every n in [15, 31, 47, 239] {
		count(rule.deny) == 0 with input as doc("podsubnet-static", static(n))
	}
}

test_block_boundaries if {
	# maxPods 16 starts a second block of which 15 addresses go unused
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["\"np\"", "\"aks\"", "16", "2"]}]) with input as doc("podsubnet-static", static(16))
	some f in rule.deny with input as doc("podsubnet-static", static(16))
	contains(f.msg, "takes 2 /28 blocks (32 addresses, one kept by the node), so 15 addresses per node")
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["\"np\"", "\"aks\"", "10", "/28"]}]) with input as doc("podsubnet-static", static(10))
	some g in rule.deny with input as doc("podsubnet-static", static(10))
	contains(g.msg, "takes 1 /28 block (16 addresses, one kept by the node), so 5 addresses per node can never be used; set maxPods to 15 to use every address of its block")
}

test_default_250_suggests_239 if {
	d := json.patch(doc("podsubnet-static", static(250)), [{"op": "add", "path": "/defaulted/-", "value": "/clusters/0/nodePools/0/maxPods"}])
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["\"np\"", "\"aks\"", "250", "16"]}]) with input as d
	some f in rule.deny with input as d
	contains(f.msg, "with maxPods 250 (default): each node takes 16 /28 blocks (256 addresses, one kept by the node), so 5 addresses per node can never be used; set maxPods to 239 for one block fewer (255 is above the maximum of 250)")
}

test_dynamic_and_other_models_are_silent if {
	count(rule.deny) == 0 with input as doc("podsubnet-dynamic", object.remove(static(30), ["podIPAllocationMode"]))
	count(rule.deny) == 0 with input as doc("overlay", static(30))
	count(rule.deny) == 0 with input as doc("podsubnet-static", object.remove(static(30), ["podSubnet"]))
}

test_mixed_cluster_static_pool_counts if {
	# a cluster with dynamic and static pools has model podsubnet-dynamic
	findings.exact(rule.deny, [{"pointer": "/clusters/0/nodePools/0/maxPods", "msg": ["\"np\"", "\"aks\"", "30", "2"]}]) with input as doc("podsubnet-dynamic", static(30))
	count(rule.deny) == 1 with input as doc("podsubnet-dynamic", static(30))
}

test_unknown_is_silent if {
	count(rule.deny) == 0 with input as doc("podsubnet-static", object.remove(static(30), ["maxPods"]))
	count(rule.deny) == 0 with input as json.remove(doc("podsubnet-static", static(30)), ["clusters/0/model"])
	d := json.patch(doc("podsubnet-static", static(30)), [{"op": "add", "path": "/unresolved/-", "value": {"pointer": "/clusters/0/nodePools/0/podIPAllocationMode", "expression": "[parameters('m')]", "reason": "x"}}])
	count(rule.deny) == 0 with input as d
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/model",
		"/clusters/0/nodePools/0/maxPods",
		"/clusters/0/nodePools/0/podIPAllocationMode",
		"/clusters/0/nodePools/0/podSubnet",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc("podsubnet-static", static(30)), p)
	}
}
