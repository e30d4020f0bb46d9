package lint

import (
	"context"
	"fmt"
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
	suppress(fs, &config.Config{Ignore: ignores}, nil, root, nil)
	want := []struct{ kind, why string }{
		{"", ""},
		{"inSource", "benchmark pool, deleted after the run"},
		{"", ""},
		{"inSource", "lab only"},
		{"inSource", "lab only"},
		{"", ""},
		{"inSource", "shared services range agreed with the network team"},
		{"", ""},
		{"", ""}, // a marker without a reason suppresses nothing
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

// TestSuppressionMarkers: markers are judged as nolintlint judges //nolint: without a
// reason (not suppressing), naming no rule or one that cannot be suppressed, and
// suppressing nothing, each a warning at the marker.
func TestSuppressionMarkers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "aks.json")
	write(t, path, `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-09-01",
      "name": "aks",
      "comments": "aksnet-lint:ignore AKSNET106, AKSNET113 agreed with the network team",
      "properties": {
        "networkProfile": { "networkPlugin": "azure", "networkPluginMode": "overlay", "serviceCidr": "10.0.0.0/11", "dnsServiceIP": "10.0.0.10" },
        "agentPoolProfiles": [
          // aksnet-lint:ignore AKSNET302
          { "name": "batch", "mode": "System", "count": 1, "maxPods": 20 },
          // aksnet-lint:ignore AKSNET999, AKSNET902 not a rule
          { "name": "user", "mode": "User", "count": 2, "maxPods": 30 }
        ]
      }
    }
  ]
}
`)
	lint := func(cfg *config.Config) []string {
		t.Helper()
		out, err := Run(context.Background(), testEngine(t), Options{Paths: []string{path}, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range out.Findings {
			s := fmt.Sprintf("%d:%d %s %s", f.Location.Line, f.Location.Column, f.RuleID, f.Level)
			if f.Suppression != nil {
				s += " suppressed"
			}
			if f.RuleID == MarkerRuleID {
				s += ": " + f.Message
			}
			got = append(got, s)
		}
		return got
	}
	got := lint(nil)
	want := []string{
		"9:20 AKSNET903 warning: aksnet-lint:ignore AKSNET106, AKSNET113: no AKSNET113 finding in its object, so it suppresses nothing: remove it (or set reportUnusedSuppressions: false)",
		"11:102 AKSNET106 error suppressed",
		"13:14 AKSNET903 warning: aksnet-lint:ignore AKSNET302 has no reason, so it suppresses nothing: write why after the rule IDs, as in aksnet-lint:ignore AKSNET302 the reason",
		"14:71 AKSNET302 error",
		"15:14 AKSNET903 warning: aksnet-lint:ignore AKSNET999, AKSNET902: AKSNET902 cannot be suppressed: a file that could not be read or parsed is always reported",
		"15:14 AKSNET903 warning: aksnet-lint:ignore AKSNET999, AKSNET902: AKSNET999 is no rule (aksnet-lint rules lists them)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// reportUnusedSuppressions: false drops the unused warning only; AKSNET903: off all.
	no := false
	got = lint(&config.Config{ReportUnusedSuppressions: &no})
	if len(got) != len(want)-1 || got[0] != want[1] {
		t.Errorf("with reportUnusedSuppressions false:\n%s", strings.Join(got, "\n"))
	}
	got = lint(&config.Config{Rules: map[string]finding.Level{MarkerRuleID: finding.Off}})
	if strings.Join(got, "\n") != want[1]+"\n"+want[3] {
		t.Errorf("with AKSNET903 off:\n%s", strings.Join(got, "\n"))
	}
}

// TestMarkersInComments: a marker of a "comments" property is one marker covering its
// object and its line, also when the line scan cannot see it (written with escapes, or
// second on its line).
func TestMarkersInComments(t *testing.T) {
	data := []byte(`{"resources": [
  {"name": "a",
   "comments": "aksnet-lint:ignore AKSNET301 reason a",
   "x": 1},
  {"name": "b", "comments": "\u0061ksnet-lint:ignore AKSNET302 reason b",
   "y": 2},
  {"z": "aksnet-lint:ignore AKSNET110 z", "comments": "aksnet-lint:ignore AKSNET303 reason c",
   "w": 3}
]}`)
	got := inlineIgnores(data)
	want := []inlineIgnore{
		{from: 2, to: 4, rules: []string{"AKSNET301"}, reason: "reason a", line: 3, col: 17, scope: scopeObject},
		{from: 7, to: 8, rules: []string{"AKSNET110"}, reason: "z\", \"comments\": \"aksnet-lint:ignore AKSNET303 reason c", line: 7, col: 10, scope: scopeLines},
		{from: 5, to: 6, rules: []string{"AKSNET302"}, reason: "reason b", line: 5, col: 29, scope: scopeObject},
		{from: 7, to: 8, rules: []string{"AKSNET303"}, reason: "reason c", line: 7, col: 56, scope: scopeObject},
	}
	if len(got) != len(want) {
		t.Fatalf("%d markers: %+v", len(got), got)
	}
	for i := range want {
		g := got[i]
		g.used = nil
		if fmt.Sprint(g) != fmt.Sprint(want[i]) {
			t.Errorf("marker %d:\n got %+v\nwant %+v", i, g, want[i])
		}
	}
}
