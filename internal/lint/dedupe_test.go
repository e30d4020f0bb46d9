package lint

import (
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func dupAt(line int) netdoc.Location { return netdoc.Location{File: "aks.json", Line: line, Column: 3} }

func TestDedupe(t *testing.T) {
	f := func(rule string, line int, msg, logical string, params ...string) finding.Finding {
		return finding.Finding{RuleID: rule, Location: dupAt(line), Message: msg, LogicalLocation: logical, ParameterFiles: params}
	}
	for _, tc := range []struct {
		name      string
		in        []finding.Finding
		wantMsgs  []string
		wantFiles [][]string
		wantInst  [][]string
	}{
		{"two parameter files, one mistake",
			[]finding.Finding{f("AKSNET301", 5, "m", "c[a]/p", "p/dev.json"), f("AKSNET301", 5, "m", "c[a]/p", "p/prod.json")},
			[]string{"m (with parameter files dev.json and prod.json)"}, [][]string{{"p/dev.json", "p/prod.json"}}, [][]string{nil}},
		{"one parameter file is named",
			[]finding.Finding{f("AKSNET301", 5, "m", "c[a]/p", "p/dev.json"), f("AKSNET301", 5, "other", "c[a]/p", "p/prod.json")},
			[]string{"m (with parameter file dev.json)", "other (with parameter file prod.json)"}, [][]string{{"p/dev.json"}, {"p/prod.json"}}, [][]string{nil, nil}},
		{"different rules or places stay apart",
			[]finding.Finding{f("AKSNET301", 5, "m", ""), f("AKSNET302", 5, "m", ""), f("AKSNET301", 6, "m", "")},
			[]string{"m", "m", "m"}, [][]string{nil, nil, nil}, [][]string{nil, nil, nil}},
		{"copies of one text, named in the message",
			[]finding.Finding{
				f("AKSNET301", 9, `maxPods 300 in cluster "aks-weu"`, "clusters[aks-weu]/nodePools[system]/maxPods"),
				f("AKSNET301", 9, `maxPods 300 in cluster "aks-neu"`, "clusters[aks-neu]/nodePools[system]/maxPods"),
			},
			[]string{`maxPods 300 in cluster "aks-weu" (the same for 2 instances: "aks-neu" and "aks-weu")`}, [][]string{nil}, [][]string{{"aks-neu", "aks-weu"}}},
		{"copies whose message does not name them",
			[]finding.Finding{f("AKSNET116", 9, "overlap", "subnets[v0/s]"), f("AKSNET116", 9, "overlap", "subnets[v1/s]")},
			[]string{`overlap (the same for 2 instances: "subnets[v0/s]" and "subnets[v1/s]")`}, [][]string{nil}, [][]string{{"subnets[v0/s]", "subnets[v1/s]"}}},
		{"different mistakes at one place are kept",
			[]finding.Finding{f("AKSNET301", 9, `maxPods 300 in cluster "aks-weu"`, "clusters[aks-weu]/x"), f("AKSNET301", 9, `maxPods 5 in cluster "aks-neu"`, "clusters[aks-neu]/x")},
			[]string{`maxPods 300 in cluster "aks-weu"`, `maxPods 5 in cluster "aks-neu"`}, [][]string{nil, nil}, [][]string{nil, nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := dedupe(slices.Clone(tc.in))
			if len(got) != len(tc.wantMsgs) {
				t.Fatalf("got %d findings, want %d: %+v", len(got), len(tc.wantMsgs), got)
			}
			for i, g := range got {
				if g.Message != tc.wantMsgs[i] || !slices.Equal(g.ParameterFiles, tc.wantFiles[i]) || !slices.Equal(g.Instances, tc.wantInst[i]) {
					t.Errorf("finding %d = %q files %v instances %v, want %q %v %v", i, g.Message, g.ParameterFiles, g.Instances, tc.wantMsgs[i], tc.wantFiles[i], tc.wantInst[i])
				}
			}
		})
	}
}
