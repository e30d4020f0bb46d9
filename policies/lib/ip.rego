# METADATA
# description: CIDR and IPv4 arithmetic on top of OPA's net.* built-ins.
package aksnet.lib.ip

# is_ipv4_cidr holds for a valid IPv4 CIDR ("10.0.0.0/16").
is_ipv4_cidr(c) if {
	contains(c, ".")
	contains(c, "/")
	net.cidr_is_valid(c)
}

# is_ipv6_cidr holds for a valid IPv6 CIDR.
is_ipv6_cidr(c) if {
	contains(c, ":")
	contains(c, "/")
	net.cidr_is_valid(c)
}

# is_ipv4 holds for a plain dotted-quad IPv4 address.
is_ipv4(ip) if {
	regex.match(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`, ip)
	every o in split(ip, ".") {
		to_number(o) <= 255
	}
}

# is_ipv6 holds for a valid IPv6 address (no prefix).
is_ipv6(ip) if {
	contains(ip, ":")
	not contains(ip, "/")
	net.cidr_is_valid(sprintf("%s/128", [ip]))
}

# overlaps holds when two valid CIDRs of the same family share any address.
overlaps(a, b) if {
	net.cidr_is_valid(a)
	net.cidr_is_valid(b)
	net.cidr_intersects(a, b)
}

# prefix_len is the prefix length of a CIDR.
prefix_len(c) := to_number(split(c, "/")[1])

# ipv4_to_int turns a dotted quad into a number.
ipv4_to_int(ip) := n if {
	o := [to_number(x) | some x in split(ip, ".")]
	n := ((o[0] * 16777216) + (o[1] * 65536)) + ((o[2] * 256) + o[3])
}

# int_to_ipv4 turns a number of 0 to 2^32 - 1 back into a dotted quad. Its octets are
# bit fields: shifting and masking takes seven built-in calls where dividing, flooring
# and taking the remainder took twelve, and rules call it for every service CIDR.
int_to_ipv4(n) := sprintf("%d.%d.%d.%d", [
	bits.and(bits.rsh(n, 24), 255),
	bits.and(bits.rsh(n, 16), 255),
	bits.and(bits.rsh(n, 8), 255),
	bits.and(n, 255),
])

# ipv4_size is the number of addresses in an IPv4 CIDR.
ipv4_size(c) := bits.lsh(1, 32 - prefix_len(c))

# ipv4_network is the network address of an IPv4 CIDR, as a number.
ipv4_network(c) := base if {
	size := ipv4_size(c)
	addr := ipv4_to_int(split(c, "/")[0])
	base := addr - (addr % size)
}

# ipv4_usable is the number of addresses Azure leaves usable in an IPv4 subnet (it
# reserves 5 in every subnet).
ipv4_usable(c) := ipv4_size(c) - 5
