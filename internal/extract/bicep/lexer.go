package bicep

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// kind is a token kind.
type kind uint8

const (
	tEOF kind = iota
	tNewline
	tIdent
	tNumber
	tString      // 'abc' (no interpolation) or '''multi-line'''
	tStringLeft  // 'abc${
	tStringMid   // }abc${
	tStringRight // }abc'
	tPunct       // operators and brackets: text holds them
	tBad
)

// token is one lexeme. Its text (tokenText) is its source, but for a string
// piece the source between its opening quote or "}" and its closing quote or
// "${", or, for the few pieces whose text is not their source (escapes, a
// multi-line string), the lexer's alts[aux-1].
type token struct {
	// Offsets of 32 bits (sources are bounded by the read limits), and the kind
	// and aux in one word, and no text: a token of 12 bytes, not 32, in the
	// buffer the parser reads (BenchmarkRead1MBFile: a 1 MB file's buffer is
	// too large to pool).
	pos int32 // byte offset of the first character
	end int32 // byte offset after the last character
	// ka is the kind, in the low byte, and aux above it: an operator's bytes
	// (opCode), so that one comparison tells an operator (parser.is); a string
	// piece's 1 + the index of its text in the lexer's alts, or 0.
	ka uint32
}

// maxAux bounds a token's aux: 24 bits, enough for three bytes of an operator and
// for an index of alts (at most one a token, and maxTokens fit).
const maxAux = 1<<24 - 1

// The build fails if maxTokens outgrows aux: an array of negative length.
var _ [maxAux - maxTokens - 1]struct{}

// newToken is a token of kind k and aux a (0 <= a <= maxAux).
func newToken(k kind, a int32, pos, end int32) token {
	return token{pos: pos, end: end, ka: uint32(k) | uint32(a)<<8} //nolint:gosec // G115: aux is bounded by maxAux
}

// kind is the kind of t.
func (t token) kind() kind { return kind(t.ka) }

// punctKA is the token.ka of the operator s (of at most three bytes).
func punctKA(s string) uint32 { return uint32(tPunct) | uint32(opCode(s))<<8 } //nolint:gosec // G115: three bytes

// opCode is the aux (token.ka) of the operator s (of at most three bytes): its bytes,
// the first lowest. For a literal s, the compiler folds it to a constant.
func opCode(s string) int32 {
	var c int32
	if len(s) > 0 {
		c = int32(s[0])
	}
	if len(s) > 1 {
		c |= int32(s[1]) << 8
	}
	if len(s) > 2 {
		c |= int32(s[2]) << 16
	}
	return c
}

// tokenText is the text of t, a token of src whose lexer's alts are alts: the
// decoded value of a string piece, an empty one for a line end.
func tokenText(src string, alts []string, t token) string {
	// The kind read once, and the fields, not the methods: tokenText stays
	// within the inliner's budget (go build -gcflags=-m=2).
	k := kind(t.ka)
	if k-tString <= tStringRight-tString {
		return pieceText(src, alts, t)
	}
	if k == tNewline {
		return ""
	}
	return src[t.pos:t.end]
}

// pieceText is tokenText for a string piece t.
func pieceText(src string, alts []string, t token) string {
	if a := t.ka >> 8; a > 0 {
		return alts[a-1]
	}
	return src[t.pos+1 : t.end-pieceEnd[kind(t.ka)&15]]
}

// pieceEnd is, by kind, the bytes after the text of a string piece: its closing
// quote, or "${". A table, not tests: tokenText stays inlined.
var pieceEnd = [16]int32{tString: 1, tStringLeft: 2, tStringMid: 2, tStringRight: 1}

// lexer turns Bicep source into tokens. Interpolation holes are lexed as ordinary
// tokens; a stack of brace depths tells the "}" that resumes a string.
type lexer struct {
	src    string
	i      int
	holes  []int // brace depth inside each open interpolation
	err    string
	errPos int
	// lines are the line table of the source read so far: counted as the lexer
	// meets the line ends, so that locating the values of a file later does not
	// scan it again (BenchmarkRead1MB).
	lines lineTable
	// started: a token other than a line end was returned; a line end before
	// the first is not a token.
	started bool
	// alts are the texts of the string pieces whose text is not their source
	// (the aux of token.ka).
	alts []string
}

