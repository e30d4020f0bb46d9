package jsonsrc

import (
	"sort"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Origin locates the spans of a generated text in the source it was generated
// from, and words the messages that name lines of the text for that source.
type Origin interface {
	// Locate is the location of the span of the text that starts at byte off,
	// on its 0-based line line (0 <= off <= the text's length; line holds off).
	Locate(off, line int) netdoc.Location
	// Relate is msg, the message of a related location at l (as Locate gives
	// it), worded for the source: msg may name lines of the text as TextAt
	// gives them.
	Relate(msg string, l netdoc.Location) string
}

// SetOrigin makes At and Loc locate the spans of s in the source its text was
// generated from, through o (nil: in the text again), from the byte offset at
// once: a generator's reader then has nothing to translate afterwards, entry by
// entry of a table (BenchmarkRead1MBFile in internal/extract/bicep). TextAt,
// TextLoc and errors of the text are still located in the text, and Resolve
// maps their locations to the origin. Set it before the source is shared.
func (s *Source) SetOrigin(o Origin) { s.origin = o }

// Relate is the message msg of a related location at l, worded for the origin of
// s (Origin.Relate); without one, msg.
func (s *Source) Relate(msg string, l netdoc.Location) string {
	if s.origin == nil {
		return msg
	}
	return s.origin.Relate(msg, l)
}

// HasOrigin reports whether s has an origin (SetOrigin).
func (s *Source) HasOrigin() bool { return s.origin != nil }

// originAt is the origin's location of the span starting at off.
func (s *Source) originAt(off int) netdoc.Location {
	off = min(max(off, 0), len(s.JSON))
	return s.origin.Locate(off, s.lineOf(off))
}

// lineOf is the 0-based line of offset off (0 <= off <= len(s.JSON)).
func (s *Source) lineOf(off int) int {
	if s.lineAt == nil {
		return max(sort.Search(len(s.lines), func(i int) bool { return int(s.lines[i]) > off })-1, 0)
	}
	return LineFrom(s.lines, int(s.lineAt[off/LineBlock]), off)
}

// Resolve maps a location in the text of s (as TextAt and TextLoc give it) to
// its origin's location, for a reader that orders or compares locations in the
// text before it gives them out. Other locations, and all without an origin,
// are returned as they are.
func (s *Source) Resolve(l netdoc.Location) netdoc.Location {
	if s.origin == nil || l.File != s.File || l.Line < 1 || l.Line > len(s.lines) {
		return l
	}
	return s.originAt(s.offset(l.Line, l.Column))
}

// offset is the byte offset of a 1-based line and code point column of the text
// (lineCol's inverse), clipped to the line's end.
func (s *Source) offset(line, col int) int {
	off := int(s.lines[line-1])
	end := len(s.raw)
	if line < len(s.lines) {
		end = int(s.lines[line]) - 1
	}
	if s.ascii {
		return min(off+max(col-1, 0), end)
	}
	if s.bom && line == 1 {
		off = min(len(utf8BOM), end) // columns do not count the byte order mark
	}
	for c := 1; c < col && off < end; c++ {
		_, n := utf8.DecodeRune(s.raw[off:end])
		off += n
	}
	return off
}
