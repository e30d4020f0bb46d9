package derive

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestClusterRangeOverlaps(t *testing.T) {
	cluster := func(pods, services []string) netdoc.Cluster {
		return netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{PodCidrs: pods, ServiceCidrs: services}}
	}
	doc := &netdoc.Document{
		VirtualNetworks: []netdoc.VirtualNetwork{
			{Key: "hub", AddressPrefixes: []string{"10.0.0.0/8", "fd00::/48"}},
			{Key: "spoke", AddressPrefixes: []string{"10.1.0.0/16", "172.16.0.0/12"}},
			{Key: "bad", AddressPrefixes: []string{"10.1.0.1/16"}}, // not canonical: never listed
		},
		Subnets: []netdoc.Subnet{
			{Key: "spoke/a", VNet: "spoke", AddressPrefixes: []string{"10.1.0.0/24", "fd00::/64"}},
			{Key: "spoke/b", VNet: "spoke", AddressPrefixes: []string{"10.1.1.0/24"}},
			{Key: "spoke/c", VNet: "spoke", AddressPrefixes: []string{"10.1.0.0/24"}}, // the same block as a's
			{Key: "spoke/d", VNet: "spoke", AddressPrefixes: []string{"10.1.0.128/25", "10.2.0.0/16"}},
		},
		Clusters: []netdoc.Cluster{
			cluster([]string{"10.1.0.0/16"}, []string{"10.1.0.0/25"}),
			cluster([]string{"192.168.0.0/16"}, []string{"10.1.0.0/16", "fd00::/56", "10.1.0.0/26"}),
			cluster(nil, []string{"10.1.0.1/16", "172.16.0.0/16", "10.3.0.0/16"}),
		},
	}
	got := clusterRangeOverlaps(canonCache{}, doc)
	want := map[string]Meets{
		// Holds a, b, c and d's first; held by hub and spoke.
		"10.1.0.0/16": {Subnets: []PrefixRef{{0, 0}, {1, 0}, {2, 0}, {3, 0}}, VNets: []PrefixRef{{0, 0}, {1, 0}}},
		// Held by a and c (one block), by hub and spoke; beside d's first, not meeting it.
		"10.1.0.0/25": {Subnets: []PrefixRef{{0, 0}, {2, 0}}, VNets: []PrefixRef{{0, 0}, {1, 0}}},
		"10.1.0.0/26": {Subnets: []PrefixRef{{0, 0}, {2, 0}}, VNets: []PrefixRef{{0, 0}, {1, 0}}},
		// Nothing meets it.
		"192.168.0.0/16": {Subnets: []PrefixRef{}, VNets: []PrefixRef{}},
		// A's IPv6 prefix lies in it; the hub's IPv6 space holds it.
		"fd00::/56": {Subnets: []PrefixRef{{0, 1}}, VNets: []PrefixRef{{0, 1}}},
		// Held by the spoke's second block only.
		"172.16.0.0/16": {Subnets: []PrefixRef{}, VNets: []PrefixRef{{1, 1}}},
		// Held by the hub, and no subnet.
		"10.3.0.0/16": {Subnets: []PrefixRef{}, VNets: []PrefixRef{{0, 0}}},
	}
	if !reflect.DeepEqual(got, want) {
		for k := range want {
			if !reflect.DeepEqual(got[k], want[k]) {
				t.Errorf("%s: %+v, want %+v", k, got[k], want[k])
			}
		}
		t.Errorf("got %d ranges, want %d (10.1.0.1/16 is not canonical)", len(got), len(want))
	}
}

// TestClusterRangeOverlapsMatchPairs compares the sweep with every pair on nested and
// disjoint prefixes.
func TestClusterRangeOverlapsMatchPairs(t *testing.T) {
	var prefixes []string
	for i := range 64 {
		prefixes = append(prefixes, fmt.Sprintf("10.%d.0.0/16", i%8), fmt.Sprintf("10.%d.%d.0/24", i%8, i), fmt.Sprintf("10.%d.%d.%d/30", i%8, i, 4*(i%4)))
	}
	doc := &netdoc.Document{VirtualNetworks: []netdoc.VirtualNetwork{{Key: "v", AddressPrefixes: []string{"10.0.0.0/8", "10.0.0.0/13"}}}}
	for i := 0; i < len(prefixes); i += 2 {
		doc.Subnets = append(doc.Subnets, netdoc.Subnet{Key: fmt.Sprint(i), VNet: "v", AddressPrefixes: prefixes[i : i+2]})
	}
	queries := []string{"10.0.0.0/8", "10.3.0.0/16", "10.3.3.0/24", "10.3.3.4/30", "10.3.3.12/31", "10.9.0.0/16", "0.0.0.0/0", "10.0.0.0/12", "10.7.63.0/24"}
	doc.Clusters = []netdoc.Cluster{{NetworkProfile: netdoc.NetworkProfile{ServiceCidrs: queries}}}
	got := clusterRangeOverlaps(canonCache{}, doc)
	for _, q := range queries {
		qp, _ := Canonical(q)
		want := Meets{Subnets: []PrefixRef{}, VNets: []PrefixRef{}}
		for si, s := range doc.Subnets {
			for pi, c := range s.AddressPrefixes {
				if p, _ := Canonical(c); p.Overlaps(qp) {
					want.Subnets = append(want.Subnets, PrefixRef{si, pi})
				}
			}
		}
		for pi, c := range doc.VirtualNetworks[0].AddressPrefixes {
			if p, _ := Canonical(c); p.Overlaps(qp) {
				want.VNets = append(want.VNets, PrefixRef{0, pi})
			}
		}
		if !reflect.DeepEqual(got[q], want) {
			t.Errorf("%s: %+v, want %+v", q, got[q], want)
		}
	}
}

func TestClusterRangeOverlapsBound(t *testing.T) {
	doc := &netdoc.Document{Clusters: []netdoc.Cluster{{NetworkProfile: netdoc.NetworkProfile{ServiceCidrs: []string{"10.0.0.0/8"}}}}}
	for i := range MaxOverlaps + 1 {
		doc.Subnets = append(doc.Subnets, netdoc.Subnet{Key: fmt.Sprint(i), VNet: "v", AddressPrefixes: []string{"10.0.0.0/24"}})
	}
	if got := clusterRangeOverlaps(canonCache{}, doc); got != nil {
		t.Errorf("past MaxOverlaps: %d ranges listed, want none", len(got))
	}
	doc.Subnets = doc.Subnets[:MaxOverlaps]
	if got := clusterRangeOverlaps(canonCache{}, doc); len(got["10.0.0.0/8"].Subnets) != MaxOverlaps {
		t.Errorf("at MaxOverlaps: %d listed, want %d", len(got["10.0.0.0/8"].Subnets), MaxOverlaps)
	}
}
