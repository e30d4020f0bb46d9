# METADATA
# description: |
#   Capacity accounting for the 2xx and 3xx rules: unknown-aware node counts, the pools
#   that draw on a subnet and what each needs, usable addresses of a subnet, /24 node
#   blocks of a pod CIDR, and the wording of the numbers in messages. Every function is
#   undefined when a value it needs is unknown (absent, unresolved, or under an unresolved
#   pointer), so the rules built on them stay silent instead of reporting a partial sum.
package aksnet.lib.capacity

import data.aksnet.lib.doc
import data.aksnet.lib.ip
import data.aksnet.lib.sizing

# --- unknown values -------------------------------------------------------------------

# unknown holds when pointer, one of its ancestors or one of its descendants is listed in
# input.unresolved: the value is stated in the input but not known statically.
unknown(pointer) if {
	some u in input.unresolved
	pointers_related(u.pointer, pointer)
}

pointers_related(a, b) if a == b

pointers_related(a, b) if startswith(b, concat("", [a, "/"]))

pointers_related(a, b) if startswith(a, concat("", [b, "/"]))

pool_field(ci, pi, field) := sprintf("/clusters/%d/nodePools/%d/%s", [ci, pi, field])

# pool_field_unknown, pool_list_unknown and prefixes_unknown are unknown() of a pool's
# field, a cluster's pool list and a subnet's prefixes. Most documents list nothing as
# unresolved: they then fail at once, without writing the pointer out first.
pool_field_unknown(ci, pi, field) if {
	input.unresolved[0] # any; count() would read the whole array
	unknown(pool_field(ci, pi, field))
}

pool_list_unknown(ci) if {
	input.unresolved[0] # any; count() would read the whole array
	unknown(sprintf("/clusters/%d/nodePools", [ci]))
}

prefixes_unknown(si) if {
	input.unresolved[0] # any; count() would read the whole array
	unknown(sprintf("/subnets/%d/addressPrefixes", [si]))
}

# existing holds for a cluster the input only changes: its other pools are not known.
existing(c) if object.get(c, "existing", false) == true

# --- node counts ------------------------------------------------------------------------

# nodes is sizing.nodes (maxCount when autoscaling, else count), undefined when whether
# the pool autoscales is itself unknown.
nodes(ci, pi, p) := n if {
	not pool_field_unknown(ci, pi, "enableAutoScaling")
	n := sizing.nodes(p)
}

# min_nodes is sizing.min_nodes (minCount when autoscaling, else count), unknown-aware.
min_nodes(ci, pi, p) := n if {
	not pool_field_unknown(ci, pi, "enableAutoScaling")
	n := sizing.min_nodes(p)
}

# surge is the pool's surge nodes; undefined when its nodes or maxSurge are unknown.
surge(ci, pi, p) := s if {
	nodes(ci, pi, p)
	s := sizing.surge(p)
}

# autoscaling holds for a pool whose autoscaler is enabled.
autoscaling(p) if p.enableAutoScaling == true

# nodes_pointer points at the value nodes() used.
nodes_pointer(ci, pi, p) := pool_field(ci, pi, "maxCount") if autoscaling(p)

nodes_pointer(ci, pi, p) := pool_field(ci, pi, "count") if not autoscaling(p)

# min_nodes_pointer points at the value min_nodes() used.
min_nodes_pointer(ci, pi, p) := pool_field(ci, pi, "minCount") if autoscaling(p)

min_nodes_pointer(ci, pi, p) := pool_field(ci, pi, "count") if not autoscaling(p)

# nodes_text names a pool's nodes and where the number comes from: "3 nodes",
# "1 node (default)", "10 nodes (autoscaler maxCount)".
nodes_text(ci, pi, p) := sprintf("%s (autoscaler maxCount)", [plural(nodes(ci, pi, p), "node")]) if autoscaling(p)

nodes_text(ci, pi, p) := sprintf("%s%s", [plural(nodes(ci, pi, p), "node"), doc.default_note(pool_field(ci, pi, "count"))]) if not autoscaling(p)

# min_nodes_text is nodes_text for min_nodes().
min_nodes_text(ci, pi, p) := sprintf("%s (autoscaler minCount)", [plural(min_nodes(ci, pi, p), "node")]) if autoscaling(p)

