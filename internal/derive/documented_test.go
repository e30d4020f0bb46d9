package derive_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

func TestUnknownValueCandidates(t *testing.T) {
	cases := []struct {
		name string
		c    netdoc.Cluster
		want bool
	}{
		{"nothing stated", netdoc.Cluster{NodePools: []netdoc.NodePool{{Name: "np"}}}, false},
		{"documented values", netdoc.Cluster{
			NetworkProfile: netdoc.NetworkProfile{NetworkPlugin: "azure", NetworkPluginMode: "overlay", NetworkPolicy: "cilium", NetworkDataplane: "cilium", OutboundType: "managedNATGatewayV2", LoadBalancerSku: "standard", NetworkMode: "transparent", IPFamilies: []string{"IPv4", "IPv6"}},
			NodePools:      []netdoc.NodePool{{OSType: "Linux", Type: "VirtualMachineScaleSets", Mode: "System", PodIPAllocationMode: "StaticBlock", OSSKU: "AnyNewSKU"}},
		}, false},
		{"a network profile value in another case", netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{NetworkPlugin: "Azure"}}, true},
		{"an unknown outbound type", netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{OutboundType: "natGateway"}}, true},
		{"an unknown network mode", netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{NetworkMode: "Bridge2"}}, true},
		{"an ipFamilies entry in another case", netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{IPFamilies: []string{"IPv4", "ipv6"}}}, true},
		{"an empty ipFamilies entry", netdoc.Cluster{NetworkProfile: netdoc.NetworkProfile{IPFamilies: []string{""}}}, true},
		{"a pool's unknown value", netdoc.Cluster{NodePools: []netdoc.NodePool{{OSType: "Linux"}, {OSType: "Solaris"}}}, true},
		{"a pool's unknown allocation mode", netdoc.Cluster{NodePools: []netdoc.NodePool{{PodIPAllocationMode: "dynamicIndividual"}}}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The cluster is the second, after one that is never a candidate: the fact
			// lists cluster indexes.
			doc := &netdoc.Document{Clusters: []netdoc.Cluster{{}, c.c}}
			got := derive.Compute(doc).UnknownValueCandidates
			want := []int{}
			if c.want {
				want = []int{1}
			}
			if !slices.Equal(got, want) || got == nil {
				t.Errorf("UnknownValueCandidates = %#v, want %#v", got, want)
			}
		})
	}
}

// TestDocumentedValuesMatchPolicies asserts that derive's documented values are the
// ones AKSNET903 takes as documented: a value the policies document and derive does not
// would only list a cluster more, but one derive documents and the policies do not would
// leave the cluster out, and its finding with it.
func TestDocumentedValuesMatchPolicies(t *testing.T) {
	src, err := policies.FS.ReadFile("diagnostics/unknown_value.rego")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ast.ParseModuleWithOpts("unknown_value.rego", string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]any{}
	for _, r := range m.Rules {
		if r.Head.Value == nil || len(r.Head.Args) > 0 {
			continue
		}
		if v, err := ast.JSON(r.Head.Value.Value); err == nil {
			rules[r.Head.Name.String()] = v
		}
	}
	strs := func(xs []string) []any {
		out := make([]any, len(xs))
		for i, x := range xs {
			out[i] = x
		}
		return out
	}
	lists := func(m map[string][]string) map[string]any {
		out := map[string]any{}
		for k, v := range m {
			out[k] = strs(v)
		}
		return out
	}
	for name, want := range map[string]any{
		"network_profile": lists(derive.DocumentedNetworkProfile),
		"ip_families":     strs(derive.DocumentedIPFamilies),
		"node_pool":       lists(derive.DocumentedNodePool),
	} {
		if !reflect.DeepEqual(rules[name], want) {
			t.Errorf("unknown_value.rego's %s = %v, derive's = %v", name, rules[name], want)
		}
	}
}
