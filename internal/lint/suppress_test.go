package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

func at(file string, line int, id string) finding.Finding {
	return finding.Finding{RuleID: id, Location: netdoc.Location{File: file, Line: line, Column: 1}}
}

func TestSuppress(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "create.sh")
	if err := os.WriteFile(script, []byte(`az aks create \
  # aksnet-lint:ignore AKSNET301 benchmark pool, deleted after the run
  --max-pods 300 \
  --pod-cidr 10.1.0.0/16 # aksnet-lint:ignore AKSNET113, AKSNET104 lab only
  --service-cidr 10.0.0.0/16
`), 0o644); err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(dir, "t.json")
	if err := os.WriteFile(tmpl, []byte(`{"resources": [
  {
    "type": "Microsoft.ContainerService/managedClusters",
    "comments": "aksnet-lint:ignore AKSNET102 shared services range agreed with the network team",
    "tags": {"note": "a multi-line
string, as ARM reads it"},
    "properties": {
      "networkProfile": {"serviceCidr": "10.0.0.0/16"}
    }
  },
  {
    "type": "x" // aksnet-lint:ignore AKSNET110
  }
]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	// A file outside the root is never read, so its markers silence nothing (nor
	// do their reasons reach a report).
	outside := filepath.Join(t.TempDir(), "outside.sh")
	if err := os.WriteFile(outside, []byte("# aksnet-lint:ignore AKSNET301 read from outside\naz aks create\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := pathpolicy.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs := []finding.Finding{
		at(outside, 2, "AKSNET301"),
		at(script, 3, "AKSNET301"), // line below the comment
		at(script, 3, "AKSNET302"), // another rule
		at(script, 4, "AKSNET104"), // same line, second ID
		at(script, 5, "AKSNET113"), // line after the same-line comment
		at(script, 6, "AKSNET301"), // out of reach
		at(tmpl, 8, "AKSNET102"),   // inside the commented resource (with a multi-line string)
		at(tmpl, 12, "AKSNET102"),  // another resource
		at(tmpl, 12, "AKSNET110"),  // JSONC comment on its line
		at(filepath.Join(dir, "legacy", "old.json"), 3, "AKSNET110"),
		at(filepath.Join(dir, "legacy", "old.json"), 3, ParseErrorID),
	}
	ignores := []config.Ignore{{Paths: []string{"**/legacy/**"}, Rules: []string{"AKSNET110", ParseErrorID}, Reason: "retired in Q3"}}
	suppress(fs, &config.Config{Ignore: ignores}, nil, root)
	want := []struct{ kind, why string }{
		{"", ""},
		{"inSource", "benchmark pool, deleted after the run"},
		{"", ""},
		{"inSource", "lab only"},
		{"inSource", "lab only"},
		{"", ""},
		{"inSource", "shared services range agreed with the network team"},
		{"", ""},
		{"inSource", "no reason given"},
		{"external", "retired in Q3"},
		{"", ""}, // a file that could not be read is never silenced
	}
	for i, w := range want {
		s := fs[i].Suppression
		switch {
		case w.kind == "" && s != nil:
			t.Errorf("finding %d suppressed: %+v", i, s)
		case w.kind != "" && (s == nil || s.Kind != w.kind || s.Justification != w.why):
			t.Errorf("finding %d: %+v, want %s %q", i, s, w.kind, w.why)
		}
	}
}

// TestSuppressionsOfTheBytesLinted: the inline suppressions of a file are those of the
// content that was linted, read once; a file changed while the run evaluates it keeps
// the suppressions it had when read.
func TestSuppressionsOfTheBytesLinted(t *testing.T) {
	src, err := os.ReadFile("../../testdata/docs/suppress/aks.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "aks.json")
	write(t, path, string(src))
	testHookEvaluate = func(string) {
		write(t, path, strings.ReplaceAll(string(src), "aksnet-lint:ignore", "nothing"))
	}
	t.Cleanup(func() { testHookEvaluate = nil })
	out, err := Run(context.Background(), testEngine(t), Options{Paths: []string{path}})
	if err != nil {
		t.Fatal(err)
	}
	suppressed := map[string]bool{}
	for _, f := range out.Findings {
		if f.Suppression != nil {
			suppressed[f.RuleID] = true
		}
	}
	if !suppressed["AKSNET106"] || !suppressed["AKSNET302"] {
		t.Errorf("suppressed %v, want AKSNET106 and AKSNET302 (from the content linted)", suppressed)
	}
}
