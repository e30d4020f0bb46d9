package arm

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
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

// TestValidationRepeatedTexts: an expression text or an inner-scope nested template
// that repeats is read once, yet each occurrence gets its findings: the text valid
// in the root (which declares a) is invalid in the nested templates (which do not),
// and both copies of the invalid nested template are reported, at their own places.
func TestValidationRepeatedTexts(t *testing.T) {
	nested := func(name, body string) string {
		return `{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "` + name + `",
  "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
    "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0", "resources": [], "outputs": {"o": {"type": "string", "value": "` + body + `"}}}}}`
	}
	text := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
"contentVersion": "1.0.0.0",
"parameters": {"a": {"type": "string", "defaultValue": "x"}},
"variables": {"v": "[parameters('a')]"},
"resources": [
` + nested("bad1", "[parameters('a')]") + `,
` + nested("ok1", "[concat('b')]") + `,
` + nested("ok2", "[concat('b')]") + `,
` + nested("bad2", "[parameters('a')]") + `
]}`
	src, root, err := jsonsrc.Parse("repeated.json", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	doc, locs := ExtractWith(src, root, armeval.Options{})
	var got []string
	for i, e := range doc.Invalid {
		l := locs[netdoc.Pointer("invalid", i)]
		got = append(got, fmt.Sprintf("%d:%d %s", l.Line, l.Column, e.Message))
	}
	want := []string{
		"9:100 The template parameter 'a' is not declared",
		"21:100 The template parameter 'a' is not declared",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
