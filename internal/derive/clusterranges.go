package derive

import "github.com/aksnet-lint/aksnet-lint/internal/netdoc"

// ClusterRanges lists the places of the clusters' service and pod CIDRs that may
// share an address with a subnet or VNet prefix of the document, the only ones
// AKSNET102, AKSNET103, AKSNET111 and AKSNET112 (a service or pod CIDR inside its VNet
// or overlapping its subnets) can report: every CIDR not written canonically, and
// every canonical one ClusterRangeOverlaps lists with a subnet or VNet prefix; every
// CIDR when ClusterRangeOverlaps is absent (past its bound) or the document has a
// subnet or VNet prefix not written canonically, which the overlaps leave out.
type ClusterRanges struct {
	// ServiceCidrs and PodCidrs are [cluster index, index] (pod CIDRs whatever the
	// network model).
	ServiceCidrs []PrefixRef `json:"serviceCidrs"`
	PodCidrs     []PrefixRef `json:"podCidrs"`
}

// clusterRangeFacts computes f.ClusterRangeCandidates from ClusterRangeOverlaps and
// the non-canonical prefix lists, in document order; linear in the clusters' CIDRs.
func (f *Facts) clusterRangeFacts(doc *netdoc.Document) {
	r := &ClusterRanges{ServiceCidrs: []PrefixRef{}, PodCidrs: []PrefixRef{}}
	all := f.ClusterRangeOverlaps == nil || len(f.NoncanonicalSubnetPrefixes) > 0 || len(f.NoncanonicalVNetPrefixes) > 0
	add := func(list *[]PrefixRef, ci int, cidrs []string) {
		for i, c := range cidrs {
			m, listed := f.ClusterRangeOverlaps[c]
			if all || !listed || len(m.Subnets) > 0 || len(m.VNets) > 0 {
				*list = append(*list, PrefixRef{ci, i})
			}
		}
	}
	for ci, c := range doc.Clusters {
		add(&r.ServiceCidrs, ci, c.NetworkProfile.ServiceCidrs)
		add(&r.PodCidrs, ci, c.NetworkProfile.PodCidrs)
	}
	f.ClusterRangeCandidates = r
}
