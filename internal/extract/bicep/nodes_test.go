package bicep

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unsafe"
)

// TestNodesReused: a syntax tree read into the slabs of another, reset, is the
// tree read into new ones; a value left from the last tree would show in it.
func TestNodesReused(t *testing.T) {
	paths, err := filepath.Glob("../../../testdata/bicep/*/*.bicep")
	if err != nil || len(paths) < 2 {
		t.Fatalf("%d Bicep files: %v", len(paths), err)
	}
	nd := &nodes{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// One source for both: a key read from the source points into it
		// (Prop.Key).
		src := string(data)
		want, werr := Parse(p, src, false)
		got, gerr := parse(p, src, false, nd)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%s: error %v with new slabs, %v with reused ones", p, werr, gerr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the tree read into reused slabs differs from the one read into new ones", p)
		}
		nd.reset()
	}
}

// slabValue is a value of 56 bytes: 64 of them are 3,584 bytes, in the size
// class of 4,096, which holds 73.
type slabValue struct {
	n   int
	pad [6]int64 //nolint:unused // the value's size
}

// TestSlab: values handed out by a slab are zero, distinct and stay put; a take
// of n has length and capacity n (an append to it cannot reach the next values);
// chunks grow from slabFirst to slabChunk, then with the slab, and fill their
// size class; a reset
// hands the same chunks out again, cleared.
func TestSlab(t *testing.T) {
	var s slab[slabValue]
	var got []*slabValue
	var taken [][]slabValue
	for i := range 500 {
		if i%3 == 0 {
			n := 1 + i%slabFirst
			v := s.take(n)
			if len(v) != n || cap(v) != n {
				t.Fatalf("take(%d): len %d cap %d", n, len(v), cap(v))
			}
			for j := range v {
				if v[j] != (slabValue{}) {
					t.Fatalf("take(%d)[%d] is not zero", n, j)
				}
				v[j].n = 1000 + i
			}
			taken = append(taken, v)
			continue
		}
		p := s.new()
		if *p != (slabValue{}) {
			t.Fatalf("value %d is not zero", i)
		}
		p.n = i
		got = append(got, p)
	}
	for _, p := range got {
		if p.n < 0 || p.n >= 1000 || p.n%3 == 0 {
			t.Fatalf("a value was overwritten: %d", p.n)
		}
	}
	for _, v := range taken {
		for j := range v {
			if v[j].n != v[0].n {
				t.Fatalf("a taken value was overwritten: %d, not %d", v[j].n, v[0].n)
			}
		}
	}
	made := 0
	for i, c := range s.chunks {
		want := max(slabChunk, min(made/8, maxSmallAlloc/int(unsafe.Sizeof(slabValue{}))))
		if i < 2 {
			want = slabFirst << i
		}
		made += cap(c)
		// All of its size class: as many values as an append of want makes room for.
		if full := cap(slices.Grow([]slabValue(nil), want)); cap(c) != full || full < want {
			t.Errorf("chunk %d holds %d values, want %d (at least %d)", i, cap(c), full, want)
		}
	}
	if n := cap(s.chunks[2]); n != 4096/int(unsafe.Sizeof(slabValue{})) {
		t.Errorf("chunk 2 holds %d values, not the %d of 4,096 bytes", n, 4096/int(unsafe.Sizeof(slabValue{})))
	}
	chunks := slices.Clone(s.chunks)
	s.reset()
	for i := range 500 {
		p := s.new()
		if *p != (slabValue{}) {
			t.Fatalf("value %d after the reset is not zero", i)
		}
	}
	if len(s.chunks) != len(chunks) || &s.chunks[0][:1][0] != &chunks[0][:1][0] {
		t.Errorf("after the reset: %d chunks, not the %d made before", len(s.chunks), len(chunks))
	}
	if v := s.take(slabFirst + 1); len(v) != slabFirst+1 {
		t.Errorf("a take of more than slabFirst: %d values", len(v))
	}
}

