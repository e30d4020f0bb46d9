package bicep

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestIsJSONPlain puts every byte at every offset of strings around the eight-byte
// steps of isJSONPlain, among plain bytes at either end of the plain ranges and
// next to the others, and compares it with the byte table.
func TestIsJSONPlain(t *testing.T) {
	for _, fill := range []byte{'a', ' ', '!', '#', '[', ']', '~'} {
		for n := 1; n <= 25; n++ {
			for at := 0; at < n; at++ {
				for c := 0; c < 256; c++ {
					b := []byte(strings.Repeat(string(fill), n))
					b[at] = byte(c)
					want := jsonPlain[c]
					if got := isJSONPlain(string(b)); got != want {
						t.Fatalf("isJSONPlain(%q) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
	for _, s := range []string{"", "plain text of more than eight bytes", "~~~~~~~~ ", "        !"} {
		if !isJSONPlain(s) {
			t.Errorf("isJSONPlain(%q) = false", s)
		}
	}
}

// lineTableSources are files whose line tables have edges: none or one line,
// short and long lines, runs of empty lines across blocks of the line table,
// multi-byte characters and a BOM.
var lineTableSources = []string{
	"",
	"\n",
	"param a string\n\nvar b = 'é'\n" + strings.Repeat("x", 3*blockBytes+5) + "\n\n\nend",
	"\uFEFFparam a string\nvar x = '€😀'\n",
	strings.Repeat("a\n", blockBytes),
	strings.Repeat("a\n", 2*blockBytes),
	strings.Repeat("\n", 3*blockBytes),
	strings.Repeat("\n", 3*blockBytes) + "x",
	strings.Repeat("resource r 'T@1' = {\n  name: 'n'\n}\n", 12),
}

// TestLineColOfEveryOffset: a source file locates every offset (and offsets past
// either end) at the line and code point column counted from its start, on the
// lineTableSources.
func TestLineColOfEveryOffset(t *testing.T) {
	for _, src := range lineTableSources {
		f := &srcFile{path: "t.bicep", src: src}
		for off := -1; off <= len(src)+1; off++ {
			at := min(max(off, 0), len(src))
			wantLine := 1 + strings.Count(src[:at], "\n")
			lineStart := strings.LastIndexByte(src[:at], '\n') + 1
			wantCol := len([]rune(src[lineStart:at])) + 1
			if lineStart == 0 && strings.HasPrefix(src, "\uFEFF") && at >= 3 {
				wantCol--
			}
			if line, col := f.lineCol(off); line != wantLine || col != wantCol {
				t.Fatalf("%.30q offset %d: %d:%d, want %d:%d", src, off, line, col, wantLine, wantCol)
			}
		}
	}
}

// TestLexerCountsLineStarts: the line table the lexer counts while reading a file
// is that of its netdoc.LineStarts (wantLineTable), whatever holds the line ends:
// blank lines, comments of both kinds, multi-line strings, pragmas, CRLF, a BOM,
// no final line end; and so is the table counted for a file the lexer did not
// read (lineTableOf).
func TestLexerCountsLineStarts(t *testing.T) {
	for _, src := range []string{
		"",
		"\n\n\n",
		"param a string",
		"\uFEFFparam a string\r\nvar b = 1\r\n",
		"// c\nparam a string // trailing\n\n/* one\n two\n\n */ var b = '''\nx\n\ny'''\n#disable-next-line no-unused-vars\nvar c = '${a}\\n${b}'\n",
		"var o = {\n  a: [\n    1\n    2\n  ]\n  /* x */ b: 'y'\n}\n   ",
	} {
		f, err := Parse("t.bicep", src, false)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		want := wantLineTable(src)
		if !sameLineTable(f.lines, want) {
			t.Errorf("%q: line table %v, want %v", src, f.lines, want)
		}
		if got := lineTableOf(src); !sameLineTable(got, want) {
			t.Errorf("%q: lineTableOf %v, want %v", src, got, want)
		}
	}
	n := 0
	for _, dir := range []string{filepath.Join(repoRoot, "testdata", "bicep"), filepath.Join(repoRoot, "..", "shared", "corpus", "bicep")} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !IsBicepName(p) && !IsParamName(p) {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if f, perr := Parse(p, string(data), IsParamName(p)); perr == nil {
				n++
				if !sameLineTable(f.lines, wantLineTable(string(data))) {
					t.Errorf("%s: the lexer's line table is not that of netdoc.LineStarts", p)
				}
			}
			return nil
		})
	}
	if n < 50 {
		t.Errorf("only %d files parsed", n)
	}
}

// wantLineTable is the line table of src by its definition: netdoc.LineStarts, and
// for each block the last line start at or before the block's start, searched.
func wantLineTable(src string) lineTable {
	var t lineTable
	for _, s := range netdoc.LineStarts([]byte(src)) {
		t.starts = append(t.starts, int32(s))
	}
	for k := 0; k <= len(src)/blockBytes; k++ {
		j := 0
		for j+1 < len(t.starts) && int(t.starts[j+1]) <= k*blockBytes {
			j++
		}
		t.blocks = append(t.blocks, int32(j))
	}
	return t
}

func sameLineTable(a, b lineTable) bool {
	return slices.Equal(a.starts, b.starts) && slices.Equal(a.blocks, b.blocks)
}

// TestSourceMapLines: the writer records the line starts of its text as it writes
// the newline before each mark (those of netdoc.LineStarts; the first line's too),
// and the map translates a location of the text to its line's mark, to a later
// mark when the column runs past its line, and to the first file's start on the
// first line; other locations are left as they are.
func TestSourceMapLines(t *testing.T) {
	w := newJW()
	a := w.fileIndex("a.bicep", "param x string\nvar y = 1\n", lineTable{})
	b := w.fileIndex("b.bicep", "var z = 'abc'\n", lineTable{})
	w.raw(`{"a":`)
	w.mark(a, 6, 7)
	w.raw(`"x","b":[`)
	w.mark(b, 9, 12)
	w.raw(`"abc"`)
	w.mark(a, 15, 24)
	w.raw(`1],"c":`)
	w.mark(b, 0, 3)
	w.raw(`{}}`)
	out := w.b.data()
	sm := w.sourceMap("g.json")
	var want []int32
	for _, s := range netdoc.LineStarts(out) {
		want = append(want, int32(s)) //nolint:gosec // G115: a test's short text
	}
	if !slices.Equal(sm.lines, want) {
		t.Fatalf("lines %v, want %v", sm.lines, want)
	}
	for _, tc := range []struct {
		line, col int
		want      netdoc.Location
	}{
		{1, 1, netdoc.Location{File: "a.bicep", Line: 1, Column: 1}},
		{1, 6, netdoc.Location{File: "a.bicep", Line: 1, Column: 1}},
		{2, 1, netdoc.Location{File: "a.bicep", Line: 1, Column: 7, EndLine: 1, EndColumn: 8}},
		{3, 2, netdoc.Location{File: "b.bicep", Line: 1, Column: 10, EndLine: 1, EndColumn: 13}},
		{4, 1, netdoc.Location{File: "a.bicep", Line: 2, Column: 1, EndLine: 2, EndColumn: 10}},
		// Past the end of line 4: the next line's mark.
		{4, 9, netdoc.Location{File: "b.bicep", Line: 1, Column: 1, EndLine: 1, EndColumn: 4}},
		{5, 3, netdoc.Location{File: "b.bicep", Line: 1, Column: 1, EndLine: 1, EndColumn: 4}},
		{6, 1, netdoc.Location{File: "g.json", Line: 6, Column: 1}},
		{0, 1, netdoc.Location{File: "g.json", Line: 0, Column: 1}},
	} {
		if got := sm.Translate(netdoc.Location{File: "g.json", Line: tc.line, Column: tc.col}); got != tc.want {
			t.Errorf("%d:%d is %+v, want %+v", tc.line, tc.col, got, tc.want)
		}
	}
	if got := sm.Translate(netdoc.Location{File: "other.json", Line: 2, Column: 1}); got.File != "other.json" || got.Line != 2 {
		t.Errorf("another file's location is translated: %+v", got)
	}
	if sm := newJW().sourceMap("g.json"); !slices.Equal(sm.lines, []int32{0}) {
		t.Errorf("no marks: lines %v, want [0]", sm.lines)
	}
}

// TestBoxesPastMaxDepth: the writer hands no index of a text nested past
// jsonsrc.MaxDepth, which ParseGenerated then scans and refuses.
func TestBoxesPastMaxDepth(t *testing.T) {
	for _, depth := range []int{jsonsrc.MaxDepth, jsonsrc.MaxDepth + 1} {
		w := newJW()
		for range depth {
			w.openWith('[')
		}
		for range depth {
			w.closeWith(']')
		}
		sm := w.sourceMap("g.json")
		if got, want := len(sm.boxes.Opens), depth; depth <= jsonsrc.MaxDepth && got != want || depth > jsonsrc.MaxDepth && got != 0 {
			t.Errorf("nested %d deep: %d boxes indexed", depth, got)
		}
	}
}

// TestIdentifiersAreJSONPlain: an object key written as an identifier is written
// to JSON as it is (Prop.KeyIdent), which holds while every byte an identifier may
// have is jsonPlain.
func TestIdentifiersAreJSONPlain(t *testing.T) {
	for c := 0; c < 256; c++ {
		if identPart[c] && !jsonPlain[c] {
			t.Errorf("identifier byte %q needs a JSON escape", rune(c))
		}
	}
}

// TestEnvBindings: a binding shadows an earlier one of its name, and binding a
// name in an environment leaves it, and those bound from it before, as they were.
func TestEnvBindings(t *testing.T) {
	e1 := env{}.with("a", "1")
	e2 := e1.with("a", "2")
	e3 := e1.with("b", "3")
	e4 := e3.with("c", "4")
	e5 := e3.with("c", "5")
	for _, tc := range []struct {
		e          env
		name, want string
		ok         bool
	}{
		{env{}, "a", "", false},
		{e1, "a", "1", true},
		{e1, "b", "", false},
		{e2, "a", "2", true},
		{e3, "a", "1", true},
		{e3, "b", "3", true},
		{e3, "c", "", false},
		{e4, "c", "4", true},
		{e5, "c", "5", true},
		{e5, "b", "3", true},
	} {
		if got, ok := tc.e.lookup(tc.name); got != tc.want || ok != tc.ok {
			t.Errorf("%v: %s is %q, %v, want %q, %v", tc.e.vars, tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// TestWideMarks: a mark of a file past the 16 bits of a mark's file index, or of a
// span past those of its length (or both filling them), translates as any other, and so do the copies of
// marks of each kind that copyMarks appends for a copied stretch of text.
func TestWideMarks(t *testing.T) {
	w := newJW()
	long := strings.Repeat("x", 0x20000) + "\nend\n"
	for i := range 0x10001 {
		w.files = append(w.files, &srcFile{path: "f" + itoa(i) + ".bicep", src: long})
	}
	w.raw("[")
	start := w.b.size()
	w.mark(0x10000, 2, 5)
	w.raw("1,")
	w.mark(7, 0, 0x20001)
	w.raw("2,")
	w.mark(3, 1, 4)
	w.raw("3,")
	w.mark(0xfffe, 6, 6)
	w.raw("4,")
	w.mark(1, 10, 10+0xfffe)
	w.raw("5,")
	w.mark(2, 9, 3)
	w.raw("6,")
	end := w.b.size()
	w.b.write(w.b.data()[start:end])
	w.copyMarks(0, 6, int32(end-start)) //nolint:gosec // G115: a test's short text
	w.raw("7]")
	sm := w.sourceMap("g.json")
	var lines []int32
	for _, s := range netdoc.LineStarts(w.b.data()) {
		lines = append(lines, int32(s)) //nolint:gosec // G115: a test's short text
	}
	if !slices.Equal(sm.lines, lines) {
		t.Fatalf("lines %v, want %v", sm.lines, lines)
	}
	want := []netdoc.Location{
		{File: "f65536.bicep", Line: 1, Column: 3, EndLine: 1, EndColumn: 6},
		{File: "f7.bicep", Line: 1, Column: 1, EndLine: 2, EndColumn: 1},
		{File: "f3.bicep", Line: 1, Column: 2, EndLine: 1, EndColumn: 5},
		{File: "f65534.bicep", Line: 1, Column: 7},
		// A file and a length that fill 16 bits together; a span that ends
		// before it starts (none).
		{File: "f1.bicep", Line: 1, Column: 11, EndLine: 1, EndColumn: 11 + 0xfffe},
		{File: "f2.bicep", Line: 1, Column: 10},
	}
	for i := range 2 * len(want) {
		if got := sm.Translate(netdoc.Location{File: "g.json", Line: i + 2, Column: 1}); got != want[i%len(want)] {
			t.Errorf("line %d is %+v, want %+v", i+2, got, want[i%len(want)])
		}
	}
}

// TestMarkedKey: a key is written as its line's newline, the quoted key and its
// colon, after a comma when sep (on the line before the key's), and marked at the
// line that starts at its quote, with its span, or as a wide mark when the span
// does not fit.
func TestMarkedKey(t *testing.T) {
	w := newJW()
	w.b.writeString("{")
	w.markedKey(0, 10, 14, "name", false)
	w.b.writeString(`"x"`)
	w.markedKey(1, 20, 28, "location", true)
	w.b.writeString(`"y"`)
	w.markedKey(2, 30, 30+0x10000, "wide", true)
	w.b.writeString(`1}`)
	if got, want := string(w.b.data()), "{\n\"name\":\"x\",\n\"location\":\"y\",\n\"wide\":1}"; got != want {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	if want := []int32{0, 2, 14, 30}; !slices.Equal(w.lines, want) {
		t.Errorf("lines %v, want %v", w.lines, want)
	}
	want := []mark{{pos: 10, span: 0<<16 | 4}, {pos: 20, span: 1<<16 | 8}, {pos: 30, span: wideSpan}}
	if !slices.Equal(w.marks, want) {
		t.Errorf("marks %v, want %v", w.marks, want)
	}
	if want := []wideMark{{mark: 2, file: 2, end: 30 + 0x10000}}; !slices.Equal(w.wide, want) {
		t.Errorf("wide %v, want %v", w.wide, want)
	}
}
