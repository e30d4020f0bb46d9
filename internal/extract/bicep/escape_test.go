package bicep

import (
	"strings"
	"testing"
)

// appendEscapedBytes is appendEscaped byte by byte, as it was written first: the
// reference the bulk version must match.
func appendEscapedBytes(b []byte, s string, braces bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		b = append(b, c)
		if c == '\'' || braces && (c == '{' || c == '}') {
			b = append(b, c)
		}
	}
	return b
}

// TestAppendEscaped: quotes are doubled, braces only in a format() string, the
// rest (non-ASCII included) appended as it is, after what b held.
func TestAppendEscaped(t *testing.T) {
	for _, tc := range []struct {
		s            string
		plain, fmted string
	}{
		{"", "", ""},
		{"abc", "abc", "abc"},
		{"'", "''", "''"},
		{"it's", "it''s", "it''s"},
		{"''", "''''", "''''"},
		{"{0}", "{0}", "{{0}}"},
		{"a{b}c'd", "a{b}c''d", "a{{b}}c''d"},
		{"}{", "}{", "}}{{"},
		{"é'{", "é''{", "é''{{"},
		{"trailing'", "trailing''", "trailing''"},
		{"'leading", "''leading", "''leading"},
	} {
		for _, braces := range []bool{false, true} {
			want := tc.plain
			if braces {
				want = tc.fmted
			}
			if got := string(appendEscaped([]byte("x"), tc.s, braces)); got != "x"+want {
				t.Errorf("appendEscaped(%q, %v) = %q, want %q", tc.s, braces, got, "x"+want)
			}
		}
	}
	// Every string of up to four bytes over an alphabet of the bytes doubled and
	// others: as the byte-by-byte reference.
	const alphabet = "'{}a\x00\xff"
	var walk func(s string)
	walk = func(s string) {
		for _, braces := range []bool{false, true} {
			if got, want := appendEscaped(nil, s, braces), appendEscapedBytes(nil, s, braces); string(got) != string(want) {
				t.Fatalf("appendEscaped(%q, %v) = %q, want %q", s, braces, got, want)
			}
		}
		if len(s) == 4 {
			return
		}
		for i := range len(alphabet) {
			walk(s + alphabet[i:i+1])
		}
	}
	walk("")
	if got := appendEscaped(nil, strings.Repeat("ab'{", 100), true); len(got) != 600 {
		t.Errorf("a long string: %d bytes, want 600", len(got))
	}
}
