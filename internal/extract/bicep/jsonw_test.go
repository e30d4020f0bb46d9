package bicep

import (
	"strings"
	"testing"
)

// TestIsJSONPlain puts every byte at every offset of strings around the eight-byte
// steps of isJSONPlain and compares it with the byte table.
func TestIsJSONPlain(t *testing.T) {
	for n := 1; n <= 17; n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				b := []byte(strings.Repeat("a", n))
				b[at] = byte(c)
				want := jsonPlain[c]
				if got := isJSONPlain(string(b)); got != want {
					t.Fatalf("isJSONPlain(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
	for _, s := range []string{"", "plain text of more than eight bytes", "~~~~~~~~ ", "        !"} {
		if !isJSONPlain(s) {
			t.Errorf("isJSONPlain(%q) = false", s)
		}
	}
}
