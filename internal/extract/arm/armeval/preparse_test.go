package armeval_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// TestPreparse: the evaluator reads a value Preparse was given as the text it was
// given (here on purpose not the one written, to tell them apart), found by its
// offset whether the values come in offset order (searched) or not (entered one by
// one); a value Preparse was not given, or given a text it does not have, is
// parsed as written.
func TestPreparse(t *testing.T) {
	const template = `{"resources": [
  {"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "[concat('a', '1')]"},
  {"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "[concat('b', '2')]"},
  {"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "[concat('c', '3')]"}
]}`
	off := func(s string) int32 { return int32(strings.Index(template, `"[concat('`+s)) } //nolint:gosec // G115: a short text
	texts := []string{"concat('x', '1')", "concat('y', '2')"}
	for _, tc := range []struct {
		name string
		at   []armeval.ExprAt
		want []string
	}{
		{"none", nil, []string{"a1", "b2", "c3"}},
		{"in order", []armeval.ExprAt{{Off: off("a"), Text: 0}, {Off: off("b"), Text: 1}}, []string{"x1", "y2", "c3"}},
		{"one", []armeval.ExprAt{{Off: off("c"), Text: 1}}, []string{"a1", "b2", "y2"}},
		{"out of order", []armeval.ExprAt{{Off: off("b"), Text: 1}, {Off: off("a"), Text: 0}}, []string{"x1", "y2", "c3"}},
		{"no such text", []armeval.ExprAt{{Off: off("a"), Text: 0}, {Off: off("b"), Text: 7}}, []string{"x1", "b2", "c3"}},
		{"not a value", []armeval.ExprAt{{Off: 1, Text: 1}, {Off: off("c"), Text: 0}}, []string{"a1", "b2", "x1"}},
	} {
		src, root, err := jsonsrc.Parse("t.json", []byte(template))
		if err != nil {
			t.Fatal(err)
		}
		armeval.Preparse(src, texts, tc.at)
		ev := armeval.Evaluate(src, root, armeval.Options{})
		var got []string
		for _, r := range ev.Resources() {
			for _, sg := range ev.Names(r) {
				s, _ := sg.V.(string)
				got = append(got, s)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: names %v, want %v", tc.name, got, tc.want)
		}
	}
}
