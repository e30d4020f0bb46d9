package derive_test

import (
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// nodeSubnetDoc is a cluster of model with pools in the subnets v/a (prefix a) and
// v/b (prefix b), pools drawing on v/a unless they name another subnet.
func nodeSubnetDoc(model, a, b string, pools ...netdoc.NodePool) *netdoc.Document {
	for i := range pools {
		if pools[i].VnetSubnet == "" {
			pools[i].VnetSubnet = "v/a"
		}
	}
	return &netdoc.Document{
		Clusters: []netdoc.Cluster{{Key: "aks", Model: model, NodePools: pools}},
		Subnets: []netdoc.Subnet{
			{Key: "v/a", VNet: "v", Name: "a", AddressPrefixes: []string{a}},
			{Key: "v/b", VNet: "v", Name: "b", AddressPrefixes: []string{b}},
		},
	}
}

func TestNodeSubnetCandidates(t *testing.T) {
	n := func(v int) *int { return &v }
	yes := true
	pool := func(count, maxPods int, surge string) netdoc.NodePool {
		return netdoc.NodePool{Count: n(count), MaxPods: n(maxPods), MaxSurge: surge}
	}
	// A /24 has 251 usable addresses; a /22 1,019.
	cases := []struct {
		name string
		doc  *netdoc.Document
		want []string
	}{
		{"fits with its surge", nodeSubnetDoc("nodesubnet", "10.0.0.0/22", "10.0.4.0/24", pool(3, 30, "10%")), []string{}},
		{"exactly fits: (3 + 1) x 31 + (1 + 1) x 63 = 250 of 251", nodeSubnetDoc("nodesubnet", "10.0.0.0/24", "10.0.4.0/24", pool(3, 30, "10%"), pool(1, 62, "1")), []string{}},
		{"one address past", nodeSubnetDoc("nodesubnet", "10.0.0.0/24", "10.0.4.0/24", pool(3, 30, "10%"), pool(1, 63, "1")), []string{"v/a"}},
		{"the surge alone does not fit: (3 + 3) x 301 > 1,019", nodeSubnetDoc("nodesubnet", "10.0.0.0/22", "10.0.4.0/24", pool(3, 300, "100%")), []string{"v/a"}},
		{"a percentage rounds up: 1 node at 101% has 2 surge nodes, 3 of 3 addresses", nodeSubnetDoc("overlay", "10.0.0.0/29", "10.0.4.0/24", pool(1, 30, "101%"), pool(0, 30, "0")), []string{}},
		{"rounded up past the addresses", nodeSubnetDoc("overlay", "10.0.0.0/29", "10.0.4.0/24", pool(2, 30, "51%")), []string{"v/a"}},
		{"other models take one address a node", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", pool(200, 250, "25%")), []string{}},
		{"the autoscaler maximum", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", netdoc.NodePool{Count: n(3), EnableAutoScaling: &yes, MaxCount: n(300), MaxSurge: "1"}), []string{"v/a"}},
		{"the autoscaler without a maximum", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", netdoc.NodePool{Count: n(3), EnableAutoScaling: &yes, MaxSurge: "1"}), []string{"v/a"}},
		{"no count", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", netdoc.NodePool{MaxSurge: "1"}), []string{"v/a"}},
		{"a negative count", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", pool(-3, 30, "1")), []string{"v/a"}},
		{"no maxPods in the node subnet model", nodeSubnetDoc("nodesubnet", "10.0.0.0/24", "10.0.4.0/24", netdoc.NodePool{Count: n(1), MaxSurge: "1"}), []string{"v/a"}},
		{"a decimal percentage", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", pool(3, 30, "33.3%")), []string{"v/a"}},
		{"no maxSurge", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", pool(3, 30, "")), []string{"v/a"}},
		{"a maxSurge that is no number", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", pool(3, 30, "ten")), []string{"v/a"}},
		{"a maxSurge past the bound", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", pool(3, 30, "10000000")), []string{"v/a"}},
		{"an unknown model", nodeSubnetDoc("", "10.0.0.0/24", "10.0.4.0/24", pool(3, 30, "1")), []string{"v/a"}},
		{"a subnet without usable addresses known", nodeSubnetDoc("overlay", "10.0.0.1/24", "10.0.4.0/24", pool(3, 30, "1")), []string{"v/a"}},
		{"a key that names no subnet", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", netdoc.NodePool{Count: n(3), MaxSurge: "1", VnetSubnet: "w/x"}), []string{"w/x"}},
		{"only the subnet that does not fit, in the pools' order", nodeSubnetDoc("overlay", "10.0.0.0/29", "10.0.4.0/24",
			netdoc.NodePool{Count: n(1), MaxSurge: "1", VnetSubnet: "v/b"}, pool(3, 30, "1"), netdoc.NodePool{Count: n(1), MaxSurge: "1", VnetSubnet: "v/b"}), []string{"v/a"}},
		{"no pools", nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24"), []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := derive.Compute(c.doc).NodeSubnetCandidates
			if !slices.Equal(got, c.want) || got == nil {
				t.Errorf("NodeSubnetCandidates = %#v, want %#v", got, c.want)
			}
		})
	}
	t.Run("an existing cluster", func(t *testing.T) {
		d := nodeSubnetDoc("overlay", "10.0.0.0/24", "10.0.4.0/24", pool(3, 30, "1"))
		d.Clusters[0].Existing = true
		if got := derive.Compute(d).NodeSubnetCandidates; !slices.Equal(got, []string{"v/a"}) {
			t.Errorf("NodeSubnetCandidates = %#v, want v/a", got)
		}
	})
	t.Run("anything unresolved", func(t *testing.T) {
		d := nodeSubnetDoc("overlay", "10.0.0.0/22", "10.0.4.0/24", pool(3, 30, "1"), netdoc.NodePool{Count: n(1), MaxSurge: "1", VnetSubnet: "v/b"})
		d.Unresolved = []netdoc.Unresolved{{Pointer: "/clusters/0/networkProfile/podCidrs"}}
		if got := derive.Compute(d).NodeSubnetCandidates; !slices.Equal(got, []string{"v/a", "v/b"}) {
			t.Errorf("NodeSubnetCandidates = %#v, want both keys", got)
		}
	})
}

func TestPodCidrCandidates(t *testing.T) {
	n := func(v int) *int { return &v }
	yes := true
	pool := func(count int, surge string) netdoc.NodePool {
		return netdoc.NodePool{Count: n(count), MaxSurge: surge}
	}
	cluster := func(model string, podCidrs []string, pools ...netdoc.NodePool) netdoc.Cluster {
		return netdoc.Cluster{Key: "aks", Model: model, NetworkProfile: netdoc.NetworkProfile{PodCidrs: podCidrs}, NodePools: pools}
	}
	// A /22 holds 4 node blocks; a /24 one; a /25 none.
	cases := []struct {
		name    string
		cluster netdoc.Cluster
		want    bool
	}{
		{"fits with its surge", cluster("overlay", []string{"10.244.0.0/16"}, pool(3, "10%")), false},
		{"exactly fits: 3 + 1", cluster("kubenet", []string{"10.244.0.0/22"}, pool(3, "10%")), false},
		{"one block short: 3 + 2", cluster("kubenet", []string{"10.244.0.0/22"}, pool(3, "34%")), true},
		{"two pools: (1 + 1) + (1 + 1)", cluster("overlay", []string{"10.244.0.0/22"}, pool(1, "1"), pool(1, "100%")), false},
		{"no block past /24", cluster("overlay", []string{"10.244.0.0/25"}, pool(0, "0")), false},
		{"no block, one node", cluster("overlay", []string{"10.244.0.0/25"}, pool(1, "0")), true},
		{"no pools", cluster("overlay", []string{"10.244.0.0/24"}), false},
		{"the autoscaler maximum", cluster("overlay", []string{"10.244.0.0/22"}, netdoc.NodePool{Count: n(1), EnableAutoScaling: &yes, MaxCount: n(4), MaxSurge: "1"}), true},
		{"no count", cluster("overlay", []string{"10.244.0.0/16"}, netdoc.NodePool{MaxSurge: "1"}), true},
		{"no maxSurge", cluster("overlay", []string{"10.244.0.0/16"}, pool(3, "")), true},
		{"a decimal percentage", cluster("overlay", []string{"10.244.0.0/16"}, pool(3, "33.3%")), true},
		{"no pod CIDR", cluster("overlay", nil, pool(3, "1")), true},
		{"two pod CIDRs", cluster("overlay", []string{"10.244.0.0/16", "fd00::/64"}, pool(3, "1")), true},
		{"an IPv6 pod CIDR", cluster("overlay", []string{"fd00::/64"}, pool(3, "1")), true},
		{"a pod CIDR not written canonically", cluster("overlay", []string{"10.244.0.1/16"}, pool(3, "1")), true},
		{"a model the rules skip", cluster("nodesubnet", []string{"10.244.0.0/25"}, pool(300, "x")), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The cluster is the second, after one the rules skip: the fact lists
			// cluster indexes.
			doc := &netdoc.Document{Clusters: []netdoc.Cluster{{Key: "other", Model: "byocni"}, c.cluster}}
			got := derive.Compute(doc).PodCidrCandidates
			want := []int{}
			if c.want {
				want = []int{1}
			}
			if !slices.Equal(got, want) || got == nil {
				t.Errorf("PodCidrCandidates = %#v, want %#v", got, want)
			}
		})
	}
	t.Run("an existing cluster", func(t *testing.T) {
		c := cluster("overlay", []string{"10.244.0.0/16"}, pool(3, "1"))
		c.Existing = true
		if got := derive.Compute(&netdoc.Document{Clusters: []netdoc.Cluster{c}}).PodCidrCandidates; !slices.Equal(got, []int{0}) {
			t.Errorf("PodCidrCandidates = %#v, want [0]", got)
		}
	})
	t.Run("anything unresolved", func(t *testing.T) {
		d := &netdoc.Document{Clusters: []netdoc.Cluster{cluster("overlay", []string{"10.244.0.0/16"}, pool(3, "1"))}, Unresolved: []netdoc.Unresolved{{Pointer: "/subnets"}}}
		if got := derive.Compute(d).PodCidrCandidates; !slices.Equal(got, []int{0}) {
			t.Errorf("PodCidrCandidates = %#v, want [0]", got)
		}
	})
}
