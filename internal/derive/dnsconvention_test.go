package derive_test

import (
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestDNSConventionCandidates(t *testing.T) {
	cluster := func(dns string, service ...string) netdoc.Cluster {
		return netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{DNSServiceIP: dns, ServiceCidrs: service}}
	}
	doc := &netdoc.Document{Clusters: []netdoc.Cluster{
		cluster("10.0.0.10", "10.0.0.0/16", "172.16.0.0/16"),            // 0: the tenth; outside the second
		cluster("10.0.0.53", "10.0.0.0/16"),                             // 1: inside, not the tenth
		cluster("10.0.0.9", "10.0.0.0/16"),                              // 2: one below the tenth
		cluster("10.0.0.11", "10.0.0.0/16"),                             // 3: one above
		cluster("10.0.0.1", "10.0.0.0/16", "fd00::/108"),                // 4: a reserved address (the rule decides); no IPv4 in an IPv6 CIDR
		cluster("10.0.0.10", "10.0.0.1/16", "not a cidr", "10.0.0.0/8"), // 5: host bits set and no CIDR are listed; the tenth of the /8
		cluster("010.0.0.53", "10.0.0.0/16"),                            // 6: leading zero: not canonical
		cluster("fd00::a", "fd00::/108"),                                // 7: an IPv6 address is not known: listed
		cluster("", "10.0.0.0/16"),                                      // 8: no address, nothing to check
		cluster("10.0.0.3", "10.0.0.0/29"),                              // 9: a /29 (the rule holds it to nothing)
		cluster("255.255.255.254", "255.255.255.254/31"),                // 10: base + 10 wraps: listed
		cluster("::ffff:10.0.0.53", "10.0.0.0/16"),                      // 11: IPv4-mapped: listed
	}}
	got := derive.Compute(doc).DNSConventionCandidates
	want := []derive.PrefixRef{{1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {5, 1}, {6, 0}, {7, 0}, {9, 0}, {10, 0}, {11, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DNSConventionCandidates = %v, want %v", got, want)
	}
	if empty := derive.Compute(&netdoc.Document{}).DNSConventionCandidates; empty == nil {
		t.Error("an empty document's DNSConventionCandidates is nil, want an empty list (JSON [], not null)")
	}
}
