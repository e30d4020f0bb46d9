package derive

import "github.com/aksnet-lint/aksnet-lint/internal/netdoc"

// subnetSizeFacts computes f.SubnetSizeCandidates: [subnet index, prefix index] of
// every canonical subnet prefix of a size AKSNET116 (subnet-layout) may report, in
// document order: an IPv4 prefix longer than /29, an IPv6 prefix of another length
// than /64. Prefixes not written canonically are in NoncanonicalSubnetPrefixes, which
// the rule checks too. Linear in the subnet prefixes (each parsed once, by prefixFacts).
func (f *Facts) subnetSizeFacts(doc *netdoc.Document) {
	f.SubnetSizeCandidates = []PrefixRef{}
	for si, s := range doc.Subnets {
		for pi, c := range s.AddressPrefixes {
			p, ok := f.canon.get(c)
			if !ok {
				continue
			}
			if p.Addr().Is4() && p.Bits() > 29 || p.Addr().Is6() && p.Bits() != 64 {
				f.SubnetSizeCandidates = append(f.SubnetSizeCandidates, PrefixRef{si, pi})
			}
		}
	}
}
