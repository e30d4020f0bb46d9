package derive

import (
	"net/netip"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// ReservedRanges are the ranges AKS reserves, as policies/lib/addressing.rego's
// reserved_ranges lists them (TestReservedRangesMatchPolicies asserts the two lists are
// equal, so the facts below never leave out a value the rule would report).
var ReservedRanges = []string{"169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"}

var reservedPrefixes = mustPrefixes(ReservedRanges)

// Reserved lists the places of the values AKSNET101 (reserved-range) checks that may
// overlap a reserved range: every value written canonically that shares an address
// with one, and every value not written canonically (which Go and OPA could read
// differently: "::ffff:169.254.0.0/112" is not canonical here, and OPA's
// net.cidr_intersects finds it inside 169.254.0.0/16). A canonical value that meets no
// reserved range cannot give that rule a finding, so the rule visits only these
// instead of every prefix of the document (the rule's Rego loop over every prefix was
// about 100 of a generated document's ~920 expression evaluations, bench/gen).
type Reserved struct {
	// PodCidrs and ServiceCidrs are [cluster index, index] of the clusters' pod CIDRs
	// (whatever the network model) and service CIDRs.
	PodCidrs     []PrefixRef `json:"podCidrs"`
	ServiceCidrs []PrefixRef `json:"serviceCidrs"`
	// VNets and Subnets are [entry index, prefix index] of the address prefixes of
	// virtualNetworks[] and subnets[].
	VNets   []PrefixRef `json:"vnets"`
	Subnets []PrefixRef `json:"subnets"`
}

// reservedFacts computes f.ReservedCandidates, in document order. Its cost is linear in
// the number of values (each is compared with the four reserved ranges).
func (f *Facts) reservedFacts(doc *netdoc.Document) {
	r := &Reserved{PodCidrs: []PrefixRef{}, ServiceCidrs: []PrefixRef{}, VNets: []PrefixRef{}, Subnets: []PrefixRef{}}
	add := func(list *[]PrefixRef, i int, values []string) {
		for j, c := range values {
			if f.mayMeet(c, reservedPrefixes) {
				*list = append(*list, PrefixRef{i, j})
			}
		}
	}
	for ci, c := range doc.Clusters {
		add(&r.PodCidrs, ci, c.NetworkProfile.PodCidrs)
		add(&r.ServiceCidrs, ci, c.NetworkProfile.ServiceCidrs)
	}
	for vi, v := range doc.VirtualNetworks {
		add(&r.VNets, vi, v.AddressPrefixes)
	}
	for si, s := range doc.Subnets {
		add(&r.Subnets, si, s.AddressPrefixes)
	}
	f.ReservedCandidates = r
}

// dnsReservedFacts computes f.DNSReservedCandidates: [cluster index, service CIDR
// index] of every service CIDR of a cluster with a dnsServiceIP that may be the
// CIDR's network, first host or last address (AKSNET111 checks those). A pair is left
// out only when both values are written canonically, the address as IPv4, and the
// address is none of the three (or outside the CIDR); any other pair is listed, so
// the rule, which checks each, loses no finding. Linear in the service CIDRs.
func (f *Facts) dnsReservedFacts(doc *netdoc.Document) {
	f.DNSReservedCandidates = []PrefixRef{}
	for ci, c := range doc.Clusters {
		dns := c.NetworkProfile.DNSServiceIP
		if dns == "" {
			continue // no address: nothing the rule can find (it reads a value)
		}
		a, err := netip.ParseAddr(dns)
		known := err == nil && a.Is4() && a.String() == dns
		for i, cidr := range c.NetworkProfile.ServiceCidrs {
			p, ok := f.canon.get(cidr)
			if !known || !ok || dnsMayBeReserved(p, a) {
				f.DNSReservedCandidates = append(f.DNSReservedCandidates, PrefixRef{ci, i})
			}
		}
	}
}

// dnsMayBeReserved holds when the canonical p holds a at its first, second or last
// address (a superset of the rule's three reserved addresses: the rule decides).
func dnsMayBeReserved(p netip.Prefix, a netip.Addr) bool {
	if !p.Contains(a) {
		return false
	}
	return a == p.Addr() || a == p.Addr().Next() || a == lastAddr(p)
}