min_nodes_text(ci, pi, p) := sprintf("%s%s", [plural(min_nodes(ci, pi, p), "node"), doc.default_note(pool_field(ci, pi, "count"))]) if not autoscaling(p)

# surge_text names a pool's surge nodes and the maxSurge they come from.
surge_text(ci, pi, p) := sprintf("%d surge (maxSurge %s%s)", [surge(ci, pi, p), p.maxSurge, doc.default_note(pool_field(ci, pi, "maxSurge"))])

# max_pods_text is "maxPods 30" or "maxPods 30 (default)".
max_pods_text(ci, pi, p) := sprintf("maxPods %d%s", [p.maxPods, doc.default_note(pool_field(ci, pi, "maxPods"))])

# pool_label names a pool in messages: pool "system" of cluster "aks".
pool_label(c, p) := sprintf("pool %s of %s", [doc.pool_name(p), doc.cluster_label(c)])

# --- cluster totals -----------------------------------------------------------------------

# cluster_known holds when every pool of cluster ci is in the document: the pool list is
# not unresolved and the input creates the cluster (an existing one has other pools).
cluster_known(ci, c) if {
	not existing(c)
	not pool_list_unknown(ci)
}

# cluster_nodes is the cluster's total nodes; undefined when any pool's is unknown.
cluster_nodes(ci, c) := n if {
	cluster_known(ci, c)
	every pi, p in c.nodePools {
		nodes(ci, pi, p)
	}
	n := sum([nodes(ci, pi, p) | some pi, p in c.nodePools])
}

# cluster_surge is the sum of every pool's surge nodes; undefined when any is unknown.
cluster_surge(ci, c) := n if {
	cluster_nodes(ci, c)
	every pi, p in c.nodePools {
		surge(ci, pi, p)
	}
	n := sum([surge(ci, pi, p) | some pi, p in c.nodePools])
}

# cluster_nodes_breakdown lists each pool's nodes: pool "a": 3 nodes, pool "b": ...
cluster_nodes_breakdown(ci, c) := concat(", ", [sprintf("pool %s: %s", [doc.pool_name(p), nodes_text(ci, pi, p)]) |
	some pi, p in c.nodePools
])

# cluster_surge_breakdown lists each pool's nodes and surge nodes.
cluster_surge_breakdown(ci, c) := concat(", ", [sprintf("pool %s: %s + %s", [doc.pool_name(p), nodes_text(ci, pi, p), surge_text(ci, pi, p)]) |
	some pi, p in c.nodePools
])

# nodes_related points at each pool's node count.
nodes_related(ci, c) := [{"pointer": nodes_pointer(ci, pi, p), "msg": sprintf("pool %s: %s", [doc.pool_name(p), nodes_text(ci, pi, p)])} |
	some pi, p in c.nodePools
]

# --- subnets ------------------------------------------------------------------------------

# usable is the number of usable addresses of subnet entry e ({"subnet", "index"}, from
# doc.subnets): the sum over its IPv4 prefixes of 2^(32 - prefix) - 5, never below 0.
# Undefined when the subnet has no IPv4 prefix, a prefix that does not parse, or
# prefixes that are unresolved.
#
# input.derived.subnets[key].usable (docs/policies.md) is that sum, when every prefix
# is written canonically; otherwise it is computed here.
usable(e) := n if {
	not prefixes_unknown(e.index)
	f := input.derived.subnets[e.subnet.key]
	f.index == e.index
	n := f.usable
} else := n if {
	not prefixes_unknown(e.index)
	every x in object.get(e.subnet, "addressPrefixes", []) {
		net.cidr_is_valid(x)
	}
	v4 := ipv4_prefixes(e)
	count(v4) > 0
	n := sum([max([0, ip.ipv4_usable(x)]) | some x in v4])
}

# ipv4_prefixes is the subnet's IPv4 prefixes, in order.
ipv4_prefixes(e) := [x | some x in object.get(e.subnet, "addressPrefixes", []); ip.is_ipv4_cidr(x)]

# subnet_text names a subnet and its IPv4 prefixes: subnet "vnet/nodes" (10.0.0.0/24).
subnet_text(e) := sprintf("subnet %q (%s)", [e.subnet.key, concat(" + ", ipv4_prefixes(e))])

# subnet_pointer is the subnet's single prefix, or its prefix list when it has several.
subnet_pointer(e) := sprintf("/subnets/%d/addressPrefixes/0", [e.index]) if count(object.get(e.subnet, "addressPrefixes", [])) == 1

