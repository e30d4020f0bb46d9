package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
)

func TestInit(t *testing.T) {
	t.Chdir(t.TempDir())
	out, stderr, code := lintRun(t, "init")
	if code != 0 || !strings.Contains(out, "wrote .aksnet-lint.yaml") {
		t.Fatalf("init: exit %d\n%s%s", code, out, stderr)
	}
	data, err := os.ReadFile(config.DefaultFile)
	if err != nil || string(data) != string(config.Starter) {
		t.Fatalf("the written file is not the starter: %v", err)
	}
	if _, err := config.Load(config.DefaultFile, true); err != nil {
		t.Errorf("the written file does not load: %v", err)
	}
	// The starter changes nothing: linting with it is linting without a configuration.
	if out, stderr, code := lintRun(t, "--no-color"); code != 0 || out != "no findings in 0 files\n" {
		t.Errorf("linting with the starter: exit %d\n%s%s", code, out, stderr)
	}

	if err := os.WriteFile(config.DefaultFile, []byte("rules: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = lintRun(t, "init")
	if code != 2 || !strings.Contains(stderr, ".aksnet-lint.yaml already exists (use --force to overwrite it)") {
		t.Errorf("init over an existing file: exit %d %s", code, stderr)
	}
	if data, _ := os.ReadFile(config.DefaultFile); string(data) != "rules: {}\n" {
		t.Error("init overwrote an existing file without --force")
	}
	if _, stderr, code := lintRun(t, "init", "--force"); code != 0 {
		t.Errorf("init --force: exit %d %s", code, stderr)
	}
	if data, _ := os.ReadFile(config.DefaultFile); string(data) != string(config.Starter) {
		t.Error("init --force did not overwrite")
	}
	if _, stderr, code := lintRun(t, "init", filepath.Join("ci", "aksnet-lint.yaml")); code != 2 || !strings.Contains(stderr, "no such file or directory") {
		t.Errorf("init into a missing directory: exit %d %s", code, stderr)
	}
	if out, _, code := lintRun(t, "init", "other.yaml"); code != 0 || !strings.Contains(out, "wrote other.yaml") {
		t.Errorf("init FILE: exit %d %s", code, out)
	}
	if _, stderr, code := lintRun(t, "init", "a.yaml", "b.yaml"); code != 2 || !strings.Contains(stderr, "at most one FILE") {
		t.Errorf("init with two files: exit %d %s", code, stderr)
	}
}

// TestSuppressionsAreCountedAndCarried: findings silenced by a config ignore entry and by
// an inline comment are counted in the text report, left out of annotations, and kept in
// SARIF with their kind and reason.
func TestSuppressionsAreCountedAndCarried(t *testing.T) {
	cfg := "testdata/docs/project/.aksnet-lint.yaml"
	out, _, code := lintRun(t, "--no-color", "--config", cfg, "testdata/docs/project")
	if code != 1 || !strings.HasSuffix(out, "1 finding (1 error) in 3 files; 2 suppressed\n") {
		t.Errorf("text: exit %d\n%s", code, out)
	}
	out, _, _ = lintRun(t, "--format", "github", "--config", cfg, "testdata/docs/project")
	if strings.Count(out, "::error") != 1 || strings.Contains(out, "AKSNET301") || strings.Contains(out, "AKSNET302") {
		t.Errorf("github annotations include suppressed findings:\n%s", out)
	}

	out, _, _ = lintRun(t, "--format", "sarif", "--config", cfg, "testdata/docs/project")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Suppressions []struct{ Kind, Justification string } `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif: %v\n%s", err, out)
	}
	var got []string
	for _, r := range log.Runs[0].Results {
		s := r.RuleID + " " + r.Locations[0].PhysicalLocation.ArtifactLocation.URI
		for _, sup := range r.Suppressions {
			s += " " + sup.Kind + ": " + sup.Justification
		}
		got = append(got, s)
	}
	slices.Sort(got)
	want := []string{
		"AKSNET105 testdata/docs/project/infra/aks.json",
		"AKSNET301 testdata/docs/project/scripts/lab-cluster.sh external: lab clusters are deleted every night; dense nodes on purpose",
		"AKSNET302 testdata/docs/project/scripts/create-dev.sh inSource: a test cluster: two nodes, few pods",
	}
	if !slices.Equal(got, want) {
		t.Errorf("sarif results:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadmeConfigurationExample: the README's short configuration example is valid.
func TestReadmeConfigurationExample(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n### Configuration\n")
	if !ok {
		t.Fatal("README.md has no ### Configuration section")
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed {
		t.Fatal("README's Configuration section has no yaml block")
	}
	p := filepath.Join(t.TempDir(), config.DefaultFile)
	if err := os.WriteFile(p, []byte(block), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(p, true); err != nil {
		t.Errorf("README configuration example: %v", err)
	}
}
