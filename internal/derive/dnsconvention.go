package derive

import (
	"net/netip"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// dnsConventionFacts computes f.DNSConventionCandidates: [cluster index, service CIDR
// index] of every service CIDR of a cluster with a dnsServiceIP that may be inside the
// CIDR without being its tenth address (base + 10), which AKSNET110
// (dns-ip-convention) checks. A pair is left out only when both values are written
// canonically, the address as IPv4, and the address is outside the CIDR (an IPv6 CIDR
// holds no IPv4 address) or is base + 10; any other pair is listed, so the rule, which
// checks each, loses no finding. Linear in the service CIDRs.
func (f *Facts) dnsConventionFacts(doc *netdoc.Document) {
	f.DNSConventionCandidates = []PrefixRef{}
	for ci, c := range doc.Clusters {
		dns := c.NetworkProfile.DNSServiceIP
		if dns == "" {
			continue // no address: nothing the rule can find (it reads a value)
		}
		a, err := netip.ParseAddr(dns)
		known := err == nil && a.Is4() && a.String() == dns
		for i, cidr := range c.NetworkProfile.ServiceCidrs {
			p, ok := f.canon.get(cidr)
			if !known || !ok || p.Addr().Is4() && p.Contains(a) && a != tenth(p) {
				f.DNSConventionCandidates = append(f.DNSConventionCandidates, PrefixRef{ci, i})
			}
		}
	}
}

// tenth is base + 10 of an IPv4 prefix, wrapping past the last address (a prefix that
// small is one the rule does not hold to the convention: it decides).
func tenth(p netip.Prefix) netip.Addr {
	b := p.Addr().As4()
	n := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	n += 10
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}