subnet_pointer(e) := sprintf("/subnets/%d/addressPrefixes", [e.index]) if count(object.get(e.subnet, "addressPrefixes", [])) != 1

# node_subnet_keys are the subnets some pool names as node subnet, and pod_subnet_keys
# those some pool names as pod subnet: the only ones a node or pod capacity rule can
# fire on (their demands need a user), so rules start from them rather than from every
# subnet. A document whose pools name no pod subnet then never evaluates the pod subnet
# rules (the engine's guards read the podSubnet these iterate).
node_subnet_keys contains k if {
	some c in input.clusters
	some p in c.nodePools
	k := p.vnetSubnet
}

# node_subnet_candidate holds for the node subnet keys the node subnet capacity rules
# (AKSNET201, AKSNET202) check: with the engine's input.derived.nodeSubnetCandidates
# (docs/policies.md), those whose pools may need more addresses than the subnet has,
# with or without surge nodes (the others have every value known, and fit), so that a
# document whose subnets fit evaluates neither rule; without it, every key. Each is
# still checked by the rules.
node_subnet_candidate(key) if {
	input.derived.nodeSubnetCandidates[0] # any: the engine's guards then leave both rules out of a document without one
	key in input.derived.nodeSubnetCandidates
}

node_subnet_candidate(_) if not input.derived.nodeSubnetCandidates

pod_subnet_keys contains k if {
	some c in input.clusters
	some p in c.nodePools
	k := p.podSubnet
}

# node_users is every pool ({"ci", "pi"}) of every cluster whose node subnet is key. The
# pools of each subnet are input.derived.subnets[key].nodePools (docs/policies.md): every
# subnet's users found in one pass over the pools, where looking them up for each
# subnet is quadratic in the network's size. A document without the facts, or a key
# that names no subnet, is searched here.
node_users(key) := [{"ci": u.ci, "pi": u.pi} | some u in input.derived.subnets[key].nodePools] if {
	input.derived.subnets[key]
} else := [{"ci": ci, "pi": pi} |
	some ci, c in input.clusters
	some pi, p in c.nodePools
	object.get(p, "vnetSubnet", "") == key
]

# pod_users is every pool whose pods may draw on pod subnet key: pools naming it as
# podSubnet, except in clusters whose model does not use a pod subnet (kubenet, overlay,
# node subnet, BYO CNI: AKSNET405 reports those). A pool of a cluster whose model is
# unknown is a user whose demand is unknown.
pod_users(key) := [{"ci": u.ci, "pi": u.pi} |
	some u in input.derived.subnets[key].podPools
	not pod_subnet_unused(input.clusters[u.ci])
] if {
	input.derived.subnets[key]
} else := [{"ci": ci, "pi": pi} |
	some ci, c in input.clusters
	not pod_subnet_unused(c)
	some pi, p in c.nodePools
	object.get(p, "podSubnet", "") == key
]

pod_subnet_unused(c) if c.model in {"kubenet", "overlay", "nodesubnet", "byocni"}

subnet_users("vnetSubnet", key) := node_users(key)

subnet_users("podSubnet", key) := pod_users(key)

# reference_unknown holds when some pool's field (vnetSubnet or podSubnet) or a pool list
# is unresolved: that pool may draw on any subnet, so no subnet's total is known. It is
# read from references_unknown, computed once per document: as a function it would be
# evaluated again for every subnet, over every pool.
reference_unknown(field) if field in references_unknown

# references_unknown is the set of pool fields (vnetSubnet, podSubnet) some pool leaves
# unresolved, or both when a pool list is unresolved.
references_unknown contains field if {
	input.unresolved[0] # any; count() would read the whole array
	some field in ["vnetSubnet", "podSubnet"]
	some ci, c in input.clusters
	some pi, _ in c.nodePools
	pool_field_unknown(ci, pi, field)
}

references_unknown contains field if {
	input.unresolved[0] # any; count() would read the whole array
	some ci, _ in input.clusters
	pool_list_unknown(ci)
	some field in ["vnetSubnet", "podSubnet"]
}

demand_field := {"node": "vnetSubnet", "node-surge": "vnetSubnet", "pod": "podSubnet", "pod-surge": "podSubnet"}

