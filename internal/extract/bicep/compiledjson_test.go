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

// checkCompiledJSON fails when the source map's line starts are not the compiled
// text's, or when the compiled text is not what jsonsrc.ParseGenerated trusts it to
// be: valid JSON, ASCII only.
func checkCompiledJSON(t *testing.T, out []byte, sm *SourceMap) {
	t.Helper()
	if !slices.Equal(sm.lines, netdoc.LineStarts(out)) {
		t.Fatal("the source map's line starts are not the compiled text's")
	}
	if !gjson.ValidBytes(out) {
		t.Fatalf("the compiled text is not JSON:\n%.500s", out)
	}
	for i, c := range out {
		if c >= 0x80 {
			t.Fatalf("the compiled text is not ASCII at offset %d", i)
		}
	}
}

// TestCompiledTextIsJSON: every Bicep file of testdata and of the shared corpus
// (modules read from disk) compiles to valid ASCII JSON; a number Bicep reads with
// leading zeros is written as JSON spells it.
func TestCompiledTextIsJSON(t *testing.T) {
	for _, tc := range []struct{ src, path, want string }{
		{"param x int = 7\nparam y int = -0\nparam z int = 10\nvar f = 0.5\nvar g = -1.25\n", "parameters.z.defaultValue", "10"},
		{"param x int = 007\n", "parameters.x.defaultValue", "7"},
		{"param x int = 000\n", "parameters.x.defaultValue", "0"},
		{"var x = -01\n", "", ""},
		{"var x = [\n  00\n]\n", "", ""},
	} {
		out, sm, _, err := Compile("t.bicep", []byte(tc.src), nil, nil)
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		checkCompiledJSON(t, out, sm)
		if got := gjson.GetBytes(out, tc.path).Raw; tc.path != "" && got != tc.want {
			t.Errorf("%q: %s is %s, want %s", tc.src, tc.path, got, tc.want)
		}
		if _, _, err := Extract("t.bicep", []byte(tc.src), Options{}); err != nil {
			t.Errorf("%q: %v", tc.src, err)
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
				return nil //nolint:nilerr // a syntax error case: no compiled text
			}
			n++
			t.Run(p, func(t *testing.T) { checkCompiledJSON(t, out, sm) })
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
