package derive

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// dualStackFacts computes f.DualStackCandidates: the index of every cluster whose IP
// family settings AKSNET117 (dual-stack-consistency) may find inconsistent, in
// document order. A cluster is left out only when it states no ipFamilies and each of
// its service and pod CIDR lists holds at most one value, without a colon: the rule
// then checks the lists against the IPv4 default, where only more than one CIDR, or an
// IPv6 one (which an IPv6 value cannot be without a colon), gives a finding. Whether a
// value is valid or canonical does not matter here: the rule decides. Linear in the
// clusters' values (`strings.Contains` on each).
func (f *Facts) dualStackFacts(doc *netdoc.Document) {
	f.DualStackCandidates = []int{}
	for ci, c := range doc.Clusters {
		np := c.NetworkProfile
		if len(np.IPFamilies) > 0 || mayBeIPv6OrMany(np.ServiceCidrs) || mayBeIPv6OrMany(np.PodCidrs) {
			f.DualStackCandidates = append(f.DualStackCandidates, ci)
		}
	}
}

// mayBeIPv6OrMany holds for a list of more than one value, or of one with a colon.
func mayBeIPv6OrMany(cidrs []string) bool {
	return len(cidrs) > 1 || len(cidrs) == 1 && strings.Contains(cidrs[0], ":")
}
