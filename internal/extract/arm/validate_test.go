package arm

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestValidationSharedByPairings: a template extracted again from the same source
// (with another parameter file, or the same) reports exactly what a fresh extraction
// reports, though the second reuses the first's scan of the expressions.
func TestValidationSharedByPairings(t *testing.T) {
	for _, tmpl := range []string{
		"testdata/arm/err/AKSNET904-undeclared-references.json",
		"testdata/arm/err/ARM-module-outputs-at-every-scope.json",
		"testdata/arm/err/ARM-module-outputs-lv2.json",
		"testdata/arm/err/ARM-member-wise-union.json",
		"testdata/corpus/aksc-system-preset.json",
		"testdata/corpus/checkov-aks-maxpods-28-kubenet.json",
	} {
		invalid := func(doc *netdoc.Document, locs netdoc.Locations) []string {
			var out []string
			for i, e := range doc.Invalid {
				l := locs[netdoc.Pointer("invalid", i)]
				out = append(out, fmt.Sprintf("%d:%d %s %v", l.Line, l.Column, e.Message, l.Related))
			}
			sort.Strings(out)
			return out
		}
		fresh := invalid(extractPair(t, tmpl, ""))
		src, root := load(t, tmpl)
		first := invalid(ExtractWith(src, root, armeval.Options{Load: loader(t)}))
		again := invalid(ExtractWith(src, root, armeval.Options{Load: loader(t)}))
		if len(fresh) == 0 {
			t.Errorf("%s: no finding to compare", tmpl)
		}
		if !slices.Equal(first, fresh) || !slices.Equal(again, fresh) {
			t.Errorf("%s:\nfresh %q\nfirst %q\nagain %q", tmpl, fresh, first, again)
		}
	}
}
