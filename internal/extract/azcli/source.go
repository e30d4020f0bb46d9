package azcli

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/markdown"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// source is the script as read, with a line table for turning byte offsets into
// 1-based line and code-point column positions.
type source struct {
	file string
	orig []byte // the bytes as written (for expressions and columns)
	// str is orig as a string, converted once: an expression's text is a slice of it,
	// not a copy (each word of each command asks for its text; BenchmarkReadDir).
	str    string
	masked []byte // orig with <placeholder> tokens masked (what the parser reads)
	starts []int  // byte offset of the first byte of each line
	ascii  bool   // orig is all ASCII: a column is a byte count
	holes  []span // placeholder spans, sorted by start
	// lines maps each line onto the file it was read from when the script is a block
	// of a Markdown file (nil: the script is the file).
	lines []markdown.Line
}

// span is a half-open byte range [start, end) of the source.
type span struct{ start, end int }

func newSource(file string, src []byte) *source {
	s := &source{file: file, orig: src, str: string(src)}
	s.starts = make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	var or byte
	for i, b := range src {
		or |= b
		if b == '\n' {
			s.starts = append(s.starts, i+1)
		}
	}
	s.ascii = or < utf8.RuneSelf
	s.masked, s.holes = maskPlaceholders(src)
	s.masked = blankCRs(s.masked, src)
	return s
}

// blankCRs turns the CR of each CRLF into a blank, byte for byte, because the parser
// misplaces positions after a CR. A line continuation (an odd run of backslashes before
// CRLF) becomes blank, backslash, LF, so it stays a continuation.
func blankCRs(b, orig []byte) []byte {
	if !bytes.Contains(b, []byte("\r\n")) {
		return b
	}
	out := b
	if &out[0] == &orig[0] {
		out = append([]byte(nil), b...)
	}
	for i := 0; i+1 < len(out); i++ {
		if out[i] != '\r' || out[i+1] != '\n' {
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && out[j] == '\\'; j-- {
			n++
		}
		if n%2 == 1 {
			out[i-1], out[i] = ' ', '\\'
		} else {
			out[i] = ' '
		}
	}
	return out
}

// blank replaces the bytes at the given offsets of what the parser reads with blanks.
func (s *source) blank(offs []int) {
	if len(offs) > 0 && len(s.masked) > 0 && len(s.orig) > 0 && &s.masked[0] == &s.orig[0] {
		s.masked = append([]byte(nil), s.masked...)
	}
	for _, o := range offs {
		if o >= 0 && o < len(s.masked) {
			s.masked[o] = ' '
		}
	}
}

// lineOf returns the 0-based line index holding byte offset off.
func (s *source) lineOf(off int) int {
	return sort.Search(len(s.starts), func(i int) bool { return s.starts[i] > off }) - 1
}

// pos returns the 1-based line and code-point column of byte offset off.
func (s *source) pos(off int) (line, col int) {
	off = max(0, min(off, len(s.orig)))
	l := s.lineOf(off)
	col = s.runes(s.starts[l], off) + 1
	if len(s.lines) > 0 {
		ml := s.lines[min(l, len(s.lines)-1)]
		if l >= len(s.lines) {
			// the end of the block's last line
			col = s.runes(s.starts[len(s.lines)-1], off)
		}
		return ml.Line, ml.MapColumn(col)
	}
	return l + 1, col
}

// runes counts the code points of orig[start:end]: its bytes when orig is ASCII
// (counting them was a tenth of placing a script's values, BenchmarkReadDir).
func (s *source) runes(start, end int) int {
	if s.ascii {
		return end - start
	}
	return utf8.RuneCount(s.orig[start:end])
}

// loc is the location of the byte range [start, end).
func (s *source) loc(start, end int) netdoc.Location {
	l, c := s.pos(start)
	loc := netdoc.Location{File: s.file, Line: l, Column: c}
	if end >= start {
		loc.EndLine, loc.EndColumn = s.pos(end)
	}
	return loc
}

// text is the source text of [start, end) as written.
func (s *source) text(start, end int) string {
	start = max(0, min(start, len(s.str)))
	end = max(start, min(end, len(s.str)))
	return s.str[start:end]
}

// line returns the text of 0-based line i without its line terminator.
func (s *source) line(i int) string {
	if i < 0 || i >= len(s.starts) {
		return ""
	}
	end := len(s.orig)
	if i+1 < len(s.starts) {
		end = s.starts[i+1] - 1
	}
	t := s.orig[s.starts[i]:end]
	if n := len(t); n > 0 && t[n-1] == '\r' {
		t = t[:n-1]
	}
	return string(t)
}

// hole returns the placeholder span overlapping [start, end), if any.
func (s *source) hole(start, end int) (span, bool) {
	i := sort.Search(len(s.holes), func(i int) bool { return s.holes[i].end > start })
	if i < len(s.holes) && s.holes[i].start < end {
		return s.holes[i], true
	}
	return span{}, false
}

// maskPlaceholders finds documentation placeholders such as <resource-group-name>
// (which bash would read as redirections) and replaces each, byte for byte, with a
// plain word, so that every later byte keeps its offset, line and column.
func maskPlaceholders(src []byte) ([]byte, []span) {
	var out []byte
	var holes []span
	for i := 0; i < len(src); i++ {
		if src[i] != '<' || (i > 0 && (src[i-1] == '<' || src[i-1] == '$')) {
			continue
		}
		end := placeholderEnd(src, i)
		if end < 0 {
			continue
		}
		if out == nil {
			out = append([]byte(nil), src...)
		}
		for j := i; j < end; j++ {
			b := src[j]
			switch {
			case j == i || j == end-1:
				out[j] = 'P'
			case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9', b == '-', b == '.':
			default:
				out[j] = '_'
			}
		}
		holes = append(holes, span{i, end})
		i = end - 1
	}
	if out == nil {
		out = src
	}
	return out, holes
}

// placeholderEnd returns the end offset of a placeholder starting at src[i] == '<', or
// -1. A placeholder is '<', then any text on one line without '>' (letters, spaces,
// commas, colons, slashes, equals, parentheses...), then '>'. So that shell redirections
// stay redirections, the text may not start with a blank, a quote or one of
// ( < > & | ; $ ` and may not end with a blank (`sort <in >out` is two redirections).
func placeholderEnd(src []byte, i int) int {
	if i+2 >= len(src) {
		return -1
	}
	switch src[i+1] {
	case ' ', '\t', '\n', '\r', '(', '<', '>', '&', '|', ';', '"', '\'', '$', '`':
		return -1
	}
	for j := i + 2; j < len(src) && j-i <= 200; j++ {
		switch src[j] {
		case '>':
			if b := src[j-1]; b == ' ' || b == '\t' {
				return -1
			}
			return j + 1
		case '\n', '\r':
			return -1
		}
	}
	return -1
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
