package azcli

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// FuzzExtract checks that any input either parses into a document that keeps the
// document/location contract, or fails with a SourceError; never a panic or a hang.
func FuzzExtract(f *testing.F) {
	for _, path := range goldenCases(f) {
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
		checkInvariants(t, doc, locs)
	})
}
