package derive_test

import (
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestDualStackCandidates(t *testing.T) {
	cases := []struct {
		name string
		np   netdoc.NetworkProfile
		want bool
	}{
		{"nothing stated", netdoc.NetworkProfile{}, false},
		{"one IPv4 CIDR of each", netdoc.NetworkProfile{ServiceCidrs: []string{"10.0.0.0/16"}, PodCidrs: []string{"10.244.0.0/16"}}, false},
		{"a value that is no CIDR, without a colon", netdoc.NetworkProfile{ServiceCidrs: []string{"not a cidr"}}, false},
		{"ipFamilies stated", netdoc.NetworkProfile{IPFamilies: []string{"IPv4"}, ServiceCidrs: []string{"10.0.0.0/16"}}, true},
		{"two service CIDRs", netdoc.NetworkProfile{ServiceCidrs: []string{"10.0.0.0/16", "10.1.0.0/16"}}, true},
		{"two pod CIDRs", netdoc.NetworkProfile{PodCidrs: []string{"10.244.0.0/16", "fd00::/64"}}, true},
		{"one IPv6 service CIDR", netdoc.NetworkProfile{ServiceCidrs: []string{"fd00:10::/108"}}, true},
		{"one IPv6 pod CIDR", netdoc.NetworkProfile{PodCidrs: []string{"FD00::/64"}}, true},
		{"an IPv4-mapped value", netdoc.NetworkProfile{ServiceCidrs: []string{"::ffff:10.0.0.0/112"}}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The cluster is the second, after one that is never a candidate: the fact
			// lists cluster indexes.
			doc := &netdoc.Document{Clusters: []netdoc.Cluster{{}, {NetworkProfile: c.np}}}
			got := derive.Compute(doc).DualStackCandidates
			want := []int{}
			if c.want {
				want = []int{1}
			}
			if !slices.Equal(got, want) || got == nil {
				t.Errorf("DualStackCandidates = %#v, want %#v", got, want)
			}
		})
	}
}
