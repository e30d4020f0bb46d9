package derive_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestClusterRangeCandidates(t *testing.T) {
	cluster := func(service, pod []string) netdoc.Cluster {
		return netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{ServiceCidrs: service, PodCidrs: pod}}
	}
	network := func(vnet string, subnets ...string) *netdoc.Document {
		d := &netdoc.Document{VirtualNetworks: []netdoc.VirtualNetwork{{Key: "v", AddressPrefixes: []string{vnet}}}}
		for _, s := range subnets {
			d.Subnets = append(d.Subnets, netdoc.Subnet{Key: "v/" + s, VNet: "v", AddressPrefixes: []string{s}})
		}
		return d
	}
	clusters := []netdoc.Cluster{
		cluster([]string{"172.16.0.0/16", "10.0.0.0/8"}, []string{"192.168.0.0/16", "10.0.1.0/24"}), // clear; holds the VNet; clear; inside a subnet
		cluster([]string{"10.240.0.0/16"}, []string{"10.0.0.1/16", "fd00::/64"}),                    // inside the VNet only; not canonical; another family
	}
	doc := network("10.0.0.0/16", "10.0.1.0/24")
	doc.Clusters = clusters
	got := derive.Compute(doc).ClusterRangeCandidates
	want := &derive.ClusterRanges{ServiceCidrs: []derive.PrefixRef{{0, 1}}, PodCidrs: []derive.PrefixRef{{0, 1}, {1, 0}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ClusterRangeCandidates = %+v, want %+v", got, want)
	}

	// A subnet or VNet prefix not written canonically, which the overlaps leave out,
	// makes every cluster range a candidate.
	odd := network("10.0.0.0/16", "10.0.1.0/24", "FD00::/64")
	odd.Clusters = clusters
	got = derive.Compute(odd).ClusterRangeCandidates
	want = &derive.ClusterRanges{ServiceCidrs: []derive.PrefixRef{{0, 0}, {0, 1}, {1, 0}}, PodCidrs: []derive.PrefixRef{{0, 0}, {0, 1}, {1, 0}, {1, 1}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with a non-canonical subnet prefix, ClusterRangeCandidates = %+v, want %+v", got, want)
	}

	// Past the bound of ClusterRangeOverlaps (absent then), every cluster range is a
	// candidate, the clear ones too.
	many := network("10.0.0.0/8")
	for i := range derive.MaxOverlaps + 1 {
		many.Subnets = append(many.Subnets, netdoc.Subnet{Key: fmt.Sprintf("v/s%d", i), VNet: "v", AddressPrefixes: []string{fmt.Sprintf("10.%d.%d.0/24", i/256, i%256)}})
	}
	many.Clusters = []netdoc.Cluster{cluster([]string{"172.16.0.0/16", "10.0.0.0/8"}, nil)}
	facts := derive.Compute(many)
	if facts.ClusterRangeOverlaps != nil {
		t.Fatal("the overlaps stayed within their bound")
	}
	if got, want := facts.ClusterRangeCandidates.ServiceCidrs, []derive.PrefixRef{{0, 0}, {0, 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("past the bound, service CIDR candidates = %v, want %v", got, want)
	}

	empty := derive.Compute(&netdoc.Document{}).ClusterRangeCandidates
	if empty == nil || empty.ServiceCidrs == nil || empty.PodCidrs == nil {
		t.Errorf("an empty document's ClusterRangeCandidates = %+v, want empty lists (JSON [], not null)", empty)
	}
}
