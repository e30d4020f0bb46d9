package derive

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// The node limits AKSNET209 (node-count-limits) checks, as
// policies/capacity/node_count_limits.rego's pool_limit, cluster_limit and pools_limit
// state them (TestNodeLimitsMatchPolicies asserts they are equal).
const (
	PoolNodeLimit    = 1000
	ClusterNodeLimit = 5000
	ClusterPoolLimit = 100
)

// nodeCountFacts computes f.NodeCountCandidates: the index of every cluster, in
// document order, whose node counts may pass a limit AKSNET209 checks. A cluster is left
// out only when it has at most ClusterPoolLimit pools, the larger of each pool's count
// and maxCount (whichever the rule reads) sums to at most ClusterNodeLimit, and each
// pool stays within PoolNodeLimit with its surge nodes (surgeWithin). Any
// other cluster is listed: the rule computes the nodes and surge, and decides. Linear
// in the pools.
func (f *Facts) nodeCountFacts(doc *netdoc.Document) {
	f.NodeCountCandidates = []int{}
	for ci := range doc.Clusters {
		if mayPassNodeLimits(&doc.Clusters[ci]) {
			f.NodeCountCandidates = append(f.NodeCountCandidates, ci)
		}
	}
}

func mayPassNodeLimits(c *netdoc.Cluster) bool {
	if len(c.NodePools) > ClusterPoolLimit {
		return true
	}
	total := 0
	for i := range c.NodePools {
		p := &c.NodePools[i]
		n := max(value(p.Count), value(p.MaxCount))
		if !surgeWithin(p.MaxSurge, n) {
			return true
		}
		total += n
		if total > ClusterNodeLimit {
			return true
		}
	}
	return false
}

// value is *v, or 0 for nil (the rule then finds the nodes undefined).
func value(v *int) int {
	if v == nil {
		return 0
	}
	return max(*v, 0)
}

// surgeWithin holds when n nodes and the surge maxSurge gives them stay within
// PoolNodeLimit: n at most half of it with a percentage of at most 100, n plus an
// integer maxSurge at most PoolNodeLimit, or n at most PoolNodeLimit without maxSurge. Any other form may
// pass it, as far as this can tell.
func surgeWithin(maxSurge string, n int) bool {
	if n > PoolNodeLimit {
		return false
	}
	if maxSurge == "" {
		return true // no surge nodes: the rule's surge is undefined
	}
	if pct, ok := strings.CutSuffix(maxSurge, "%"); ok {
		if !decimal(pct) {
			return false
		}
		v, err := strconv.ParseFloat(pct, 64)
		return err == nil && v <= 100 && n <= PoolNodeLimit/2
	}
	if len(maxSurge) > 9 || !decimal(maxSurge) || strings.Contains(maxSurge, ".") {
		return false
	}
	v, err := strconv.Atoi(maxSurge)
	return err == nil && n+v <= PoolNodeLimit
}

// decimal holds for digits with at most one dot between digits ("10", "12.5").
func decimal(s string) bool {
	whole, frac, dotted := strings.Cut(s, ".")
	digits := func(x string) bool {
		return x != "" && strings.Trim(x, "0123456789") == ""
	}
	return digits(whole) && (!dotted || digits(frac))
}
