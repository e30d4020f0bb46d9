package aksnet.report_test

import data.aksnet.report

# doc is a document with one cluster of the given model, network profile and pools, in
# VNet "vnet" (10.0.0.0/16) with a node subnet (10.0.0.0/24, 251 usable) and a pod subnet
# (10.0.16.0/22, 1019 usable).
doc(model, profile, pools) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "model": model, "networkProfile": profile, "nodePools": pools}],
	"virtualNetworks": [{"key": "vnet", "name": "vnet", "addressPrefixes": ["10.0.0.0/16"]}],
	"subnets": [
		{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": ["10.0.0.0/24"], "declared": true},
		{"key": "vnet/pods", "vnet": "vnet", "name": "pods", "addressPrefixes": ["10.0.16.0/22"], "declared": true},
	],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [],
	"defaulted": [], "unresolved": [],
}

pool(name, n, max_pods) := {"name": name, "count": n, "maxPods": max_pods, "maxSurge": "10%", "vnetSubnet": "vnet/nodes"}

autoscaling(name, n, lo, hi, max_pods) := object.union(pool(name, n, max_pods), {"enableAutoScaling": true, "minCount": lo, "maxCount": hi})

pod_pool(name, n, max_pods) := object.union(pool(name, n, max_pods), {"podSubnet": "vnet/pods"})

static_pool(name, n, max_pods) := object.union(pod_pool(name, n, max_pods), {"podIPAllocationMode": "StaticBlock"})

azure := {"networkPlugin": "azure", "serviceCidrs": ["10.1.0.0/16"], "dnsServiceIP": "10.1.0.10"}

overlay := object.union(azure, {"networkPluginMode": "overlay", "podCidrs": ["10.244.0.0/16"]})

kubenet(pod_cidr) := {"networkPlugin": "kubenet", "podCidrs": [pod_cidr], "serviceCidrs": ["10.1.0.0/16"], "dnsServiceIP": "10.1.0.10"}

with_unresolved(d, pointer, expression) := object.union(d, {"unresolved": [{"pointer": pointer, "expression": expression, "reason": "parameter 'x' has no value"}]})

use_of(s, key, role) := u if {
	some sub in s.subnets
	sub.key == key
	some u in sub.uses
	u.role == role
}

subnet_of(s, key) := sub if {
	some sub in s.subnets
	sub.key == key
}

setting_of(s, name) := x if {
	some x in s.clusters[0].settings
	x.name == name
}

# --- network models ---------------------------------------------------------------------

test_node_subnet_model if {
	s := report.summary with input as doc("nodesubnet", azure, [pool("system", 3, 30)])
	s.clusters[0].model == {"state": "stated", "value": "nodesubnet", "label": "node subnet (traditional Azure CNI)"}

	# 3 x (30 + 1) = 93; with 1 surge node (10% of 3, rounded up) 4 x 31 = 124
	u := use_of(s, "vnet/nodes", "node")
	u.users == ["aks/system"]
	[u.deploy, u.deploySurge, u.max, u.maxSurge] == [93, 124, 93, 124]

	# (251 - 93) / 31 = 5.1
	u.moreNodes == {"min": 5, "max": 5, "perNode": [31]}
	subnet_of(s, "vnet/nodes").usable == 251
	s.clusters[0].podCidr == null
}

test_node_subnet_full_and_short if {
	# /29 holds 3 usable addresses: 3 kubenet nodes fill it exactly, a fourth is 1 short
	d := json.patch(doc("kubenet", kubenet("10.244.0.0/16"), [pool("system", 3, 110)]), [{"op": "replace", "path": "/subnets/0/addressPrefixes", "value": ["10.0.0.0/29"]}])
	use_of(report.summary, "vnet/nodes", "node").moreNodes == {"min": 0, "max": 0, "perNode": [1]} with input as d
	d4 := json.patch(d, [{"op": "replace", "path": "/clusters/0/nodePools/0/count", "value": 4}])
	use_of(report.summary, "vnet/nodes", "node").moreNodes == {"short": 1} with input as d4
}

test_autoscaler_deploy_at_count_max_at_max_count if {
	p := object.union(autoscaling("apps", 2, 1, 5, 30), {"maxSurge": "1"})
	s := report.summary with input as doc("nodesubnet", azure, [p])
	u := use_of(s, "vnet/nodes", "node")

	# count 2: 62, + 1 surge: 93; maxCount 5: 155, + 1 surge: 186
	[u.deploy, u.deploySurge, u.max, u.maxSurge] == [62, 93, 155, 186]

	# (251 - 155) / 31 = 3.1
	u.moreNodes.min == 3
	s.clusters[0].pools[0].settings.enableAutoScaling == {"state": "stated", "value": true}
	s.clusters[0].pools[0].settings.maxCount == {"state": "stated", "value": 5}
}

