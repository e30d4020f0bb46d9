package bicep

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// TestExprTextsIndex: equal texts share an index, distinct ones do not, past the
// first table's growth, and each is read back where it was first written.
func TestExprTextsIndex(t *testing.T) {
	for _, n := range []int{1, minTextSlots/2 + 1, 5 * minTextSlots} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var et exprTexts
			var out []byte
			first := map[string]int32{}
			for round := range 3 {
				for i := range n {
					text := fmt.Sprintf("parameters('p%d')", i)
					off := len(out)
					out = append(out, text...)
					k := et.index(out, off, text)
					if round == 0 {
						if _, dup := first[text]; dup || int(k) != len(first) {
							t.Fatalf("new text %q: index %d, want %d", text, k, len(first))
						}
						first[text] = k
					} else if k != first[text] {
						t.Fatalf("text %q again: index %d, want %d", text, k, first[text])
					}
				}
			}
			got := et.strings(out)
			if len(got) != n {
				t.Fatalf("%d texts, want %d", len(got), n)
			}
			for text, k := range first {
				if got[k] != text {
					t.Errorf("text %d is %q, want %q", k, got[k], text)
				}
			}
		})
	}
}

// TestEscapedExprWritten: an expression with bytes to escape is written escaped in
// place of its text, is not recorded for armeval.Preparse, and the values after it
// are written and recorded as the others.
func TestEscapedExprWritten(t *testing.T) {
	src := "param name string = 'n'\n" +
		"var a = '${name}-\u00e9\"\\\\'\n" +
		"var b = '${name}-plain'\n" +
		"var c = '${name}-\\t'\n" +
		"var d = '${name}-plain'\n"
	out, sm, _, err := Compile("main.bicep", []byte(src), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCompiledJSON(t, out, sm)
	vars := gjson.GetBytes(out, "variables")
	want := map[string]string{
		"a": "[format('{0}-\u00e9\"\\', parameters('name'))]",
		"b": "[format('{0}-plain', parameters('name'))]",
		"c": "[format('{0}-\t', parameters('name'))]",
		"d": "[format('{0}-plain', parameters('name'))]",
	}
	for k, v := range want {
		if got := vars.Get(k).String(); got != v {
			t.Errorf("variable %s is %q, want %q", k, got, v)
		}
	}
	// b and d are recorded, with one text; a and c are not.
	if len(sm.exprs) != 2 || len(sm.texts) != 1 || !strings.HasPrefix(sm.texts[0], "format('{0}-plain'") {
		t.Errorf("recorded %v with texts %q, want b and d with one text", sm.exprs, sm.texts)
	}
}
