package derive_test

import (
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestClusterValueCandidates(t *testing.T) {
	np := func(dns string, service, pod []string) netdoc.Cluster {
		return netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{DNSServiceIP: dns, ServiceCidrs: service, PodCidrs: pod}}
	}
	doc := &netdoc.Document{Clusters: []netdoc.Cluster{
		// 0: every value canonical, IPv6 CIDRs too.
		np("10.0.0.10", []string{"10.0.0.0/16", "fd00:10::/108"}, []string{"10.244.0.0/16", "fd00:244::/64"}),
		// 1: host bits, a prefix past /32, an address, capitals, an IPv4-mapped prefix.
		np("10.0.0.256", []string{"10.0.0.1/16", "10.0.0.0"}, []string{"10.244.0.0/33", "FD00::/64", "::ffff:10.0.0.0/104"}),
		// 2: a leading zero; a CIDR for an address; an IPv6 address (the rule decides).
		np("010.0.0.10", nil, nil),
		np("10.0.0.10/32", nil, nil),
		np("fd00::a", nil, nil),
		// 5: no address, nothing to check.
		np("", []string{"not a cidr"}, nil),
	}}
	got := derive.Compute(doc).ClusterValueCandidates
	want := &derive.ClusterValues{
		ServiceCidrs:  []derive.PrefixRef{{1, 0}, {1, 1}, {5, 0}},
		PodCidrs:      []derive.PrefixRef{{1, 0}, {1, 1}, {1, 2}},
		DNSServiceIPs: []int{1, 2, 3, 4},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ClusterValueCandidates = %+v, want %+v", got, want)
	}
	empty := derive.Compute(&netdoc.Document{}).ClusterValueCandidates
	if empty == nil || empty.ServiceCidrs == nil || empty.PodCidrs == nil || empty.DNSServiceIPs == nil {
		t.Errorf("an empty document's ClusterValueCandidates = %+v, want empty lists (JSON [], not null)", empty)
	}
}