test_autoscaler_percentage_surge_grows_with_max if {
	# 34% of 2 is 1 node, of 10 is 4 nodes (rounded up)
	p := object.union(autoscaling("apps", 2, 1, 10, 30), {"maxSurge": "34%"})
	s := report.summary with input as doc("nodesubnet", azure, [p])
	s.clusters[0].pools[0].surgeNodes == {"deploy": 1, "max": 4}
}

test_pod_subnet_dynamic if {
	s := report.summary with input as doc("podsubnet-dynamic", azure, [pod_pool("system", 2, 50)])

	# pods: 16 per node at deploy; full density 16 x ceil(50 / 16) = 64 per node with surge
	u := use_of(s, "vnet/pods", "pod")
	[u.deploy, u.deploySurge, u.max, u.maxSurge] == [32, 192, 32, 192]

	# (1019 - 32) / 16 = 61.7
	u.moreNodes == {"min": 61, "max": 61, "perNode": [16]}

	# the node subnet holds one address per node
	n := use_of(s, "vnet/nodes", "node")
	[n.deploy, n.deploySurge, n.max, n.maxSurge] == [2, 3, 2, 3]
}

test_pod_subnet_static_block if {
	s := report.summary with input as doc("podsubnet-static", azure, [static_pool("system", 3, 31)])

	# 16 x ceil((31 + 1) / 16) = 32 per node: 3 nodes 96, with 1 surge node 128
	u := use_of(s, "vnet/pods", "pod")
	[u.deploy, u.deploySurge, u.max, u.maxSurge] == [96, 128, 96, 128]
	u.moreNodes.perNode == [32]
	s.clusters[0].pools[0].settings.podIPAllocationMode == {"state": "stated", "value": "StaticBlock"}
}

test_overlay_pod_cidr_blocks if {
	s := report.summary with input as doc("overlay", overlay, [pool("system", 3, 250)])
	s.clusters[0].model.label == "Azure CNI Overlay"

	# /16 = 256 /24 node blocks; 3 nodes, 4 with surge
	s.clusters[0].podCidr == {
		"cidr": "10.244.0.0/16", "blocks": 256,
		"deploy": 3, "deploySurge": 4, "max": 3, "maxSurge": 4,
		"moreNodes": {"min": 253, "max": 253, "perNode": [1]},
	}
	[use_of(s, "vnet/nodes", "node").deploy, use_of(s, "vnet/nodes", "node").maxSurge] == [3, 4]
	not use_of(s, "vnet/pods", "pod")
}

test_kubenet_pod_cidr_boundaries if {
	# a /24 holds one node block: 3 nodes are 2 too many; a /25 holds none
	s := report.summary with input as doc("kubenet", kubenet("10.244.0.0/24"), [pool("system", 3, 110)])
	s.clusters[0].podCidr.blocks == 1
	s.clusters[0].podCidr.moreNodes == {"short": 2}
	t := report.summary with input as doc("kubenet", kubenet("10.244.0.0/25"), [pool("system", 1, 110)])
	t.clusters[0].podCidr.blocks == 0
	t.clusters[0].podCidr.moreNodes == {"short": 1}
}

test_cilium_settings if {
	p := object.union(overlay, {"networkDataplane": "cilium", "networkPolicy": "cilium"})
	s := report.summary with input as doc("overlay", p, [pool("system", 3, 250)])
	setting_of(s, "networkDataplane") == {"name": "networkDataplane", "note": "", "state": "stated", "value": "cilium"}
	setting_of(s, "networkPolicy").value == "cilium"
	s.clusters[0].model.value == "overlay"
}

test_byo_cni if {
	s := report.summary with input as doc("byocni", {"networkPlugin": "none"}, [pool("system", 3, 250)])
	s.clusters[0].model.label == "bring-your-own CNI"
	s.clusters[0].podCidr == null
	use_of(s, "vnet/nodes", "node").deploy == 3
}

