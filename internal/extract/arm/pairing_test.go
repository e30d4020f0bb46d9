package arm

import (
	"os"
	"path/filepath"
	"testing"
)

// parameterFilesBeside lists the parameter files in template's directory that pair
// with it by name (TemplateName), as the planner pairs them, sorted.
func parameterFilesBeside(tb testing.TB, template string) []string {
	tb.Helper()
	dir, base := filepath.Split(template)
	entries, err := os.ReadDir(filepath.Clean(dir + "."))
	if err != nil {
		tb.Fatal(err)
	}
	present := map[string]bool{}
	for _, e := range entries {
		present[e.Name()] = true
	}
	var out []string
	for _, e := range entries {
		if t, ok := TemplateName(e.Name(), func(s string) bool { return present[s] }); ok && t == base {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}
