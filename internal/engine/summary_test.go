package engine

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func intp(n int) *int { return &n }

// summaryDoc is a node subnet cluster: pool "system" (3 nodes, maxPods 30) in a /24, and
// a service CIDR whose value is not known.
func summaryDoc(file string) Input {
	d := netdoc.New(file, netdoc.KindARM)
	d.Clusters = []netdoc.Cluster{{
		Key: "aks", Name: "aks", Model: "nodesubnet",
		NetworkProfile: netdoc.NetworkProfile{NetworkPlugin: "azure"},
		NodePools: []netdoc.NodePool{{
			Name: "system", Count: intp(3), MaxPods: intp(30), MaxSurge: "10%", VnetSubnet: "vnet/nodes",
		}},
	}}
	d.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "vnet", Name: "vnet", AddressPrefixes: []string{"10.0.0.0/16"}}}
	d.Subnets = []netdoc.Subnet{{Key: "vnet/nodes", VNet: "vnet", Name: "nodes", AddressPrefixes: []string{"10.0.0.0/24"}, Declared: true}}
	d.Defaulted = []string{"/clusters/0/nodePools/0/maxSurge"}
	d.Unresolved = []netdoc.Unresolved{{Pointer: "/clusters/0/networkProfile/serviceCidrs", Expression: "[parameters('svc')]", Reason: "parameter 'svc' has no value"}}
	locs := netdoc.Locations{}
	locs.Set("/clusters/0", netdoc.Location{File: file, Line: 10, Column: 5})
	locs.Set("/clusters/0/networkProfile/serviceCidrs", netdoc.Location{File: file, Line: 14, Column: 24})
	return Input{Doc: d, Locs: locs}
}

func TestSummary(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := e.Summary(context.Background(), summaryDoc("t.json"))
	if err != nil {
		t.Fatal(err)
	}
	if s.File != "t.json" || s.Kind != netdoc.KindARM || s.Error != "" {
		t.Errorf("header: %+v", s)
	}
	if len(s.Clusters) != 1 || s.Clusters[0].Model.Label != "node subnet (traditional Azure CNI)" {
		t.Fatalf("clusters: %+v", s.Clusters)
	}
	c := s.Clusters[0]
	for _, set := range c.Settings {
		if set.Name == "serviceCidrs" && (set.State != "unresolved" || set.Expression != "[parameters('svc')]") {
			t.Errorf("serviceCidrs: %+v, want unresolved with its expression", set)
		}
	}
	if got := c.Pools[0].Settings["maxSurge"]; got.State != "default" || got.Value != "10%" {
		t.Errorf("maxSurge: %+v", got)
	}
	if got := c.Pools[0].Settings["count"]; got.State != "stated" || got.Value != float64(3) {
		t.Errorf("count: %+v", got)
	}

	// 3 x (30 + 1) = 93 of 251 usable; 1 surge node: 124; (251 - 93) / 31 = 5 more nodes
	if len(s.Subnets) != 1 || len(s.Subnets[0].Uses) != 1 {
		t.Fatalf("subnets: %+v", s.Subnets)
	}
	sub, use := s.Subnets[0], s.Subnets[0].Uses[0]
	got := fmt.Sprint(*sub.Usable, *use.Deploy, *use.DeploySurge, *use.Max, *use.MaxSurge, *use.MoreNodes.Min, *use.MoreNodes.Max, use.MoreNodes.PerNode, use.MoreNodes.Short)
	if want := "251 93 124 93 124 5 5 [31] <nil>"; got != want {
		t.Errorf("node subnet: %s, want %s", got, want)
	}
	if use.Role != "node" || !use.Complete || !reflect.DeepEqual(use.Users, []string{"aks/system"}) {
		t.Errorf("use: %+v", use)
	}

	// unresolved values are named by keys and located
	want := []UnresolvedValue{{
		Unresolved: netdoc.Unresolved{Pointer: "/clusters/0/networkProfile/serviceCidrs", Expression: "[parameters('svc')]", Reason: "parameter 'svc' has no value"},
		Setting:    "clusters[aks]/networkProfile/serviceCidrs",
		Location:   netdoc.Location{File: "t.json", Line: 14, Column: 24},
	}}
	if !reflect.DeepEqual(s.Unresolved, want) {
		t.Errorf("unresolved:\n got %+v\nwant %+v", s.Unresolved, want)
	}
	if len(s.Ranges) != 2 {
		t.Errorf("ranges: %+v", s.Ranges)
	}
}

// TestSummaryAll: results keep the order of the inputs, and the query is shared safely
// between workers (run with -race).
func TestSummaryAll(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ins []Input
	for i := range 8 {
		ins = append(ins, summaryDoc(fmt.Sprintf("f%d.json", i)))
	}
	out := e.SummaryAll(context.Background(), ins)
	for i, s := range out {
		if want := fmt.Sprintf("f%d.json", i); s.File != want || s.Error != "" || len(s.Subnets) != 1 {
			t.Errorf("summary %d: file %s (want %s), error %q", i, s.File, want, s.Error)
		}
	}
}

// TestSummaryOfEmptyDocument: no cluster, no subnet is a summary with empty lists.
func TestSummaryOfEmptyDocument(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := e.Summary(context.Background(), Input{Doc: netdoc.New("empty.sh", netdoc.KindAzCLI)})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Clusters)+len(s.Subnets)+len(s.Ranges)+len(s.Unresolved) != 0 || s.Kind != netdoc.KindAzCLI {
		t.Errorf("%+v", s)
	}
}

// TestSummaryFromPrecompiledPolicies: the summary query runs on the precompiled policies
// (the engine's usual form) and gives what it gives from source.
func TestSummaryFromPrecompiledPolicies(t *testing.T) {
	ctx := context.Background()
	data, err := Precompile()
	if err != nil {
		t.Fatal(err)
	}
	compiler, rules, guards, err := loadPrecompiled(data, false)
	if err != nil {
		t.Fatal(err)
	}
	fast, err := newEngine(compiler, rules, guards)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := New(ctx, Options{FromSource: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := fast.Summary(ctx, summaryDoc("t.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := slow.Summary(ctx, summaryDoc("t.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("precompiled:\n%+v\nfrom source:\n%+v", a, b)
	}
}

// TestNoSummary: an engine without the review report's policies has every rule, finds
// what the full engine finds, and refuses summaries with a reason.
func TestNoSummary(t *testing.T) {
	ctx := context.Background()
	lean, err := New(ctx, Options{NoSummary: true})
	if err != nil {
		t.Fatal(err)
	}
	full, err := New(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name := range lean.compiler.Modules {
		if strings.HasPrefix(name, summaryModules) {
			t.Errorf("%s loaded", name)
		}
	}
	if len(lean.compiler.Modules) >= len(full.compiler.Modules) {
		t.Errorf("%d modules without the summary, %d with it", len(lean.compiler.Modules), len(full.compiler.Modules))
	}
	if len(lean.Rules()) != len(full.Rules()) {
		t.Errorf("%d rules without the summary, %d with it", len(lean.Rules()), len(full.Rules()))
	}
	in := summaryDoc("t.json")
	a, errA := lean.Eval(ctx, in)
	b, errB := full.Eval(ctx, in)
	if errA != nil || errB != nil || !reflect.DeepEqual(a, b) || len(a) == 0 {
		t.Errorf("findings differ: %v %v\n%+v\n%+v", errA, errB, a, b)
	}
	if _, err := lean.Summary(ctx, in); err == nil || !strings.Contains(err.Error(), "NoSummary") {
		t.Errorf("Summary without the policies: %v", err)
	}
}
