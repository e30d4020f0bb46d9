package bicep

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// next lexes one token (lex one at a time), for the tests.
func (lx *lexer) next() token {
	var b [1]token
	lx.lex(b[:], 0)
	return b[0]
}

// TestPunctShort: the operator lexed at a byte that starts short and long ones is
// the longest of puncts the text starts with, whatever byte follows.
func TestPunctShort(t *testing.T) {
	for c := 0; c < 256; c++ {
		if lexClass[c] != lcShort {
			continue
		}
		for d := -1; d < 256; d++ {
			src := string([]byte{byte(c)})
			if d >= 0 {
				src += string([]byte{byte(d), '.', 'x'})
			}
			want := ""
			for _, p := range puncts {
				if strings.HasPrefix(src, p) && len(p) > len(want) {
					want = p
				}
			}
			lx := &lexer{src: src}
			if tok := lx.next(); tok.kind() != tPunct || lx.text(tok) != want || int(tok.end) != len(want) {
				t.Errorf("%q: %v %q ending at %d, want %q", src, tok.kind(), lx.text(tok), tok.end, want)
			}
		}
	}
}

// TestStringPieces: the pieces of interpolated strings, with and without escapes
// (a piece with none is a slice of the source, one with some is decoded), their
// kinds and spans.
func TestStringPieces(t *testing.T) {
	type piece struct {
		kind kind
		text string
	}
	tests := []struct {
		src  string
		want []piece
	}{
		{`'a${x}b'`, []piece{{tStringLeft, "a"}, {tIdent, "x"}, {tStringRight, "b"}}},
		{`'${x}${y}'`, []piece{{tStringLeft, ""}, {tIdent, "x"}, {tStringMid, ""}, {tIdent, "y"}, {tStringRight, ""}}},
		{`'a\'${x}\n'`, []piece{{tStringLeft, "a'"}, {tIdent, "x"}, {tStringRight, "\n"}}},
		{`'a$b${x}c$'`, []piece{{tStringLeft, "a$b"}, {tIdent, "x"}, {tStringRight, "c$"}}},
		{`'a\${x}'`, []piece{{tString, "a${x}"}}},
		{`'p${'q${r}s'}t'`, []piece{{tStringLeft, "p"}, {tStringLeft, "q"}, {tIdent, "r"}, {tStringRight, "s"}, {tStringRight, "t"}}},
		{`'a${x}\t${y}c'`, []piece{{tStringLeft, "a"}, {tIdent, "x"}, {tStringMid, "\t"}, {tIdent, "y"}, {tStringRight, "c"}}},
		{"x\n'''\nab'''", []piece{{tIdent, "x"}, {tNewline, ""}, {tString, "ab"}}},
		{"'''a\nb''' 'c'", []piece{{tString, "a\nb"}, {tString, "c"}}},
		{`'a${ {b: 1}.b }c'`, []piece{{tStringLeft, "a"}, {tPunct, "{"}, {tIdent, "b"}, {tPunct, ":"}, {tNumber, "1"}, {tPunct, "}"}, {tPunct, "."}, {tIdent, "b"}, {tStringRight, "c"}}},
	}
	for _, tc := range tests {
		lx := &lexer{src: tc.src, lines: newLineTable(len(tc.src), 0)}
		var got []piece
		end := 0
		for tk := lx.next(); tk.kind() != tEOF; tk = lx.next() {
			if tk.kind() == tBad {
				t.Fatalf("%s: %s", tc.src, lx.err)
			}
			if int(tk.pos) < end || tk.end <= tk.pos {
				t.Errorf("%s: %q spans %d-%d after %d", tc.src, lx.text(tk), tk.pos, tk.end, end)
			}
			end = int(tk.end)
			got = append(got, piece{tk.kind(), lx.text(tk)})
			// Without an escape, a piece is the source's bytes, not a copy.
			if tk.kind() >= tString && tk.kind() <= tStringRight && lx.text(tk) != "" && !strings.Contains(tc.src, `\`) {
				at := uintptr(unsafe.Pointer(unsafe.StringData(lx.text(tk)))) - uintptr(unsafe.Pointer(unsafe.StringData(tc.src)))
				if at >= uintptr(len(tc.src)) {
					t.Errorf("%s: the piece %q is a copy", tc.src, lx.text(tk))
				}
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.src, got, tc.want)
		}
		if end != len(tc.src) {
			t.Errorf("%s: the tokens end at %d", tc.src, end)
		}
	}
}

// TestIdentifiers: an identifier ends at the first byte that is not a letter,
// digit or '_', every byte value tried after identifiers of every length around
// the four-byte steps.
func TestIdentifiers(t *testing.T) {
	for n := 0; n <= 19; n++ {
		for c := 0; c < 256; c++ {
			name := "x" + strings.Repeat("aZ_09"[n%5:n%5+1], n)
			src := name + string([]byte{byte(c)}) + "abcdefghi"
			want := len(name)
			if identPart[c] {
				want = len(src)
			}
			lx := &lexer{src: src, lines: newLineTable(len(src), 1)}
			if tk := lx.next(); tk.kind() != tIdent || int(tk.end) != want {
				t.Fatalf("%q: %v ending at %d, want an identifier ending at %d", src, tk.kind(), tk.end, want)
			}
		}
	}
}

// TestLineEnds: what the lexer skips between two tokens is one line end token,
// at its first line end (or at a block comment holding one), if it holds any;
// none before the first token, and one before the end of the file.
func TestLineEnds(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want string // the tokens: kind letter and offset
	}{
		{"a\nb", "I0 N1 I2 E3"},
		{"a\n\n\n  b", "I0 N1 I6 E7"},
		{"\n\n// c\na", "I7 E8"},
		{"\uFEFF\na\n", "I4 N5 E6"},
		{"a // c\n\n  // d\nb\n", "I0 N6 I15 N16 E17"},
		{"a /* x\ny */ b", "I0 N2 I12 E13"},
		{"a /* x */\n b", "I0 N9 I11 E12"},
		{"a\n#disable-next-line x\nb", "I0 N1 I23 E24"},
		{"a # b", "I0 B2"},
		{"a\n/* open", "I0 B2"},
		{"a\r\n\tb\n", "I0 N2 I4 N5 E6"},
	} {
		lx := &lexer{src: tc.src, lines: newLineTable(len(tc.src), 4)}
		var got []string
		for {
			tk := lx.next()
			got = append(got, string("ENI#SLMRPB"[tk.kind()])+strconv.Itoa(int(tk.pos)))
			if tk.kind() == tEOF || tk.kind() == tBad {
				break
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%q: %s, want %s", tc.src, g, tc.want)
		}
	}
}
