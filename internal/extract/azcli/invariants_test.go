package azcli

import (
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/extracttest"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// checkInvariants runs the extractors' shared checks (extracttest.CheckInvariants) on
// what extract gave for the script name (src): the document/location contract,
// locations inside the file, and the same result on a second run.
func checkInvariants(t testing.TB, name string, src []byte, doc *netdoc.Document, locs netdoc.Locations,
	extract func(string, []byte) (*netdoc.Document, netdoc.Locations, error)) {
	t.Helper()
	extracttest.CheckInvariants(t, extracttest.Extraction{Doc: doc, Locs: locs},
		extracttest.Files(map[string][]byte{name: src}),
		func() extracttest.Extraction {
			d, l, err := extract(name, src)
			if err != nil {
				t.Fatalf("second extraction: %v", err)
			}
			return extracttest.Extraction{Doc: d, Locs: l}
		})
}
