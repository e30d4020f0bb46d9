package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepoGoldens: each folder of testdata/repo is a repository linted as a whole, its
// networks declared in some files and referenced in others (its .aksnet-lint.yaml is
// the configuration, when it has one). <case>.out holds the text report with the join
// of files and, below it, the report of the same files each linted alone (--no-join),
// so that the difference the join makes shows in review.
func TestRepoGoldens(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/repo/*")
	n := 0
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			args := []string{"--no-color"}
			if cfg := filepath.Join(dir, ".aksnet-lint.yaml"); fileExists(cfg) {
				args = append(args, "--config", cfg)
			}
			var b strings.Builder
			for _, extra := range [][]string{nil, {"--no-join"}} {
				out, stderr, code := lintRun(t, append(append(append([]string(nil), args...), extra...), dir)...)
				fmt.Fprintf(&b, "# aksnet-lint %s\n%s%s# exit %d\n", strings.Join(append(extra, filepath.Base(dir)), " "), out, stderr, code)
			}
			golden(t, dir+".out", b.String())
		})
	}
	if n == 0 {
		t.Fatal("no repository cases found")
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
