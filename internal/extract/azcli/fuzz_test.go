package azcli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// FuzzExtract checks that any input either parses into a document that keeps the
// document/location contract, or fails with a SourceError; never a panic or a hang.
func FuzzExtract(f *testing.F) {
	// The golden cases, and the hostile-input fixtures (malformed addresses, scripts
	// full of substitutions that must never run).
	hostile, _ := filepath.Glob("../../../testdata/hostile/*.sh")
	runbooks, _ := filepath.Glob("../../../testdata/hostile/no-exec/*.*")
	for _, path := range append(append(goldenCases(f), hostile...), runbooks...) {
		if strings.HasSuffix(path, ".json") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, strings.HasSuffix(path, ".md"))
	}
	f.Add([]byte("X=<a b>\naz aks create -n \"$X\" --pod-cidrs=a,,b \\ \n --max-pods 1\n"), false)
	f.Add([]byte("```bash\naz network vnet create -n v --address-prefixes 10.0.0.0/8\n"), true)
	f.Fuzz(func(t *testing.T, src []byte, md bool) {
		extract := Extract
		if md {
			extract = ExtractMarkdown
		}
		start := time.Now()
		doc, locs, err := extract("fuzz.sh", src)
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("extraction took %v", d)
		}
		if err != nil {
			var se *netdoc.SourceError
			if !errors.As(err, &se) || se.Line < 1 || se.Column < 1 {
				t.Fatalf("error %v (%T) is not a located SourceError", err, err)
			}
			return
		}
		checkInvariants(t, "fuzz.sh", src, doc, locs, extract)
	})
}
