package aksnet.lib.capacity_test

import data.aksnet.lib.capacity

base := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [], "virtualNetworks": [], "subnets": [], "routeTables": [],
	"networkSecurityGroups": [], "roleAssignments": [], "defaulted": [], "unresolved": [],
}

with_unresolved(pointer) := object.union(base, {"unresolved": [{"pointer": pointer, "expression": "[x]", "reason": "x"}]})

test_unknown_matches_pointer_ancestors_and_descendants if {
	capacity.unknown("/clusters/0/nodePools/1/count") with input as with_unresolved("/clusters/0/nodePools/1/count")
	capacity.unknown("/clusters/0/nodePools/1/count") with input as with_unresolved("/clusters/0/nodePools")
	capacity.unknown("/subnets/2/addressPrefixes") with input as with_unresolved("/subnets/2/addressPrefixes/1")
}

test_unknown_does_not_match_siblings if {
	not capacity.unknown("/clusters/0/nodePools/1/count") with input as with_unresolved("/clusters/0/nodePools/10/count")
	not capacity.unknown("/clusters/0/nodePools/1/count") with input as with_unresolved("/clusters/0/nodePools/1/countx")
	not capacity.unknown("/clusters/0/nodePools/1/count") with input as base
}

test_nodes_unknown_when_autoscaling_is if {
	p := {"count": 3}
	capacity.nodes(0, 0, p) == 3 with input as base
	not capacity.nodes(0, 0, p) with input as with_unresolved("/clusters/0/nodePools/0/enableAutoScaling")
	not capacity.min_nodes(0, 0, p) with input as with_unresolved("/clusters/0/nodePools/0/enableAutoScaling")
}

test_nodes_text if {
	capacity.nodes_text(0, 0, {"count": 1}) == "1 node" with input as base
	capacity.nodes_text(0, 0, {"count": 1}) == "1 node (default)" with input as object.union(base, {"defaulted": ["/clusters/0/nodePools/0/count"]})
	capacity.nodes_text(0, 0, {"count": 1, "enableAutoScaling": true, "minCount": 1, "maxCount": 4}) == "4 nodes (autoscaler maxCount)" with input as base
	capacity.min_nodes_text(0, 0, {"count": 1, "enableAutoScaling": true, "minCount": 2, "maxCount": 4}) == "2 nodes (autoscaler minCount)" with input as base
}

test_usable_sums_ipv4_prefixes if {
	capacity.usable({"index": 0, "subnet": {"key": "v/s", "addressPrefixes": ["10.0.0.0/24"]}}) == 251 with input as base
	capacity.usable({"index": 0, "subnet": {"key": "v/s", "addressPrefixes": ["10.0.0.0/29"]}}) == 3 with input as base
	capacity.usable({"index": 0, "subnet": {"key": "v/s", "addressPrefixes": ["10.0.0.0/24", "10.0.1.0/25", "fd00::/64"]}}) == 374 with input as base
}

test_usable_never_negative if {
	capacity.usable({"index": 0, "subnet": {"key": "v/s", "addressPrefixes": ["10.0.0.0/30"]}}) == 0 with input as base
}

test_usable_unknown if {
	not capacity.usable({"index": 0, "subnet": {"key": "v/s"}}) with input as base
	not capacity.usable({"index": 0, "subnet": {"key": "v/s", "addressPrefixes": ["fd00::/64"]}}) with input as base
	not capacity.usable({"index": 0, "subnet": {"key": "v/s", "addressPrefixes": ["10.0.0.0/24", "bogus"]}}) with input as base
	not capacity.usable({"index": 0, "subnet": {"key": "v/s", "addressPrefixes": ["10.0.0.0/24"]}}) with input as with_unresolved("/subnets/0/addressPrefixes/1")
}

test_node_blocks if {
	capacity.node_blocks("10.244.0.0/16") == 256
	capacity.node_blocks("10.244.0.0/24") == 1
	capacity.node_blocks("10.244.0.0/25") == 0
}

