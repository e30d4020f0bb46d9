package armeval

import (
	"strings"
	"testing"

	"github.com/tidwall/gjson"
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

// TestRawOffset: an offset in the decoded string maps to the raw text across escapes
// of one, two and three UTF-8 bytes, a surrogate pair (four) and a lone surrogate.
func TestRawOffset(t *testing.T) {
	for _, raw := range []string{
		`"[concat('\u00e9', 'a\"b', parameters('x'))]"`,
		`"[concat('\u0041\u20ac\ud83d\ude00\n', parameters('x'))]"`,
		`"[concat('\ud83d', parameters('x'))]"`,
	} {
		s := gjson.Parse(raw).String()
		i := strings.Index(s, "parameters")
		if got := rawOffset(raw, i); raw[got:got+10] != "parameters" {
			t.Errorf("%s: offset %d -> %d (%q)", raw, i, got, raw[got:])
		}
	}
}
