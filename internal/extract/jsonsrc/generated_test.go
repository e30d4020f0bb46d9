package jsonsrc

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestParseGeneratedReadsAsParse: text a generator vouches for reads as Parse reads
// it (the same root, containers and location of every offset, on short lines and on
// lines long enough for Parse to mark columns); text that nests too deep or has what
// JSONC blanks is refused, for Parse to report.
func TestParseGeneratedReadsAsParse(t *testing.T) {
	long := `{"a":[` + strings.Repeat(`"x\"y",1,{"k":null},`, 400) + `true]}`
	for _, text := range []string{
		`{}`,
		"{\n\"a\":\n[1,\n{\"b\":\"[concat('x', 'y')]\"}\n]\n}",
		"{\"s\":\"tab\\t and quote \\\" and \\u00e9\",\n\"n\":-1.5e3}",
		long,
		long + "\n",
		// Lines shorter and longer than a block of the line index, and blank ones.
		"[" + strings.Repeat("\n1,\n\n{\"k\":\n\""+strings.Repeat("x", 70)+"\"},\"ab\",", 40) + "\n2]",
	} {
		data := []byte(text)
		want, wantRoot, err := Parse("g.json", data)
		if err != nil {
			t.Fatalf("%.40q: %v", text, err)
		}
		got, root, ok := ParseGenerated("g.json", data, netdoc.LineStarts32(data))
		if !ok {
			t.Fatalf("%.40q: refused", text)
		}
		if root.Raw != wantRoot.Raw || got.Containers() != want.Containers() {
			t.Fatalf("%.40q: root or containers differ", text)
		}
		if d := forEachDiff(got, root); d != "" {
			t.Fatalf("%.40q: %s", text, d)
		}
		for off := 0; off <= len(data); off++ {
			if g, w := got.At(off, 1), want.At(off, 1); g != w {
				t.Fatalf("%.40q: offset %d at %+v, want %+v", text, off, g, w)
			}
		}
	}
	for _, text := range []string{
		strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1),
		`{"a":1,}`,
		`{"a":1 /* c */}`,
	} {
		data := []byte(text)
		if _, _, ok := ParseGenerated("g.json", data, netdoc.LineStarts32(data)); ok {
			t.Errorf("%.40q: read, want refused", text)
		}
	}
}

// TestParseIndexed: an index that is the scan's reads as ParseGenerated reads; one
// that does not fit the text's brackets is refused.
func TestParseIndexed(t *testing.T) {
	data := []byte("{\"a\":[1,{\"b\":\"[x]\"}],\n\"c\":{},\"d\":[[],[2]]}")
	lines := netdoc.LineStarts32(data)
	want, _, ok := ParseGenerated("g.json", data, lines)
	if !ok {
		t.Fatal("ParseGenerated refuses the text")
	}
	good := func() Boxes {
		c := want.boxes
		return Boxes{Opens: slices.Clone(c.opens), Ends: slices.Clone(c.ends), After: slices.Clone(c.after)}
	}
	got, _, ok := ParseIndexed("g.json", data, lines, good())
	if !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("ParseIndexed of the scan's index: %v, %+v, want %+v", ok, got, want)
	}
	for name, bad := range map[string]func(b *Boxes){
		"an entry less":       func(b *Boxes) { b.Opens = b.Opens[1:] },
		"no index":            func(b *Boxes) { *b = Boxes{} },
		"an open off":         func(b *Boxes) { b.Opens[1]++ },
		"an end off":          func(b *Boxes) { b.Ends[2]-- },
		"an end past":         func(b *Boxes) { b.Ends[0] = int32(len(data) + 1) },
		"unclosed":            func(b *Boxes) { b.Ends[3] = 0 },
		"after before itself": func(b *Boxes) { b.After[2] = 2 },
		"out of order":        func(b *Boxes) { b.Opens[1], b.Opens[2] = b.Opens[2], b.Opens[1] },
		"[ closed by }":       func(b *Boxes) { b.Ends[1] = b.Ends[2] },
		"{ closed by ]":       func(b *Boxes) { b.Ends[2] = b.Ends[1] },
		"opens a number":      func(b *Boxes) { b.Opens[2] = b.Opens[1] + 1 },
	} {
		b := good()
		bad(&b)
		if _, _, ok := ParseIndexed("g.json", data, lines, b); ok {
			t.Errorf("%s: accepted", name)
		}
	}
}

// lineIndexByBlock is lineIndex as first written, a search from each block:
// the reference the one-pass lineIndex is checked against.
func lineIndexByBlock(lines []int32, size int) []int32 {
	at := make([]int32, size/LineBlock+1)
	j := 0
	for k := range at {
		for j+1 < len(lines) && int(lines[j+1]) <= k*LineBlock {
			j++
		}
		at[k] = int32(j)
	}
	return at
}

func TestLineIndex(t *testing.T) {
	cases := []struct {
		name  string
		lines []int32
		size  int
	}{
		{"none", nil, 100},
		{"one line", []int32{0}, 200},
		{"empty text", []int32{0}, 0},
		{"a line at each block start", []int32{0, 64, 128, 192}, 256},
		{"lines around block starts", []int32{0, 63, 65, 127, 128, 129}, 300},
		{"a line per byte", []int32{0, 1, 2, 3, 4, 5, 6, 7}, 8},
		{"long lines", []int32{0, 300, 1000}, 1100},
		{"last line starts at the end", []int32{0, 10, 128}, 128},
		{"equal starts", []int32{0, 64, 64, 70}, 130},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 20 {
		lines, off := []int32{0}, 0
		for range r.IntN(200) {
			off += 1 + r.IntN(40+n*10)
			lines = append(lines, int32(off))
		}
		cases = append(cases, struct {
			name  string
			lines []int32
			size  int
		}{fmt.Sprintf("random %d", n), lines, off + r.IntN(100)})
	}
	for _, c := range cases {
		got, want := LineIndex(nil, c.lines, c.size), lineIndexByBlock(c.lines, c.size)
		if !slices.Equal(got, want) {
			t.Errorf("%s: lineIndex = %v, want %v", c.name, got, want)
		}
	}
}
