package derive

import (
	"net/netip"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// ForbiddenRanges are the ranges Azure does not allow in a virtual network, the keys of
// policies/lib/addressing.rego's forbidden_ranges (TestForbiddenRangesMatchPolicies
// asserts the two are equal, so the facts below never leave out a value the rule would
// report).
var ForbiddenRanges = []string{"224.0.0.0/4", "127.0.0.0/8", "168.63.129.16/32", "255.255.255.255/32", "169.254.0.0/16"}

var forbiddenPrefixes = mustPrefixes(ForbiddenRanges)

func mustPrefixes(ranges []string) []netip.Prefix {
	out := make([]netip.Prefix, len(ranges))
	for i, r := range ranges {
		out[i] = netip.MustParsePrefix(r)
	}
	return out
}

// Forbidden lists the places of the VNet and subnet address prefixes AKSNET115
// (vnet-forbidden-range) checks that may overlap a forbidden range: every prefix
// written canonically that shares an address with one, and every prefix not written
// canonically (which Go and OPA could read differently: "::ffff:127.0.0.0/104" is not
// canonical here, and OPA's net.cidr_intersects finds it inside 127.0.0.0/8). A
// canonical prefix that meets no forbidden range cannot give that rule a finding, so
// the rule visits only these instead of matching every CIDR of the document against
// the ranges in Rego (about 50 ms of one core on a network of 16,000 subnets).
type Forbidden struct {
	// VNets and Subnets are [entry index, prefix index] of the address prefixes of
	// virtualNetworks[] and subnets[].
	VNets   []PrefixRef `json:"vnets"`
	Subnets []PrefixRef `json:"subnets"`
}

// forbiddenFacts computes f.ForbiddenCandidates, in document order. Its cost is linear
// in the number of prefixes (each is compared with the five forbidden ranges).
func (f *Facts) forbiddenFacts(doc *netdoc.Document) {
	r := &Forbidden{VNets: []PrefixRef{}, Subnets: []PrefixRef{}}
	add := func(list *[]PrefixRef, i int, values []string) {
		for j, c := range values {
			if f.mayMeet(c, forbiddenPrefixes) {
				*list = append(*list, PrefixRef{i, j})
			}
		}
	}
	for vi, v := range doc.VirtualNetworks {
		add(&r.VNets, vi, v.AddressPrefixes)
	}
	for si, s := range doc.Subnets {
		add(&r.Subnets, si, s.AddressPrefixes)
	}
	f.ForbiddenCandidates = r
}

// mayMeet is false only for a canonical CIDR that shares no address with any of
// ranges. netip compares prefixes of one family only, as OPA does for canonical
// values: a canonical IPv6 prefix is never IPv4-mapped (Canonical refuses those), and
// only an IPv4-mapped one can meet an IPv4 range in net.cidr_intersects.
func (f *Facts) mayMeet(c string, ranges []netip.Prefix) bool {
	p, ok := f.canon.get(c)
	if !ok {
		return true
	}
	for _, r := range ranges {
		if p.Overlaps(r) {
			return true
		}
	}
	return false
}
