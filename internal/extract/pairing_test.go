package extract

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// TestPairerSharedDirectory: one Pairer, asked for every template of a directory in
// turn (as a run's planner asks), gives each the parameter files of its own name, the
// longest template name winning, in name order, and none to a parameter file or a
// template without any.
func TestPairerSharedDirectory(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"a.json", "a.parameters.json", "a.prod.parameters.json", "a.dev.parameters.json",
		"a.b.json", "a.b.parameters.json", "a.c.parameters.json",
		"solo.json", "lone.parameters.json", "x.bicep", "x.parameters.json",
	} {
		write(t, dir, name, "{}")
	}
	want := map[string][]string{
		"a.json":            {"a.c.parameters.json", "a.dev.parameters.json", "a.parameters.json", "a.prod.parameters.json"},
		"a.b.json":          {"a.b.parameters.json"},
		"solo.json":         nil,
		"a.parameters.json": nil,
	}
	p := NewPairer(pathpolicy.Root{}, 0)
	for range 2 { // the second time from the directory's cached pairings
		for _, tmpl := range []string{"a.json", "solo.json", "a.b.json", "a.parameters.json"} {
			var got []string
			for _, s := range p.Beside(Candidate{Path: filepath.Join(dir, tmpl)}).Params {
				if s.Origin != OriginBeside {
					t.Errorf("%s: origin %q", tmpl, s.Origin)
				}
				got = append(got, filepath.Base(s.Path))
			}
			if !slices.Equal(got, want[tmpl]) {
				t.Errorf("%s: parameter files %v, want %v", tmpl, got, want[tmpl])
			}
		}
	}
}
