package derive_test

import (
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

func TestNodeCountCandidates(t *testing.T) {
	n := func(v int) *int { return &v }
	pool := func(count int, surge string) netdoc.NodePool {
		return netdoc.NodePool{Count: n(count), MaxSurge: surge}
	}
	many := func(k int) []netdoc.NodePool {
		out := make([]netdoc.NodePool, k)
		for i := range out {
			out[i] = pool(1, "10%")
		}
		return out
	}
	cases := []struct {
		name  string
		pools []netdoc.NodePool
		want  bool
	}{
		{"no pools", nil, false},
		{"a small pool", []netdoc.NodePool{pool(3, "10%")}, false},
		{"half the limit at 100%", []netdoc.NodePool{pool(500, "100%")}, false},
		{"one past half at 1%", []netdoc.NodePool{pool(501, "1%")}, true},
		{"a percentage past 100", []netdoc.NodePool{pool(3, "150%")}, true},
		{"a decimal percentage", []netdoc.NodePool{pool(3, "33.3%")}, false},
		{"a percentage the rule does not read", []netdoc.NodePool{pool(3, "1e2%")}, true},
		{"an integer surge within the limit", []netdoc.NodePool{pool(995, "5")}, false},
		{"an integer surge past it", []netdoc.NodePool{pool(995, "6")}, true},
		{"a long integer surge", []netdoc.NodePool{pool(3, "10000000000")}, true},
		{"a surge that is no number", []netdoc.NodePool{pool(3, "ten")}, true},
		{"no surge, at the limit", []netdoc.NodePool{pool(1000, "")}, false},
		{"no surge, past the limit", []netdoc.NodePool{pool(1001, "")}, true},
		{"the autoscaler maximum", []netdoc.NodePool{{Count: n(3), MaxCount: n(1200), MaxSurge: "1"}}, true},
		{"pools summing to the cluster limit", []netdoc.NodePool{pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0")}, false},
		{"pools summing past it", []netdoc.NodePool{pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(500, "0"), pool(1, "0")}, true},
		{"the pool limit", many(100), false},
		{"past the pool limit", many(101), true},
		{"no count", []netdoc.NodePool{{MaxSurge: "10%"}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The cluster is the second, after one that is never a candidate: the fact
			// lists cluster indexes.
			doc := &netdoc.Document{Clusters: []netdoc.Cluster{{}, {NodePools: c.pools}}}
			got := derive.Compute(doc).NodeCountCandidates
			want := []int{}
			if c.want {
				want = []int{1}
			}
			if !slices.Equal(got, want) || got == nil {
				t.Errorf("NodeCountCandidates = %#v, want %#v", got, want)
			}
		})
	}
}

// TestNodeLimitsMatchPolicies asserts that derive's node limits are the ones AKSNET209
// checks: a lower limit in the policies would find what the facts leave out.
func TestNodeLimitsMatchPolicies(t *testing.T) {
	src, err := policies.FS.ReadFile("capacity/node_count_limits.rego")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ast.ParseModuleWithOpts("node_count_limits.rego", string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range m.Rules {
		if r.Head.Value != nil && len(r.Head.Args) == 0 {
			got[r.Head.Name.String()] = r.Head.Value.String()
		}
	}
	for name, want := range map[string]int{"pool_limit": derive.PoolNodeLimit, "cluster_limit": derive.ClusterNodeLimit, "pools_limit": derive.ClusterPoolLimit} {
		if got[name] != ast.IntNumberTerm(want).String() {
			t.Errorf("node_count_limits.rego's %s = %s, derive's = %d", name, got[name], want)
		}
	}
}
