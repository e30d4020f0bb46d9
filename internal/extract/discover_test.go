package extract

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// prefixFilter excludes paths containing "/old" and includes paths containing "/infra".
type prefixFilter struct{ root string }

func (f prefixFilter) Excluded(p string) bool {
	return strings.Contains(filepath.ToSlash(strings.TrimPrefix(p, f.root)), "/old")
}

func (f prefixFilter) Included(p string) bool {
	return strings.HasPrefix(filepath.ToSlash(strings.TrimPrefix(p, f.root)), "/infra/")
}

func TestDiscoverFilter(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.json", template)
	write(t, dir, "infra/b.json", template)
	write(t, dir, "infra/old/c.json", template)
	write(t, dir, "infra/deep/d.sh", "az aks create\n")
	named := write(t, dir, "scripts/e.sh", "az aks create\n")
	namedOld := write(t, dir, "old/f.json", template)
	cands, errs := Discover([]string{dir, named, namedOld}, DiscoverOptions{Filter: prefixFilter{dir}, Exclude: []string{"**"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, c := range cands {
		rel, _ := filepath.Rel(dir, c.Path)
		if c.Explicit {
			rel += " (named)"
		}
		got = append(got, filepath.ToSlash(rel))
	}
	// The walk keeps the included files, not the excluded directory; a named file is
	// linted although not included, unless excluded. Filter replaces Exclude.
	want := []string{"infra/b.json", "infra/deep/d.sh", "scripts/e.sh (named)"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestUnlintable(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "aks.json", template)
	params := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`
	tests := []struct {
		name, content string
		want          bool
	}{
		{"tsconfig.json", "{\n  // JSONC\n  \"compilerOptions\": {},\n}", true},
		{"package.json", `{"name": "x"}`, true},
		{"list.jsonc", `[1, 2]`, true},
		{"aks.json", template, false},
		{"aks.parameters.json", params, false},      // linted with aks.json
		{"aks.prod.parameters.json", params, false}, // too
		{"main.parameters.json", params, true},      // of a main.bicep: nothing to pair with
		{"prod.json", params, true},                 // not named after a template
		{"broken.json", `{"resources": [`, false},   // reported, named or walked
		{"empty.json", "", false},
		{"create.sh", "az aks create", false},
		{"README.md", "# x", false},
	}
	for _, tt := range tests {
		if got := Unlintable(filepath.Join(dir, tt.name), []byte(tt.content)); got != tt.want {
			t.Errorf("Unlintable(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