# demands is the set of demands ({"ci", "pi", "need", "per_node", "text"}) of kind
# ("node", "node-surge", "pod", "pod-surge") on subnet key, one per pool using it.
# Undefined when no pool uses the subnet or any pool's demand is unknown: a partial sum
# is never reported.
demands(kind, key) := ds if {
	field := demand_field[kind]
	not reference_unknown(field)
	us := subnet_users(field, key)
	count(us) > 0
	ds := {d | some u in us; d := demand(kind, u.ci, u.pi)}
	count(ds) == count(us)
}

# total is the addresses a set of demands needs.
total(ds) := sum([d.need | some d in ds])

# per_node_costs is the set of per-node costs of a set of demands.
per_node_costs(ds) := {d.per_node | some d in ds}

# pool_of is the cluster and pool a demand is computed for; undefined for a cluster the
# input only changes (its other pools, unknown here, may use the same subnet).
pool_of(ci, pi) := [c, p] if {
	c := input.clusters[ci]
	not existing(c)
	p := c.nodePools[pi]
}

# node_per_node is what one node takes from its node subnet: maxPods + 1 in the node
# subnet model (the node and its pods), 1 in every other model.
node_per_node(c, p) := p.maxPods + 1 if c.model == "nodesubnet"

node_per_node(c, _) := 1 if c.model in {"kubenet", "overlay", "podsubnet-dynamic", "podsubnet-static", "byocni"}

# A demand holds only numbers: every subnet's demands are computed to decide whether a
# rule fires, and their wording (demand_text) only for the findings that do.

# node subnet at deploy time: nodes x (maxPods + 1), or nodes.
demand("node", ci, pi) := d if {
	[c, p] := pool_of(ci, pi)
	n := nodes(ci, pi, p)
	per := node_per_node(c, p)
	d := {"kind": "node", "ci": ci, "pi": pi, "need": n * per, "per_node": per}
}

# node subnet with surge: (nodes + surge) x (maxPods + 1), or nodes + surge.
demand("node-surge", ci, pi) := d if {
	[c, p] := pool_of(ci, pi)
	n := nodes(ci, pi, p)
	s := surge(ci, pi, p)
	per := node_per_node(c, p)
	d := {"kind": "node-surge", "ci": ci, "pi": pi, "need": (n + s) * per, "per_node": per}
}

# pod subnet at deploy time: dynamic 16 x nodes (each node takes a first batch of 16);
# static block 16 x ceil((maxPods + 1) / 16) x nodes.
demand("pod", ci, pi) := d if {
	[c, p] := pool_of(ci, pi)
	per := pod_per_node(ci, c, pi, p)
	n := nodes(ci, pi, p)
	d := {"kind": "pod", "ci": ci, "pi": pi, "need": per * n, "per_node": per}
}

# pod subnet at full density with surge: dynamic 16 x ceil(maxPods / 16) x (nodes +
# surge); static block 16 x ceil((maxPods + 1) / 16) x (nodes + surge).
demand("pod-surge", ci, pi) := d if {
	[c, p] := pool_of(ci, pi)
	per := pod_surge_per_node(ci, c, pi, p)
	n := nodes(ci, pi, p)
	s := surge(ci, pi, p)
	d := {"kind": "pod-surge", "ci": ci, "pi": pi, "need": per * (n + s), "per_node": per}
}

pod_per_node(ci, c, pi, p) := 16 if pod_subnet_mode(ci, c, pi, p) == "dynamic"

pod_per_node(ci, c, pi, p) := 16 * blocks_per_node(p) if pod_subnet_mode(ci, c, pi, p) == "static"

pod_surge_per_node(ci, c, pi, p) := 16 * sizing.blocks_of_16(p.maxPods) if pod_subnet_mode(ci, c, pi, p) == "dynamic"

pod_surge_per_node(ci, c, pi, p) := 16 * blocks_per_node(p) if pod_subnet_mode(ci, c, pi, p) == "static"

# demand_text is how demand d comes about, for messages.
demand_text(d) := sprintf("%s: %s x (%s + 1) = %d", [
	pool_label(c, p), nodes_text(d.ci, d.pi, p), max_pods_text(d.ci, d.pi, p), d.need,
]) if {
	d.kind == "node"
	[c, p] := pool_of(d.ci, d.pi)
	c.model == "nodesubnet"
}

