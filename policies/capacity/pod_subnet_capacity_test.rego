package aksnet.rules.pod_subnet_capacity_test

import data.aksnet.rules.pod_subnet_capacity as rule
import data.aksnet.test.findings

doc(model, pools, prefixes) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "model": model, "networkProfile": {}, "nodePools": pools}],
	"virtualNetworks": [{"key": "vnet", "addressPrefixes": ["10.0.0.0/8"]}],
	"subnets": [
		{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": ["10.240.0.0/24"], "declared": true},
		{"key": "vnet/pods", "vnet": "vnet", "name": "pods", "addressPrefixes": prefixes, "declared": true},
	],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

dynamic(name, n, max_pods) := {"name": name, "count": n, "maxPods": max_pods, "maxSurge": "10%", "vnetSubnet": "vnet/nodes", "podSubnet": "vnet/pods"}

static(name, n, max_pods) := object.union(dynamic(name, n, max_pods), {"podIPAllocationMode": "StaticBlock"})

test_dynamic_batches_of_16 if {
	# /26: 59 usable; 3 nodes x 16 = 48 fit, 4 x 16 = 64 do not
	count(rule.deny) == 0 with input as doc("podsubnet-dynamic", [dynamic("system", 3, 250)], ["10.241.0.0/26"])
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["\"vnet/pods\"", "10.241.0.0/26", "59", "64"]}]) with input as doc("podsubnet-dynamic", [dynamic("system", 4, 250)], ["10.241.0.0/26"])
	some f in rule.deny with input as doc("podsubnet-dynamic", [dynamic("system", 4, 250)], ["10.241.0.0/26"])
	f.pointer == "/subnets/1/addressPrefixes/0"
	f.related[0].pointer == "/clusters/0/nodePools/0/podSubnet"
	contains(f.msg, `pod subnet "vnet/pods" (10.241.0.0/26) has 59 usable addresses, but the nodes that draw pod IPs from it take 64 at deploy time (pool "system" of cluster "aks": 16 x 4 nodes = 64): 5 short, 1 node too many`)
	contains(f.msg, "a /25, with 123 usable addresses")
}

test_several_prefixes_boundary if {
	# one node takes 16: /28 + /29 = 11 + 3 = 14 usable is 2 short, /28 + /28 = 22 fits
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes", "msg": ["\"vnet/pods\"", "10.241.0.0/28", "10.241.0.16/29", "14"]}]) with input as doc("podsubnet-dynamic", [dynamic("system", 1, 30)], ["10.241.0.0/28", "10.241.0.16/29"])
	some f in rule.deny with input as doc("podsubnet-dynamic", [dynamic("system", 1, 30)], ["10.241.0.0/28", "10.241.0.16/29"])
	f.pointer == "/subnets/1/addressPrefixes"
	contains(f.msg, "(10.241.0.0/28 + 10.241.0.16/29) has 14 usable addresses")
	contains(f.msg, "2 short, 1 node too many")
	count(rule.deny) == 0 with input as doc("podsubnet-dynamic", [dynamic("system", 1, 30)], ["10.241.0.0/28", "10.241.0.16/28"])
}

test_static_blocks if {
	# maxPods 30: ceil(31 / 16) = 2 blocks = 32 per node; /25 = 123 usable holds 3 nodes (96), not 4 (128)
	count(rule.deny) == 0 with input as doc("podsubnet-static", [static("system", 3, 30)], ["10.241.0.0/25"])
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["\"vnet/pods\"", "10.241.0.0/25", "123", "128"]}]) with input as doc("podsubnet-static", [static("system", 4, 30)], ["10.241.0.0/25"])
	some f in rule.deny with input as doc("podsubnet-static", [static("system", 4, 30)], ["10.241.0.0/25"])
	contains(f.msg, `16 x ceil((maxPods 30 + 1) / 16) x 4 nodes = 128): 5 short, 1 node too many`)
}

