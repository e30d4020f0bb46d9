package lint

import (
	"strings"
	"testing"
)

// TestCapTokens: a parse error keeps at most maxToken characters of any token, so
// the text of a file that is not what it claims is not printed beyond it.
func TestCapTokens(t *testing.T) {
	long := strings.Repeat("S", 200)
	for _, tc := range []struct{ msg, file, want string }{
		{"invalid character 'M' looking for beginning of value", "f.json", "invalid character 'M' looking for beginning of value"},
		{"shell syntax error: " + long + " must be followed by )", "a.sh", "shell syntax error: " + strings.Repeat("S", 80) + "… must be followed by )"},
		{"x\t" + strings.Repeat("é", 81), "", "x\t" + strings.Repeat("é", 80) + "…"},
		{"open /" + long + ": too large", "/" + long, "open /" + long + ": too large"}, // the file's own path
		{strings.Repeat("a", 80), "", strings.Repeat("a", 80)},
		{"", "", ""},
	} {
		if got := capTokens(tc.msg, tc.file); got != tc.want {
			t.Errorf("capTokens(%q)\n got %q\nwant %q", tc.msg, got, tc.want)
		}
	}
}
