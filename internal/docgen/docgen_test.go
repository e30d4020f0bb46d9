package docgen

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

var update = flag.Bool("update", false, "rewrite docs/rules")

const root = "../.."

// TestRuleDocsUpToDate regenerates docs/rules and fails on any drift: a page that
// differs, a page missing, or a page for a rule that no longer exists.
func TestRuleDocsUpToDate(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules := slices.Clone(eng.Rules())
	slices.SortFunc(rules, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	want := map[string]string{"README.md": Index(rules)}
	for _, r := range rules {
		avoid, prefer, err := FindExamples(root, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		want[r.ID+".md"] = Render(r, avoid, prefer)
	}
	dir := filepath.Join(root, "docs", "rules")
	if *update {
		old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, f := range old {
			if _, keep := want[filepath.Base(f)]; !keep {
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, content := range want {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	have, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range have {
		if _, ok := want[filepath.Base(f)]; !ok {
			t.Errorf("%s documents no rule (run go test ./internal/docgen -update)", f)
		}
	}
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != content {
			t.Errorf("docs/rules/%s is out of date (run go test ./internal/docgen -update)", name)
		}
	}
}

// pendingExamples are rules that cannot fire on any input yet, because the network
// document lacks a fact they need; each is an open gap, not an exemption.
var pendingExamples = map[string]string{}

// TestEveryRuleHasExamples: each rule that findings come from has a golden case to avoid
// and one to prefer, so its page shows both (issue 5's meta-test, golden half).
func TestEveryRuleHasExamples(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range eng.Rules() {
		if strings.HasPrefix(r.ID, "AKSNET9") {
			continue // input diagnostics have cases of their own (unresolved, parse errors)
		}
		if why, pending := pendingExamples[r.ID]; pending {
			t.Logf("%s: no golden cases yet: %s", r.ID, why)
			continue
		}
		avoid, prefer, err := FindExamples(root, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(avoid) == 0 || len(prefer) == 0 {
			t.Errorf("%s: %d err and %d ok golden cases; want at least one of each (testdata/<kind>/{err,ok}/%s-*)", r.ID, len(avoid), len(prefer), r.ID)
		}
	}
}
