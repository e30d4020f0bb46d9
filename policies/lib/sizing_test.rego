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
