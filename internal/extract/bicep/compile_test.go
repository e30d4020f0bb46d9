package bicep

import (
	"math"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep/bicepbench"
)

// BenchmarkCompile1MBFile compiles the file of BenchmarkRead1MBFile, its lexing
// and parsing included, and nothing after: the compiler's and writer's part of
// the bicep side, whose count does not vary with the evaluator's map orders.
func BenchmarkCompile1MBFile(b *testing.B) {
	src := bicepbench.File(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := Compile("main.bicep", src, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestObjProp: objProp finds the first member whose key folds to the one asked,
// as strings.EqualFold does, non-ASCII keys that fold to ASCII included, and
// passes over spreads, computed keys and the others.
func TestObjProp(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		key  string
		want int // index of the member found, -1 for none
	}{
		{[]string{"location", "name"}, "name", 1},
		{[]string{"Name", "name"}, "name", 0},
		{[]string{"NAME"}, "name", 0},
		{[]string{"names", "nam", "", "_name", "Nname"}, "name", -1},
		{[]string{"properties", "\u017Fcope"}, "scope", 1}, // long s folds to s
		{[]string{"\u212Aind"}, "kind", 0},                 // the Kelvin sign folds to k
		{[]string{"\u00E9"}, "name", -1},
		{[]string{"scope"}, "scope", 0},
	} {
		o := &Object{}
		for _, k := range tc.keys {
			o.Props = append(o.Props, newProp(k, &Lit{Text: k}))
		}
		got := objProp(o, tc.key)
		switch {
		case tc.want < 0 && got != nil:
			t.Errorf("objProp(%q, %q) = %v, want none", tc.keys, tc.key, got)
		case tc.want >= 0 && got != o.Props[tc.want].Value:
			t.Errorf("objProp(%q, %q) = %v, want member %d", tc.keys, tc.key, got, tc.want)
		}
	}
	if objProp(nil, "name") != nil {
		t.Error("objProp of no body is not nil")
	}
}

// TestMemberPast16Bits: a resource's name: and scope: members past the 16 bits of
// resInfo's indexes are found by key, as the others by index.
func TestMemberPast16Bits(t *testing.T) {
	for _, at := range []int{0, 5, math.MaxInt16 - 1, math.MaxInt16, math.MaxInt16 + 3, 1 << 16} {
		o := &Object{Props: make([]Prop, 1<<16+2)}
		for i := range o.Props {
			o.Props[i] = newProp("k", &Lit{Text: "null"})
		}
		name, scope := &Lit{Text: "true"}, &Lit{Text: "false"}
		o.Props[at] = newProp("name", name)
		o.Props[at+1] = newProp("Scope", scope)
		ri := &resInfo{body: o, nameAt: memberAt(o, "name"), scopeAt: memberAt(o, "scope")}
		if ri.nameExpr() != name || ri.scopeExpr() != scope {
			t.Errorf("members at %d: name %v, scope %v", at, ri.nameExpr(), ri.scopeExpr())
		}
	}
	ri := &resInfo{body: &Object{}, nameAt: memberAt(&Object{}, "name")}
	if ri.nameExpr() != nil || ri.scopeExpr() != nil {
		t.Error("members of an empty body found")
	}
}