test_smallest_pod_prefix if {
	capacity.smallest_pod_prefix(1) == 24
	capacity.smallest_pod_prefix(2) == 23
	capacity.smallest_pod_prefix(256) == 16
	capacity.smallest_pod_prefix(257) == 15
	capacity.pod_fit_text(5) == "/21, with 8 node blocks"
}

test_fit_text if {
	capacity.fit_text(251) == "/24, with 251 usable addresses"
	capacity.fit_text(252) == "/23, with 507 usable addresses"
	capacity.fit_text(1) == "/29, with 3 usable addresses"
	capacity.fit_text(5000000000) == "larger than any IPv4 subnet"
}

test_plural if {
	capacity.plural(1, "node") == "1 node"
	capacity.plural(0, "node") == "0 nodes"
	capacity.plural(2, "address") == "2 addresses"
}

test_too_many_text if {
	capacity.too_many_text(28, {31}) == "1 node too many"
	capacity.too_many_text(62, {31}) == "2 nodes too many"
	capacity.too_many_text(63, {31}) == "3 nodes too many"
	capacity.too_many_text(56, {1, 51}) == "2 to 56 nodes too many depending on the pool (1 to 51 addresses per node)"
	capacity.nodes_worth_text(5, {16}) == "1 node at 16 per node"
}

test_ipv4_pod_cidr if {
	capacity.ipv4_pod_cidr({"networkProfile": {"podCidrs": ["fd00::/64", "10.244.0.0/16"]}}) == {"index": 1, "cidr": "10.244.0.0/16"}
	not capacity.ipv4_pod_cidr({"networkProfile": {"podCidrs": ["10.244.0.0/16", "10.245.0.0/16"]}})
	not capacity.ipv4_pod_cidr({"networkProfile": {}})
}

cluster(model, pools) := {"key": "aks", "name": "aks", "model": model, "networkProfile": {}, "nodePools": pools}

test_demands_per_model if {
	d := object.union(base, {"clusters": [
		cluster("nodesubnet", [{"name": "a", "count": 2, "maxPods": 30, "maxSurge": "1", "vnetSubnet": "v/n"}]),
		cluster("podsubnet-static", [{"name": "b", "count": 3, "maxPods": 31, "maxSurge": "1", "podIPAllocationMode": "StaticBlock", "vnetSubnet": "v/n", "podSubnet": "v/p"}]),
	]})
	capacity.total(capacity.demands("node", "v/n")) == 65 with input as d # 2 x 31 + 3
	capacity.total(capacity.demands("node-surge", "v/n")) == 97 with input as d # 3 x 31 + 4
	capacity.total(capacity.demands("pod", "v/p")) == 96 with input as d # 32 x 3
	capacity.total(capacity.demands("pod-surge", "v/p")) == 128 with input as d # 32 x 4
	not capacity.demands("node", "v/other") with input as d
}

test_demands_unknown_when_one_pool_is if {
	d := object.union(base, {"clusters": [
		cluster("nodesubnet", [{"name": "a", "count": 2, "maxPods": 30, "vnetSubnet": "v/n"}]),
		cluster("overlay", [{"name": "b", "vnetSubnet": "v/n"}]),
	]})
	not capacity.demands("node", "v/n") with input as d
}

test_pod_subnet_of_overlay_cluster_is_not_a_user if {
	d := object.union(base, {"clusters": [cluster("overlay", [{"name": "b", "count": 3, "podSubnet": "v/p"}])]})
	not capacity.demands("pod", "v/p") with input as d
}

# smallest_pod_prefix's closed form is the search over every prefix it replaces.
search_pod_prefix(n) := max([p | some p in numbers.range(0, 24); bits.lsh(1, 24 - p) >= n])

test_smallest_pod_prefix_is_the_search if {
	ns := array.concat(
		[n | some n in numbers.range(-3, 600)],
		[n | some k in numbers.range(1, 26); some d in [-1, 0, 1]; n := bits.lsh(1, k) + d],
	)
	every n in array.concat(ns, [1.5, 2.5, 16777216.5]) {
		[x | x := capacity.smallest_pod_prefix(n)] == [x | x := search_pod_prefix(n)]
	}
	not capacity.smallest_pod_prefix(16777217)
	capacity.smallest_pod_prefix(16777216) == 0
}
