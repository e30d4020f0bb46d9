package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestSharedCorpusFindings pins every finding, at every level, on the real material of
// ../shared/corpus (ARM templates, runbooks, Bicep projects): a change that alters what
// the linter reports on real repositories, by design or by accident, shows as a diff of
// testdata/shared-corpus/<corpus>.findings. Performance and refactoring work must leave
// these files unchanged; a change of behaviour rewrites them with
// go test ./cmd/aksnet-lint -run TestSharedCorpusFindings -update, and the diff is read.
// CI clones the project with ../shared beside it; elsewhere the test is skipped.
func TestSharedCorpusFindings(t *testing.T) {
	const root = "../shared/corpus"
	if _, err := os.Stat(root); err != nil {
		t.Skipf("%s is not beside the checkout: %v", root, err)
	}
	for _, corpus := range []string{"arm", "bicep", "docs"} {
		t.Run(corpus, func(t *testing.T) {
			out, stderr, code := lintRun(t, "--format", "json", "--root", root, root+"/"+corpus)
			golden(t, "testdata/shared-corpus/"+corpus+".findings", findingLines(t, out)+fmt.Sprintf("%s# exit %d\n", stderr, code))
		})
	}
}

// findingLines renders a JSON report one finding a line, sorted, with its related
// locations, so that a diff names exactly what changed.
func findingLines(t *testing.T, report string) string {
	t.Helper()
	type loc struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
		Message string `json:"message"`
	}
	var r struct {
		Files    int `json:"files"`
		Findings []struct {
			RuleID   string `json:"ruleId"`
			Level    string `json:"level"`
			Message  string `json:"message"`
			Location loc    `json:"location"`
			Related  []loc  `json:"related"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(report), &r); err != nil {
		t.Fatalf("the JSON report does not parse: %v\n%s", err, report)
	}
	lines := make([]string, 0, len(r.Findings))
	for _, f := range r.Findings {
		var b strings.Builder
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", f.Location.File, f.Location.Line, f.Location.Column, f.Level, f.Message, f.RuleID)
		for _, rel := range f.Related {
			fmt.Fprintf(&b, "    %s:%d:%d: %s\n", rel.File, rel.Line, rel.Column, rel.Message)
		}
		lines = append(lines, b.String())
	}
	sort.Strings(lines)
	return fmt.Sprintf("# %d files, %d findings\n%s", r.Files, len(r.Findings), strings.Join(lines, ""))
}
