package jsonsrc

import (
	"bytes"
	"errors"
	"unicode/utf16"
	"unicode/utf8"
)

// Byte order marks of the encodings ARM (and az CLI) read templates in.
const (
	utf16LEBOM = "\xFF\xFE"
	utf16BEBOM = "\xFE\xFF"
)

// ErrOddUTF16 is the error of a UTF-16 file cut in the middle of a code unit.
var ErrOddUTF16 = errors.New("the file starts with a UTF-16 byte order mark but has an odd number of bytes")

// Decode returns data as UTF-8: a file with a UTF-16 byte order mark (little or big
// endian, as az CLI and PowerShell write them) is decoded, and the result starts with a
// UTF-8 byte order mark, which Parse blanks and leaves out of columns, so that columns
// count the characters an editor shows. Anything else is returned as it is (no copy),
// so decoding twice costs nothing. An unpaired surrogate becomes U+FFFD, as editors
// show it.
func Decode(data []byte) ([]byte, error) {
	var big bool
	switch {
	case bytes.HasPrefix(data, []byte(utf16LEBOM)):
	case bytes.HasPrefix(data, []byte(utf16BEBOM)):
		big = true
	default:
		return data, nil
	}
	body := data[2:]
	if len(body)%2 != 0 {
		return nil, ErrOddUTF16
	}
	units := make([]uint16, len(body)/2)
	for i := range units {
		lo, hi := body[2*i], body[2*i+1]
		if big {
			lo, hi = hi, lo
		}
		units[i] = uint16(lo) | uint16(hi)<<8
	}
	out := make([]byte, 0, len(utf8BOM)+len(units)+len(units)/2)
	out = append(out, utf8BOM...)
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// blankControls returns a copy of data with the control characters (bytes below
// 0x20) inside strings replaced by spaces, and whether there were any. ARM reads raw
// newlines and tabs inside strings (multi-line strings and expressions); JSON
// validators refuse them, so validation reads this copy, of the same length, while
// values are read from the text as written.
func blankControls(data []byte) ([]byte, bool) {
	var out []byte
	in := false
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case b == '"':
			in = !in
		case in && b == '\\':
			i++
		case in && b < ' ':
			if out == nil {
				out = append([]byte(nil), data...)
			}
			out[i] = ' '
		}
	}
	return out, out != nil
}

// hasControl reports whether s has a byte below 0x20.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' {
			return true
		}
	}
	return false
}

// unquote decodes a JSON string literal (quotes included) that may hold raw control
// characters, which gjson's decoder stops at; raw is valid but for them.
func unquote(raw string) string {
	var b []byte
	s := raw[1 : len(raw)-1]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b = append(b, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, n := DecodeU(s[i-1:])
			b = utf8.AppendRune(b, r)
			i += n - 2
		default: // '"', '\\', '/'
			b = append(b, s[i])
		}
	}
	return string(b)
}

// DecodeU decodes the \uXXXX escape (or surrogate pair) at the start of s, returning
// the rune and the bytes it spans; what is not a valid escape is utf8.RuneError.
func DecodeU(s string) (rune, int) {
	r1, ok := hex4(s)
	if !ok {
		return utf8.RuneError, min(len(s), 2)
	}
	if utf16.IsSurrogate(r1) && len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
		if r2, ok := hex4(s[6:]); ok {
			if r := utf16.DecodeRune(r1, r2); r != utf8.RuneError {
				return r, 12
			}
		}
	}
	if utf16.IsSurrogate(r1) {
		return utf8.RuneError, 6
	}
	return r1, 6
}

func hex4(s string) (rune, bool) {
	if len(s) < 6 {
		return 0, false
	}
	var r rune
	for _, c := range s[2:6] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= c - '0'
		case c >= 'a' && c <= 'f':
			r |= c - 'a' + 10
		case c >= 'A' && c <= 'F':
			r |= c - 'A' + 10
		default:
			return 0, false
		}
	}
	return r, true
}
