package bicep

import (
	"strings"
	"testing"
)

// TestPunctShort: the operator lexed at a byte that starts short and long ones is
// the longest of puncts the text starts with, whatever byte follows.
func TestPunctShort(t *testing.T) {
	for c := 0; c < 256; c++ {
		if punctShort[c] == "" {
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
			if tok := lx.next(); tok.kind != tPunct || tok.text != want || int(tok.end) != len(want) {
				t.Errorf("%q: %v %q ending at %d, want %q", src, tok.kind, tok.text, tok.end, want)
			}
		}
	}
}
