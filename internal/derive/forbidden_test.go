package derive_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/open-policy-agent/opa/v1/ast"
)

func TestForbiddenCandidates(t *testing.T) {
	doc := &netdoc.Document{
		VirtualNetworks: []netdoc.VirtualNetwork{
			// below, holds and above 168.63.129.16/32; clear; holds 224.0.0.0/4
			{Key: "v", AddressPrefixes: []string{"168.63.129.15/32", "168.63.128.0/20", "168.63.129.17/32", "10.0.0.0/8", "192.0.0.0/2"}},
			// every IPv4 range; no IPv4 range; an address, capitals, a leading zero, no CIDR
			{Key: "w", AddressPrefixes: []string{"0.0.0.0/0", "::/0", "127.0.0.1", "FD00::/48", "010.0.0.0/8", "not a cidr"}},
		},
		Subnets: []netdoc.Subnet{
			// the last address before and the first of 224.0.0.0/4, its last, past it
			{Key: "v/a", VNet: "v", AddressPrefixes: []string{"223.255.255.255/32", "224.0.0.0/32", "239.255.255.255/32", "240.0.0.0/4"}},
			// inside 127.0.0.0/8, 169.254.0.0/16 and 255.255.255.255/32; beside them
			{Key: "v/b", VNet: "v", AddressPrefixes: []string{"127.255.0.0/16", "169.254.169.254/32", "255.255.255.255/32", "128.0.0.0/8", "169.253.0.0/16", "255.255.255.254/32"}},
			// IPv6; IPv4-mapped IPv6 (not canonical); host bits set
			{Key: "x/c", VNet: "x", AddressPrefixes: []string{"fd00::/64", "::ffff:127.0.0.0/104", "::ffff:10.0.0.0/104", "127.0.0.1/8"}},
		},
	}
	got := derive.Compute(doc).ForbiddenCandidates
	want := &derive.Forbidden{
		// 168.63.128.0/20 holds the platform address, 192.0.0.0/2 holds 224.0.0.0/4 and
		// 255.255.255.255/32, 0.0.0.0/0 every range; the values not written
		// canonically are candidates whatever they hold; a canonical IPv6 prefix meets
		// no IPv4 range.
		VNets: []derive.PrefixRef{{0, 1}, {0, 4}, {1, 0}, {1, 2}, {1, 3}, {1, 4}, {1, 5}},
		// 240.0.0.0/4 holds 255.255.255.255/32; an IPv4-mapped prefix is a candidate
		// whether or not it holds a forbidden range (OPA may read it as IPv4).
		Subnets: []derive.PrefixRef{{0, 1}, {0, 2}, {0, 3}, {1, 0}, {1, 1}, {1, 2}, {2, 1}, {2, 2}, {2, 3}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ForbiddenCandidates = %+v, want %+v", got, want)
	}

	empty := derive.Compute(&netdoc.Document{}).ForbiddenCandidates
	if empty == nil || empty.VNets == nil || empty.Subnets == nil {
		t.Errorf("an empty document's ForbiddenCandidates = %+v, want empty lists (JSON [], not null)", empty)
	}
}

// TestForbiddenRangesMatchPolicies asserts that derive's forbidden ranges are the ones
// AKSNET115 checks (the keys of lib/addressing.rego's forbidden_ranges): a range the
// policies forbid and derive does not would leave its overlapping prefixes out of the
// candidates, and their findings with them.
func TestForbiddenRangesMatchPolicies(t *testing.T) {
	obj, ok := addressingRule(t, "forbidden_ranges").(ast.Object)
	if !ok {
		t.Fatal("forbidden_ranges is not an object keyed by range")
	}
	var got []string
	for _, k := range obj.Keys() {
		s, ok := k.Value.(ast.String)
		if !ok {
			t.Fatalf("forbidden_ranges has key %v, want a string", k)
		}
		got = append(got, string(s))
	}
	want := append([]string(nil), derive.ForbiddenRanges...)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("policies forbid %v, derive.ForbiddenRanges = %v", got, derive.ForbiddenRanges)
	}
}