test_static_block_boundary_15_and_16 if {
	# maxPods 15: 1 block per node; maxPods 16: 2 blocks
	count(rule.deny) == 0 with input as doc("podsubnet-static", [static("system", 7, 15)], ["10.241.0.0/25"])
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["\"vnet/pods\"", "10.241.0.0/25", "123", "128"]}]) with input as doc("podsubnet-static", [static("system", 4, 16)], ["10.241.0.0/25"])
	some f in rule.deny with input as doc("podsubnet-static", [static("system", 4, 16)], ["10.241.0.0/25"])
	contains(f.msg, "take 128")
}

test_pools_and_clusters_share_a_pod_subnet if {
	d := json.patch(doc("podsubnet-dynamic", [dynamic("system", 2, 30), dynamic("apps", 3, 30)], ["10.241.0.0/26"]), [{
		"op": "add", "path": "/clusters/-",
		"value": {"key": "b", "name": "b", "model": "podsubnet-static", "networkProfile": {}, "nodePools": [static("np", 1, 47)]},
	}])

	# 32 + 48 + 48 = 128 > 59
	findings.exact(rule.deny, [{"pointer": "/subnets/1/addressPrefixes/0", "msg": ["\"vnet/pods\"", "10.241.0.0/26", "59", "128"]}]) with input as d
	some f in rule.deny with input as d
	contains(f.msg, "take 128 at deploy time")
	contains(f.msg, `16 x 2 nodes = 32; pool "apps" of cluster "aks": 16 x 3 nodes = 48; pool "np" of cluster "b": 16 x ceil((maxPods 47 + 1) / 16) x 1 node = 48`)
	contains(f.msg, "69 short, 2 to 5 nodes too many depending on the pool (16 to 48 addresses per node)")
}

test_node_subnet_pools_do_not_count if {
	# pools of clusters that do not use a pod subnet (AKSNET405) take nothing from it
	count(rule.deny) == 0 with input as doc("overlay", [dynamic("system", 10, 30)], ["10.241.0.0/26"])
}

test_unknown_stays_silent if {
	count(rule.deny) == 0 with input as json.remove(doc("podsubnet-dynamic", [dynamic("system", 4, 30)], ["10.241.0.0/26"]), ["clusters/0/model"])
	count(rule.deny) == 0 with input as doc("podsubnet-dynamic", [dynamic("system", 4, 30), object.remove(dynamic("apps", 1, 30), ["count"])], ["10.241.0.0/26"])
	d := json.patch(doc("podsubnet-dynamic", [dynamic("system", 4, 30)], ["10.241.0.0/26"]), [{"op": "add", "path": "/unresolved/-", "value": {"pointer": "/clusters/0/nodePools/0/podIPAllocationMode", "expression": "[parameters('mode')]", "reason": "x"}}])
	count(rule.deny) == 0 with input as d
	s := json.patch(doc("podsubnet-dynamic", [dynamic("system", 4, 30), object.remove(dynamic("apps", 1, 30), ["podSubnet"])], ["10.241.0.0/26"]), [{"op": "add", "path": "/unresolved/-", "value": {"pointer": "/clusters/0/nodePools/1/podSubnet", "expression": "[parameters('podSubnetId')]", "reason": "x"}}])
	count(rule.deny) == 0 with input as s
	count(rule.deny) == 0 with input as doc("podsubnet-static", [object.remove(static("system", 4, 30), ["maxPods"])], ["10.241.0.0/26"])
}

# Unknown is never guessed: with any one input of this finding unresolved (left out
# and listed in unresolved, as the extractors write it), the rule is silent.
test_unresolved_inputs_are_silent if {
	every p in [
		"/clusters/0/model",
		"/clusters/0/nodePools/0/count",
		"/clusters/0/nodePools/0/maxPods",
		"/clusters/0/nodePools/0/maxSurge",
		"/clusters/0/nodePools/0/podSubnet",
		"/clusters/0/nodePools/0/vnetSubnet",
		"/subnets/1/addressPrefixes",
	] {
		count(rule.deny) == 0 with input as findings.unresolve(doc("podsubnet-dynamic", [dynamic("system", 4, 250)], ["10.241.0.0/26"]), p)
	}
}