// TestPropFlags: a member's key span and its flags, kept in one word (Prop.keyEnd),
// read back as written, for each kind of key and for a spread; and an
// interpolated string's holes, kept by a pointer (Str.Exprs), are its
// expressions in order.
func TestPropFlags(t *testing.T) {
	src := "var v = {\n  ident: 1\n  'quoted': 2\n  ...rest\n  '${k}x': 3\n  'a\\'b': 4\n  '': 5\n  '''ml''': 6\n  'a\\u{62}': 7\n}\n"
	f, err := Parse("t.bicep", src, false)
	if err != nil {
		t.Fatal(err)
	}
	o := f.Vars[0].Value.(*Object)
	tests := []struct {
		key       string // the source text of the key, or of the spread's "..."
		text      string // Key()
		spread    bool
		keyIdent  bool
		interpKey bool
	}{
		{key: "ident", text: "ident", keyIdent: true},
		{key: "'quoted'", text: "quoted"},
		{key: "...", spread: true},
		{key: "'${k}x'", text: "", interpKey: true},
		{key: "'a\\'b'", text: "a'b"},
		{key: "''", text: ""},
		{key: "'''ml'''", text: "ml"},
		{key: "'a\\u{62}'", text: "ab"},
	}
	if len(o.Props) != len(tests) {
		t.Fatalf("%d members, want %d", len(o.Props), len(tests))
	}
	for i, tc := range tests {
		p := &o.Props[i]
		if got := src[p.KeyPos:p.KeyEnd()]; got != tc.key {
			t.Errorf("member %d: key %q, want %q", i, got, tc.key)
		}
		if p.Spread() != tc.spread || p.KeyIdent() != tc.keyIdent || (p.KeyExpr() != nil) != tc.interpKey {
			t.Errorf("member %d (%s): spread %v, identifier %v, interpolated %v", i, tc.key, p.Spread(), p.KeyIdent(), p.KeyExpr() != nil)
		}
		if got := p.Key(); got != tc.text {
			t.Errorf("member %d (%s): Key() %q, want %q", i, tc.key, got, tc.text)
		}
	}
	if k := o.Props[3].KeyExpr(); len(k.Exprs()) != 1 || k.Exprs()[0].(*Ident).Name != "k" {
		t.Errorf("the interpolated key's holes: %v", k.Exprs())
	}
	s, err := Parse("t.bicep", "var s = 'a${b}c${d}e${f}'\nvar p = 'plain'\n", false)
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Vars[1].Value.(*Str); p.Exprs() != nil || !reflect.DeepEqual(p.Parts, []string{"plain"}) {
		t.Errorf("plain string: parts %q, holes %v", p.Parts, p.Exprs())
	}
	in := s.Vars[0].Value.(*Str)
	var names []string
	for _, e := range in.Exprs() {
		names = append(names, e.(*Ident).Name)
	}
	if !reflect.DeepEqual(in.Parts, []string{"a", "c", "e", ""}) || !reflect.DeepEqual(names, []string{"b", "d", "f"}) {
		t.Errorf("parts %q, holes %q", in.Parts, names)
	}
	if plain := s.Vars[1].Value.(*Str); plain.Exprs() != nil || !reflect.DeepEqual(plain.Parts, []string{"plain"}) {
		t.Errorf("a plain string: parts %q, holes %v", plain.Parts, plain.Exprs())
	}
}

// TestNestedResources: the resources declared in an object, kept by a pointer
// (Object.Resources), are those declared, in order; an object without any has
// none.
func TestNestedResources(t *testing.T) {
	src := `resource p 'A/b@1' = {
  name: 'p'
  resource c1 'c@1' = {
    name: 'c1'
  }
  properties: {
    x: 1
  }
  resource c2 'd@1' = {
    name: 'c2'
  }
}
`
	f, err := Parse("t.bicep", src, false)
	if err != nil {
		t.Fatal(err)
	}
	body := f.Resources[0].Body.(*Object)
	var names []string
	for _, r := range body.Resources() {
		names = append(names, r.Name)
		if r.Parent != f.Resources[0] {
			t.Errorf("%s: parent %v", r.Name, r.Parent)
		}
	}
	if !reflect.DeepEqual(names, []string{"c1", "c2"}) {
		t.Errorf("nested resources %q, want c1 and c2", names)
	}
	if len(body.Props) != 2 {
		t.Errorf("%d members, want 2", len(body.Props))
	}
	if inner := body.Props[1].Value.(*Object); inner.Resources() != nil {
		t.Errorf("an object without resources has %d", len(inner.Resources()))
	}
}