// text is the text of t, a token of lx.
func (lx *lexer) text(t token) string { return tokenText(lx.src, lx.alts, t) }

// alt is the aux (token.ka) of a string piece whose text is s, decoded.
func (lx *lexer) alt(s string) int32 {
	lx.alts = append(lx.alts, s)
	return i32(len(lx.alts))
}

// skipSpaces is the offset of the first byte at or after i that is not a space,
// eight bytes at a time while eight remain.
func skipSpaces(src string, i int) int {
	const spaces = 0x2020202020202020
	for i+8 <= len(src) {
		// The bytes that are not spaces are those left non-zero by the xor; the
		// lowest of them is the first in the text (little-endian).
		if x := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(src[i:]), 8)) ^ spaces; x != 0 { //nolint:gosec // G103: eight bytes of src, read only
			return i + bits.TrailingZeros64(x)/8
		}
		i += 8
	}
	for i < len(src) && src[i] == ' ' {
		i++
	}
	return i
}

// lineEnds adds the line starts after the line ends in src[from:to].
func (lx *lexer) lineEnds(from, to int) {
	for {
		j := strings.IndexByte(lx.src[from:to], '\n')
		if j < 0 {
			return
		}
		from += j + 1
		lx.lines.add(from)
	}
}

// puncts are the operators and brackets, longest first for each first byte.
var puncts = []string{
	"...", "??", "?.", "==", "!=", "=~", "!~", "<=", ">=", "&&", "||", "=>", "::",
	"{", "}", "[", "]", "(", ")", ",", ".", ":", "?", "!", "=", "<", ">", "+", "-", "*", "/", "%", "@", "|",
}

// punctsBy are the indexes in puncts of the operators by first byte (longest
// first): a token is matched against the few that start with its byte, not the
// whole list (BenchmarkRead1MB).
var punctsBy = func() (t [256][]int32) {
	for i, p := range puncts {
		t[p[0]] = append(t[p[0]], int32(i)) //nolint:gosec // G115: a short list
	}
	return t
}()

// The classes of the first byte of a token or of what the lexer skips
// (lexClass): one table read and one switch a token, not a test of each kind
// in turn (BenchmarkParse1MBFile).
const (
	lcOther = iota // a character not expected, or an operator of punctsBy
	lcIdent
	lcDigit
	lcQuote
	lcOpen  // '{'
	lcClose // '}', which may resume a string
	lcAlone // an operator of one byte and no longer one
	lcShort // an operator of one byte, or of more (punctSecond)
	// The bytes that may start what the lexer skips, from lcSpace on.
	lcSpace // ' ', '\t', '\r'
	lcLine  // '\n'
	lcSlash // '/': a comment, or the operator
	lcHash  // '#': a pragma at the start of a line
	lcBOM   // 0xEF: a byte order mark first in the file
)

// lexClass is the class of each byte.
var lexClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case isIdentStart(byte(c)):
			t[c] = lcIdent
		case c >= '0' && c <= '9':
			t[c] = lcDigit
		}
	}
	for c, ps := range punctsBy {
		if len(ps) == 0 || len(puncts[ps[len(ps)-1]]) != 1 {
			continue // no operator of one byte starts with c
		}
		// Alone: the byte is its only operator, matched without trying the list
		// (BenchmarkRead1MB: most operators are brackets, commas and colons).
		// Short: it starts longer ones too, but before a byte that does not go
		// on one of them it is the one-byte operator (every property has a ':',
		// every member access a '.').
		t[c] = lcShort
		if len(ps) == 1 {
			t[c] = lcAlone
		}
	}
	t['\''], t['{'], t['}'] = lcQuote, lcOpen, lcClose
	t[' '], t['\t'], t['\r'], t['\n'] = lcSpace, lcSpace, lcSpace, lcLine
	t['/'], t['#'], t[0xEF] = lcSlash, lcHash, lcBOM
	return t
}()

