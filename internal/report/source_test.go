package report

import (
	"errors"
	"testing"
)

func TestSourceCacheLine(t *testing.T) {
	files := map[string]string{
		"lf":    "one\ntwo\n\nfour",
		"crlf":  "one\r\ntwo\r\n",
		"empty": "",
	}
	reads := 0
	c := newSourceCache(func(name string) ([]byte, error) {
		reads++
		s, ok := files[name]
		if !ok {
			return nil, errors.New("no such file")
		}
		return []byte(s), nil
	}, nil)
	for _, tc := range []struct {
		file string
		n    int
		want string
		ok   bool
	}{
		{"lf", 1, "one", true},
		{"lf", 2, "two", true},
		{"lf", 3, "", true},
		{"lf", 4, "four", true},
		{"lf", 5, "", false},
		{"lf", 0, "", false},
		{"crlf", 1, "one", true},
		{"crlf", 2, "two", true},
		{"crlf", 3, "", true},
		{"crlf", 4, "", false},
		{"empty", 1, "", true},
		{"empty", 2, "", false},
		{"missing", 1, "", false},
		{"missing", 2, "", false},
	} {
		got, ok := c.line(tc.file, tc.n)
		if got != tc.want || ok != tc.ok {
			t.Errorf("line(%s, %d) = %q, %v; want %q, %v", tc.file, tc.n, got, ok, tc.want, tc.ok)
		}
	}
	if reads != 4 {
		t.Errorf("%d reads for 4 files", reads)
	}
}

// TestSourceCacheKeptLines: the lines the run kept are used first; a line it did not
// keep is read from the file.
func TestSourceCacheKeptLines(t *testing.T) {
	reads := 0
	kept := map[string]map[int]string{"a": {2: "kept two"}}
	c := newSourceCache(func(string) ([]byte, error) {
		reads++
		return []byte("one\nfile two\nthree"), nil
	}, func(file string, n int) (string, bool) {
		l, ok := kept[file][n]
		return l, ok
	})
	if got, _ := c.line("a", 2); got != "kept two" || reads != 0 {
		t.Errorf("kept line: %q after %d reads", got, reads)
	}
	if got, _ := c.line("a", 3); got != "three" || reads != 1 {
		t.Errorf("line not kept: %q after %d reads", got, reads)
	}
}
