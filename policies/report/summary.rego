# METADATA
# description: |
#   The summary of one network document that the Markdown review report prints: each
#   cluster's network model and settings, its pools, each subnet's usable addresses
#   against what its pools need, each pod CIDR's /24 node blocks, and the address ranges
#   to draw. Every number comes from the formulas of aksnet.lib, so the report and the
#   rules cannot disagree. A value that is not known is reported as unresolved (with
#   the expression it comes from) or as null, never guessed.
#
#   Needs are given four ways (RULES.md, 2xx):
#   - deploy: every pool at its node count (count), no surge;
#   - deploySurge: the same with each pool's surge nodes (an upgrade right after deploy);
#   - max: autoscaling pools at maxCount, the others at count (AKSNET201, 203, 205);
#   - maxSurge: max with each pool's surge nodes (AKSNET202, 204, 206).
#   moreNodes is how many more nodes fit at max before the subnet (or pod CIDR) is full.
# schemas:
#   - input: schema.netdoc
package aksnet.report

import data.aksnet.lib.addressing
import data.aksnet.lib.capacity
import data.aksnet.lib.compat
import data.aksnet.lib.doc

summary := {
	"clusters": [cluster(ci, c) | some ci, c in input.clusters],
	"subnets": [subnet(key, e) | some key in sort(object.keys(doc.subnets)); e := doc.subnets[key]],
	"ranges": [range_entry(r) | some r in ranges],
	"unresolved": sort({u | some u in input.unresolved}),
}

# --- values and whether they are known --------------------------------------------------

# value describes field f of obj, written at pointer: {"state", "value", "expression",
# "reason"}. state is "stated", "default" (filled from RULES.md's effective values),
# "unresolved" (not known statically; value holds any part that is known) or "absent".
value(obj, f, pointer) := object.union(known_part(obj, f), {
	"state": "unresolved",
	"expression": expressions(pointer),
	"reason": reasons(pointer),
}) if capacity.unknown(pointer)

value(obj, f, pointer) := {"state": "default", "value": obj[f]} if {
	not capacity.unknown(pointer)
	has(obj, f)
	doc.defaulted(pointer)
}

value(obj, f, pointer) := {"state": "stated", "value": obj[f]} if {
	not capacity.unknown(pointer)
	has(obj, f)
	not doc.defaulted(pointer)
}

value(obj, f, pointer) := {"state": "absent"} if {
	not capacity.unknown(pointer)
	not has(obj, f)
}

has(obj, f) if object.get(obj, f, null) != null

known_part(obj, f) := {"value": obj[f]} if has(obj, f)

known_part(obj, f) := {} if not has(obj, f)

# expressions and reasons of the unresolved values at, above or below pointer.
expressions(pointer) := concat("; ", sort({u.expression | some u in related_unresolved(pointer)}))

reasons(pointer) := concat("; ", sort({u.reason | some u in related_unresolved(pointer)}))

related_unresolved(pointer) := {u |
	some u in input.unresolved
	capacity.pointers_related(u.pointer, pointer)
}

# --- clusters ----------------------------------------------------------------------------

profile_fields := [
	"networkPlugin", "networkPluginMode", "networkPolicy", "networkDataplane", "podCidrs",
	"serviceCidrs", "dnsServiceIP", "outboundType", "loadBalancerSku", "ipFamilies",
]

# deprecated_fields are listed only when the input sets them.
deprecated_fields := ["dockerBridgeCidr", "networkMode"]

cluster(ci, c) := {
	"key": c.key,
	"name": cluster_name(c),
	"existing": existing(c),
	"model": model(ci, c),
	"settings": array.concat(
		[object.union({"name": "kubernetesVersion"}, value(c, "kubernetesVersion", sprintf("/clusters/%d/kubernetesVersion", [ci])))],
		array.concat(
			[profile_setting(ci, c, f) | some f in profile_fields],
			[s | some f in deprecated_fields; s := profile_setting(ci, c, f); s.state != "absent"],
		),
	),
	"pools": [pool(ci, pi, c, p) | some pi, p in c.nodePools],
	"podCidr": pod_cidr_capacity(ci, c),
}

