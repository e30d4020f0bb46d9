package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every line a user reads names things as the author wrote them, and says each mistake
// once. These tests read every golden output of the repository.

// findingLine is a text report's finding header: file:line:col: level: message [ID].
var findingLine = regexp.MustCompile(`^(\S+:\d+:\d+): (error|warning|note): (.*) \[([A-Z]+[0-9]{3})\]$`)

// internalKey matches the forms of the document's internal keys: a quoted name starting
// with "?", an "@line:col" (or "@id") suffix inside quotes, an empty quoted name.
var internalKey = regexp.MustCompile(`"\?[^"]*"|@[0-9]+(:[0-9]+)?"|(cluster|pool|subnet|VNet|network security group|route table|NSG) ""`)

func goldenOutputs(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"testdata/*/err/*.out", "testdata/*.out", "testdata/report/*.md", "testdata/inventory/*.out"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("found %d golden outputs, want the whole set", len(files))
	}
	return files
}

// TestGoldenNamesAsWritten fails when a golden output shows an internal key.
func TestGoldenNamesAsWritten(t *testing.T) {
	for _, f := range goldenOutputs(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if !findingLine.MatchString(line) && !strings.Contains(line, ": note: ") && !strings.HasPrefix(line, "- `") {
				continue // source lines may hold anything the author wrote
			}
			if m := internalKey.FindString(line); m != "" {
				t.Errorf("%s:%d: internal key form %s in %q", f, i+1, m, line)
			}
		}
	}
}

// TestGoldenOneFindingPerMistake fails when two findings of one run share rule,
// location and message.
func TestGoldenOneFindingPerMistake(t *testing.T) {
	for _, f := range goldenOutputs(t) {
		if !strings.HasSuffix(f, ".out") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for i, line := range strings.Split(string(data), "\n") {
			m := findingLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			key := m[4] + " " + m[1] + " " + m[3]
			if j, dup := seen[key]; dup {
				t.Errorf("%s:%d: the finding of line %d again: %s", f, i+1, j, line)
			}
			seen[key] = i + 1
		}
	}
}

// TestInternalKeyPatternCatches keeps the pattern above honest: it catches the forms the
// issue saw, and lets names as written through.
func TestInternalKeyPatternCatches(t *testing.T) {
	for _, bad := range []string{
		`cluster "?concat('aks-',uniquestring(resourcegroup().id))"`,
		`cluster "?$cluster_name"`,
		`cluster "mynatv2cluster$(...)@12:26"`,
		`pool "" of cluster "aks"`,
	} {
		if !internalKey.MatchString(bad) {
			t.Errorf("internal key form not caught: %s", bad)
		}
	}
	for _, good := range []string{`cluster $CLUSTER_NAME`, `cluster "aks-prod"`, `pool <node-pool-name> of cluster at line 12`, `user@example.com`} {
		if internalKey.MatchString(good) {
			t.Errorf("a name as written is taken for an internal key: %s", good)
		}
	}
}
