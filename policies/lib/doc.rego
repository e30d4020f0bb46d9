# METADATA
# description: Accessors over the network document shared by the rules.
package aksnet.lib.doc

# subnets maps subnet key to the subnet and its index.
subnets[s.key] := {"subnet": s, "index": i} if {
	some i, s in input.subnets
	not declared_earlier(i, s.key)
}

# declared_earlier holds when a subnet key appears before index i (a subnet written
# both inline in its VNet and as a child resource): the first one is kept.
declared_earlier(i, key) if {
	some j, t in input.subnets
	j < i
	t.key == key
}

# cluster_vnets is the set of VNet keys that hold the node subnets of cluster c.
cluster_vnets(c) := {subnets[p.vnetSubnet].subnet.vnet |
	some p in c.nodePools
	subnets[p.vnetSubnet]
}

# vnet_subnets is the set of subnet entries ({"subnet", "index"}) of VNet key v.
vnet_subnets(v) := {e | some e in subnets; e.subnet.vnet == v}

# defaulted holds for a pointer whose value came from RULES.md's effective defaults.
defaulted(pointer) if pointer in input.defaulted

# default_note is " (default)" for a defaulted pointer, "" otherwise.
default_note(pointer) := " (default)" if defaulted(pointer)

default_note(pointer) := "" if not defaulted(pointer)

# cluster_label names a cluster in messages.
cluster_label(c) := sprintf("cluster %q", [object.get(c, "name", c.key)])
