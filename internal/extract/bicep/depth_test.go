package bicep

import (
	"strings"
	"testing"
)

// TestDepthLimit: nesting past maxDepth fails with the depth's error, through
// each construct that counts a level (enter), and nesting within it parses;
// the levels are left on the way out (leave), so that siblings do not add up.
func TestDepthLimit(t *testing.T) {
	nest := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	// The deepest nesting that parses, as main read it before enter's leave
	// was no longer deferred: an array, object or interpolation counts two
	// levels (its own and its item's expression), a parenthesis, sign or
	// call one.
	half := maxDepth/2 - 1
	siblings := func(open, close string, n int) string {
		return "[" + strings.Repeat(nest(open, close, n)+"\n", 3) + "]"
	}
	tests := []struct {
		name  string
		value string
		deep  bool
	}{
		{"arrays", nest("[", "]", half), false},
		{"arrays too deep", nest("[", "]", half+1), true},
		{"arrays on lines", nest("[\n", "\n]", half), false},
		{"objects", nest("{a: ", "}", half), false},
		{"objects too deep", nest("{a: ", "}", half+1), true},
		{"interpolations", nest("'${", "}'", half), false},
		{"interpolations too deep", nest("'${", "}'", half+1), true},
		{"parens", nest("(", ")", maxDepth-1), false},
		{"parens too deep", nest("(", ")", maxDepth), true},
		{"signs", nest("-", "", maxDepth-1), false},
		{"signs too deep", nest("-", "", maxDepth), true},
		{"calls", nest("f(", ")", maxDepth-1), false},
		{"calls too deep", nest("f(", ")", maxDepth), true},
		// Siblings each nested to the limit: a level not left would add up.
		{"sibling arrays", siblings("[", "]", half-1), false},
		{"sibling arrays too deep", siblings("[", "]", half), true},
		{"sibling objects", siblings("{a: ", "}", half-1), false},
		{"sibling interpolations", siblings("'${", "}'", half-1), false},
	}
	for _, tc := range tests {
		_, err := Parse("t.bicep", "var v = "+tc.value+"\n", false)
		deep := err != nil && strings.Contains(err.Error(), "levels deep")
		if deep != tc.deep || (err != nil && !tc.deep) {
			t.Errorf("%s: error %v, want too deep %v", tc.name, err, tc.deep)
		}
	}
}