existing(c) if capacity.existing(c)

else := false

profile_setting(ci, c, f) := object.union(
	{"name": f, "note": profile_note(c, f)},
	value(c.networkProfile, f, sprintf("/clusters/%d/networkProfile/%s", [ci, f])),
)

# profile_note explains a stated value that has no effect (AKSNET406 reports it).
profile_note(c, f) := "ignored by this network model" if {
	f == "podCidrs"
	count(object.get(c.networkProfile, "podCidrs", [])) > 0
	c.model in {"nodesubnet", "podsubnet-dynamic", "podsubnet-static"}
}

else := ""

# model is the effective network model with its label, or unknown: the effective-values
# step leaves it empty when the plugin, its mode or a pool's pod subnet is not known.
model(_, c) := {"state": "stated", "value": c.model, "label": compat.model_label[c.model]} if compat.model_label[c.model]

model(ci, c) := object.union({"state": "unknown"}, model_unknown(ci, c)) if not compat.model_label[object.get(c, "model", "")]

model_unknown(ci, c) := {"expression": concat("; ", sort({u.expression | some u in us})), "reason": concat("; ", sort({u.reason | some u in us}))} if {
	us := model_unresolved(ci, c)
	count(us) > 0
}

model_unknown(ci, c) := {"expression": "", "reason": "the input does not state the network plugin"} if {
	count(model_unresolved(ci, c)) == 0
	not c.networkProfile.networkPlugin
}

model_unknown(ci, c) := {"expression": "", "reason": sprintf("networkPlugin %q is not one AKS knows", [c.networkProfile.networkPlugin])} if {
	count(model_unresolved(ci, c)) == 0
	c.networkProfile.networkPlugin
}

# model_unresolved are the unresolved values the model depends on: the plugin and its
# mode, the Kubernetes version (it decides the default plugin) and the pod subnets.
model_unresolved(ci, c) := {u |
	some p in model_pointers(ci, c)
	some u in related_unresolved(p)
}

model_pointers(ci, c) := {p |
	some f in ["networkProfile/networkPlugin", "networkProfile/networkPluginMode", "kubernetesVersion"]
	p := sprintf("/clusters/%d/%s", [ci, f])
} | {capacity.pool_field(ci, pi, "podSubnet") | some pi, _ in c.nodePools}

pool_fields := [
	"name", "mode", "osType", "count", "enableAutoScaling", "minCount", "maxCount", "maxPods",
	"maxSurge", "podIPAllocationMode", "vnetSubnet", "podSubnet",
]

pool(ci, pi, _, p) := {
	"name": object.get(p, "name", ""),
	"settings": {f: value(p, f, capacity.pool_field(ci, pi, f)) | some f in pool_fields},
	"surgeNodes": {"deploy": surge(ci, pi, at_count_pool(p)), "max": surge(ci, pi, p)},
}

# surge is the pool's surge nodes, null when unknown.
surge(ci, pi, p) := n if n := capacity.surge(ci, pi, p)

else := null

# --- pools at their node count --------------------------------------------------------------

# at_count_pool is the pool sized at its count: the lib's node count is maxCount for an
# autoscaling pool, so switching the autoscaler off gives the nodes it is created with.
at_count_pool(p) := object.union(p, {"enableAutoScaling": false})

at_count_cluster(c) := object.union(c, {"nodePools": [at_count_pool(p) | some p in c.nodePools]})

# at_count_input is the document with every pool at its count.
at_count_input := object.union(input, {"clusters": [at_count_cluster(c) | some c in input.clusters]})

# --- pod CIDR node blocks (kubenet and overlay) ------------------------------------------------

pod_cidr_capacity(ci, c) := {
	"cidr": pc.cidr,
	"blocks": blocks,
	"deploy": cluster_nodes(ci, at_count_cluster(c)),
	"deploySurge": cluster_nodes_with_surge(ci, at_count_cluster(c)),
	"max": cluster_nodes(ci, c),
	"maxSurge": cluster_nodes_with_surge(ci, c),
	"moreNodes": more_nodes(blocks, cluster_nodes(ci, c), {1}),
} if {
	c.model in {"kubenet", "overlay"}
	pc := capacity.ipv4_pod_cidr(c)
	blocks := capacity.node_blocks(pc.cidr)
}

