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
		want, werr := Parse(p, string(data), false)
		got, gerr := parse(p, string(data), false, nd)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%s: error %v with new slabs, %v with reused ones", p, werr, gerr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the tree read into reused slabs differs from the one read into new ones", p)
		}
		nd.reset()
	}
}

// TestSlab: values handed out by a slab are zero, distinct and stay put; a take
// of n has length and capacity n (an append to it cannot reach the next values);
// chunks grow from slabFirst to slabChunk and fill their size class; a reset
// hands the same chunks out again, cleared.
func TestSlab(t *testing.T) {
	var s slab[Prop]
	var got []*Prop
	var taken [][]Prop
	for i := range 500 {
		if i%3 == 0 {
			n := 1 + i%slabFirst
			v := s.take(n)
			if len(v) != n || cap(v) != n {
				t.Fatalf("take(%d): len %d cap %d", n, len(v), cap(v))
			}
			for j := range v {
				if v[j] != (Prop{}) {
					t.Fatalf("take(%d)[%d] is not zero", n, j)
				}
				v[j].KeyPos = int32(1000 + i)
			}
			taken = append(taken, v)
			continue
		}
		p := s.new()
		if *p != (Prop{}) {
			t.Fatalf("value %d is not zero", i)
		}
		p.KeyPos = int32(i)
		got = append(got, p)
	}
	for _, p := range got {
		if p.KeyPos < 0 || p.KeyPos >= 1000 || p.KeyPos%3 == 0 {
			t.Fatalf("a value was overwritten: %d", p.KeyPos)
		}
	}
	for _, v := range taken {
		for j := range v {
			if v[j].KeyPos != v[0].KeyPos {
				t.Fatalf("a taken value was overwritten: %d, not %d", v[j].KeyPos, v[0].KeyPos)
			}
		}
	}
	for i, c := range s.chunks {
		want := slabChunk
		if i < 2 {
			want = slabFirst << i
		}
		// All of its size class: as many values as an append of want makes room for.
		if full := cap(slices.Grow([]Prop(nil), want)); cap(c) != full || full < want {
			t.Errorf("chunk %d holds %d values, want %d (at least %d)", i, cap(c), full, want)
		}
	}
	// 64 Props are 3,584 bytes, in the size class of 4,096.
	if n := cap(s.chunks[2]); n != 4096/int(unsafe.Sizeof(Prop{})) {
		t.Errorf("chunk 2 holds %d Props, not the %d of 4,096 bytes", n, 4096/int(unsafe.Sizeof(Prop{})))
	}
	chunks := slices.Clone(s.chunks)
	s.reset()
	for i := range 500 {
		p := s.new()
		if *p != (Prop{}) {
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
