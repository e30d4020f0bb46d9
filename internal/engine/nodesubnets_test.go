package engine

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestNodeSubnetCandidatesChangeNoFinding evaluates node subnets around the edge of
// their capacity (every network model, node counts, maxPods, maxSurge forms, the
// autoscaler, subnets of one or two prefixes) with the derived facts, where AKSNET201
// and AKSNET202 check only derive's NodeSubnetCandidates and the engine leaves both
// out of a document without any, and without them, where the rules check every node
// subnet: the findings are the same.
func TestNodeSubnetCandidatesChangeNoFinding(t *testing.T) {
	ctx := context.Background()
	with, err := New(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	without, err := New(ctx, Options{NoDerivedFacts: true, EveryRule: true})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	var docs []*netdoc.Document
	for _, model := range []string{"nodesubnet", "overlay", "kubenet", "podsubnet-dynamic", "byocni", ""} {
		for _, prefixes := range [][]string{{"10.0.0.0/24"}, {"10.0.0.0/25", "10.0.1.0/26"}, {"10.0.0.0/29"}, {"10.0.0.1/24"}, {"fd00::/64"}} {
			for _, surge := range []string{"10%", "100%", "1", "0", "33.3%", "", "x"} {
				for _, count := range []int{0, 3, 7, 8, 120, 246} {
					for _, auto := range []bool{false, true} {
						p := netdoc.NodePool{Name: "a", Count: ptr(count), MaxPods: ptr(30), MaxSurge: surge, VnetSubnet: "v/s"}
						if auto {
							p.EnableAutoScaling, p.MaxCount = &yes, ptr(count/2+1)
						}
						q := netdoc.NodePool{Name: "b", Count: ptr(1), MaxPods: ptr(count % 7), MaxSurge: "1", VnetSubnet: "v/s"}
						d := netdoc.New(fmt.Sprintf("%s-%d.json", model, len(docs)), netdoc.KindARM)
						d.Clusters = []netdoc.Cluster{{Key: "aks", Name: "aks", Model: model, NodePools: []netdoc.NodePool{p, q}}}
						d.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "v", Name: "v", AddressPrefixes: []string{"10.0.0.0/16", "fd00::/48"}}}
						d.Subnets = []netdoc.Subnet{{Key: "v/s", VNet: "v", Name: "s", AddressPrefixes: prefixes, Declared: true}}
						docs = append(docs, d)
					}
				}
			}
		}
	}
	left, found := 0, 0
	for _, d := range docs {
		a, err := with.Eval(ctx, Input{Doc: d})
		if err != nil {
			t.Fatal(err)
		}
		b, err := without.Eval(ctx, Input{Doc: d})
		if err != nil {
			t.Fatal(err)
		}
		sortFindings(a)
		sortFindings(b)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: with the facts %v, without %v", d.File, a, b)
		}
		if len(derive.Compute(d).NodeSubnetCandidates) == 0 {
			left++
		}
		if slices.ContainsFunc(a, func(f finding.Finding) bool { return f.RuleID == "AKSNET201" || f.RuleID == "AKSNET202" }) {
			found++
		}
	}
	t.Logf("%d documents, %d without candidates, %d with a node subnet finding", len(docs), left, found)
	// The grid must exercise both sides: subnets left out and subnets found too small.
	if left < len(docs)/10 || found < len(docs)/10 {
		t.Errorf("%d of %d documents without candidates, %d with a node subnet finding", left, len(docs), found)
	}
}

func sortFindings(fs []finding.Finding) {
	slices.SortFunc(fs, func(x, y finding.Finding) int {
		return strings.Compare(x.RuleID+x.Pointer+x.Message, y.RuleID+y.Pointer+y.Message)
	})
}
