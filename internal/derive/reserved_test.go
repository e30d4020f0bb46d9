package derive_test

import (
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/open-policy-agent/opa/v1/ast"
)

func TestReservedCandidates(t *testing.T) {
	doc := &netdoc.Document{
		Clusters: []netdoc.Cluster{
			{NetworkProfile: netdoc.NetworkProfile{
				PodCidrs:     []string{"10.244.0.0/16", "169.254.0.0/16", "169.0.0.0/8"}, // clear; equal; holds it
				ServiceCidrs: []string{"172.29.255.0/24", "172.30.255.255/32", "172.32.0.0/16"},
			}},
			{NetworkProfile: netdoc.NetworkProfile{
				PodCidrs:     []string{"192.0.1.0/24", "192.0.2.128/25", "192.0.3.0/24"}, // below; inside; above
				ServiceCidrs: []string{"10.0.0.1/24", "fd00::/108", "::ffff:169.254.0.0/112"},
			}},
		},
		VirtualNetworks: []netdoc.VirtualNetwork{
			{Key: "v", AddressPrefixes: []string{"10.0.0.0/8", "172.16.0.0/12", "169.254.0.0", "FD00::/48"}},
			{Key: "w", AddressPrefixes: []string{"0.0.0.0/0", "::/0", "not a cidr", "010.0.0.0/8"}},
		},
		Subnets: []netdoc.Subnet{
			{Key: "v/a", VNet: "v", AddressPrefixes: []string{"172.31.255.252/30", "172.28.0.0/14", "172.32.0.0/30"}},
			{Key: "v/b", VNet: "v", AddressPrefixes: []string{"fd00::/64", "169.254.169.254/32", "10.0.0.0/24"}},
		},
	}
	got := derive.Compute(doc).ReservedCandidates
	want := &derive.Reserved{
		// 169.0.0.0/8 holds 169.254.0.0/16.
		PodCidrs: []derive.PrefixRef{{0, 1}, {0, 2}, {1, 1}},
		// Host bits set, and an IPv4-mapped IPv6 prefix, are not canonical: candidates
		// whatever they hold. A canonical IPv6 prefix meets no IPv4 range.
		ServiceCidrs: []derive.PrefixRef{{0, 1}, {1, 0}, {1, 2}},
		// 172.16.0.0/12 holds 172.30.0.0/16; an address, capitals, a leading zero and a
		// value that is no CIDR are not canonical; 0.0.0.0/0 holds every range.
		VNets: []derive.PrefixRef{{0, 1}, {0, 2}, {0, 3}, {1, 0}, {1, 2}, {1, 3}},
		// 172.28.0.0/14 holds 172.30.0.0/16 and 172.31.0.0/16.
		Subnets: []derive.PrefixRef{{0, 0}, {0, 1}, {1, 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReservedCandidates = %+v, want %+v", got, want)
	}

	empty := derive.Compute(&netdoc.Document{}).ReservedCandidates
	if empty == nil || empty.PodCidrs == nil || empty.ServiceCidrs == nil || empty.VNets == nil || empty.Subnets == nil {
		t.Errorf("an empty document's ReservedCandidates = %+v, want empty lists (JSON [], not null)", empty)
	}
}

// TestReservedRangesMatchPolicies asserts that derive's reserved ranges are the ones
// AKSNET101 checks: a range the policies reserve and derive does not would leave its
// overlapping values out of the candidates, and their findings with them.
func TestReservedRangesMatchPolicies(t *testing.T) {
	arr, ok := addressingRule(t, "reserved_ranges").(*ast.Array)
	if !ok {
		t.Fatal("reserved_ranges is not an array of strings")
	}
	var got []string
	for i := range arr.Len() {
		s, ok := arr.Elem(i).Value.(ast.String)
		if !ok {
			t.Fatalf("reserved_ranges[%d] is %v, want a string", i, arr.Elem(i))
		}
		got = append(got, string(s))
	}
	if !reflect.DeepEqual(got, derive.ReservedRanges) {
		t.Errorf("policies reserve %v, derive.ReservedRanges = %v", got, derive.ReservedRanges)
	}
}

func TestDNSReservedCandidates(t *testing.T) {
	cluster := func(dns string, service ...string) netdoc.Cluster {
		return netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{DNSServiceIP: dns, ServiceCidrs: service}}
	}
	doc := &netdoc.Document{Clusters: []netdoc.Cluster{
		cluster("10.0.0.10", "10.0.0.0/16", "10.0.0.0/24"),               // 0: clear in both
		cluster("10.0.0.0", "10.0.0.0/16", "10.1.0.0/16"),                // 1: network address; outside the second
		cluster("10.0.0.1", "10.0.0.0/16"),                               // 2: first host
		cluster("10.0.255.255", "10.0.0.0/16", "10.0.255.255/32"),        // 3: last address; a /32 of it
		cluster("10.0.0.2", "10.0.0.1/16", "10.0.0.0/31", "fd00::/108"),  // 4: host bits set; outside the /31 and the IPv6 CIDR
		cluster("010.0.0.1", "10.0.0.0/16"),                              // 5: leading zero: not canonical
		cluster("fd00::a", "fd00::/108"),                                 // 6: an IPv6 address is not known: listed
		cluster("", "10.0.0.0/16"),                                       // 7: no address, nothing to check
		cluster("10.0.0.10", "10.0.0.0/16", "not a cidr", "10.0.0.8/30"), // 8: invalid CIDR; 10.0.0.10 is the /30's third
		cluster("10.0.0.11", "10.0.0.8/30"),                              // 9: broadcast of a /30
		cluster("10.0.0.3", "10.0.0.2/31"),                               // 10: a /31's last
		cluster("::ffff:10.0.0.0", "10.0.0.0/16"),                        // 11: IPv4-mapped: listed
	}}
	got := derive.Compute(doc).DNSReservedCandidates
	want := []derive.PrefixRef{{1, 0}, {2, 0}, {3, 0}, {3, 1}, {4, 0}, {5, 0}, {6, 0}, {8, 1}, {9, 0}, {10, 0}, {11, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DNSReservedCandidates = %v, want %v", got, want)
	}
	if empty := derive.Compute(&netdoc.Document{}).DNSReservedCandidates; empty == nil {
		t.Error("an empty document's DNSReservedCandidates is nil, want an empty list (JSON [], not null)")
	}
}
