package arm

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestCheckParamValue: a parameter value is checked against its declaration as ARM
// checks it, at and past each bound; strings are compared to allowedValues ignoring
// case, so that a value ARM may take is never reported.
func TestCheckParamValue(t *testing.T) {
	for _, tc := range []struct {
		decl string
		val  any
		want string // "" for a value ARM takes
		elem int
	}{
		{`{"type": "int", "maxValue": 250}`, int64(250), "", -1},
		{`{"type": "int", "maxValue": 250}`, int64(251), "greater than its maxValue 250", -1},
		{`{"type": "int", "minValue": 10}`, int64(10), "", -1},
		{`{"type": "int", "minValue": 10}`, int64(9), "less than its minValue 10", -1},
		{`{"type": "int"}`, 3.5, "is of type number; the parameter is declared int", -1},
		{`{"type": "int"}`, "3", "is of type string; the parameter is declared int", -1},
		{`{"type": "bool"}`, "true", "declared bool", -1},
		{`{"type": "string", "minLength": 3, "maxLength": 5}`, "abc", "", -1},
		{`{"type": "string", "minLength": 3, "maxLength": 5}`, "ab", "length 2, less than its minLength 3", -1},
		{`{"type": "string", "minLength": 3, "maxLength": 5}`, "abcdef", "length 6, more than its maxLength 5", -1},
		{`{"type": "string", "maxLength": 2}`, "éé", "", -1}, // characters, not bytes
		{`{"type": "string", "allowedValues": ["azure", "kubenet"]}`, "Azure", "", -1},
		{`{"type": "string", "allowedValues": ["azure", "kubenet"]}`, "none", "not one of its allowedValues", -1},
		{`{"type": "array", "allowedValues": ["1", "2", "3"]}`, []any{"1", "3"}, "", -1},
		{`{"type": "array", "allowedValues": ["1", "2", "3"]}`, []any{"1", "4"}, `The element "4"`, 1},
		{`{"type": "array", "maxLength": 1}`, []any{"1", "4"}, "length 2, more than its maxLength 1", -1},
		{`{"type": "int", "allowedValues": [1, 2]}`, int64(2), "", -1},
		{`{"type": "object"}`, map[string]any{}, "", -1},
		{`{"type": "secureObject"}`, []any{}, "declared object", -1},
		{`{"$ref": "#/definitions/t"}`, "anything", "", -1}, // a user-defined type: not checked
	} {
		p := &param{name: "p", def: gjson.Parse(tc.decl)}
		got, elem := checkParamValue(p, tc.val, func(k string) gjson.Result { return getFold(p.def, k) })
		switch {
		case tc.want == "" && got != "":
			t.Errorf("%s with %#v: %q, want nothing", tc.decl, tc.val, got)
		case tc.want != "" && !strings.Contains(got, tc.want):
			t.Errorf("%s with %#v: %q, want %q", tc.decl, tc.val, got, tc.want)
		case elem != tc.elem:
			t.Errorf("%s with %#v: element %d, want %d", tc.decl, tc.val, elem, tc.elem)
		}
	}
}

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
		first := invalid(ExtractWith(src, root, Options{Load: loader(t)}))
		again := invalid(ExtractWith(src, root, Options{Load: loader(t)}))
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
	doc, locs := ExtractWith(src, root, Options{})
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