// punctSecond marks the bytes that follow the first in an operator of more than
// one byte: before any other, an lcShort byte is the one-byte operator.
var punctSecond = func() (second [256]bool) {
	for _, p := range puncts {
		if len(p) > 1 {
			second[p[1]] = true
		}
	}
	return second
}()

// stringStop marks the bytes that may end the plain run of a string: a quote,
// an escape, a line end or an interpolation.
var stringStop = [256]bool{'\'': true, '\\': true, '\n': true, '$': true}

// identPart marks the bytes of an identifier.
var identPart = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isIdentPart(byte(c))
	}
	return t
}()

func (lx *lexer) fail(pos int, msg string) token {
	if lx.err == "" {
		lx.err, lx.errPos = msg, pos
	}
	return newToken(tBad, 0, i32(pos), i32(pos))
}

// lex lexes tokens into buf from n, until buf is full or holds the end of the
// file or an error (its last token, then); n is the end of the tokens in buf. Many tokens a call, with the source and offset
// in locals: a call a token cost some twenty instructions a token in the call,
// the return and the offset's loads and stores (BenchmarkRead1MBFile).
//
// What the lexer skips holds a line end if a line end token is to come: that
// token is returned before the next one, at the first line end skipped, and
// never first, nor after another (which the parser need not skip).
func (lx *lexer) lex(buf []token, n int) int {
	src, i := lx.src, lx.i
	started := lx.started
	nl := -1 // the line end token to return before the next token, if not -1
	for n < len(buf) {
		if i >= len(src) {
			if nl >= 0 {
				buf[n] = newToken(tNewline, 0, i32(nl), i32(nl+1))
				n, nl = n+1, -1
				continue
			}
			lx.i = i
			buf[n] = newToken(tEOF, 0, i32(len(src)), i32(len(src)))
			return n + 1
		}
		c := src[i]
		cl := lexClass[c]
		if cl >= lcSpace {
			switch cl {
			case lcSpace:
				i++
				continue
			case lcLine:
				if nl < 0 && started {
					nl = i
				}
				lx.lines.add(i + 1)
				// The indentation of the next line, eight spaces at a time: a loop
				// a byte at a time costs some four instructions a space
				// (BenchmarkRead1MB).
				i = skipSpaces(src, i+1)
				continue
			case lcSlash:
				if strings.HasPrefix(src[i:], "//") {
					i = lineEnd(src, i)
					continue
				}
				if strings.HasPrefix(src[i:], "/*") {
					j := strings.Index(src[i+2:], "*/")
					if j < 0 {
						lx.i = i
						buf[n] = lx.fail(i, "unterminated comment: expected */")
						return n + 1
					}
					if nl < 0 && started && strings.Contains(src[i:i+2+j], "\n") {
						nl = i
					}
					lx.lineEnds(i, i+2+j)
					i += j + 4
					continue
				}
			case lcHash:
				if lineStart(src, i) {
					// #disable-next-line and other pragmas: a line the compiler
					// reads, not code.
					i = lineEnd(src, i)
					continue
				}
			case lcBOM:
				if i == 0 && strings.HasPrefix(src, "\uFEFF") {
					i += 3
					continue
				}
			}
		}
		if nl >= 0 {
			buf[n] = newToken(tNewline, 0, i32(nl), i32(nl+1))
			n, nl = n+1, -1
			if n == len(buf) {
				break
			}
		}
		started = true
		start := i
		switch cl {
		case lcIdent:
			i++
			for i < len(src) && identPart[src[i]] {
				i++
			}
			buf[n] = newToken(tIdent, 0, i32(start), i32(i))
			n++
			// A space after an identifier or an operator ("key: value", "x =
			// y") skipped here: a turn of the loop costs some twenty-five
			// instructions (BenchmarkParse1MBFile).
			if i < len(src) && src[i] == ' ' {
				i++
			}
			continue
		case lcAlone, lcSlash:
			i++
			buf[n] = newToken(tPunct, int32(c), i32(start), i32(i))
			n++
			continue
		case lcShort:
			if i+1 == len(src) || !punctSecond[src[i+1]] {
				i++
				buf[n] = newToken(tPunct, int32(c), i32(start), i32(i))
				n++
				if i < len(src) && src[i] == ' ' {
					i++
				}
				continue
			}
		case lcQuote:
			// A plain string, its text a slice of the source, read here: most
			// strings, and stringPiece's call and frame cost some twenty-five
			// instructions a string (BenchmarkParse1MBFile). Any other is
			// stringPiece's, from its start.
			j := i + 1
			for j < len(src) && !stringStop[src[j]] {
				j++
			}
			if j < len(src) && src[j] == '\'' && (j > i+1 || j+1 == len(src) || src[j+1] != '\'') {
				i = j + 1
				buf[n] = newToken(tString, 0, i32(start), i32(i))
				n++
				continue
			}
			var t token
			if strings.HasPrefix(src[i:], "'''") {
				lx.i = i
				t = lx.multiline()
			} else {
				lx.i = i + 1
				t = lx.stringPiece(start, false)
			}
			i = lx.i
			buf[n] = t
			n++
			if t.kind() == tBad {
				return n
			}
			continue
		case lcOpen:
			if len(lx.holes) > 0 {
				lx.holes[len(lx.holes)-1]++
			}
			i++
			buf[n] = newToken(tPunct, int32(c), i32(start), i32(i))
			n++
			continue
		case lcClose:
			if len(lx.holes) > 0 {
				if lx.holes[len(lx.holes)-1] == 0 {
					lx.holes = lx.holes[:len(lx.holes)-1]
					lx.i = i + 1
					t := lx.stringPiece(start, true)
					i = lx.i
					buf[n] = t
					n++
					if t.kind() == tBad {
						return n
					}
					continue
				}
				lx.holes[len(lx.holes)-1]--
			}
			i++
			buf[n] = newToken(tPunct, int32(c), i32(start), i32(i))
			n++
			continue
		case lcDigit:
			for i < len(src) && (src[i] >= '0' && src[i] <= '9') {
				i++
			}
			if i < len(src) && src[i] == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9' {
				i++
				for i < len(src) && (src[i] >= '0' && src[i] <= '9') {
					i++
				}
			}
			buf[n] = newToken(tNumber, 0, i32(start), i32(i))
			n++
			continue
		}
		// An operator of more than one byte ('{' and '}' are lcOpen and
		// lcClose: no hole to count), or a character not expected.
		matched := false
		for _, id := range punctsBy[c] {
			if p := puncts[id]; strings.HasPrefix(src[i:], p) {
				i += len(p)
				buf[n] = newToken(tPunct, opCode(p), i32(start), i32(i))
				n++
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		_, w := utf8.DecodeRuneInString(src[i:])
		lx.i = i + w
		buf[n] = lx.fail(start, "unexpected character "+quoteText(src[start:i+w]))
		return n + 1
	}
	lx.i, lx.started = i, started
	return n
}

// stringPiece reads string characters up to the closing quote or an interpolation
// hole. resumed: the piece starts after a hole's "}".
func (lx *lexer) stringPiece(start int, resumed bool) token {
	// Most strings have no escape: their text is a slice of the source.
	src := lx.src
	for j := lx.i; j < len(src); j++ {
		for j < len(src) && !stringStop[src[j]] {
			j++
		}
		if j == len(src) {
			break
		}
		c := src[j]
		if c == '$' && j+1 < len(src) && src[j+1] == '{' {
			// A piece before a hole, with no escape: a slice of the source too,
			// not built a byte at a time (BenchmarkRead1MB: most interpolated
			// strings).
			lx.i = j + 2
			return lx.hole(start, 0, resumed)
		}
		if c == '\\' || c == '\n' {
			break
		}
		if c == '\'' {
			lx.i = j + 1
			k := tString
			if resumed {
				k = tStringRight
			}
			return newToken(k, 0, i32(start), i32(lx.i))
		}
	}
	var b strings.Builder
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		switch {
		case c == '\'':
			lx.i++
			k := tString
			if resumed {
				k = tStringRight
			}
			return newToken(k, lx.alt(b.String()), i32(start), i32(lx.i))
		case c == '\\':
			if lx.i+1 >= len(lx.src) {
				return lx.fail(lx.i, "unterminated string: expected '")
			}
			e := lx.src[lx.i+1]
			lx.i += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case '\\', '\'', '$':
				b.WriteByte(e)
			case 'u':
				// \u{XXXX}
				if lx.i < len(lx.src) && lx.src[lx.i] == '{' {
					j := strings.IndexByte(lx.src[lx.i:], '}')
					if j > 1 && j <= 7 {
						var r rune
						ok := true
						for _, h := range lx.src[lx.i+1 : lx.i+j] {
							d := hexVal(byte(h))
							if d < 0 {
								ok = false
								break
							}
							r = r*16 + rune(d)
						}
						if ok && utf8.ValidRune(r) {
							b.WriteRune(r)
							lx.i += j + 1
							continue
						}
					}
				}
				return lx.fail(lx.i-2, "invalid escape: expected \\u{hex digits}")
			default:
				return lx.fail(lx.i-2, "invalid escape \\"+string(e)+": expected one of \\n \\r \\t \\\\ \\' \\$ \\u{...}")
			}
		case c == '$' && strings.HasPrefix(lx.src[lx.i:], "${"):
			lx.i += 2
			return lx.hole(start, lx.alt(b.String()), resumed)
		case c == '\n':
			return lx.fail(lx.i, "unterminated string: expected ' before the end of the line")
		default:
			b.WriteByte(c)
			lx.i++
		}
	}
	return lx.fail(lx.i, "unterminated string: expected '")
}

