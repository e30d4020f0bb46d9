package armeval

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// TestPreparseLazy: Preparse parses a text when a value of it is first read, once
// for all its values, and never a text whose values evaluation does not read (an
// output the network document does not use).
func TestPreparseLazy(t *testing.T) {
	const template = `{"resources": [
  {"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "[concat('a', '1')]"},
  {"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "[concat('a', '1')]"}
], "outputs": {"o": {"type": "string", "value": "[concat('b', '2')]"}}}`
	offs := func(s string) []int32 {
		var at []int32
		for i := 0; ; {
			j := strings.Index(template[i:], `"[concat('`+s)
			if j < 0 {
				return at
			}
			at = append(at, int32(i+j)) //nolint:gosec // G115: a short text
			i += j + 1
		}
	}
	a, b := offs("a"), offs("b")
	if len(a) != 2 || len(b) != 1 {
		t.Fatalf("offsets %v %v", a, b)
	}
	src, root, err := jsonsrc.Parse("t.json", []byte(template))
	if err != nil {
		t.Fatal(err)
	}
	Preparse(src, []string{"concat('a', '1')", "concat('b', '2')"}, []ExprAt{{a[0], 0}, {a[1], 0}, {b[0], 1}})
	c := exprsOf(src)
	for i, pt := range c.preTexts {
		if pt.done {
			t.Fatalf("text %d parsed before evaluation", i)
		}
	}
	ev := Evaluate(src, root, Options{})
	var names []string
	for _, r := range ev.Resources() {
		for _, sg := range ev.Names(r) {
			s, _ := sg.V.(string)
			names = append(names, s)
		}
	}
	if strings.Join(names, ",") != "a1,a1" {
		t.Fatalf("names %v", names)
	}
	if !c.preTexts[0].done || c.preTexts[1].done {
		t.Fatalf("parsed: %v %v, want the names' text only", c.preTexts[0].done, c.preTexts[1].done)
	}
	if len(c.m) != 0 {
		t.Errorf("%d values parsed as written, want them all found in Preparse's", len(c.m))
	}
}

// TestPreparsedFindsEachValue: the values Preparse was given are found at their
// offsets, and only there, however many share a block of the index (none, one,
// many, the last at the text's end), at every offset of the text and past it.
func TestPreparsedFindsEachValue(t *testing.T) {
	const size = 4*preBlockBytes + 10
	var at []ExprAt
	for _, off := range []int32{1, 2, 3, 40, preBlockBytes - 1, preBlockBytes, preBlockBytes + 1, 3*preBlockBytes + 7, size - 4} {
		at = append(at, ExprAt{Off: off, Text: int32(len(at) % 2)}) //nolint:gosec // G115: a short list
	}
	for k := range 60 { // many in one block
		at = append(at, ExprAt{Off: int32(2*preBlockBytes + 3*k), Text: 1}) //nolint:gosec // G115: a short list
	}
	slices.SortFunc(at, func(a, b ExprAt) int { return int(a.Off) - int(b.Off) })
	c := &exprCache{pre: at, preExprs: []string{"a", "b"}, preTexts: make([]preText, 2), preBlock: preIndex(at, size)}
	want := map[int]int{}
	for _, a := range at {
		want[int(a.Off)] = int(a.Text)
	}
	for off := -1; off <= size+2*preBlockBytes; off++ {
		_, text, ok := c.preparsed(off)
		w, found := want[off]
		if ok != found || found && text != w {
			t.Fatalf("offset %d: text %d, found %v; want %d, %v", off, text, ok, w, found)
		}
	}
}

// TestPreParseValue: a text is parsed from the value read where it was written
// when that value is "[" + text + "]", and from the text otherwise, to the tree
// of "[" + text + "]" either way.
func TestPreParseValue(t *testing.T) {
	for _, c := range []struct {
		value, text string
		bracketed   bool
	}{
		{"[concat('a', '1')]", "concat('a', '1')", true},
		{"[]", "", true},
		{"[concat('a', '2')]", "concat('a', '1')", false},
		{"concat('a', '1')", "concat('a', '1')", false},
		{"[concat('a', '1')", "concat('a', '1'", false},
		{"(concat('a', '1'))", "concat('a', '1')", false},
		{"", "x", false},
		{"[parameters('p')]", "parameters('p')", true},
	} {
		if got := bracketed(c.value, c.text); got != c.bracketed {
			t.Errorf("bracketed(%q, %q) = %v, want %v", c.value, c.text, got, c.bracketed)
		}
		ec := &exprCache{preExprs: []string{c.text}, preTexts: make([]preText, 1)}
		got, want := ec.preParse(0, c.value), parseValue("["+c.text+"]")
		if !reflect.DeepEqual(got, want) {
			t.Errorf("preParse(%q) of %q = %+v, want %+v", c.value, c.text, got, want)
		}
	}
}

// TestPreIndex: the block index of values is, for each block, the first value
// at or after its start, on fixed and random offsets (values sharing a block,
// blocks with none, a value at a block's start, values past the text's end).
func TestPreIndex(t *testing.T) {
	byBlock := func(at []ExprAt, size int) []int32 {
		idx := make([]int32, size/preBlockBytes+1)
		for k := range idx {
			i := 0
			for i < len(at) && int(at[i].Off) < k*preBlockBytes {
				i++
			}
			idx[k] = int32(i) //nolint:gosec // G115: a short list
		}
		return idx
	}
	offsets := [][]int32{
		nil,
		{0},
		{1, 2, 3},
		{preBlockBytes - 1, preBlockBytes, preBlockBytes + 1},
		{5, 3*preBlockBytes + 2, 3*preBlockBytes + 9},
		{10, 9 * preBlockBytes},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 30 {
		var offs []int32
		off := int32(0)
		for range r.IntN(50) {
			off += 1 + int32(r.IntN(3*preBlockBytes)) //nolint:gosec // G115: small
			offs = append(offs, off)
		}
		offsets = append(offsets, offs)
	}
	for _, offs := range offsets {
		var at []ExprAt
		for _, o := range offs {
			at = append(at, ExprAt{Off: o})
		}
		for _, size := range []int{0, 1, preBlockBytes, 4*preBlockBytes + 3, 8 * preBlockBytes} {
			if got, want := preIndex(at, size), byBlock(at, size); !slices.Equal(got, want) {
				t.Errorf("offsets %v, size %d: %v, want %v", offs, size, got, want)
			}
		}
	}
}
