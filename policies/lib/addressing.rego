# METADATA
# description: |
#   Address validity, families and the well-known ranges of RULES.md, shared by the 1xx
#   rules. A value counts as valid only in its canonical form (it parses, and a CIDR has
#   no host bits set): AKSNET114 reports every other value, and every other rule guards
#   with these helpers so it stays silent on them.
package aksnet.lib.addressing

import data.aksnet.lib.doc
import data.aksnet.lib.ip

# reserved_ranges are the ranges AKS reserves (RULES.md, "reserved ranges (AKS)").
reserved_ranges := ["169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"]

# private_ranges are the ranges RULES.md counts as private.
private_ranges := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"]

# private_ranges_text lists the private ranges of one family, for messages.
private_ranges_text(family) := concat(", ", [r | some r in private_ranges; family_of_range(r) == family])

# forbidden_ranges are the IPv4 ranges Azure does not allow in a VNet, with what they are.
forbidden_ranges := {
	"224.0.0.0/4": "multicast",
	"127.0.0.0/8": "loopback",
	"168.63.129.16/32": "the Azure platform address for DNS, DHCP and health probes",
	"255.255.255.255/32": "broadcast",
	"169.254.0.0/16": "link-local",
}

family_of_range(r) := "IPv6" if contains(r, ":")

family_of_range(r) := "IPv4" if not contains(r, ":")

