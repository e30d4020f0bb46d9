package azcli

import "testing"

// TestCommentMayContinue: the lines that can hold a comment mvdan/sh continues onto
// the next line (a '#', then a backslash ending the line) are found, and no others.
func TestCommentMayContinue(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"", false},
		{"az aks create -g rg \\\n  -n a\n", false},                       // a continuation, no comment
		{"# a comment\naz aks create \\\n  -n a\n", false},                // the '#' on another line
		{"  # --node-count 5 \\\n  --max-pods 40\n", true},                // a continued comment
		{"echo '#' \\\n  x\n", true},                                      // maybe: the parse decides
		{"# ends in a backslash without a newline \\", false},             // nothing follows it
		{"# a backslash inside \\ the line\naz aks show\n", false},        // not at the end
		{"az aks create -g rg \\\n  # --node-count 5 \\\n  -n a\n", true}, // the second line
	} {
		if got := commentMayContinue([]byte(c.src)); got != c.want {
			t.Errorf("%q: %v, want %v", c.src, got, c.want)
		}
	}
}
