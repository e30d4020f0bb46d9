package jsonsrc

import (
	"errors"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestMaxDepthBoundary: nesting exactly MaxDepth deep is read; one level more is an
// error located at the bracket that opens the extra level, whatever the file's size.
func TestMaxDepthBoundary(t *testing.T) {
	nest := func(n int) string {
		return "{\"a\":\n" + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + "}"
	}
	if _, _, err := Parse("f.json", []byte(nest(MaxDepth))); err != nil {
		t.Fatalf("%d levels: %v", MaxDepth, err)
	}
	for _, n := range []int{MaxDepth + 1, 100_000} {
		_, _, err := Parse("f.json", []byte(nest(n)))
		var se *netdoc.SourceError
		if !errors.As(err, &se) {
			t.Fatalf("%d levels: error %v, want a SourceError", n, err)
		}
		// Line 2 holds the arrays: level 1 is the object, so level MaxDepth+1 is array MaxDepth.
		if se.Line != 2 || se.Column != MaxDepth || !strings.Contains(se.Msg, "nested deeper than 128 levels") {
			t.Errorf("%d levels: %d:%d %q, want 2:%d nested deeper than %d levels", n, se.Line, se.Column, se.Msg, MaxDepth, MaxDepth)
		}
	}
}

func TestDepthExceededIgnoresStrings(t *testing.T) {
	tests := []struct {
		data  string
		limit int
		want  int
	}{
		{`[[1]]`, 2, -1},
		{`[[[1]]]`, 2, 2},
		{`["[[[[", "\"[[[", "\\"]`, 1, -1},
		{`{"a": "]]]", "b": [[]]}`, 2, 19},
		{`[], [], []`, 1, -1}, // depth returns to 0 between values
	}
	for _, tt := range tests {
		if _, got, _ := scanContainers([]byte(tt.data), tt.limit); got != tt.want {
			t.Errorf("scanContainers(%s, %d) = %d, want %d", tt.data, tt.limit, got, tt.want)
		}
	}
}
