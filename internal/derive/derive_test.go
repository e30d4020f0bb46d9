package derive

import (
	"fmt"
	"net/netip"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestCanonical(t *testing.T) {
	for c, want := range map[string]bool{
		"10.0.0.0/16":         true,
		"10.0.0.1/16":         false, // host bits
		"010.0.0.0/16":        false, // leading zero
		"10.0.0.0/08":         false,
		"10.0.0.0":            false,
		"fd00::/64":           true,
		"FD00::/64":           false, // not as netip writes it
		"::ffff:10.0.0.0/104": false, // IPv4-mapped
		"fe80::%eth0/64":      false,
		"":                    false,
	} {
		if _, got := Canonical(c); got != want {
			t.Errorf("Canonical(%q) = %v, want %v", c, got, want)
		}
	}
}

func TestRanges(t *testing.T) {
	for c, want := range map[string]Range{
		"10.0.0.0/16":    {"IPv4", "10.0.0.0", "10.0.255.255"},
		"10.1.2.3/32":    {"IPv4", "10.1.2.3", "10.1.2.3"},
		"0.0.0.0/0":      {"IPv4", "0.0.0.0", "255.255.255.255"},
		"fd00::/64":      {"IPv6", "fd00::", "fd00::ffff:ffff:ffff:ffff"},
		"172.16.0.0/12":  {"IPv4", "172.16.0.0", "172.31.255.255"},
		"192.168.0.0/17": {"IPv4", "192.168.0.0", "192.168.127.255"},
	} {
		p, ok := Canonical(c)
		if !ok {
			t.Fatalf("%s: not canonical", c)
		}
		if got := rangeOf(p); got != want {
			t.Errorf("%s: %+v, want %+v", c, got, want)
		}
	}
}

func TestUsable(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	for _, tc := range []struct {
		prefixes []string
		want     *int64
	}{
		{[]string{"10.0.0.0/24"}, n(251)},
		{[]string{"10.0.0.0/24", "10.0.1.0/28"}, n(251 + 11)},
		{[]string{"10.0.0.0/30"}, n(0)}, // 4 addresses, never below 0
		{[]string{"10.0.0.0/24", "fd00::/64"}, n(251)},
		{[]string{"fd00::/64"}, nil},
		{[]string{"10.0.0.1/24"}, nil}, // not canonical: the rule decides
		{nil, nil},
	} {
		got := usable(canonCache{}, tc.prefixes)
		if (got == nil) != (tc.want == nil) || (got != nil && *got != *tc.want) {
			t.Errorf("usable(%v) = %v, want %v", tc.prefixes, got, tc.want)
		}
	}
}

func TestComputeSubnetsAndPools(t *testing.T) {
	doc := &netdoc.Document{
		Subnets: []netdoc.Subnet{
			{Key: "v/a", VNet: "v", AddressPrefixes: []string{"10.0.0.0/24"}},
			{Key: "v/b", VNet: "v"},
			{Key: "w/c", VNet: "w"},
			{Key: "v/a", VNet: "v", AddressPrefixes: []string{"10.0.9.0/24"}}, // written twice: the first counts
		},
		Clusters: []netdoc.Cluster{
			{NodePools: []netdoc.NodePool{{VnetSubnet: "v/a", PodSubnet: "v/b"}, {VnetSubnet: "v/x"}}},
			{NodePools: []netdoc.NodePool{{VnetSubnet: "v/a"}}},
		},
	}
	f := Compute(doc)
	u := int64(251)
	want := map[string]Subnet{
		"v/a": {Index: 0, Entries: []int{0, 3}, NodePools: []PoolRef{{0, 0}, {1, 0}}, PodPools: []PoolRef{}, Usable: &u},
		"v/b": {Index: 1, Entries: []int{1}, NodePools: []PoolRef{}, PodPools: []PoolRef{{0, 0}}},
		"w/c": {Index: 2, Entries: []int{2}, NodePools: []PoolRef{}, PodPools: []PoolRef{}},
	}
	if !reflect.DeepEqual(f.Subnets, want) {
		t.Errorf("subnets %+v, want %+v", f.Subnets, want)
	}
	// Each key once, under the VNet of its first entry.
	wantVNets := map[string]VNet{"v": {Subnets: []int{0, 1}}, "w": {Subnets: []int{2}}}
	if !reflect.DeepEqual(f.VNets, wantVNets) {
		t.Errorf("vnets %+v, want %+v", f.VNets, wantVNets)
	}
}

// overlapsByPairs is the definition the sweep must agree with: every pair of prefixes
// of two subnets of one VNet that intersect.
func overlapsByPairs(subnets []netdoc.Subnet) map[Overlap]bool {
	out := map[Overlap]bool{}
	for i, a := range subnets {
		for j := i + 1; j < len(subnets); j++ {
			b := subnets[j]
			if a.VNet != b.VNet {
				continue
			}
			for ai, ac := range a.AddressPrefixes {
				for bi, bc := range b.AddressPrefixes {
					pa, pb := netip.MustParsePrefix(ac).Masked(), netip.MustParsePrefix(bc).Masked()
					if pa.Overlaps(pb) {
						out[Overlap{A: [2]int{i, ai}, B: [2]int{j, bi}}] = true
					}
				}
			}
		}
	}
	return out
}

func TestVNetOverlapsMatchesPairs(t *testing.T) {
	prefixes := []string{"10.0.0.0/16", "10.0.0.0/24", "10.0.1.0/24", "10.0.0.128/25", "10.1.0.0/24", "10.0.0.0/24", "fd00::/64", "fd00::/48", "10.0.1.7/24"}
	var subnets []netdoc.Subnet
	// A deterministic mix: three VNets, subnets of one or two prefixes.
	for i := range 40 {
		s := netdoc.Subnet{Key: fmt.Sprintf("v%d/s%d", i%3, i), VNet: fmt.Sprintf("v%d", i%3), AddressPrefixes: []string{prefixes[(i*7)%len(prefixes)]}}
		if i%4 == 0 {
			s.AddressPrefixes = append(s.AddressPrefixes, prefixes[(i*5+3)%len(prefixes)])
		}
		subnets = append(subnets, s)
	}
	got, complete := vnetOverlaps(subnets)
	if !complete {
		t.Fatal("not complete")
	}
	gotSet := map[Overlap]bool{}
	for _, o := range got {
		if gotSet[o] {
			t.Errorf("pair %v listed twice", o)
		}
		gotSet[o] = true
	}
	if want := overlapsByPairs(subnets); !reflect.DeepEqual(gotSet, want) {
		t.Errorf("sweep found %d pairs, pairwise %d", len(gotSet), len(want))
	}
}

func TestVNetOverlapsBounded(t *testing.T) {
	// 200 copies of one prefix: 19,900 pairs, past the bound.
	subnets := make([]netdoc.Subnet, 200)
	for i := range subnets {
		subnets[i] = netdoc.Subnet{Key: fmt.Sprint(i), VNet: "v", AddressPrefixes: []string{"10.0.0.0/24"}}
	}
	if got, complete := vnetOverlaps(subnets); complete || len(got) != 0 {
		t.Errorf("complete %v with %d pairs, want the list dropped", complete, len(got))
	}
	subnets[3].AddressPrefixes = []string{"not a prefix"}
	if _, complete := vnetOverlaps(subnets[:5]); complete {
		t.Error("a prefix that does not parse: want incomplete")
	}
}

// mixedDoc is a document with what each fact reads: subnets of one VNet that overlap,
// a key written twice, IPv6, values not written canonically, reserved and forbidden
// ranges, and clusters whose pools name subnets and whose ranges meet the network.
func mixedDoc() *netdoc.Document {
	d := hubDoc(30, 12)
	prefixes := []string{"10.0.0.0/16", "10.0.0.0/24", "10.0.0.128/25", "fd00::/64", "10.0.1.7/24", "169.254.0.0/24", "127.0.0.0/8", "::ffff:10.0.0.0/104", "bad"}
	for i := range 40 {
		d.Subnets = append(d.Subnets, netdoc.Subnet{Key: fmt.Sprintf("vnet-%d/x%d", i%4, i%11), VNet: fmt.Sprintf("vnet-%d", i%4), AddressPrefixes: []string{prefixes[i%len(prefixes)], prefixes[(i*5)%len(prefixes)]}})
	}
	d.VirtualNetworks = append(d.VirtualNetworks, netdoc.VirtualNetwork{Key: "vnet-1", AddressPrefixes: []string{"fd00::/48", "127.0.0.0/8", "10.0.0.1/16"}})
	d.Clusters[3].NetworkProfile = netdoc.NetworkProfile{PodCidrs: []string{"10.0.0.0/8", "fd01::/64"}, ServiceCidrs: []string{"10.0.0.0/16", "bad"}, DNSServiceIP: "10.0.0.1"}
	d.Clusters[4].NetworkProfile.DNSServiceIP = "172.16.0.0"
	d.Clusters[5].NodePools = append(d.Clusters[5].NodePools, netdoc.NodePool{VnetSubnet: "vnet-2/x5", PodSubnet: "vnet-6/snet-3"})
	return d
}

// TestStepsInAnyOrderAreCompute: Begin's steps give Compute's facts whatever their
// order, and when they all run at once (under -race, that they share nothing they
// write).
func TestStepsInAnyOrderAreCompute(t *testing.T) {
	for _, d := range []*netdoc.Document{mixedDoc(), hubDoc(200, 100), hubDoc(1, 0), {}} {
		want := Compute(d)
		c := Begin(d)
		if len(c.Steps) < 2 {
			t.Fatalf("%d steps", len(c.Steps))
		}
		for _, step := range slices.Backward(c.Steps) {
			step()
		}
		if got := c.Facts(); !reflect.DeepEqual(got, want) {
			t.Errorf("steps in reverse order:\n%+v\nwant\n%+v", got, want)
		}
		c = Begin(d)
		var wg sync.WaitGroup
		for _, step := range c.Steps {
			wg.Go(step)
		}
		wg.Wait()
		if got := c.Facts(); !reflect.DeepEqual(got, want) {
			t.Errorf("steps at once:\n%+v\nwant\n%+v", got, want)
		}
	}
}
