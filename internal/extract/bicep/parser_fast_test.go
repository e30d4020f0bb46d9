package bicep

import (
	"reflect"
	"strings"
	"testing"
)

// lexAll is the tokens of src as parse keeps them (a newline after a newline, or
// first, dropped), and the lexer's alts (token.alt).
func lexAll(t *testing.T, src string) ([]token, []string) {
	t.Helper()
	lx := &lexer{src: src, lines: newLineTable(len(src), strings.Count(src, "\n"))}
	var toks []token
	for {
		tk := lx.next()
		if tk.kind() == tBad {
			t.Fatalf("%q: %s", src, lx.err)
		}
		if tk.kind() == tNewline && (len(toks) == 0 || toks[len(toks)-1].kind() == tNewline) {
			continue
		}
		toks = append(toks, tk)
		if tk.kind() == tEOF {
			return toks, lx.alts
		}
	}
}

// tokensParser is a parser of the tokens of src, all of them in its window.
func tokensParser(toks []token, src string, alts []string) *parser {
	p := &parser{toks: toks, src: src, alts: alts, eof: true, nodes: &nodes{}, f: &File{}}
	p.setLim()
	return p
}

// TestAlone: an expression read as a token alone (alone, primary) is the tree the
// descent through operators reads, ending at the same token; what alone refuses
// is read by the descent.
func TestAlone(t *testing.T) {
	tests := []struct {
		src   string
		alone bool
	}{
		{"'a'\n", true},
		{"'a',", true},
		{"'a'}", true},
		{"'a']", true},
		{"'a')", true},
		{"'a' : 'b'", true},
		{"42\n", true},
		{"007\n", true},
		{"x\n", true},
		{"true\n", true},
		{"null}", true},
		{"x\n'y'", true},
		{"x\n]", true},
		// The next line continues the expression.
		{"x\n? 'a' : 'b'", false},
		{"x\n?? 'a'", false},
		{"x\n|| y", false},
		{"x\n&& y", false},
		// Operators, postfixes, calls, lambdas, interpolation.
		{"x == 'a'\n", false},
		{"x.y\n", false},
		{"x[0]\n", false},
		{"x!\n", false},
		{"x::y\n", false},
		{"x?.y\n", false},
		{"f(1)\n", false},
		{"x => x\n", false},
		{"'a${x}b'\n", false},
		{"1 + 2\n", false},
		{"x ? 1 : 2\n", false},
		{"-1\n", false},
		{"!x\n", false},
		{"(x)\n", false},
		{"[1]\n", false},
		{"{}\n", false},
		// Too short to look past.
		{"x", false},
	}
	for _, tc := range tests {
		toks, alts := lexAll(t, tc.src)
		if got := alone(toks); got != tc.alone {
			t.Errorf("%q: alone %v, want %v", tc.src, got, tc.alone)
		}
		if !tc.alone {
			continue
		}
		fast, slow := tokensParser(toks, tc.src, alts), tokensParser(toks, tc.src, alts)
		a, b := fast.primary(), slow.descend()
		if !reflect.DeepEqual(a, b) || fast.i != slow.i {
			t.Errorf("%q: alone read %#v to token %d, the descent %#v to token %d", tc.src, a, fast.i, b, slow.i)
		}
	}
}

// TestPrecedence: every binary operator has its level, lowest first, and nothing
// else has one.
func TestPrecedence(t *testing.T) {
	levels := map[string]int{
		"??": 1, "||": 2, "&&": 3,
		"==": 4, "!=": 4, "=~": 4, "!~": 4,
		"<": 5, ">": 5, "<=": 5, ">=": 5,
		"+": 6, "-": 6, "*": 7, "/": 7, "%": 7,
	}
	for _, op := range puncts {
		if got := precedence(punctKA(op)); got != levels[op] {
			t.Errorf("precedence(%q) = %d, want %d", op, got, levels[op])
		}
	}
	// The token of an identifier or a string with an operator's bytes is not
	// an operator.
	for _, k := range []kind{tIdent, tString, tNewline} {
		if got := precedence(uint32(k) | uint32(opCode("+"))<<8); got != 0 {
			t.Errorf("precedence of a %v token with aux '+' = %d", k, got)
		}
	}
}

// TestSkipSpaces: the first byte that is not a space, at every length and
// offset around the eight-byte steps.
func TestSkipSpaces(t *testing.T) {
	for n := 0; n <= 20; n++ {
		for _, tail := range []string{"", "x", "\t", "\n", "é", "  !"} {
			src := "ab" + strings.Repeat(" ", n) + tail
			want := 2 + n + len(tail) - len(strings.TrimLeft(tail, " "))
			if got := skipSpaces(src, 2); got != want {
				t.Errorf("%q: %d, want %d", src, got, want)
			}
		}
	}
	if got := skipSpaces("   ", 3); got != 3 {
		t.Errorf("at the end: %d", got)
	}
}

// TestIsASCII: a byte past 0x7f is found at any offset of any length.
func TestIsASCII(t *testing.T) {
	for n := 0; n <= 70; n++ {
		b := []byte(strings.Repeat("a", n))
		if !isASCII(b) {
			t.Errorf("%d ASCII bytes: not ASCII", n)
		}
		for i := range b {
			b[i] = 0x80
			if isASCII(b) {
				t.Errorf("0x80 at %d of %d: ASCII", i, n)
			}
			b[i] = 0xff
			if isASCII(b) {
				t.Errorf("0xff at %d of %d: ASCII", i, n)
			}
			b[i] = 'a'
		}
	}
}
