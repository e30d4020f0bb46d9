package aksnet.lib.addressing_test

import data.aksnet.lib.addressing as addr

doc(vnets, subnets) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{"key": "aks", "name": "aks", "networkProfile": {}, "nodePools": [{"name": "system", "vnetSubnet": "vnet/nodes", "podSubnet": "vnet/pods"}]}],
	"virtualNetworks": vnets, "subnets": subnets, "routeTables": [], "networkSecurityGroups": [],
	"roleAssignments": [], "defaulted": [], "unresolved": [],
}

test_valid_cidrs if {
	addr.valid_cidr("10.0.0.0/16")
	addr.valid_cidr("0.0.0.0/0")
	addr.valid_cidr("10.0.0.5/32")
	addr.valid_cidr("fd00::/8")
	addr.valid_cidr("FD00:0::/64") # case and zero runs do not matter
	addr.valid_cidr("fd00:10::/108")
}

test_host_bits_are_invalid if {
	not addr.valid_cidr("10.0.0.1/16")
	not addr.valid_cidr("10.0.1.0/16")
	not addr.valid_cidr("fd00::1/64")
	addr.host_bits_set("10.0.0.1/16")
	not addr.host_bits_set("10.0.0.0/16")
	addr.host_bits_set("fd00::1/64")
	not addr.host_bits_set("FD00:0::/64")
}

test_malformed_are_invalid if {
	not addr.valid_cidr("10.0.0.0/33")
	not addr.valid_cidr("10.0.0/16")
	not addr.valid_cidr("10.0.0.256/24")
	not addr.valid_cidr("10.01.0.0/16")
	not addr.valid_cidr(" 10.0.0.0/16")
	not addr.valid_cidr("10.0.0.0")
	not addr.valid_cidr("fd00::/129")
	not addr.valid_cidr("::ffff:10.0.0.0/104") # IPv4-mapped: neither family cleanly
	not addr.valid_cidr("banana")
	not addr.valid_cidr("")
}

test_family if {
	addr.family("10.0.0.0/8") == "IPv4"
	addr.family("fd00::/8") == "IPv6"
	not addr.family("10.0.0.1/8")
}

test_addresses if {
	addr.ipv4_address("10.0.0.10")
	not addr.ipv4_address("10.0.0.256")
	not addr.ipv4_address("10.0.0.010")
	not addr.ipv4_address("10.0.0.0/24")
	addr.ipv6_address("fd00::a")
	not addr.ipv6_address("fd00::/64")
	addr.ip_address("fd00::a")
	not addr.ip_address("dns")
}

test_cidr_problem if {
	contains(addr.cidr_problem("10.0.0.1/16"), "host bits set: the /16 network that holds 10.0.0.1 is 10.0.0.0/16")
	contains(addr.cidr_problem("10.0.0.5"), "write 10.0.0.5/32")
	contains(addr.cidr_problem("fd00::5"), "write fd00::5/128")
	contains(addr.cidr_problem("10.0.0.0/33"), "is not a valid CIDR")
	not addr.cidr_problem("10.0.0.0/16")
}

test_is_private_boundaries if {
	addr.is_private("10.0.0.0/8")
	addr.is_private("172.31.255.0/24")
	not addr.is_private("172.32.0.0/16")
	addr.is_private("100.127.0.0/16")
	not addr.is_private("100.128.0.0/16")
	not addr.is_private("172.0.0.0/8") # partly private is not private
	addr.is_private("fd00::/108")
	not addr.is_private("2001:db8::/108")
}

test_private_ranges_text if {
	addr.private_ranges_text("IPv4") == "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10"
	addr.private_ranges_text("IPv6") == "fc00::/7"
}

test_pod_cidrs_only_where_used if {
	addr.pod_cidrs({"model": "overlay", "networkProfile": {"podCidrs": ["10.244.0.0/16"]}}) == {0: "10.244.0.0/16"}
	addr.pod_cidrs({"model": "kubenet", "networkProfile": {"podCidrs": ["10.244.0.0/16"]}}) == {0: "10.244.0.0/16"}
	not addr.pod_cidrs({"model": "nodesubnet", "networkProfile": {"podCidrs": ["10.244.0.0/16"]}})
	not addr.pod_cidrs({"networkProfile": {"podCidrs": ["10.244.0.0/16"]}})
}

test_vnet_prefixes_skip_invalid if {
	d := doc([{"key": "vnet", "addressPrefixes": ["10.0.0.0/16", "10.1.0.1/16"]}], [])
	ps := addr.vnet_prefixes("vnet") with input as d
	ps == {{"cidr": "10.0.0.0/16", "pointer": "/virtualNetworks/0/addressPrefixes/0", "vnet": "vnet"}}
	not addr.vnet_space_known("vnet") with input as d
}

test_vnet_space_known if {
	addr.vnet_space_known("vnet") with input as doc([{"key": "vnet", "addressPrefixes": ["10.0.0.0/16"]}], [])
	not addr.vnet_space_known("vnet") with input as doc([{"key": "vnet"}], [])
	not addr.vnet_space_known("other") with input as doc([{"key": "vnet", "addressPrefixes": ["10.0.0.0/16"]}], [])
}

