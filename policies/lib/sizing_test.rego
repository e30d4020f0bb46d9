package aksnet.lib.sizing_test

import data.aksnet.lib.sizing

test_nodes_fixed if sizing.nodes({"count": 3}) == 3

test_nodes_autoscaling_uses_max if sizing.nodes({"count": 3, "enableAutoScaling": true, "minCount": 2, "maxCount": 10}) == 10

test_nodes_autoscaling_without_max_is_unknown if not sizing.nodes({"count": 3, "enableAutoScaling": true})

test_nodes_unknown_count if not sizing.nodes({})

test_min_nodes if {
	sizing.min_nodes({"count": 3}) == 3
	sizing.min_nodes({"count": 3, "enableAutoScaling": true, "minCount": 1, "maxCount": 5}) == 1
}

test_surge_percent_rounds_up if {
	sizing.surge({"count": 3, "maxSurge": "10%"}) == 1
	sizing.surge({"count": 10, "maxSurge": "10%"}) == 1
	sizing.surge({"count": 11, "maxSurge": "10%"}) == 2
	sizing.surge({"count": 4, "maxSurge": "33%"}) == 2
	sizing.surge({"count": 4, "maxSurge": "100%"}) == 4
}

test_surge_integer if sizing.surge({"count": 3, "maxSurge": "5"}) == 5

test_surge_garbage_is_unknown if not sizing.surge({"count": 3, "maxSurge": "lots"})

test_cluster_nodes if sizing.cluster_nodes({"nodePools": [{"count": 3}, {"enableAutoScaling": true, "maxCount": 7}]}) == 10

test_cluster_nodes_unknown_when_a_pool_is if not sizing.cluster_nodes({"nodePools": [{"count": 3}, {}]})

test_cluster_surge_nodes if sizing.cluster_surge_nodes({"nodePools": [{"count": 3, "maxSurge": "10%"}, {"count": 20, "maxSurge": "2"}]}) == 26

test_smallest_prefix_boundaries if {
	sizing.smallest_ipv4_prefix(3) == 29 # /29: 8 - 5 = 3
	sizing.smallest_ipv4_prefix(4) == 28
	sizing.smallest_ipv4_prefix(251) == 24
	sizing.smallest_ipv4_prefix(252) == 23
}

test_blocks_of_16 if {
	sizing.blocks_of_16(16) == 1
	sizing.blocks_of_16(17) == 2
}

# smallest_ipv4_prefix's closed form is the search over every prefix it replaces:
# around every power of two, for small and negative numbers, non-whole numbers, and
# past the largest subnet (both undefined).
search_ipv4_prefix(n) := max([p | some p in numbers.range(0, 29); bits.lsh(1, 32 - p) - 5 >= n])

test_smallest_prefix_is_the_search if {
	ns := array.concat(
		[n | some n in numbers.range(-10, 600)],
		[n | some k in numbers.range(3, 34); some d in [-6, -5, -4, -3, -1, 0, 1]; n := bits.lsh(1, k) + d],
	)
	every n in array.concat(ns, [2.5, 3.5, 250.1, -3.5, 4294967291.5]) {
		[x | x := sizing.smallest_ipv4_prefix(n)] == [x | x := search_ipv4_prefix(n)]
	}
	not sizing.smallest_ipv4_prefix(4294967292)
	sizing.smallest_ipv4_prefix(4294967291) == 0
}
