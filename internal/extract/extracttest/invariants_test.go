package extracttest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// recorder collects the errors a check reports.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatalf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}

func TestCheckInvariants(t *testing.T) {
	src := []byte("az aks create -n aks \\\n  --max-pods 40\n")
	loc := func(line, col, endCol int) netdoc.Located {
		return netdoc.Located{Location: netdoc.Location{File: "s.sh", Line: line, Column: col, EndLine: line, EndColumn: endCol}}
	}
	good := func() Extraction {
		n := 40
		doc := &netdoc.Document{Clusters: []netdoc.Cluster{{Key: "aks", Name: "aks", NodePools: []netdoc.NodePool{{Name: "nodepool1", MaxPods: &n}}}},
			Defaulted:  []string{"/clusters/0/nodePools/0/name"},
			Unresolved: []netdoc.Unresolved{{Pointer: "/clusters/0/networkProfile/podCidrs", Expression: "$X", Reason: "r"}}}
		return Extraction{Doc: doc, Locs: netdoc.Locations{
			"/clusters/0":                     loc(1, 1, 21),
			"/clusters/0/nodePools/0/maxPods": loc(2, 14, 16),
		}}
	}
	files := Files(map[string][]byte{"s.sh": src})
	for name, tc := range map[string]struct {
		edit func(*Extraction)
		want string
	}{
		"good":                 {func(*Extraction) {}, ""},
		"past the line end":    {func(e *Extraction) { e.Locs["/clusters/0/nodePools/0/maxPods"] = loc(2, 14, 17) }, "outside"},
		"past the last line":   {func(e *Extraction) { e.Locs["/clusters/0/nodePools/0/maxPods"] = loc(4, 1, 2) }, "outside"},
		"another file":         {func(e *Extraction) { l := loc(1, 1, 2); l.File = "x.sh"; e.Locs["/clusters/0"] = l }, "not given"},
		"names nothing":        {func(e *Extraction) { e.Locs["/subnets/0"] = loc(1, 1, 2) }, "names nothing"},
		"defaulted missing":    {func(e *Extraction) { e.Doc.Defaulted = append(e.Doc.Defaulted, "/clusters/0/x") }, "names no value"},
		"unresolved has value": {func(e *Extraction) { e.Doc.Unresolved[0].Pointer = "/clusters/0/name" }, "also has a value"},
		"unresolved unlocated": {func(e *Extraction) { delete(e.Locs, "/clusters/0") }, "does not resolve"},
		"duplicate key":        {func(e *Extraction) { e.Doc.Clusters = append(e.Doc.Clusters, netdoc.Cluster{Key: "aks"}) }, "duplicate cluster"},
	} {
		t.Run(name, func(t *testing.T) {
			got := good()
			tc.edit(&got)
			var r recorder
			CheckInvariants(&r, got, files, good)
			if tc.want == "" && len(r.errs) > 0 || tc.want != "" && !strings.Contains(strings.Join(r.errs, "\n"), tc.want) {
				t.Errorf("errors %q, want one with %q", r.errs, tc.want)
			}
		})
	}
	var r recorder
	n := 0
	CheckInvariants(&r, good(), files, func() Extraction {
		n++
		e := good()
		e.Doc.Clusters[0].Name = "other"
		return e
	})
	if n != 1 || !strings.Contains(strings.Join(r.errs, "\n"), "second extraction gives another document") {
		t.Errorf("a nondeterministic extractor passed: %q", r.errs)
	}
}