else := null

# cluster_nodes is the cluster's total nodes, null when unknown.
cluster_nodes(ci, c) := n if n := capacity.cluster_nodes(ci, c)

else := null

cluster_nodes_with_surge(ci, c) := n if n := capacity.cluster_nodes(ci, c) + capacity.cluster_surge(ci, c)

else := null

# --- subnets ---------------------------------------------------------------------------

subnet(key, e) := {
	"key": key,
	"label": subnet_label(e),
	"vnet": object.get(e.subnet, "vnet", ""),
	"name": object.get(e.subnet, "name", ""),
	"declared": object.get(e.subnet, "declared", false),
	"prefixes": value(e.subnet, "addressPrefixes", sprintf("/subnets/%d/addressPrefixes", [e.index])),
	"usable": usable(e),
	"uses": array.concat(
		[use(key, e, role) | some role in ["node", "pod"]; count(role_users(role, key)) > 0],
		[other_use(role, users) | some role, users in other_users(key); count(users) > 0],
	),
}

role_field := {"node": "vnetSubnet", "pod": "podSubnet"}

role_users("node", key) := capacity.node_users(key)

role_users("pod", key) := capacity.pod_users(key)

# use is what the pools using subnet key in role ("node" or "pod") need of it.
use(key, e, role) := {
	"role": role,
	"users": [pool_name(u.ci, u.pi) | some u in role_users(role, key)],
	"complete": complete(role_field[role]),
	"deploy": need_at_count(role, key),
	"deploySurge": need_at_count(concat("-", [role, "surge"]), key),
	"max": need(role, key),
	"maxSurge": need(concat("-", [role, "surge"]), key),
	"moreNodes": subnet_more_nodes(e, role, key),
}

# usable is the subnet's usable addresses, null when unknown.
usable(e) := n if n := capacity.usable(e)

else := null

# complete is false when some pool's reference of this kind is unresolved: that pool may
# use any subnet, so no subnet's users are all known.
complete(field) := false if capacity.reference_unknown(field)

else := true

# need is what the pools need of kind ("node", "node-surge", "pod", "pod-surge") on
# subnet key, null when unknown.
need(kind, key) := n if n := capacity.total(capacity.demands(kind, key))

else := null

need_at_count(kind, key) := n if {
	at_count := at_count_input
	ds := capacity.demands(kind, key) with input as at_count
	n := capacity.total(ds)
}

else := null

subnet_more_nodes(e, role, key) := m if {
	ds := capacity.demands(role, key)
	m := more_nodes(capacity.usable(e), capacity.total(ds), capacity.per_node_costs(ds))
}

else := null

# other_users are the clusters using subnet key for the API server (VNet integration) or
# the virtual nodes add-on: named, with no sizing formula in RULES.md.
other_users(key) := {
	"apiserver": [cluster_name(c) | some c in input.clusters; object.get(c, "apiServerSubnet", "") == key],
	"virtualnodes": [cluster_name(c) | some c in input.clusters; object.get(object.get(c, "addons", {}), "virtualNodesSubnet", "") == key],
}

other_use(role, users) := {"role": role, "users": users, "complete": true}

# cluster_name is the name as written: the name, or for one not known statically the
# variable, placeholder or parameter it comes from (input.labels, from the engine).
cluster_name(c) := c.name if {
	is_string(c.name)
} else := written[0] if {
	written := [l |
		some ci, d in input.clusters
		d.key == c.key
		l := input.labels[sprintf("/clusters/%d", [ci])]
	]
	count(written) > 0
} else := c.key

pool_name(ci, pi) := sprintf("%s/%s", [cluster_name(input.clusters[ci]), pool_written(ci, pi)])

pool_written(ci, pi) := input.clusters[ci].nodePools[pi].name if {
	is_string(input.clusters[ci].nodePools[pi].name)
} else := input.labels[sprintf("/clusters/%d/nodePools/%d", [ci, pi])] if {
	input.labels[sprintf("/clusters/%d/nodePools/%d", [ci, pi])]
} else := "?"

