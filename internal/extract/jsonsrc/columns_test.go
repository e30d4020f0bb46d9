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
	columnsOfLongLines(t, []string{"a", "é", "€", "😀", "\xff", "\xe2\x82", "\n", " ", "\x80"})
	columnsOfLongLines(t, []string{"a", "é", "€", "😀", "\n", " ", "\t"}) // valid UTF-8: counted eight bytes at a time
}

func columnsOfLongLines(t *testing.T, pieces []string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
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
		s := &Source{JSON: raw, raw: raw, lines: []int32{0}, utf8: utf8.Valid(raw)}
		for i, c := range raw {
			if c == '\n' {
				s.lines = append(s.lines, int32(i+1)) //nolint:gosec // G115: a test's short text
			}
		}
		s.marks = buildMarks(raw, s.lines, s.utf8)
		if s.marks == nil {
			t.Fatal("no marks for long lines")
		}
		for off := 0; off <= len(raw); off += 1 + rng.IntN(40) {
			line, col := s.lineCol(off)
			start := int(s.lines[line-1])
			if want := utf8.RuneCount(raw[start:off]) + 1; col != want {
				t.Fatalf("round %d offset %d: column %d, want %d", round, off, col, want)
			}
		}
	}
}

func TestShortLinesHaveNoMarks(t *testing.T) {
	if buildMarks([]byte("short\nlines\n"), []int32{0, 6, 12}, true) != nil {
		t.Error("marks built for short lines")
	}
}

// TestRuneCount: the count of valid UTF-8 by its leading bytes is utf8.RuneCount, at
// every length and alignment.
func TestRuneCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "é", "€", "😀", "\n", "ÿ"}
	for range 200 {
		var b strings.Builder
		for n := rng.IntN(80); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		raw := []byte(b.String())
		for i := 0; i <= len(raw); i++ {
			if got, want := runeCount(raw[i:], true), utf8.RuneCount(raw[i:]); utf8.Valid(raw[i:]) && got != want {
				t.Fatalf("runeCount(%q) = %d, want %d", raw[i:], got, want)
			}
			// A location's offset inside a sequence: the prefix ends cut.
			if got, want := runeCount(raw[:i], true), utf8.RuneCount(raw[:i]); got != want {
				t.Fatalf("runeCount(%q) = %d, want %d", raw[:i], got, want)
			}
		}
	}
}

func BenchmarkRuneCount(b *testing.B) {
	raw := []byte(strings.Repeat(`"name": "[concat(parameters('prefix'), '-é')]", `, 1000))
	b.SetBytes(int64(len(raw)))
	b.Run("leading-bytes", func(b *testing.B) {
		for b.Loop() {
			runeCount(raw, true)
		}
	})
	b.Run("utf8.RuneCount", func(b *testing.B) {
		for b.Loop() {
			utf8.RuneCount(raw)
		}
	})
}

// TestASCIIColumnsFromParse: Parse reads an ASCII text by its block index and byte
// columns, and a text with one non-ASCII byte by counting; both give the line and
// code point column a count from the file start gives, at every offset.
func TestASCIIColumnsFromParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 12 {
		var b strings.Builder
		b.WriteString("[")
		for b.Len() < 2*markEvery+round*301 {
			switch rng.IntN(4) {
			case 0:
				b.WriteString("\n")
			case 1:
				b.WriteString(strings.Repeat(" ", rng.IntN(3*LineBlock)))
			default:
				b.WriteString(`"ab",`)
			}
		}
		b.WriteString("1]")
		text := b.String()
		for _, nonASCII := range []bool{false, true} {
			if nonASCII {
				text = strings.Replace(text, `"ab"`, `"é€"`, 1)
			}
			s, _, err := Parse("t.json", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if s.ascii == nonASCII || (s.lineAt != nil) == nonASCII {
				t.Fatalf("round %d: ascii %v, line index %v for a non-ASCII text %v", round, s.ascii, s.lineAt != nil, nonASCII)
			}
			for off := 0; off <= len(text); off++ {
				before := text[:off]
				wantLine := strings.Count(before, "\n") + 1
				wantCol := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
				if line, col := s.lineCol(off); line != wantLine || col != wantCol {
					t.Fatalf("round %d (non-ASCII %v) offset %d: %d:%d, want %d:%d", round, nonASCII, off, line, col, wantLine, wantCol)
				}
			}
		}
	}
}

func TestIsASCII(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{{"", true}, {"abc", true}, {"0123456789abcdef\x7f", true}, {"0123456\x80", false}, {"01234567\xff", false}, {"é", false}} {
		if got := isASCII([]byte(c.s)); got != c.want {
			t.Errorf("isASCII(%q) = %v", c.s, got)
		}
	}
}
