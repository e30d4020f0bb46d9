package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/aksnet-lint/aksnet-lint/internal/effective"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const template = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}`

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.json", template)
	write(t, dir, "infra/b.jsonc", template)
	write(t, dir, "infra/old/c.json", template)
	write(t, dir, "deploy", "#!/usr/bin/env bash\naz aks create\n")
	write(t, dir, "notes.txt", "x")
	write(t, dir, ".git/config.json", "{}")
	write(t, dir, "node_modules/x/package.json", "{}")
	outside := write(t, t.TempDir(), "outside.json", template)
	if err := os.Symlink(outside, filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	cands, errs := Discover([]string{dir}, DiscoverOptions{Exclude: []string{"**/old/**"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, c := range cands {
		rel, _ := filepath.Rel(dir, c.Path)
		got = append(got, filepath.ToSlash(rel))
		if c.Explicit {
			t.Errorf("%s explicit from a walk", rel)
		}
	}
	want := []string{"a.json", "deploy", "infra/b.jsonc"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	cands, _ = Discover([]string{filepath.Join(dir, "notes.txt")}, DiscoverOptions{})
	if len(cands) != 1 || !cands[0].Explicit {
		t.Errorf("explicit file: %+v", cands)
	}
	if _, errs := Discover([]string{filepath.Join(dir, "missing")}, DiscoverOptions{}); len(errs) != 1 {
		t.Errorf("missing path: %v", errs)
	}
}

func TestFileClassification(t *testing.T) {
	tests := []struct {
		name, content string
		explicit      bool
		docs          int
		errPart       string
	}{
		{"template", template, false, 1, ""},
		{"template by shape", `{"resources": []}`, false, 1, ""},
		{"bicep", `{"metadata": {"_generator": {"name": "bicep"}}, "resources": []}`, false, 1, ""},
		{"parameters", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`, true, 0, ""},
		{"unrelated json in a walk", `{"name": "package"}`, false, 0, ""},
		{"unrelated json named", `{"name": "package"}`, true, 0, "not an ARM template"},
		{"array named", `[1]`, true, 0, "found an array"},
		{"template without resources", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"}`, true, 0, "without resources"},
		{"invalid json in a walk", `{"resources": [}`, false, 0, "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := File(Candidate{Path: "x.json", Explicit: tt.explicit}, []byte(tt.content))
			if tt.errPart != "" {
				var se *netdoc.SourceError
				if !errors.As(err, &se) || !strings.Contains(se.Msg, tt.errPart) || se.Line == 0 {
					t.Fatalf("error %v, want a located one containing %q", err, tt.errPart)
				}
				return
			}
			if err != nil || len(res) != tt.docs {
				t.Fatalf("%d docs, %v; want %d", len(res), err, tt.docs)
			}
		})
	}
	res, _ := File(Candidate{Path: "b.json"}, []byte(`{"metadata": {"_generator": {"name": "bicep"}}, "resources": []}`))
	if res[0].Doc.Kind != netdoc.KindBicep {
		t.Errorf("kind %s, want bicep", res[0].Doc.Kind)
	}
}

func TestReadFileLimits(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "big.json", strings.Repeat(" ", 101))
	if _, err := ReadFile(p, 100); err == nil || !strings.Contains(err.Error(), "file too large") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := ReadFile(p, 101); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := ReadFile(dir, 100); err == nil {
		t.Error("a directory was read as a file")
	}
}

// TestDocumentsMatchSchema validates every document extracted from testdata, the
// examples and the shared corpus (effective values applied) against the schema the
// policies are type-checked with.
func TestDocumentsMatchSchema(t *testing.T) {
	var schemaDoc any
	if err := json.Unmarshal(netdoc.Schema, &schemaDoc); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("netdoc.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("netdoc.json")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, g := range []string{"../../testdata/*/*/*.json", "../../examples/*/*.json", "../../../shared/corpus/arm/*.json"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	docs := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := File(Candidate{Path: f}, data)
		if err != nil {
			continue // parse-error cases are tested elsewhere
		}
		for _, r := range res {
			effective.Apply(r.Doc)
			raw, _ := json.Marshal(r.Doc)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("%s: %v", f, err)
			}
			docs++
		}
	}
	if docs < 10 {
		t.Fatalf("only %d documents validated", docs)
	}
	t.Logf("%d documents valid", docs)
}

// TestCorpusExtracts: every template of the shared corpus is read without a parse error
// or a panic.
func TestCorpusExtracts(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/arm/*.json")
	if len(files) == 0 {
		t.Skip("../shared/corpus not present beside the checkout")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := File(Candidate{Path: f, Explicit: true}, data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
