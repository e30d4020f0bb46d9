package bicep

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep/bicepbench"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// checkCompiledJSON fails when the source map's line starts are not the compiled
// text's, or when the compiled text is not what jsonsrc.ParseGenerated trusts it to
// be: valid JSON, ASCII only.
func checkCompiledJSON(t *testing.T, out []byte, sm *SourceMap) {
	t.Helper()
	var lines []int32
	for _, s := range netdoc.LineStarts(out) {
		lines = append(lines, int32(s)) //nolint:gosec // G115: bounded by maxOutput
	}
	if !slices.Equal(sm.lines, lines) {
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
	// The writer's index of the objects and arrays is the one the scan of
	// ParseGenerated builds; both refuse text nested past jsonsrc.MaxDepth.
	indexed, _, iok := jsonsrc.ParseIndexed("g.json", out, sm.lines, sm.boxes)
	scanned, _, sok := jsonsrc.ParseGenerated("g.json", out, sm.lines)
	if iok != sok || iok && !reflect.DeepEqual(indexed, scanned) {
		t.Fatalf("the writer's index of the objects and arrays is not the scan's (read %v, scanned %v)", iok, sok)
	}
	// The expressions recorded for armeval.Preparse are the values at their offsets.
	for _, e := range sm.exprs {
		v := gjson.ParseBytes(out[e.Off:])
		if want := "[" + sm.texts[e.Text] + "]"; v.Type != gjson.String || v.String() != want {
			t.Fatalf("the value at offset %d is %.80s, not the expression %s recorded for it", e.Off, v.Raw, want)
		}
	}
}

// TestPreparsedAreWritten: the writer records every expression it writes as a
// string value once per value and once per distinct text, in the modules it copies
// too, and checkCompiledJSON finds each at its offset.
func TestPreparsedAreWritten(t *testing.T) {
	spoke := "param name string\nresource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {\n  name: '${name}-nsg'\n  location: resourceGroup().location\n}\noutput id string = nsg.id\n"
	main := "module a 'spoke.bicep' = {\n  name: 'a'\n  params: {\n    name: 'a'\n  }\n}\nmodule b 'spoke.bicep' = {\n  name: 'b'\n  params: {\n    name: 'b'\n  }\n}\noutput ids array = [\n  a.outputs.id\n  b.outputs.id\n]\nvar literal = '[[not an expression]'\n"
	load := func(from, rel string) (string, []byte, error) { return rel, []byte(spoke), nil }
	out, sm, _, err := Compile("main.bicep", []byte(main), nil, load)
	if err != nil {
		t.Fatal(err)
	}
	checkCompiledJSON(t, out, sm)
	// Every "[..." value but the literal is recorded at its own offset, and the
	// copy of the module shares the texts of the first.
	var want, got []int
	for i := 1; i+2 < len(out); i++ {
		if out[i] == '"' && out[i+1] == '[' && out[i+2] != '[' && out[i-1] != '\\' {
			want = append(want, i)
		}
	}
	for _, e := range sm.exprs {
		got = append(got, int(e.Off))
	}
	slices.Sort(got)
	if !slices.Equal(got, want) || len(sm.texts) >= len(sm.exprs) {
		t.Errorf("expressions recorded at %v with %d texts, want at %v with fewer texts:\n%s", got, len(sm.texts), want, out)
	}
	bench, modules := bicepbench.Project(200 << 10)
	out, sm, _, err = Compile("main.bicep", bench, nil, func(from, rel string) (string, []byte, error) { return rel, modules[rel], nil })
	if err != nil {
		t.Fatal(err)
	}
	checkCompiledJSON(t, out, sm)
	if len(sm.exprs) == 0 {
		t.Error("no expression recorded")
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
	eachSourceFile(t, IsBicepName, func(p string, data []byte) {
		out, sm, _, cerr := Compile(p, data, nil, diskLoader)
		if cerr != nil {
			return // a syntax error case: no compiled text
		}
		n++
		t.Run(p, func(t *testing.T) { checkCompiledJSON(t, out, sm) })
	})
	if n < 50 {
		t.Errorf("only %d files compiled", n)
	}
}

// eachSourceFile calls fn with every file of testdata/bicep and the shared
// corpus's Bicep projects whose name is, by is, and its contents.
func eachSourceFile(t *testing.T, is func(string) bool, fn func(p string, data []byte)) {
	t.Helper()
	for _, dir := range []string{filepath.Join(repoRoot, "testdata", "bicep"), filepath.Join(repoRoot, "..", "shared", "corpus", "bicep")} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !is(p) {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fn(p, data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// diskLoader reads a module from disk, beside the file that calls it.
func diskLoader(from, rel string) (string, []byte, error) {
	path := filepath.Join(filepath.Dir(from), rel)
	b, err := os.ReadFile(path)
	return path, b, err
}
