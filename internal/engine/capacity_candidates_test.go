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

// TestCapacityCandidatesChangeNoFinding evaluates node subnets and pod CIDRs around
// the edge of their capacity (every network model, node counts, maxPods, maxSurge
// forms, the autoscaler, subnets of one or two prefixes, pod CIDRs of either family
// and size) with the derived facts, where AKSNET201 and AKSNET202 check only derive's
// NodeSubnetCandidates, AKSNET203 and AKSNET204 only its PodCidrCandidates, and the
// engine leaves them out of a document without any, and without them, where the rules
// check every subnet and cluster: the findings are the same.
func TestCapacityCandidatesChangeNoFinding(t *testing.T) {
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
			for si, surge := range []string{"10%", "100%", "1", "0", "33.3%", "", "x"} {
				for _, count := range []int{0, 3, 7, 8, 120, 246} {
					for _, auto := range []bool{false, true} {
						p := netdoc.NodePool{Name: "a", Count: ptr(count), MaxPods: ptr(30), MaxSurge: surge, VnetSubnet: "v/s"}
						if auto {
							p.EnableAutoScaling, p.MaxCount = &yes, ptr(count/2+1)
						}
						q := netdoc.NodePool{Name: "b", Count: ptr(1), MaxPods: ptr(count % 7), MaxSurge: "1", VnetSubnet: "v/s"}
						d := netdoc.New(fmt.Sprintf("%s-%d.json", model, len(docs)), netdoc.KindARM)
						pod := [][]string{{"10.244.0.0/28"}, {"10.244.0.0/20"}, {"10.244.0.0/22"}, {"10.244.0.0/25"}, {"10.244.0.1/20"}, {"fd00::/64"}, {"10.244.0.0/20", "fd00::/64"}}[si]
						d.Clusters = []netdoc.Cluster{{Key: "aks", Name: "aks", Model: model, NetworkProfile: netdoc.NetworkProfile{PodCidrs: pod}, NodePools: []netdoc.NodePool{p, q}}}
						d.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "v", Name: "v", AddressPrefixes: []string{"10.0.0.0/16", "fd00::/48"}}}
						d.Subnets = []netdoc.Subnet{{Key: "v/s", VNet: "v", Name: "s", AddressPrefixes: prefixes, Declared: true}}
						docs = append(docs, d)
					}
				}
			}
		}
	}
	left, found, podLeft, podFound := 0, 0, 0, 0
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
		facts := derive.Compute(d)
		if len(facts.NodeSubnetCandidates) == 0 {
			left++
		}
		if slices.ContainsFunc(a, func(f finding.Finding) bool { return f.RuleID == "AKSNET201" || f.RuleID == "AKSNET202" }) {
			found++
		}
		if len(facts.PodCidrCandidates) == 0 && (d.Clusters[0].Model == "overlay" || d.Clusters[0].Model == "kubenet") {
			podLeft++
		}
		if slices.ContainsFunc(a, func(f finding.Finding) bool { return f.RuleID == "AKSNET203" || f.RuleID == "AKSNET204" }) {
			podFound++
		}
	}
	t.Logf("%d documents: %d without node subnet candidates, %d with a node subnet finding; %d kubenet or overlay without pod CIDR candidates, %d with a pod CIDR finding", len(docs), left, found, podLeft, podFound)
	// The grid must exercise both sides: subnets and pod CIDRs left out, and found too
	// small.
	if left < len(docs)/10 || found < len(docs)/10 || podLeft < len(docs)/30 || podFound < len(docs)/30 {
		t.Errorf("%d of %d documents without node subnet candidates, %d with a finding; %d without pod CIDR candidates, %d with a finding", left, len(docs), found, podLeft, podFound)
	}
}

func sortFindings(fs []finding.Finding) {
	slices.SortFunc(fs, func(x, y finding.Finding) int {
		return strings.Compare(x.RuleID+x.Pointer+x.Message, y.RuleID+y.Pointer+y.Message)
	})
}
