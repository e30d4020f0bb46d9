package azcli

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestIsGlobAsContainsAny: the byte loop answers as the strings functions it replaced,
// on every string of up to four bytes over the characters that matter.
func TestIsGlobAsContainsAny(t *testing.T) {
	ref := func(s string) bool {
		if strings.ContainsAny(s, "*?") {
			return true
		}
		i := strings.IndexByte(s, '[')
		return i >= 0 && strings.IndexByte(s[i+1:], ']') > 0
	}
	for _, s := range allStrings("a[]*?", 4) {
		if got, want := isGlob(s), ref(s); got != want {
			t.Errorf("isGlob(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestIndexBlankAsIndexAny: indexBlank is strings.IndexAny(t, " \t\n").
func TestIndexBlankAsIndexAny(t *testing.T) {
	for _, s := range allStrings("a \t\n\ré", 4) {
		if got, want := indexBlank(s), strings.IndexAny(s, " \t\n"); got != want {
			t.Errorf("indexBlank(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestExpansionAsOfflessMarkSplit: expansion gives the pieces offless and markSplit
// give, and copies them when it changes any.
func TestExpansionAsOfflessMarkSplit(t *testing.T) {
	vals := []value{
		{},
		knownValue("a", 3),
		knownValue("a", -1),
		markSplit(knownValue("a", -1), true),
		{pieces: []piece{{text: "a", off: 0}, {unknown: true, uid: "u", off: -1}, {text: "b", off: -1, split: true}}},
	}
	for _, v := range vals {
		for _, drop := range []bool{false, true} {
			for _, split := range []bool{false, true} {
				want := v
				if drop {
					want = offless(want)
				}
				want = markSplit(want, split)
				got := expansion(v, drop, split)
				if len(got.pieces) != len(want.pieces) {
					t.Fatalf("expansion(%v, %v, %v) = %v, want %v", v, drop, split, got, want)
				}
				changed := false
				for i := range got.pieces {
					if got.pieces[i] != want.pieces[i] {
						t.Errorf("expansion(%v, %v, %v) piece %d = %v, want %v", v, drop, split, i, got.pieces[i], want.pieces[i])
					}
					changed = changed || got.pieces[i] != v.pieces[i]
				}
				if changed && &got.pieces[0] == &v.pieces[0] {
					t.Errorf("expansion(%v, %v, %v) changed the pieces in place", v, drop, split)
				}
			}
		}
	}
}

// allStrings is every string of up to n characters of alphabet.
func allStrings(alphabet string, n int) []string {
	out := []string{""}
	level := []string{""}
	for range n {
		var next []string
		for _, s := range level {
			for _, r := range alphabet {
				next = append(next, s+string(r))
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}

// somePieces are the pieces the differential tests below combine: known text with and
// without offsets (adjacent or not), split or not, empty, and unknown holes.
var somePieces = []piece{
	{text: "ab", off: 0},
	{text: "cd", off: 2},
	{text: "x y", off: -1},
	{text: "z", off: -1, split: true},
	{text: "w v", off: -1, split: true},
	{text: "", off: -1},
	{unknown: true, uid: "u", reason: "r", off: -1},
	{unknown: true, uid: "s", reason: "r", off: -1, split: true},
}

// pieceLists is every list of up to n of somePieces.
func pieceLists(n int) [][]piece {
	out := [][]piece{nil}
	level := [][]piece{nil}
	for range n {
		var next [][]piece
		for _, l := range level {
			for _, p := range somePieces {
				next = append(next, append(append([]piece{}, l...), p))
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}

// TestOneFieldIsSplitFields: where oneField gives a field, it is the one field
// splitFields gives, quoted or not.
func TestOneFieldIsSplitFields(t *testing.T) {
	from := []netdoc.Related{{Message: "a"}}
	n := 0
	for _, ps := range pieceLists(3) {
		v := value{pieces: ps, ref: "subnet:v/s", from: from}
		f, ok := oneField(v)
		if !ok {
			continue
		}
		n++
		for _, quoted := range []bool{false, true} {
			want := splitFields(v, quoted)
			if len(want) != 1 || !reflect.DeepEqual(f, want[0]) {
				t.Errorf("oneField(%v) = %v, splitFields(quoted %v) = %v", ps, f, quoted, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no value had one field")
	}
}

// TestAsAddedIsConcat: a value asAdded accepts is what concatenating it onto an empty
// value gives.
func TestAsAddedIsConcat(t *testing.T) {
	r1, r2 := netdoc.Related{Message: "a"}, netdoc.Related{Message: "b"}
	n := 0
	for _, ps := range pieceLists(3) {
		for _, from := range [][]netdoc.Related{nil, {r1}, {r1, r2}, {r1, r1}} {
			v := value{pieces: ps, ref: "vnet:v", from: from}
			if !asAdded(v) {
				continue
			}
			n++
			var out value
			out.concat(v)
			out.ref = v.ref
			got := value{pieces: v.pieces, ref: v.ref, from: v.from}
			if len(got.pieces) == 0 && len(out.pieces) == 0 {
				got.pieces, out.pieces = nil, nil
			}
			if len(got.from) == 0 && len(out.from) == 0 {
				got.from, out.from = nil, nil
			}
			if !reflect.DeepEqual(got, out) {
				t.Errorf("asAdded(%v): %v, concat gives %v", v, got, out)
			}
		}
	}
	if n == 0 {
		t.Fatal("asAdded accepted nothing")
	}
}

// TestPosCountsCodePoints: a column counts code points, in an ASCII script (by bytes)
// as in one with other characters.
func TestPosCountsCodePoints(t *testing.T) {
	for _, src := range []string{"az aks create -n a\n  --x y\n", "# é\naz aks create -n ä\n  --x ÿ\n", "\naz\n"} {
		s := newSource("f.sh", []byte(src))
		for off := 0; off <= len(src); off++ {
			l := strings.Count(src[:off], "\n")
			want := utf8.RuneCountInString(src[strings.LastIndexByte(src[:off], '\n')+1:off]) + 1
			if gl, gc := s.pos(off); gl != l+1 || gc != want {
				t.Errorf("%q: pos(%d) = %d:%d, want %d:%d", src, off, gl, gc, l+1, want)
			}
		}
	}
}