demand_text(d) := sprintf("%s: %s", [pool_label(c, p), nodes_text(d.ci, d.pi, p)]) if {
	d.kind == "node"
	[c, p] := pool_of(d.ci, d.pi)
	c.model != "nodesubnet"
}

demand_text(d) := sprintf("%s: (%s + %s) x (%s + 1) = %d", [
	pool_label(c, p), nodes_text(d.ci, d.pi, p), surge_text(d.ci, d.pi, p), max_pods_text(d.ci, d.pi, p), d.need,
]) if {
	d.kind == "node-surge"
	[c, p] := pool_of(d.ci, d.pi)
	c.model == "nodesubnet"
}

demand_text(d) := sprintf("%s: %s + %s = %d", [
	pool_label(c, p), nodes_text(d.ci, d.pi, p), surge_text(d.ci, d.pi, p), d.need,
]) if {
	d.kind == "node-surge"
	[c, p] := pool_of(d.ci, d.pi)
	c.model != "nodesubnet"
}

demand_text(d) := sprintf("%s: 16 x %s = %d", [pool_label(c, p), nodes_text(d.ci, d.pi, p), d.need]) if {
	d.kind == "pod"
	[c, p] := pool_of(d.ci, d.pi)
	pod_subnet_mode(d.ci, c, d.pi, p) == "dynamic"
}

demand_text(d) := sprintf("%s: 16 x ceil((%s + 1) / 16) x %s = %d", [
	pool_label(c, p), max_pods_text(d.ci, d.pi, p), nodes_text(d.ci, d.pi, p), d.need,
]) if {
	d.kind == "pod"
	[c, p] := pool_of(d.ci, d.pi)
	pod_subnet_mode(d.ci, c, d.pi, p) == "static"
}

demand_text(d) := sprintf("%s: 16 x ceil(%s / 16) x (%s + %s) = %d", [
	pool_label(c, p), max_pods_text(d.ci, d.pi, p), nodes_text(d.ci, d.pi, p), surge_text(d.ci, d.pi, p), d.need,
]) if {
	d.kind == "pod-surge"
	[c, p] := pool_of(d.ci, d.pi)
	pod_subnet_mode(d.ci, c, d.pi, p) == "dynamic"
}

demand_text(d) := sprintf("%s: 16 x ceil((%s + 1) / 16) x (%s + %s) = %d", [
	pool_label(c, p), max_pods_text(d.ci, d.pi, p), nodes_text(d.ci, d.pi, p), surge_text(d.ci, d.pi, p), d.need,
]) if {
	d.kind == "pod-surge"
	[c, p] := pool_of(d.ci, d.pi)
	pod_subnet_mode(d.ci, c, d.pi, p) == "static"
}

# sorted_demands is a set of demands in document order.
sorted_demands(ds) := [d |
	some k in sort([[x.ci, x.pi] | some x in ds])
	some d in ds
	[d.ci, d.pi] == k
]

# breakdown joins the demand texts, in document order.
breakdown(ds) := concat("; ", [demand_text(d) | some d in sorted_demands(ds)])

# related points at each pool's subnet reference (field) with its share.
related(ds, field) := [{"pointer": pool_field(d.ci, d.pi, field), "msg": demand_text(d)} | some d in sorted_demands(ds)]

# --- pod subnets --------------------------------------------------------------------------

# static_block holds for a pool that allocates pod IPs in static /28 blocks.
static_block(p) if lower(object.get(p, "podIPAllocationMode", "")) == "staticblock"

# blocks_per_node is the /28 blocks a static block node takes: ceil((maxPods + 1) / 16).
blocks_per_node(p) := sizing.blocks_of_16(p.maxPods + 1)

pod_subnet_model(c) if c.model in {"podsubnet-dynamic", "podsubnet-static"}

# pod_subnet_mode is "static" or "dynamic" for a pool of a pod subnet cluster that draws
# pod IPs from its podSubnet; undefined otherwise or when the mode is unknown.
pod_subnet_mode(ci, c, pi, p) := "static" if {
	pod_subnet_model(c)
	p.podSubnet != ""
	not pool_field_unknown(ci, pi, "podIPAllocationMode")
	static_block(p)
}

pod_subnet_mode(ci, c, pi, p) := "dynamic" if {
	pod_subnet_model(c)
	p.podSubnet != ""
	not pool_field_unknown(ci, pi, "podIPAllocationMode")
	not static_block(p)
}