test_pod_cidr_ignored_outside_kubenet_and_overlay if {
	p := object.union(azure, {"podCidrs": ["10.244.0.0/16"]})
	s := report.summary with input as doc("nodesubnet", p, [pool("system", 3, 30)])
	setting_of(s, "podCidrs").note == "ignored by this network model"
	setting_of(s, "serviceCidrs").note == ""
	s.clusters[0].podCidr == null
}

# --- how values are known --------------------------------------------------------------

test_defaulted_and_absent_settings if {
	d := object.union(doc("overlay", overlay, [pool("system", 3, 250)]), {"defaulted": ["/clusters/0/networkProfile/podCidrs", "/clusters/0/nodePools/0/maxSurge"]})
	s := report.summary with input as d
	setting_of(s, "podCidrs").state == "default"
	setting_of(s, "serviceCidrs").state == "stated"
	setting_of(s, "outboundType").state == "absent"
	s.clusters[0].pools[0].settings.maxSurge == {"state": "default", "value": "10%"}

	# deprecated settings are listed only when set
	not setting_of(s, "dockerBridgeCidr")
}

test_unresolved_setting_shows_its_expression if {
	d := with_unresolved(doc("nodesubnet", {"networkPlugin": "azure"}, [pool("system", 3, 30)]), "/clusters/0/networkProfile/serviceCidrs", "[parameters('svc')]")
	s := report.summary with input as d
	setting_of(s, "serviceCidrs") == {
		"name": "serviceCidrs", "note": "", "state": "unresolved",
		"expression": "[parameters('svc')]", "reason": "parameter 'x' has no value",
	}
	s.unresolved == d.unresolved
}

test_unresolved_count_leaves_needs_unknown if {
	p := {"name": "system", "maxPods": 30, "maxSurge": "10%", "vnetSubnet": "vnet/nodes"}
	d := with_unresolved(doc("nodesubnet", azure, [p]), "/clusters/0/nodePools/0/count", "[parameters('n')]")
	s := report.summary with input as d
	u := use_of(s, "vnet/nodes", "node")
	[u.deploy, u.deploySurge, u.max, u.maxSurge, u.moreNodes] == [null, null, null, null, null]
	s.clusters[0].pools[0].settings.count.state == "unresolved"
	s.clusters[0].pools[0].surgeNodes == {"deploy": null, "max": null}

	# the usable addresses are still known
	subnet_of(s, "vnet/nodes").usable == 251
}

test_unresolved_subnet_reference_makes_every_subnet_incomplete if {
	a := pool("a", 3, 30)
	b := {"name": "b", "count": 2, "maxPods": 30, "maxSurge": "10%"}
	d := with_unresolved(doc("nodesubnet", azure, [a, b]), "/clusters/0/nodePools/1/vnetSubnet", "[parameters('subnetId')]")
	u := use_of(report.summary, "vnet/nodes", "node") with input as d
	u.complete == false
	u.users == ["aks/a"]
	u.deploy == null
}

test_unresolved_prefixes_leave_usable_unknown if {
	d := json.patch(
		with_unresolved(doc("nodesubnet", azure, [pool("system", 3, 30)]), "/subnets/0/addressPrefixes", "[parameters('prefix')]"),
		[{"op": "remove", "path": "/subnets/0/addressPrefixes"}],
	)
	s := report.summary with input as d
	sub := subnet_of(s, "vnet/nodes")
	sub.usable == null
	sub.prefixes.state == "unresolved"
	sub.prefixes.expression == "[parameters('prefix')]"
	use_of(s, "vnet/nodes", "node").deploy == 93
	use_of(s, "vnet/nodes", "node").moreNodes == null
}

test_unknown_model if {
	d := with_unresolved(doc("", {}, [pool("system", 3, 30)]), "/clusters/0/networkProfile/networkPlugin", "[parameters('plugin')]")
	s := report.summary with input as d
	s.clusters[0].model == {"state": "unknown", "expression": "[parameters('plugin')]", "reason": "parameter 'x' has no value"}

	# an unrelated unresolved value is not given as the reason
	u := report.summary with input as with_unresolved(doc("", {}, [pool("system", 3, 30)]), "/clusters/0/nodePools/0/count", "[parameters('n')]")
	u.clusters[0].model == {"state": "unknown", "expression": "", "reason": "the input does not state the network plugin"}
	t := report.summary with input as object.union(doc("", {}, []), {"clusters": [{"key": "aks", "networkProfile": {}, "nodePools": []}]})
	t.clusters[0].model == {"state": "unknown", "expression": "", "reason": "the input does not state the network plugin"}
	t.clusters[0].name == "aks"
	v := report.summary with input as doc("", {"networkPlugin": "Azure2"}, [])
	v.clusters[0].model.reason == `networkPlugin "Azure2" is not one AKS knows`
}