test_vnet_subnets_known if {
	known := [
		{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": ["10.0.0.0/24"], "declared": true},
		{"key": "hub/x", "vnet": "hub", "name": "x", "declared": false},
	]
	addr.vnet_subnets_known("vnet") with input as doc([], known)
	not addr.vnet_subnets_known("hub") with input as doc([], known)
	bad := [{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": ["10.0.0.1/24"], "declared": true}]
	not addr.vnet_subnets_known("vnet") with input as doc([], bad)
}

test_aks_subnets_and_vnets if {
	subnets := [
		{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "declared": false},
		{"key": "vnet/pods", "vnet": "vnet", "name": "pods", "declared": false},
	]
	addr.aks_subnet_keys == {"vnet/nodes", "vnet/pods"} with input as doc([], subnets)
	addr.cluster_vnet_keys == {"vnet"} with input as doc([], subnets)
}

test_ipv4_nth_and_last if {
	addr.ipv4_nth("10.0.0.0/16", 10) == "10.0.0.10"
	addr.ipv4_last("10.0.0.0/16") == "10.0.255.255"
	addr.ipv4_last("10.0.0.0/32") == "10.0.0.0"
}

# Found by FuzzRegoCIDR: OPA's net.cidr_is_valid accepts a prefix length with leading
# zeros; Azure does not, so neither do the helpers (AKSNET114 reports it).
test_prefix_length_with_leading_zero_is_not_valid if {
	not addr.valid_cidr("10.0.0.0/08")
	not addr.valid_cidr("fd00::/064")
	addr.valid_cidr("10.0.0.0/8")
	addr.valid_cidr("0.0.0.0/0")
	addr.valid_cidr("fd00::/64")
	addr.cidr_problem("10.0.0.0/08") == "is not a valid CIDR, an address and a prefix length such as 10.0.0.0/16"
}

# The subnets of one VNet and their prefixes, from the document alone and from the
# facts the engine derives (input.derived.subnets[key].entries and derived.vnets, as
# internal/derive computes them for these subnets): both give the same entries.
grouped_subnets := [
	{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": ["10.0.0.0/24", "10.0.0.1/24"], "declared": true},
	{"key": "hub/x", "vnet": "hub", "name": "x", "addressPrefixes": ["10.9.0.0/24"], "declared": true},
	{"key": "vnet/pods", "vnet": "vnet", "name": "pods", "declared": false},
	{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": ["10.0.1.0/24"], "declared": true},
]

grouped_facts := {
	"subnets": {
		"vnet/nodes": {"index": 0, "entries": [0, 3], "nodePools": [{"ci": 0, "pi": 0}], "podPools": [], "usable": 502},
		"hub/x": {"index": 1, "entries": [1], "nodePools": [], "podPools": [], "usable": 251},
		"vnet/pods": {"index": 2, "entries": [2], "nodePools": [], "podPools": [{"ci": 0, "pi": 0}]},
	},
	"vnets": {"vnet": {"subnets": [0, 2]}, "hub": {"subnets": [1]}},
}

test_subnet_prefixes_with_and_without_facts if {
	plain := doc([], grouped_subnets)
	derived := object.union(plain, {"derived": grouped_facts})
	want := {
		{"cidr": "10.0.0.0/24", "pointer": "/subnets/0/addressPrefixes/0", "subnet": "vnet/nodes", "vnet": "vnet"},
		{"cidr": "10.0.1.0/24", "pointer": "/subnets/3/addressPrefixes/0", "subnet": "vnet/nodes", "vnet": "vnet"},
	}
	addr.subnet_prefixes("vnet/nodes") == want with input as plain
	addr.subnet_prefixes("vnet/nodes") == want with input as derived
	addr.vnet_subnet_prefixes("vnet") == want with input as plain
	addr.vnet_subnet_prefixes("vnet") == want with input as derived
	addr.subnet_prefixes("vnet/pods") == set() with input as derived
	addr.subnet_prefixes("vnet/none") == set() with input as derived
	addr.subnet_prefixes("vnet/none") == set() with input as plain
}

test_vnet_subnets_with_and_without_facts if {
	plain := doc([], grouped_subnets)
	derived := object.union(plain, {"derived": grouped_facts})
	want := {{"subnet": grouped_subnets[0], "index": 0}, {"subnet": grouped_subnets[2], "index": 2}}
	data.aksnet.lib.doc.vnet_subnets("vnet") == want with input as plain
	data.aksnet.lib.doc.vnet_subnets("vnet") == want with input as derived
	data.aksnet.lib.doc.vnet_subnets("none") == set() with input as plain
	data.aksnet.lib.doc.vnet_subnets("none") == set() with input as derived
	from_doc := data.aksnet.lib.doc.subnet("vnet/nodes") with input as plain
	from_facts := data.aksnet.lib.doc.subnet("vnet/nodes") with input as derived
	from_doc.index == 0
	from_facts.index == 0
	from_doc.subnet.addressPrefixes == ["10.0.0.0/24", "10.0.0.1/24"] # the first entry
	from_facts.subnet.addressPrefixes == ["10.0.0.0/24", "10.0.0.1/24"]
	not data.aksnet.lib.doc.subnet("vnet/none") with input as plain
	not data.aksnet.lib.doc.subnet("vnet/none") with input as derived
	data.aksnet.lib.doc.cluster_vnets(plain.clusters[0]) == {"vnet"} with input as derived
}
