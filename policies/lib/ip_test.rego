package aksnet.lib.ip_test

import data.aksnet.lib.ip

test_int_to_ipv4 if {
	ip.int_to_ipv4(0) == "0.0.0.0"
	ip.int_to_ipv4(167772170) == "10.0.0.10"
	ip.int_to_ipv4(2886795263) == "172.16.255.255"
	ip.int_to_ipv4(4294967295) == "255.255.255.255"
}

test_ipv4_to_int_round_trips if {
	every a in ["0.0.0.0", "10.0.0.10", "172.16.255.255", "192.168.1.0", "255.255.255.255"] {
		ip.int_to_ipv4(ip.ipv4_to_int(a)) == a
	}
	ip.ipv4_to_int("10.0.0.10") == 167772170
}

test_ipv4_network if {
	ip.int_to_ipv4(ip.ipv4_network("10.1.2.3/16")) == "10.1.0.0"
	ip.int_to_ipv4(ip.ipv4_network("10.0.0.0/8") + 10) == "10.0.0.10"
	ip.int_to_ipv4((ip.ipv4_network("172.16.0.0/12") + ip.ipv4_size("172.16.0.0/12")) - 1) == "172.31.255.255"
	ip.ipv4_network("0.0.0.0/0") == 0
	ip.ipv4_usable("10.0.0.0/29") == 3
}
