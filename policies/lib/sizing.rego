# METADATA
# description: |
#   Sizing formulas of RULES.md: the nodes a pool is sized for, its surge nodes, and
#   per-cluster totals. Every function is undefined when a value it needs is unknown,
#   so rules built on them stay silent instead of guessing.
package aksnet.lib.sizing

# nodes is what a pool is sized for: maxCount when autoscaling is enabled, else count.
nodes(p) := p.maxCount if p.enableAutoScaling == true

nodes(p) := p.count if not p.enableAutoScaling

# min_nodes is the smallest the pool runs at: minCount when autoscaling, else count.
min_nodes(p) := p.minCount if p.enableAutoScaling == true

min_nodes(p) := p.count if not p.enableAutoScaling

# surge is the number of extra nodes an upgrade adds: maxSurge as an integer, or as a
# percentage of the pool's nodes rounded up.
surge(p) := n if {
	regex.match(`^[0-9]+(\.[0-9]+)?%$`, p.maxSurge)
	n := ceil((nodes(p) * to_number(trim_suffix(p.maxSurge, "%"))) / 100)
} else := n if {
	# else: the two patterns exclude each other, and the common percentage is then
	# not matched twice
	regex.match(`^[0-9]+$`, p.maxSurge)
	n := to_number(p.maxSurge)
}

# cluster_nodes is the total nodes of a cluster; undefined if any pool's is unknown.
cluster_nodes(c) := n if {
	every p in c.nodePools {
		nodes(p)
	}
	n := sum([nodes(p) | some p in c.nodePools])
}

# cluster_surge_nodes is the total nodes plus every pool's surge.
cluster_surge_nodes(c) := n if {
	every p in c.nodePools {
		nodes(p)
		surge(p)
	}
	n := sum([x | some p in c.nodePools; x := nodes(p) + surge(p)])
}

# blocks_of_16 is how many /28 blocks hold n addresses.
blocks_of_16(n) := b if b := ceil(n / 16)

# smallest_ipv4_prefix is the longest prefix (smallest subnet) whose usable addresses
# (size - 5, Azure's reservation) hold n. For a whole n it is 32 less the bit length
# of n + 4 (2^(32 - p) >= n + 5), at most 29: written out in base 2 instead of trying
# all 30 prefixes, a loop that was a good part of a finding's wording. Any other n is
# searched.
smallest_ipv4_prefix(n) := longest if {
	is_number(n)
	n == floor(n)
	n >= -3
	n + 4 < 4294967296
	longest := min([29, 32 - count(format_int(n + 4, 2))])
} else := longest if {
	longest := max([p |
		some p in numbers.range(0, 29)
		bits.lsh(1, 32 - p) - 5 >= n
	])
}
