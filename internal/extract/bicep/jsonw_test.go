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
// steps of isJSONPlain and compares it with the byte table.
func TestIsJSONPlain(t *testing.T) {
	for n := 1; n <= 17; n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				b := []byte(strings.Repeat("a", n))
				b[at] = byte(c)
				want := jsonPlain[c]
				if got := isJSONPlain(string(b)); got != want {
					t.Fatalf("isJSONPlain(%q) = %v, want %v", b, got, want)
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

// TestLineColOfEveryOffset: a source file locates every offset (and offsets past
// either end) at the line and code point column counted from its start, on files
// with short and long lines, empty lines, multi-byte characters and a BOM.
func TestLineColOfEveryOffset(t *testing.T) {
	for _, src := range []string{
		"",
		"\n",
		"param a string\n\nvar b = 'é'\n" + strings.Repeat("x", 3*blockBytes+5) + "\n\n\nend",
		"\uFEFFparam a string\nvar x = '€😀'\n",
		strings.Repeat("a\n", blockBytes),
		strings.Repeat("\n", 3*blockBytes),
	} {
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

// TestSourceMapLineStarts: the line starts and each line's last mark come from the
// marks in one pass, marks at one offset sharing a line; marks out of offset order
// (which the writer does not write) are sorted first.
func TestSourceMapLineStarts(t *testing.T) {
	for _, tc := range []struct {
		offs     []int32
		lines    []int
		lineMark []int32
	}{
		{nil, []int{0}, []int32{-1}},
		{[]int32{3, 3, 5, 9}, []int{0, 3, 5, 9}, []int32{-1, 1, 2, 3}},
		{[]int32{5, 3, 3, 9}, []int{0, 3, 5, 9}, []int32{-1, 1, 2, 3}},
		{[]int32{0, 4}, []int{0, 4}, []int32{0, 1}},
		// A line a mark, as the writer writes them: the marks by line are not a table.
		{[]int32{1, 4, 9}, []int{0, 1, 4, 9}, []int32{-1, 0, 1, 2}},
	} {
		w := &jw{}
		for _, off := range tc.offs {
			w.marks = append(w.marks, mark{off: off})
		}
		m := w.sourceMap("g.json")
		lineMark := make([]int32, len(m.lines))
		for l := range lineMark {
			lineMark[l] = int32(m.lastMarkOfLine(l)) //nolint:gosec // G115: a test's few marks
		}
		if !slices.Equal(m.lines, tc.lines) || !slices.Equal(lineMark, tc.lineMark) {
			t.Errorf("marks at %v: lines %v and marks %v, want %v and %v", tc.offs, m.lines, lineMark, tc.lines, tc.lineMark)
		}
		if !slices.IsSortedFunc(m.marks, func(a, b mark) int { return int(a.off - b.off) }) {
			t.Errorf("marks at %v: not sorted: %v", tc.offs, m.marks)
		}
	}
}

// TestBoxesPastMaxDepth: the writer hands no index of a text nested past
// jsonsrc.MaxDepth, which ParseGenerated then scans and refuses.
func TestBoxesPastMaxDepth(t *testing.T) {
	for _, depth := range []int{jsonsrc.MaxDepth, jsonsrc.MaxDepth + 1} {
		w := &jw{}
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
