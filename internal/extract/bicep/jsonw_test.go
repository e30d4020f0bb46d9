package bicep

import (
	"strings"
	"testing"
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
