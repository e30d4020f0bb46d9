package jsonsrc

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// lineOrigin is an Origin that names the offset and line it is asked for, and
// marks the messages it words with the file of their location.
type lineOrigin struct{}

func (lineOrigin) Locate(off, line int) netdoc.Location {
	return netdoc.Location{File: "origin", Line: line + 1, Column: off + 1}
}

func (lineOrigin) Relate(msg string, l netdoc.Location) string { return msg + " @" + l.File }

// TestOrigin: with an origin, At and Loc locate every offset through it, with
// the line of the text that holds the offset (clipped to the text); TextAt and
// TextLoc still locate in the text, and Resolve maps what they give to what At
// gives at the start of every character, on ASCII text and on text with
// multi-byte characters, a byte order mark and long lines (marked columns). Without an origin, At is TextAt and
// Resolve and Relate change nothing.
func TestOrigin(t *testing.T) {
	long := strings.Repeat(`"é",`, 700)
	for _, text := range []string{
		"{\n\"a\":\n[1,\n{\"b\":\"x\"}\n]\n}",
		"{\"a\":[" + long + "1],\n\"b\":\"ü\"\r\n}",
		"\xEF\xBB\xBF{\"é\":\n\"\U0001F600\",\n\"k\":1}",
		"[1]",
	} {
		s, _, err := Parse("t.json", []byte(text))
		if err != nil {
			t.Fatalf("%.30q: %v", text, err)
		}
		for off := -1; off <= len(text)+1; off++ {
			text1 := s.TextAt(off, 2)
			if got := s.At(off, 2); got != text1 {
				t.Fatalf("%.30q: no origin: At(%d) = %+v, want TextAt's %+v", text, off, got, text1)
			}
			if got := s.Resolve(text1); got != text1 {
				t.Fatalf("%.30q: no origin: Resolve(%+v) = %+v", text, text1, got)
			}
		}
		if got := s.Relate("m", netdoc.Location{File: "x"}); got != "m" {
			t.Fatalf("no origin: Relate = %q", got)
		}
		s.SetOrigin(lineOrigin{})
		for off := -1; off <= len(text)+1; off++ {
			clipped := min(max(off, 0), len(text))
			text1 := s.TextAt(off, 2)
			want := netdoc.Location{File: "origin", Line: text1.Line, Column: clipped + 1}
			if got := s.At(off, 2); got != want {
				t.Fatalf("%.30q: At(%d) = %+v, want %+v", text, off, got, want)
			}
			if s.TextAt(off, 2) != text1 || text1.File != "t.json" {
				t.Fatalf("%.30q: TextAt(%d) = %+v with an origin", text, off, text1)
			}
			// The byte order mark is not a column, nor is the inside of a
			// character: no value starts there.
			if s.bom && clipped < len(utf8BOM) || clipped < len(text) && !utf8.RuneStart(text[clipped]) {
				continue
			}
			if got := s.Resolve(text1); got != want {
				t.Fatalf("%.30q: Resolve(%+v) = %+v, want %+v", text, text1, got, want)
			}
		}
		if got := s.Relate("m", netdoc.Location{File: "x"}); got != "m @x" {
			t.Fatalf("Relate = %q", got)
		}
		other := netdoc.Location{File: "p.json", Line: 1, Column: 1}
		if got := s.Resolve(other); got != other {
			t.Fatalf("Resolve of another file = %+v", got)
		}
		for _, l := range []netdoc.Location{{}, {File: "t.json", Line: 99, Column: 1}} {
			if got := s.Resolve(l); got != l {
				t.Fatalf("Resolve(%+v) = %+v, want it as it is", l, got)
			}
		}
		s.SetOrigin(nil)
		if got, want := s.At(3, 1), s.TextAt(3, 1); got != want {
			t.Fatalf("origin removed: At = %+v, want %+v", got, want)
		}
	}
}

// TestOriginLoc: Loc and TextLoc of a value with an origin, and of a computed one
// (no location either way).
func TestOriginLoc(t *testing.T) {
	s, root, err := Parse("t.json", []byte("{\n\"a\": [1,\n2]}"))
	if err != nil {
		t.Fatal(err)
	}
	s.SetOrigin(lineOrigin{})
	v := s.Get(root, "a")
	if got, want := s.Loc(v), (netdoc.Location{File: "origin", Line: 2, Column: v.Index + 1}); got != want {
		t.Errorf("Loc = %+v, want %+v", got, want)
	}
	if got, want := s.TextLoc(v), (netdoc.Location{File: "t.json", Line: 2, Column: 6, EndLine: 3, EndColumn: 3}); got != want {
		t.Errorf("TextLoc = %+v, want %+v", got, want)
	}
	var computed = root
	computed.Index, computed.Raw = 0, ""
	if !s.Loc(computed).IsZero() || !s.TextLoc(computed).IsZero() {
		t.Errorf("a computed value is located")
	}
}