# ipv4_address holds for a dotted-quad IPv4 address that parses (no leading zeros,
# octets up to 255).
ipv4_address(x) if {
	is_string(x)
	regex.match(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`, x)
	net.cidr_is_valid(sprintf("%s/32", [x]))
}

# ipv6_address holds for an IPv6 address (no prefix) that parses.
ipv6_address(x) if {
	is_string(x)
	contains(x, ":")
	not contains(x, "/")
	net.cidr_is_valid(sprintf("%s/128", [x]))
}

# ip_address holds for an IPv4 or IPv6 address.
ip_address(x) if ipv4_address(x)

ip_address(x) if ipv6_address(x)

# parses_as_ipv4_cidr holds for "a.b.c.d/n" that parses, host bits or not. A prefix
# length with a leading zero ("/08") is refused: net.cidr_is_valid accepts it, Azure
# does not.
parses_as_ipv4_cidr(c) if {
	is_string(c)
	regex.match(`^[0-9]{1,3}(\.[0-9]{1,3}){3}/(0|[1-9][0-9]?)$`, c)
	net.cidr_is_valid(c)
}

# parses_as_ipv6_cidr holds for an IPv6 CIDR that parses, host bits or not.
parses_as_ipv6_cidr(c) if {
	is_string(c)
	contains(c, ":")
	regex.match(`^[^/]+/(0|[1-9][0-9]{0,2})$`, c)
	net.cidr_is_valid(c)
	contains(network(c), ":") # not an IPv4-mapped form
}

# network is the canonical network of a CIDR that parses ("10.0.0.1/16" -> "10.0.0.0/16").
network(c) := n if {
	some n in net.cidr_merge([c])
}

# host_bits_set holds for a CIDR that parses but whose address is not its network address.
host_bits_set(c) if {
	address := split(c, "/")[0]
	full := address_bits(c)
	not net.cidr_contains(sprintf("%s/%d", [address, full]), split(network(c), "/")[0])
}

address_bits(c) := 128 if contains(c, ":")

address_bits(c) := 32 if not contains(c, ":")

# ipv4_cidr holds for a canonical IPv4 CIDR. An IPv4 CIDR that parses is written
# canonically (Go refuses leading zeros, the pattern refuses "/08"), so it has no host
# bits set exactly when it is its own network: one built-in call instead of the five
# of host_bits_set, on every CIDR of a document. The engine lists the canonical CIDRs
# of a document's subnets, VNets and clusters in input.derived.ranges (docs/policies.md),
# so those are looked up; any other value is checked here.
ipv4_cidr(c) if {
	input.derived.ranges[c].family == "IPv4"
} else if {
	not input.derived.ranges[c]
	parses_as_ipv4_cidr(c)
	network(c) == c
}

# ipv6_cidr holds for a canonical IPv6 CIDR.
ipv6_cidr(c) if {
	parses_as_ipv6_cidr(c)
	not host_bits_set(c)
}

# valid_cidr holds for a canonical CIDR of either family.
valid_cidr(c) if ipv4_cidr(c)

valid_cidr(c) if ipv6_cidr(c)

# family is "IPv4" or "IPv6" for a valid CIDR.
family(c) := "IPv4" if ipv4_cidr(c)

family(c) := "IPv6" if ipv6_cidr(c)

# cidr_problem says why c is not a valid CIDR; undefined for a valid one.
cidr_problem(c) := sprintf("is a single address, not a CIDR range; write %s/%d for that one address", [c, address_bits(c)]) if {
	not valid_cidr(c)
	ip_address(c)
}

cidr_problem(c) := sprintf("has host bits set: the /%s network that holds %s is %s; write that", [split(c, "/")[1], split(c, "/")[0], network(c)]) if {
	not valid_cidr(c)
	parses_as_cidr(c)
	host_bits_set(c)
}

cidr_problem(c) := "is not a valid CIDR, an address and a prefix length such as 10.0.0.0/16" if {
	not valid_cidr(c)
	not ip_address(c)
	not parses_as_cidr(c)
}

parses_as_cidr(c) if parses_as_ipv4_cidr(c)

parses_as_cidr(c) if parses_as_ipv6_cidr(c)

# is_private holds for a valid CIDR that lies entirely inside a private range.
is_private(c) if {
	some r in private_ranges
	net.cidr_contains(r, c)
}

# uses_pod_cidr holds for the network models whose pods take addresses from the pod
# CIDR (kubenet and overlay); the RP ignores a pod CIDR in the other models.
uses_pod_cidr(c) if c.model in {"kubenet", "overlay"}

# pod_cidrs are the pod CIDRs of a cluster that take effect, by index.
pod_cidrs(c) := {i: cidr | some i, cidr in c.networkProfile.podCidrs} if uses_pod_cidr(c)

# note is " (default)" for a defaulted networkProfile field of cluster ci.
note(ci, field) := doc.default_note(sprintf("/clusters/%d/networkProfile/%s", [ci, field]))

# vnet_prefixes are the valid address prefixes of the VNet key k:
# {"cidr", "pointer", "vnet"}.
vnet_prefixes(k) := object.get(vnet_prefixes_by_key, k, set())

# The lookups by key below are computed once per document, with comprehensions OPA
# indexes on the key: a function that scanned every VNet or subnet on each call made
# the rules quadratic in the number of subnets. They are object comprehensions, not a
# rule per key, which OPA checks against every key before it (quadratic again).
vnet_prefixes_by_key := by_key if {
	by_key := {k: prefixes |
		some v in input.virtualNetworks
		k := v.key
		prefixes := {p |
			some vi, w in input.virtualNetworks
			w.key == k
			some j, cidr in w.addressPrefixes
			valid_cidr(cidr)
			p := {"cidr": cidr, "pointer": sprintf("/virtualNetworks/%d/addressPrefixes/%d", [vi, j]), "vnet": w.key}
		}
	}
}

# vnet_space_known holds when the document states the VNet key k's address space and
# every prefix of it is valid.
vnet_space_known(k) if k in vnets_with_known_space

vnets_with_known_space contains k if {
	some v in input.virtualNetworks
	k := v.key
	count(object.get(v, "addressPrefixes", [])) > 0
	not k in vnets_with_invalid_prefix
}

vnets_with_invalid_prefix contains v.key if {
	some v in input.virtualNetworks
	some cidr in v.addressPrefixes
	not valid_cidr(cidr)
}

# subnet_prefixes are the valid address prefixes of subnet key k:
# {"cidr", "pointer", "subnet", "vnet"}. input.derived.subnets[k].entries are the
# entries of key k, so only the subnets a rule asks about are read; without it, every
# key's prefixes are grouped once below.
subnet_prefixes(k) := {p |
	some si in input.derived.subnets[k].entries
	t := input.subnets[si]
	some j, cidr in t.addressPrefixes
	valid_cidr(cidr)
	p := {"cidr": cidr, "pointer": sprintf("/subnets/%d/addressPrefixes/%d", [si, j]), "subnet": t.key, "vnet": t.vnet}
} if {
	input.derived.subnets
} else := object.get(subnet_prefixes_by_key, k, set())

subnet_prefixes_by_key := by_key if {
	by_key := {k: prefixes |
		some s in input.subnets
		k := s.key
		prefixes := {p |
			some si, t in input.subnets
			t.key == k
			some j, cidr in t.addressPrefixes
			valid_cidr(cidr)
			p := {"cidr": cidr, "pointer": sprintf("/subnets/%d/addressPrefixes/%d", [si, j]), "subnet": t.key, "vnet": t.vnet}
		}
	}
}

# vnet_subnet_prefixes are the valid prefixes of every subnet of the VNet key v.
vnet_subnet_prefixes(v) := {p |
	some e in doc.vnet_subnets(v)
	some p in subnet_prefixes(e.subnet.key)
}

# The prefixes of cluster c's network that may share an address with the cluster's
# valid range cidr: with the engine's input.derived.clusterRangeOverlaps, those it
# lists for cidr (docs/policies.md), so that a cluster whose ranges meet nothing is not
# compared with every subnet of its VNets; without it, all of them. The rules still
# compare each one.
#
# The facts list canonical prefixes only; one written otherwise may still be valid (an
# IPv6 prefix in capitals), so those of input.derived.noncanonicalSubnetPrefixes and
# noncanonicalVNetPrefixes are compared too.
overlap_subnet_refs(cidr) := {ref | some ref in input.derived.clusterRangeOverlaps[cidr].subnets} | {ref | some ref in input.derived.noncanonicalSubnetPrefixes}

overlap_vnet_refs(cidr) := {ref | some ref in input.derived.clusterRangeOverlaps[cidr].vnets} | {ref | some ref in input.derived.noncanonicalVNetPrefixes}

# range_candidates are the places of the clusters' service and pod CIDRs the rules of
# a cluster range inside its VNet or overlapping its subnets check: with the engine's
# input.derived.clusterRangeCandidates (docs/policies.md), those that may share an
# address with a subnet or VNet prefix, so a document whose cluster ranges meet none
# evaluates none of those rules; without it, every CIDR. Each is still checked.
range_candidates := input.derived.clusterRangeCandidates

range_candidates := {
	"serviceCidrs": [[ci, i] | some ci, c in input.clusters; some i, _ in c.networkProfile.serviceCidrs],
	"podCidrs": [[ci, i] | some ci, c in input.clusters; some i, _ in c.networkProfile.podCidrs],
} if not input.derived.clusterRangeCandidates

# cluster_subnet_entries are [entry, prefix index] of the subnets of doc.vnet_subnets(v)
# for each VNet v of c.
cluster_subnet_entries(c, cidr) := {[e, j] |
	some [si, j] in overlap_subnet_refs(cidr)
	e := doc.subnet(input.subnets[si].key)
	e.index == si
	e.subnet.vnet in doc.cluster_vnets(c)
} if {
	input.derived.clusterRangeOverlaps[cidr]
} else := {[e, j] |
	some v in doc.cluster_vnets(c)
	some e in doc.vnet_subnets(v)
	some j, _ in e.subnet.addressPrefixes
}

# cluster_subnet_prefixes are the elements of vnet_subnet_prefixes(v) for each VNet v of c.
cluster_subnet_prefixes(c, cidr) := {p |
	some [si, j] in overlap_subnet_refs(cidr)
	t := input.subnets[si]
	doc.subnet(t.key).subnet.vnet in doc.cluster_vnets(c)
	prefix := t.addressPrefixes[j]
	valid_cidr(prefix)
	p := {"cidr": prefix, "pointer": sprintf("/subnets/%d/addressPrefixes/%d", [si, j]), "subnet": t.key, "vnet": t.vnet}
} if {
	input.derived.clusterRangeOverlaps[cidr]
} else := {p |
	some v in doc.cluster_vnets(c)
	some p in vnet_subnet_prefixes(v)
}

# cluster_vnet_prefixes are the elements of vnet_prefixes(v) for each VNet v of c.
cluster_vnet_prefixes(c, cidr) := {p |
	some [vi, j] in overlap_vnet_refs(cidr)
	w := input.virtualNetworks[vi]
	w.key in doc.cluster_vnets(c)
	prefix := w.addressPrefixes[j]
	valid_cidr(prefix)
	p := {"cidr": prefix, "pointer": sprintf("/virtualNetworks/%d/addressPrefixes/%d", [vi, j]), "vnet": w.key}
} if {
	input.derived.clusterRangeOverlaps[cidr]
} else := {p |
	some v in doc.cluster_vnets(c)
	some p in vnet_prefixes(v)
}

# vnet_subnets_known holds when every subnet the document knows for VNet key v has a
# stated address space, all of it valid: only then can a rule say "no subnet uses it".
vnet_subnets_known(v) if {
	every e in doc.vnet_subnets(v) {
		count(object.get(e.subnet, "addressPrefixes", [])) > 0
		every cidr in e.subnet.addressPrefixes {
			valid_cidr(cidr)
		}
	}
}

# cluster_vnet_keys are the VNets that hold node subnets of any cluster.
cluster_vnet_keys contains v if {
	some c in input.clusters
	some v in doc.cluster_vnets(c)
}

# aks_subnet_keys are the subnets used as node or pod subnets by any cluster.
aks_subnet_keys contains k if {
	some c in input.clusters
	some p in c.nodePools
	k := p.vnetSubnet
}

aks_subnet_keys contains k if {
	some c in input.clusters
	some p in c.nodePools
	k := p.podSubnet
}

# ipv4_nth is the n-th address (0 = network address) of a valid IPv4 CIDR.
ipv4_nth(c, n) := ip.int_to_ipv4(ip.ipv4_network(c) + n)

# ipv4_last is the last (broadcast) address of a valid IPv4 CIDR.
ipv4_last(c) := ip.int_to_ipv4((ip.ipv4_network(c) + ip.ipv4_size(c)) - 1)
