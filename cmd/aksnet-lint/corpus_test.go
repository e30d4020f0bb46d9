package main

import (
	"fmt"
	"testing"
)

// TestCorpusFindings pins the findings (and exit code) on the real templates of
// testdata/corpus, so that every change in what the linter reports on real input shows
// in review: a new false alarm on a real template changes testdata/corpus.out. Each
// change must be justified; run go test ./cmd/aksnet-lint -run TestCorpusFindings
// -update and read the diff.
func TestCorpusFindings(t *testing.T) {
	out, stderr, code := lintRun(t, "--no-color", "testdata/corpus")
	if code != 1 {
		t.Errorf("exit %d, want 1 (the corpus has errors)", code)
	}
	golden(t, "testdata/corpus.out", fmt.Sprintf("%s%s# exit %d\n", out, stderr, code))
}
