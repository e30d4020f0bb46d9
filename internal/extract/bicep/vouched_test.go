package bicep

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// checkVouched fails when the source map's line starts are not the compiled
// text's, or when the compiler vouches for text that is not what
// jsonsrc.ParseGenerated trusts it to be: valid JSON, ASCII only.
func checkVouched(t *testing.T, out []byte, sm *SourceMap) {
	t.Helper()
	if !slices.Equal(sm.lines, netdoc.LineStarts(out)) {
		t.Fatal("the source map's line starts are not the compiled text's")
	}
	if !sm.vouched {
		return
	}
	if !gjson.ValidBytes(out) {
		t.Fatalf("the compiler vouches for text that is not JSON:\n%.500s", out)
	}
	for i, c := range out {
		if c >= 0x80 {
			t.Fatalf("the compiler vouches for text that is not ASCII at offset %d", i)
		}
	}
}

// TestCompiledTextIsAsVouched: every Bicep file of testdata and of the shared corpus
// (modules read from disk) compiles to text the compiler vouches for honestly, and
// a number JSON cannot read is not vouched for (the reader validates the text and
// reports it, located in the Bicep source).
func TestCompiledTextIsAsVouched(t *testing.T) {
	for _, tc := range []struct {
		src     string
		vouched bool
	}{
		{"param x int = 7\nparam y int = -0\nparam z int = 10\nvar f = 0.5\nvar g = -1.25\n", true},
		{"param x int = 007\n", false},
		{"var x = -01\n", false},
		{"var x = [\n  00\n]\n", false},
	} {
		out, sm, _, err := Compile("t.bicep", []byte(tc.src), nil, nil)
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		if sm.vouched != tc.vouched {
			t.Errorf("%q: vouched %v, want %v", tc.src, sm.vouched, tc.vouched)
		}
		checkVouched(t, out, sm)
		if _, _, err := Extract("t.bicep", []byte(tc.src), Options{}); (err == nil) != tc.vouched {
			t.Errorf("%q: error %v", tc.src, err)
		}
	}
	n := 0
	for _, dir := range []string{filepath.Join(repoRoot, "testdata", "bicep"), filepath.Join(repoRoot, "..", "shared", "corpus", "bicep")} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !IsBicepName(p) {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			load := func(from, rel string) (string, []byte, error) {
				path := filepath.Join(filepath.Dir(from), rel)
				b, err := os.ReadFile(path)
				return path, b, err
			}
			out, sm, _, cerr := Compile(p, data, nil, load)
			if cerr != nil {
				return nil //nolint:nilerr // a syntax error case: nothing is vouched for
			}
			n++
			t.Run(p, func(t *testing.T) { checkVouched(t, out, sm) })
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 50 {
		t.Errorf("only %d files compiled", n)
	}
}