// hole is the piece of a string from start that ends with the "${" just read,
// its text decoded at alt (the aux of token.ka): an interpolation hole opens.
func (lx *lexer) hole(start int, alt int32, resumed bool) token {
	lx.holes = append(lx.holes, 0)
	if len(lx.holes) > maxDepth {
		return lx.fail(lx.i, "interpolation nested too deeply")
	}
	k := tStringLeft
	if resumed {
		k = tStringMid
	}
	return newToken(k, alt, i32(start), i32(lx.i))
}

// multiline reads a ”' string: no escapes, no interpolation, a first newline dropped.
func (lx *lexer) multiline() token {
	start := lx.i
	lx.i += 3
	j := strings.Index(lx.src[lx.i:], "'''")
	if j < 0 {
		return lx.fail(start, "unterminated multi-line string: expected '''")
	}
	text := lx.src[lx.i : lx.i+j]
	lx.lineEnds(lx.i, lx.i+j)
	lx.i += j + 3
	for lx.i < len(lx.src) && lx.src[lx.i] == '\'' { // '''a'''' ends at the last quotes
		text += "'"
		lx.i++
	}
	if strings.HasPrefix(text, "\r\n") {
		text = text[2:]
	} else if strings.HasPrefix(text, "\n") {
		text = text[1:]
	}
	return newToken(tString, lx.alt(text), i32(start), i32(lx.i))
}

// lineEnd is the offset of the line end at or after i, or the end of src: where a
// comment or a pragma that starts at i ends.
func lineEnd(src string, i int) int {
	if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

func lineStart(src string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch src[j] {
		case ' ', '\t', '\r':
			continue
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func quoteText(s string) string { return "'" + s + "'" }

// len32 is the length of s, a keyword.
func len32(s string) int32 { return int32(len(s)) } //nolint:gosec // G115: a keyword

// i32 is a source offset in a token (sources are bounded by the read limits).
func i32(off int) int32 { return int32(off) } //nolint:gosec // G115: see i32

// u32 is a source offset under maxSource.
func u32(off int32) uint32 { return uint32(off) } //nolint:gosec // G115: offsets are not negative
