package derive

import (
	"net/netip"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// ClusterValues lists the places of the clusters' values that AKSNET114
// (invalid-address) may find invalid: every service and pod CIDR not written
// canonically (a canonical one is valid, as for the VNet and subnet prefixes of
// NoncanonicalVNetPrefixes and NoncanonicalSubnetPrefixes), and every dnsServiceIP that
// is not an IPv4 address written canonically (the rule decides the others, IPv6
// addresses among them).
type ClusterValues struct {
	// ServiceCidrs and PodCidrs are [cluster index, index] (pod CIDRs whatever the
	// network model).
	ServiceCidrs []PrefixRef `json:"serviceCidrs"`
	PodCidrs     []PrefixRef `json:"podCidrs"`
	// DNSServiceIPs are cluster indexes.
	DNSServiceIPs []int `json:"dnsServiceIPs"`
}

// clusterValueFacts computes f.ClusterValueCandidates, in document order. Linear in
// the clusters' values.
func (f *Facts) clusterValueFacts(doc *netdoc.Document) {
	v := &ClusterValues{ServiceCidrs: []PrefixRef{}, PodCidrs: []PrefixRef{}, DNSServiceIPs: []int{}}
	add := func(list *[]PrefixRef, ci int, cidrs []string) {
		for i, c := range cidrs {
			if _, ok := f.canon.get(c); !ok {
				*list = append(*list, PrefixRef{ci, i})
			}
		}
	}
	for ci, c := range doc.Clusters {
		add(&v.ServiceCidrs, ci, c.NetworkProfile.ServiceCidrs)
		add(&v.PodCidrs, ci, c.NetworkProfile.PodCidrs)
		if dns := c.NetworkProfile.DNSServiceIP; dns != "" {
			if a, err := netip.ParseAddr(dns); err != nil || !a.Is4() || a.String() != dns {
				v.DNSServiceIPs = append(v.DNSServiceIPs, ci)
			}
		}
	}
	f.ClusterValueCandidates = v
}