test_existing_cluster_needs_unknown if {
	d := json.patch(doc("nodesubnet", azure, [pool("batch", 2, 30)]), [{"op": "add", "path": "/clusters/0/existing", "value": true}])
	s := report.summary with input as d
	s.clusters[0].existing == true
	use_of(s, "vnet/nodes", "node").max == null
}

test_undeclared_subnet if {
	p := object.union(pool("system", 3, 30), {"vnetSubnet": "other/byo"})
	d := json.patch(doc("nodesubnet", azure, [p]), [{"op": "add", "path": "/subnets/-", "value": {"key": "other/byo", "vnet": "other", "name": "byo", "declared": false}}])
	sub := subnet_of(report.summary, "other/byo") with input as d
	sub.declared == false
	sub.prefixes == {"state": "absent"}
	sub.usable == null
	sub.uses[0].deploy == 93
}

test_api_server_subnet_user if {
	d := json.patch(doc("overlay", overlay, [pool("system", 3, 250)]), [{"op": "add", "path": "/clusters/0/apiServerSubnet", "value": "vnet/pods"}])
	use_of(report.summary, "vnet/pods", "apiserver") == {"role": "apiserver", "users": ["aks"], "complete": true} with input as d
}

# --- address ranges ----------------------------------------------------------------------

range_of(s, label, cidr) := r if {
	some r in s.ranges
	r.label == label
	r.cidr == cidr
}

test_ranges_and_overlaps if {
	p := object.union(azure, {"serviceCidrs": ["10.0.0.0/20"]})
	s := report.summary with input as doc("nodesubnet", p, [pool("system", 3, 30)])
	count(s.ranges) == 4

	# subnets in their own VNet are expected; the service CIDR overlapping them is not
	range_of(s, "subnet vnet/pods", "10.0.16.0/22").overlaps == []
	range_of(s, "subnet vnet/nodes", "10.0.0.0/24").overlaps == [{"label": "service CIDR of aks", "cidr": "10.0.0.0/20"}]
	range_of(s, "VNet vnet", "10.0.0.0/16").overlaps == [{"label": "service CIDR of aks", "cidr": "10.0.0.0/20"}]
	count(range_of(s, "service CIDR of aks", "10.0.0.0/20").overlaps) == 2
	range_of(s, "service CIDR of aks", "10.0.0.0/20").family == "IPv4"
}

test_cluster_private_ranges_may_repeat_across_clusters if {
	d := json.patch(doc("overlay", overlay, [pool("system", 3, 250)]), [{
		"op": "add", "path": "/clusters/-",
		"value": {"key": "b", "name": "b", "model": "overlay", "networkProfile": overlay, "nodePools": []},
	}])
	s := report.summary with input as d
	range_of(s, "service CIDR of aks", "10.1.0.0/16").overlaps == []
	range_of(s, "pod CIDR of b", "10.244.0.0/16").overlaps == []
}

test_ipv6_and_invalid_ranges if {
	d := json.patch(doc("nodesubnet", azure, []), [{"op": "replace", "path": "/subnets/1/addressPrefixes", "value": ["fd00::/64", "10.0.0.1/24"]}])
	s := report.summary with input as d
	range_of(s, "subnet vnet/pods", "fd00::/64").family == "IPv6"

	# a prefix with host bits set is AKSNET114's, not a range to draw
	not range_of(s, "subnet vnet/pods", "10.0.0.1/24")
}

test_connected_networks_and_peerings if {
	d := object.union(doc("nodesubnet", azure, []), {
		"connectedNetworks": [{"name": "onprem", "addressPrefixes": ["10.0.0.0/20"]}],
		"virtualNetworks": [{"key": "vnet", "addressPrefixes": ["10.0.0.0/16"], "peerings": [{"name": "hub", "remoteAddressPrefixes": ["10.1.0.0/24"]}]}],
	})
	s := report.summary with input as d
	range_of(s, "connected network onprem", "10.0.0.0/20").kind == "connected"
	count(range_of(s, "connected network onprem", "10.0.0.0/20").overlaps) == 2 # the VNet and vnet/nodes
	range_of(s, "peer hub of VNet vnet", "10.1.0.0/24").overlaps == [{"label": "service CIDR of aks", "cidr": "10.1.0.0/16"}]
}