# --- pod CIDR blocks -----------------------------------------------------------------------

# node_blocks is how many /24 node blocks an IPv4 pod CIDR holds (0 when longer than /24).
node_blocks(cidr) := bits.lsh(1, 24 - ip.prefix_len(cidr)) if ip.prefix_len(cidr) <= 24

node_blocks(cidr) := 0 if ip.prefix_len(cidr) > 24

# smallest_pod_prefix is the longest prefix whose /24 node blocks hold n nodes: for a
# whole n of 2 or more, 24 less the bit length of n - 1 (2^(24 - p) >= n), as
# sizing.smallest_ipv4_prefix; any other n is searched.
smallest_pod_prefix(n) := longest if {
	is_number(n)
	n == floor(n)
	n >= 2
	n - 1 < 16777216
	longest := 24 - count(format_int(n - 1, 2))
} else := max([p |
	some p in numbers.range(0, 24)
	bits.lsh(1, 24 - p) >= n
])

# pod_fit_text names the smallest pod CIDR that holds n nodes.
pod_fit_text(n) := sprintf("/%d, with %s", [p, plural(bits.lsh(1, 24 - p), "node block")]) if {
	p := smallest_pod_prefix(n)
}

pod_fit_text(n) := "larger than any IPv4 range" if not smallest_pod_prefix(n)

# pod_cidr_candidate holds for the clusters (by index) the pod CIDR capacity rules
# (AKSNET203, AKSNET204) check: with the engine's input.derived.podCidrCandidates
# (docs/policies.md), the kubenet and overlay clusters whose nodes may not fit their
# pod CIDR, with or without surge nodes (the others have every value known, and fit);
# without it, every cluster. Each is still checked by the rules. It reads a member of
# the list first, so that the engine's guards leave both rules out of a document with
# none.
pod_cidr_candidate(ci) if {
	input.derived.podCidrCandidates[0] # any
	ci in input.derived.podCidrCandidates
}

pod_cidr_candidate(_) if not input.derived.podCidrCandidates

# ipv4_pod_cidr is the cluster's single IPv4 pod CIDR and its index; undefined when there
# is none or more than one (AKSNET117's concern, not a size to guess).
ipv4_pod_cidr(c) := {"index": i, "cidr": c.networkProfile.podCidrs[i]} if {
	v4 := [j | some j, y in object.get(c.networkProfile, "podCidrs", []); ip.is_ipv4_cidr(y)]
	count(v4) == 1
	i := v4[0]
}

# --- numbers in messages ----------------------------------------------------------------

# plural: "1 node", "3 nodes", "2 addresses".
plural(n, word) := sprintf("%d %s", [n, word]) if n == 1

plural(n, word) := sprintf("%d %ss", [n, word]) if {
	n != 1
	not endswith(word, "s")
}

plural(n, word) := sprintf("%d %ses", [n, word]) if {
	n != 1
	endswith(word, "s")
}

# fit_text names the smallest IPv4 subnet whose usable addresses hold n.
fit_text(n) := sprintf("/%d, with %d usable addresses", [p, bits.lsh(1, 32 - p) - 5]) if {
	p := sizing.smallest_ipv4_prefix(n)
}

fit_text(n) := "larger than any IPv4 subnet" if not sizing.smallest_ipv4_prefix(n)

# too_many_text says how many nodes must go to free short addresses, given the set of
# per-node costs of the pools involved.
too_many_text(short, costs) := sprintf("%s too many", [plural(ceil(short / c), "node")]) if {
	count(costs) == 1
	some c in costs
}

too_many_text(short, costs) := sprintf("%d to %d nodes too many depending on the pool (%d to %d addresses per node)", [
	ceil(short / max(costs)), ceil(short / min(costs)), min(costs), max(costs),
]) if count(costs) > 1

# nodes_worth_text says how many nodes' addresses short addresses are: "2 nodes at 31
# per node", "1 to 4 nodes depending on the pool (16 to 64 addresses per node)".
nodes_worth_text(short, costs) := sprintf("%s at %d per node", [plural(ceil(short / c), "node"), c]) if {
	count(costs) == 1
	some c in costs
}

nodes_worth_text(short, costs) := sprintf("%d to %d nodes depending on the pool (%d to %d addresses per node)", [
	ceil(short / max(costs)), ceil(short / min(costs)), min(costs), max(costs),
]) if count(costs) > 1