# more_nodes is how many more nodes fit in available - need, given the set of per-node
# costs: {"min", "max", "perNode"} (min at the costliest pool's cost, max at the
# cheapest's), {"short"} when need is more than available, null when need is unknown.
more_nodes(available, need, costs) := {
	"min": floor((available - need) / max(costs)),
	"max": floor((available - need) / min(costs)),
	"perNode": sort(costs),
} if {
	is_number(need)
	available >= need
	count(costs) > 0
}

else := {"short": need - available} if {
	is_number(need)
	available < need
}

else := null

# --- address ranges ------------------------------------------------------------------------

# ranges are the valid address ranges of the document, to draw on one map: VNets,
# subnets, each cluster's service CIDRs and (kubenet, overlay) pod CIDRs, peered VNets'
# ranges and connected networks from the configuration.
# subnet_label and vnet_label are names as written (input.labels, from the engine).
subnet_label(e) := l if {
	l := input.labels[sprintf("/subnets/%d", [e.index])]
} else := e.subnet.key

vnet_label(vi, v) := l if {
	l := input.labels[sprintf("/virtualNetworks/%d", [vi])]
} else := v.key

ranges contains {"kind": "vnet", "label": sprintf("VNet %s", [vnet_label(vi, v)]), "cidr": cidr, "vnet": v.key, "cluster": ""} if {
	some vi, v in input.virtualNetworks
	some cidr in object.get(v, "addressPrefixes", [])
	addressing.valid_cidr(cidr)
}

ranges contains {"kind": "subnet", "label": sprintf("subnet %s", [subnet_label(e)]), "cidr": cidr, "vnet": e.subnet.vnet, "cluster": ""} if {
	some key, e in doc.subnets
	some cidr in object.get(e.subnet, "addressPrefixes", [])
	addressing.valid_cidr(cidr)
}

ranges contains {"kind": "service", "label": sprintf("service CIDR of %s", [cluster_name(c)]), "cidr": cidr, "vnet": "", "cluster": c.key} if {
	some c in input.clusters
	some cidr in object.get(c.networkProfile, "serviceCidrs", [])
	addressing.valid_cidr(cidr)
}

ranges contains {"kind": "pod", "label": sprintf("pod CIDR of %s", [cluster_name(c)]), "cidr": cidr, "vnet": "", "cluster": c.key} if {
	some c in input.clusters
	some cidr in addressing.pod_cidrs(c)
	addressing.valid_cidr(cidr)
}

ranges contains {"kind": "peering", "label": sprintf("peer %s of VNet %s", [object.get(pe, "name", ""), v.key]), "cidr": cidr, "vnet": "", "cluster": ""} if {
	some v in input.virtualNetworks
	some pe in object.get(v, "peerings", [])
	some cidr in object.get(pe, "remoteAddressPrefixes", [])
	addressing.valid_cidr(cidr)
}

ranges contains {"kind": "connected", "label": sprintf("connected network %s", [n.name]), "cidr": cidr, "vnet": "", "cluster": ""} if {
	some n in object.get(input, "connectedNetworks", [])
	some cidr in n.addressPrefixes
	addressing.valid_cidr(cidr)
}

range_entry(r) := object.union(r, {
	"family": addressing.family(r.cidr),
	"overlaps": [o | some o in overlaps(r)],
})

# overlaps are the ranges sharing addresses with r that are not expected to.
overlaps(r) := {{"label": o.label, "cidr": o.cidr} |
	some o in ranges
	o != r
	addressing.family(o.cidr) == addressing.family(r.cidr)
	net.cidr_intersects(o.cidr, r.cidr)
	not expected_overlap(r, o)
}

# expected_overlap: a subnet lies in its own VNet, and ranges private to a cluster
# (service and pod CIDRs) may repeat across clusters. Every other shared address is shown.
expected_overlap(a, b) if {
	{a.kind, b.kind} == {"vnet", "subnet"}
	a.vnet == b.vnet
}

expected_overlap(a, b) if {
	a.kind in {"service", "pod"}
	b.kind in {"service", "pod"}
	a.cluster != b.cluster
}
