package derive

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// maxSizing bounds the node counts, maxPods and maxSurge values nodeSubnetFacts
// computes with: past it a subnet is listed, so that no product overflows and every
// quotient stays exact in OPA's arithmetic.
const maxSizing = 1_000_000

// nodeSubnetFacts computes f.NodeSubnetCandidates from f.Subnets, which must be
// made first: every node subnet key (a pool's vnetSubnet), in the order the pools
// name them, whose pools may need more addresses than the subnet has, at deploy time
// or with their surge nodes (AKSNET201, AKSNET202). A key is left out only when the
// document lists nothing as unresolved, the subnet's usable addresses are known
// (Subnet.Usable), and every pool drawing on it is of a cluster the input creates
// with a network model it knows, a known node count (count, or maxCount when
// autoscaling), maxPods in the node subnet model, and a maxSurge of whole digits
// with or without "%": then the rules' sum of (nodes + surge) x (maxPods + 1), or
// nodes + surge, is computed as lib/capacity.rego does, and is at most the usable
// addresses. Linear in the pools.
func (f *Facts) nodeSubnetFacts(doc *netdoc.Document) {
	f.NodeSubnetCandidates = []string{}
	seen := map[string]bool{}
	for _, c := range doc.Clusters {
		for _, p := range c.NodePools {
			key := p.VnetSubnet
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			if len(doc.Unresolved) > 0 || !f.nodeSubnetFits(doc, key) {
				f.NodeSubnetCandidates = append(f.NodeSubnetCandidates, key)
			}
		}
	}
}

// nodeSubnetFits holds when the pools of subnet key, with their surge nodes, need
// at most its usable addresses, every value known.
func (f *Facts) nodeSubnetFits(doc *netdoc.Document, key string) bool {
	s, ok := f.Subnets[key]
	if !ok || s.Usable == nil {
		return false
	}
	var need int64
	for _, u := range s.NodePools {
		c := &doc.Clusters[u.CI]
		n, ok := poolNeed(c, &c.NodePools[u.PI])
		if !ok {
			return false
		}
		need += n
		if need > *s.Usable {
			return false
		}
	}
	return true
}

// poolNeed is a pool's demand on its node subnet with its surge nodes, lib/capacity's
// demand("node-surge", ...): (nodes + surge) x per node, where per node is maxPods + 1
// in the node subnet model and 1 in the others. False when a value it needs is not
// known or is past maxSizing.
func poolNeed(c *netdoc.Cluster, p *netdoc.NodePool) (int64, bool) {
	if c.Existing {
		return 0, false
	}
	var per int64
	switch c.Model {
	case "nodesubnet":
		if p.MaxPods == nil || *p.MaxPods < 0 || *p.MaxPods > maxSizing {
			return 0, false
		}
		per = int64(*p.MaxPods) + 1
	case "kubenet", "overlay", "podsubnet-dynamic", "podsubnet-static", "byocni":
		per = 1
	default:
		return 0, false
	}
	n, ok := poolNodes(p)
	if !ok {
		return 0, false
	}
	s, ok := surgeNodes(p.MaxSurge, n)
	if !ok {
		return 0, false
	}
	return (n + s) * per, true
}

// poolNodes is lib/sizing's nodes: maxCount when the autoscaler is enabled, else
// count. False when it is not known, negative or past maxSizing.
func poolNodes(p *netdoc.NodePool) (int64, bool) {
	count := p.Count
	if p.EnableAutoScaling != nil && *p.EnableAutoScaling {
		count = p.MaxCount
	}
	if count == nil || *count < 0 || *count > maxSizing {
		return 0, false
	}
	return int64(*count), true
}

// surgeNodes is lib/sizing's surge for n nodes: ceil(n x percentage / 100) for a
// whole percentage, the number itself for whole digits. False for any other form
// (a decimal percentage, no maxSurge) and past maxSizing.
func surgeNodes(maxSurge string, n int64) (int64, bool) {
	digits, pct := strings.CutSuffix(maxSurge, "%")
	if digits == "" || len(digits) > 7 || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || v > maxSizing {
		return 0, false
	}
	if pct {
		return (n*v + 99) / 100, true
	}
	return v, true
}

// podCidrFacts computes f.PodCidrCandidates: the index of every kubenet or overlay
// cluster, in document order, whose nodes may not fit the /24 node blocks of its pod
// CIDR, at deploy time or with their surge nodes (AKSNET203, AKSNET204). A cluster is
// left out only when the document lists nothing as unresolved, the input creates it,
// its one pod CIDR is an IPv4 CIDR written canonically, and every pool has a known
// node count and a maxSurge of whole digits with or without "%": then its nodes plus
// surge nodes, computed as lib/capacity.rego does, are at most the CIDR's node blocks
// (2^(24 - length), none past /24). Clusters of other models are never listed: the
// rules skip them. Linear in the pools.
func (f *Facts) podCidrFacts(doc *netdoc.Document) {
	f.PodCidrCandidates = []int{}
	for ci := range doc.Clusters {
		c := &doc.Clusters[ci]
		if c.Model != "kubenet" && c.Model != "overlay" {
			continue
		}
		if len(doc.Unresolved) > 0 || !podCidrFits(f.canon, c) {
			f.PodCidrCandidates = append(f.PodCidrCandidates, ci)
		}
	}
}

// podCidrFits holds when the cluster's nodes with their surge nodes fit the node
// blocks of its pod CIDR, every value known.
func podCidrFits(canon canonCache, c *netdoc.Cluster) bool {
	if c.Existing || len(c.NetworkProfile.PodCidrs) != 1 {
		return false
	}
	p, ok := canon.get(c.NetworkProfile.PodCidrs[0])
	if !ok || !p.Addr().Is4() {
		return false
	}
	var blocks int64
	if p.Bits() <= 24 {
		blocks = 1 << (24 - p.Bits())
	}
	var total int64
	for i := range c.NodePools {
		n, ok := poolNodes(&c.NodePools[i])
		if !ok {
			return false
		}
		s, ok := surgeNodes(c.NodePools[i].MaxSurge, n)
		if !ok {
			return false
		}
		total += n + s
		if total > blocks {
			return false
		}
	}
	return true
}
