package jsonsrc

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestColumnsOfLongLines: columns counted from the marks equal a count from the line
// start, on long lines with multi-byte and invalid (comment) bytes, at every offset.
func TestColumnsOfLongLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "é", "€", "😀", "\xff", "\xe2\x82", "\n", " ", "\x80"}
	for round := range 20 {
		var b strings.Builder
		for b.Len() < 3*markEvery+round*977 {
			p := pieces[rng.IntN(len(pieces))]
			if p == "\n" && rng.IntN(1000) != 0 {
				p = "x" // mostly long lines
			}
			b.WriteString(p)
		}
		raw := []byte(b.String())
		s := &Source{JSON: raw, raw: raw, lines: []int{0}}
		for i, c := range raw {
			if c == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
		s.marks = buildMarks(raw, s.lines)
		if s.marks == nil {
			t.Fatal("no marks for long lines")
		}
		for off := 0; off <= len(raw); off += 1 + rng.IntN(40) {
			line, col := s.lineCol(off)
			start := s.lines[line-1]
			if want := utf8.RuneCount(raw[start:off]) + 1; col != want {
				t.Fatalf("round %d offset %d: column %d, want %d", round, off, col, want)
			}
		}
	}
	if buildMarks([]byte("short\nlines\n"), []int{0, 6, 12}) != nil {
		t.Error("marks built for short lines")
	}
}
