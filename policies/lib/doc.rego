# METADATA
# description: Accessors over the network document shared by the rules.
package aksnet.lib.doc

# subnets maps subnet key to the subnet and its index. A key written twice (a subnet
# both inline in its VNet and as a child resource) keeps its first entry. The indexes
# are grouped by key in one comprehension, which OPA indexes on key: linear in the
# number of subnets, where comparing every pair took minutes at 8,000 subnets. It is
# one object comprehension, not a rule per key: OPA checks each key of an object rule
# against every key before it, which is quadratic again.
#
# The engine gives every document input.derived.subnets (docs/policies.md), each key's
# first index computed once in Go; a document without it (the Rego tests, a document
# given to opa eval) is grouped here.
subnets := from_facts if {
	input.derived.subnets
	from_facts := {key: {"subnet": input.subnets[f.index], "index": f.index} | some key, f in input.derived.subnets}
}

else := by_key if {
	by_key := {key: {"subnet": input.subnets[first], "index": first} |
		some s in input.subnets
		key := s.key
		indexes := [j | some j, t in input.subnets; t.key == key]
		first := indexes[0]
	}
}

# subnet is the entry ({"subnet", "index"}) of subnet key k in subnets; undefined when
# the document has no subnet k. With input.derived it is looked up, so a document
# whose rules read a few subnets does not build the entries of all of them.
subnet(k) := {"subnet": input.subnets[i], "index": i} if {
	i := input.derived.subnets[k].index
} else := subnets[k] if {
	not input.derived.subnets
}

# cluster_vnets is the set of VNet keys that hold the node subnets of cluster c.
cluster_vnets(c) := {subnet(p.vnetSubnet).subnet.vnet | some p in c.nodePools}

# vnet_subnets is the set of subnet entries ({"subnet", "index"}) of VNet key v: from
# input.derived.vnets, built for the VNets a rule asks about; without it, grouped here.
vnet_subnets(v) := {{"subnet": input.subnets[i], "index": i} | some i in input.derived.vnets[v].subnets} if {
	input.derived.vnets
} else := object.get(subnets_by_vnet, v, set())

# subnets_by_vnet groups the subnet entries by VNet key, once per document.
subnets_by_vnet := by_vnet if {
	by_vnet := {v: entries |
		some e in subnets
		v := e.subnet.vnet
		entries := {x | some x in subnets; x.subnet.vnet == v}
	}
}

# defaulted holds for a pointer whose value came from RULES.md's effective defaults.
defaulted(pointer) if pointer in input.defaulted

# default_note is " (default)" for a defaulted pointer, "" otherwise.
default_note(pointer) := " (default)" if defaulted(pointer)

default_note(pointer) := "" if not defaulted(pointer)

# cluster_label names a cluster in messages. A cluster whose name is not known shows its
# key, which the engine rewrites into the name as written ($CLUSTER_NAME).
cluster_label(c) := sprintf("cluster %q", [object.get(c, "name", c.key)])

# pool_name is a pool's name in messages: quoted, or as written when it is not known
# ($POOL_NAME, at line 12; from input.labels, which the engine fills).
pool_name(p) := sprintf("%q", [p.name]) if {
	is_string(p.name)
} else := written[0] if {
	written := [l |
		some ci, c in input.clusters
		some pi, q in c.nodePools
		q == p
		l := input.labels[sprintf("/clusters/%d/nodePools/%d", [ci, pi])]
	]
	count(written) > 0
} else := "without a name"
