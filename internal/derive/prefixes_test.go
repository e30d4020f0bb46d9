package derive

import (
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestPrefixFacts(t *testing.T) {
	doc := &netdoc.Document{
		VirtualNetworks: []netdoc.VirtualNetwork{
			{Key: "v", AddressPrefixes: []string{"10.0.0.0/16", "10.0.4.0/22", "fd00::/48"}}, // the /22 is inside the /16
			{Key: "w", AddressPrefixes: []string{"10.1.0.0/24", "10.1.0.1/24"}},              // not canonical: no space, not listed
			{Key: "v", AddressPrefixes: []string{"10.9.0.0/24"}},                             // a key written twice: both entries' space
		},
		Subnets: []netdoc.Subnet{
			{Key: "v/a", VNet: "v", AddressPrefixes: []string{"10.0.0.0/24", "fd00::/64"}},
			{Key: "v/b", VNet: "v", AddressPrefixes: []string{"10.1.0.0/24", "10.0.255.252/30"}}, // outside; inside at the end
			{Key: "v/c", VNet: "v", AddressPrefixes: []string{"10.9.0.0/24", "10.0.0.0/15"}},     // second entry's space; holds the /16, not held
			{Key: "w/d", VNet: "w", AddressPrefixes: []string{"10.1.0.0/24", "10.1.0.7/29"}},     // equal to the space; not canonical
			{Key: "x/e", VNet: "x", AddressPrefixes: []string{"10.0.0.0/24"}},                    // no such VNet
			{Key: "v/f", VNet: "v", AddressPrefixes: []string{"fd00:0:0:1::/64", "fd01::/64"}},
		},
	}
	f := Compute(doc)
	wantLengths := map[string][]PrefixRef{
		"IPv4/24": {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}},
		"IPv6/64": {{0, 1}, {5, 0}, {5, 1}},
		"IPv4/30": {{1, 1}},
		"IPv4/15": {{2, 1}},
	}
	if !reflect.DeepEqual(f.PrefixLengths, wantLengths) {
		t.Errorf("PrefixLengths = %v, want %v", f.PrefixLengths, wantLengths)
	}
	// w's space is 10.1.0.0/24 (its other prefix is not canonical), which holds w/d's.
	wantOutside := []PrefixRef{{1, 0}, {2, 1}, {4, 0}, {5, 1}}
	if !reflect.DeepEqual(f.OutsideVNet, wantOutside) {
		t.Errorf("OutsideVNet = %v, want %v", f.OutsideVNet, wantOutside)
	}
}

func TestNoncanonicalPrefixes(t *testing.T) {
	doc := &netdoc.Document{
		VirtualNetworks: []netdoc.VirtualNetwork{{Key: "v", AddressPrefixes: []string{"10.0.0.0/16", "10.0.0.1/16", "FD00::/48"}}},
		Subnets: []netdoc.Subnet{
			{Key: "v/a", VNet: "v", AddressPrefixes: []string{"10.0.0.0/24", "010.0.1.0/24", "10.0.2.0/024", "10.0.3.0"}},
			{Key: "v/b", VNet: "v", AddressPrefixes: []string{"", "fd00::/64"}},
		},
	}
	f := Compute(doc)
	if want := []PrefixRef{{0, 1}, {0, 2}}; !reflect.DeepEqual(f.NoncanonicalVNetPrefixes, want) {
		t.Errorf("NoncanonicalVNetPrefixes = %v, want %v", f.NoncanonicalVNetPrefixes, want)
	}
	if want := []PrefixRef{{0, 1}, {0, 2}, {0, 3}, {1, 0}}; !reflect.DeepEqual(f.NoncanonicalSubnetPrefixes, want) {
		t.Errorf("NoncanonicalSubnetPrefixes = %v, want %v", f.NoncanonicalSubnetPrefixes, want)
	}
}

func TestPrefixFactsEmpty(t *testing.T) {
	f := Compute(&netdoc.Document{})
	if f.PrefixLengths == nil || f.OutsideVNet == nil || f.NoncanonicalSubnetPrefixes == nil || f.NoncanonicalVNetPrefixes == nil {
		t.Errorf("an empty document must give empty facts, not absent ones: %+v", f)
	}
}

func TestSpaceHolds(t *testing.T) {
	sp := vnetSpaces(canonCache{}, []netdoc.VirtualNetwork{{Key: "v", AddressPrefixes: []string{
		"10.0.0.0/16", "10.0.8.0/24", "10.2.0.0/16", "192.168.0.0/24", "0.0.0.0/0", "fd00::/8",
	}}})["v"]
	if len(sp) != 2 { // 0.0.0.0/0 holds every IPv4 block; fd00::/8 stands alone
		t.Fatalf("space %v, want 2 blocks", sp)
	}
	sp = vnetSpaces(canonCache{}, []netdoc.VirtualNetwork{{Key: "v", AddressPrefixes: []string{"10.2.0.0/16", "10.0.0.0/16", "10.0.8.0/24", "fd00::/64"}}})["v"]
	for c, want := range map[string]bool{
		"10.0.0.0/16": true, "10.0.0.0/15": false, "10.0.255.0/24": true, "10.1.0.0/24": false,
		"10.2.255.255/32": true, "10.3.0.0/24": false, "9.255.255.255/32": false, "0.0.0.0/0": false,
		"fd00::/64": true, "fd00::/63": false, "fd00::1:0:0:0/80": true, "10.0.8.0/24": true,
	} {
		p, _ := Canonical(c)
		if got := sp.holds(p); got != want {
			t.Errorf("space %v holds %s = %v, want %v", sp, c, got, want)
		}
	}
	var none space
	if p, _ := Canonical("10.0.0.0/24"); none.holds(p) {
		t.Error("an empty space holds nothing")
	}
}
