package lint

import (
	"context"
	"testing"
)

// TestJoinAcrossFiles: a cluster on a subnet another file of the run declares is
// checked against it, once however many times its files are named; with NoJoin, or
// without the network file, the subnet is not known and nothing is found.
func TestJoinAcrossFiles(t *testing.T) {
	const dir = "../../testdata/repo/two-scripts"
	eng := testEngine(t)
	for _, tc := range []struct {
		name  string
		opt   Options
		rules []string
	}{
		{"the folder", Options{Paths: []string{dir}}, []string{"AKSNET201"}},
		{"files named twice", Options{Paths: []string{dir + "/cluster.sh", dir, dir + "/network.sh"}}, []string{"AKSNET201"}},
		{"no join", Options{Paths: []string{dir}, NoJoin: true}, nil},
		{"the cluster alone", Options{Paths: []string{dir + "/cluster.sh"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Run(context.Background(), eng, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range out.Findings {
				got = append(got, f.RuleID)
			}
			if len(got) != len(tc.rules) || (len(got) > 0 && got[0] != tc.rules[0]) {
				t.Fatalf("findings %v, want %v", got, tc.rules)
			}
			if len(got) > 0 && (out.Findings[0].Location.File != dir+"/network.sh" || out.Findings[0].Location.Line != 5) {
				t.Errorf("located at %+v, want the subnet's prefix in network.sh", out.Findings[0].Location)
			}
		})
	}
}
