package azcli

import (
	"strings"
	"testing"
)

// TestIsGlobAsContainsAny: the byte loop answers as the strings functions it replaced,
// on every string of up to four bytes over the characters that matter.
func TestIsGlobAsContainsAny(t *testing.T) {
	ref := func(s string) bool {
		if strings.ContainsAny(s, "*?") {
			return true
		}
		i := strings.IndexByte(s, '[')
		return i >= 0 && strings.IndexByte(s[i+1:], ']') > 0
	}
	for _, s := range allStrings("a[]*?", 4) {
		if got, want := isGlob(s), ref(s); got != want {
			t.Errorf("isGlob(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestIndexBlankAsIndexAny: indexBlank is strings.IndexAny(t, " \t\n").
func TestIndexBlankAsIndexAny(t *testing.T) {
	for _, s := range allStrings("a \t\n\ré", 4) {
		if got, want := indexBlank(s), strings.IndexAny(s, " \t\n"); got != want {
			t.Errorf("indexBlank(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestExpansionAsOfflessMarkSplit: expansion gives the pieces offless and markSplit
// give, and copies them when it changes any.
func TestExpansionAsOfflessMarkSplit(t *testing.T) {
	vals := []value{
		{},
		knownValue("a", 3),
		knownValue("a", -1),
		markSplit(knownValue("a", -1), true),
		{pieces: []piece{{text: "a", off: 0}, {unknown: true, uid: "u", off: -1}, {text: "b", off: -1, split: true}}},
	}
	for _, v := range vals {
		for _, drop := range []bool{false, true} {
			for _, split := range []bool{false, true} {
				want := v
				if drop {
					want = offless(want)
				}
				want = markSplit(want, split)
				got := expansion(v, drop, split)
				if len(got.pieces) != len(want.pieces) {
					t.Fatalf("expansion(%v, %v, %v) = %v, want %v", v, drop, split, got, want)
				}
				changed := false
				for i := range got.pieces {
					if got.pieces[i] != want.pieces[i] {
						t.Errorf("expansion(%v, %v, %v) piece %d = %v, want %v", v, drop, split, i, got.pieces[i], want.pieces[i])
					}
					changed = changed || got.pieces[i] != v.pieces[i]
				}
				if changed && &got.pieces[0] == &v.pieces[0] {
					t.Errorf("expansion(%v, %v, %v) changed the pieces in place", v, drop, split)
				}
			}
		}
	}
}

// allStrings is every string of up to n characters of alphabet.
func allStrings(alphabet string, n int) []string {
	out := []string{""}
	level := []string{""}
	for range n {
		var next []string
		for _, s := range level {
			for _, r := range alphabet {
				next = append(next, s+string(r))
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}
