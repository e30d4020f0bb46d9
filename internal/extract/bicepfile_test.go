package extract

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// TestSafeRelative: modules and loaded files are read only inside the roots, as
// regular files reached without a symbolic link.
func TestSafeRelative(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "repo")
	outside := filepath.Join(dir, "secret.txt")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "infra", "modules"), 0o755))
	must(os.WriteFile(filepath.Join(root, "infra", "main.bicep"), nil, 0o644))
	must(os.WriteFile(filepath.Join(root, "infra", "modules", "vnet.bicep"), nil, 0o644))
	must(os.WriteFile(filepath.Join(root, "shared.bicep"), nil, 0o644))
	must(os.WriteFile(outside, []byte("x"), 0o644))
	must(os.Symlink(outside, filepath.Join(root, "infra", "link.bicep")))
	must(os.Symlink(dir, filepath.Join(root, "infra", "up")))
	must(syscall.Mkfifo(filepath.Join(root, "infra", "pipe.bicep"), 0o644))
	must(os.Symlink("/proc/self/environ", filepath.Join(root, "infra", "environ.bicep")))
	from := filepath.Join(root, "infra", "main.bicep")
	roots, err := pathpolicy.New(root)
	must(err)
	tests := []struct {
		rel, err string
	}{
		{"modules/vnet.bicep", ""},
		{"../shared.bicep", ""},
		{"../../secret.txt", "outside the root"},
		{outside, "absolute path"},
		{"modules\\vnet.bicep", "backslash"},
		{"link.bicep", "symbolic link out of the root"},
		{"up/secret.txt", "symbolic link out of the root"},
		{"pipe.bicep", "not a regular file"},
		{"/proc/self/environ", "absolute path"},
		{"environ.bicep", "is a system file; it is never read"},
		{"../../../../../../../../proc/self/environ", "outside the root"},
		{"missing.bicep", "does not exist"},
		{"", "is empty"},
	}
	for _, tc := range tests {
		p, err := safeRelative(from, tc.rel, roots)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.rel, err)
		case tc.err == "" && !strings.HasPrefix(p, root):
			t.Errorf("%q: resolved to %s", tc.rel, p)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want %q", tc.rel, err, tc.err)
		}
	}
	// The module loader of one project remembers the directories it resolved: every
	// refusal is still made, in either order, and a second time.
	for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}} {
		load := bicepLoader(from, Options{Root: roots})
		for _, i := range append(order, order...) {
			tc := tests[i]
			p, data, err := load(from, tc.rel)
			switch {
			case tc.err == "" && (err != nil || !strings.HasPrefix(p, root) || data == nil):
				t.Errorf("loader: %q: %q, %q, %v", tc.rel, p, data, err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("loader: %q: error %v, want %q", tc.rel, err, tc.err)
			}
		}
	}
}

// TestBicepPairing: X.parameters.json, X.<variant>.parameters.json and the
// .bicepparam files whose using line names X.bicep pair with it; a .bicepparam is
// linted with the template it names, never alone in a walk.
func TestBicepPairing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tmpl := "param cidr string = '10.0.0.0/16'\nresource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'vnet'\n  properties: {\n    addressSpace: {\n      addressPrefixes: [\n        cidr\n      ]\n    }\n  }\n}\n"
	write("main.bicep", tmpl)
	write("other.bicep", tmpl)
	write("main.parameters.json", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"cidr": {"value": "10.1.0.0/16"}}}`)
	write("main.prod.parameters.json", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"cidr": {"value": "10.2.0.0/16"}}}`)
	write("dev.bicepparam", "using 'main.bicep'\nparam cidr = '10.3.0.0/16'\n")
	write("other.bicepparam", "using 'other.bicep'\nparam cidr = '10.4.0.0/16'\n")
	main := filepath.Join(dir, "main.bicep")
	got := NewPairer(pathpolicy.Root{}, 0).Beside(Candidate{Path: main}).Params
	want := []Source{{filepath.Join(dir, "dev.bicepparam"), OriginUsing}, {filepath.Join(dir, "main.parameters.json"), OriginBeside}, {filepath.Join(dir, "main.prod.parameters.json"), OriginBeside}}
	if !slices.Equal(got, want) {
		t.Errorf("pairs %v, want %v", got, want)
	}
	results, err := FileWith(Candidate{Path: main, Explicit: true}, []byte(tmpl), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var prefixes []string
	for _, r := range results {
		prefixes = append(prefixes, r.Doc.VirtualNetworks[0].AddressPrefixes[0]+"@"+filepath.Base(r.Doc.ParameterFile))
	}
	if strings.Join(prefixes, " ") != "10.3.0.0/16@dev.bicepparam 10.1.0.0/16@main.parameters.json 10.2.0.0/16@main.prod.parameters.json" {
		t.Errorf("documents %v", prefixes)
	}
	pdata, _ := os.ReadFile(filepath.Join(dir, "dev.bicepparam"))
	if r, err := FileWith(Candidate{Path: filepath.Join(dir, "dev.bicepparam")}, pdata, Options{}); err != nil || len(r) != 0 {
		t.Errorf("walked .bicepparam: %v %d documents, want none", err, len(r))
	}
	r, err := FileWith(Candidate{Path: filepath.Join(dir, "dev.bicepparam"), Explicit: true}, pdata, Options{})
	if err != nil || len(r) != 1 || r[0].Doc.VirtualNetworks[0].AddressPrefixes[0] != "10.3.0.0/16" || r[0].Locs["/virtualNetworks/0/addressPrefixes/0"].Related[0].File != filepath.Join(dir, "dev.bicepparam") {
		t.Errorf("named .bicepparam: %v %+v", err, r)
	}
	jdata, _ := os.ReadFile(filepath.Join(dir, "main.parameters.json"))
	if Unlintable(filepath.Join(dir, "main.parameters.json"), jdata, NewPairer(pathpolicy.Root{}, 0).Beside(Candidate{Path: filepath.Join(dir, "main.parameters.json"), Explicit: true})) {
		t.Error("main.parameters.json beside main.bicep is unlintable")
	}
	pdata2, _ := os.ReadFile(filepath.Join(dir, "main.prod.parameters.json"))
	r, err = FileWith(Candidate{Path: filepath.Join(dir, "main.prod.parameters.json"), Explicit: true}, pdata2, Options{})
	if err != nil || len(r) != 1 || r[0].Doc.VirtualNetworks[0].AddressPrefixes[0] != "10.2.0.0/16" {
		t.Errorf("named main.prod.parameters.json: %v %+v", err, r)
	}
}

// TestBicepLoaderReadsOnce: a file two files of a project name by different
// relative paths is read once: the second reference gets the bytes of the first
// read, the same path, and a refusal is still a refusal.
func TestBicepLoaderReadsOnce(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) string {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	main := write("infra/main.bicep", "module a 'mods/x.bicep' = {}")
	other := write("infra/mods/y.bicep", "module b './x.bicep' = {}")
	write("infra/mods/x.bicep", "first")
	r, err := pathpolicy.New(root)
	if err != nil {
		t.Fatal(err)
	}
	load := bicepLoader(main, Options{Root: r})
	p1, d1, err := load(main, "mods/x.bicep")
	if err != nil || string(d1) != "first" {
		t.Fatalf("first read: %q, %v", d1, err)
	}
	write("infra/mods/x.bicep", "second") // not read again by this project's loader
	p2, d2, err := load(other, "x.bicep")
	if err != nil || p2 != p1 || string(d2) != "first" {
		t.Fatalf("second reference: %s %q, %v; want %s %q", p2, d2, err, p1, "first")
	}
	if _, _, err := load(other, "../../../x.bicep"); err == nil || !strings.Contains(err.Error(), "outside the root") {
		t.Fatalf("a path out of the root: %v", err)
	}
	if _, d, err := bicepLoader(main, Options{Root: r})(main, "mods/x.bicep"); err != nil || string(d) != "second" {
		t.Fatalf("another read of the project: %q, %v", d, err)
	}
}

// TestBaseParamFile: a .bicepparam file that extends a base one is read with the
// base's values (through the path policy, from its own directory); the base file
// (using none) is never linted alone: walked, it gives nothing, and named, it is a
// NotInputError (a note), not a failure.
func TestBaseParamFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.bicep", "param cidr string = '10.0.0.0/16'\nresource v 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'v'\n  properties: {\n    addressSpace: {\n      addressPrefixes: [cidr]\n    }\n  }\n}\n")
	write(t, dir, "base.bicepparam", "using none\nparam cidr = '10.5.0.0/16'\n")
	write(t, dir, "prod.bicepparam", "using 'main.bicep'\nextends 'base.bicepparam'\n")
	pdata, _ := os.ReadFile(filepath.Join(dir, "prod.bicepparam"))
	r, err := FileWith(Candidate{Path: filepath.Join(dir, "prod.bicepparam"), Explicit: true}, pdata, Options{Root: mustRoot(t, dir)})
	if err != nil || len(r) != 1 || r[0].Doc.VirtualNetworks[0].AddressPrefixes[0] != "10.5.0.0/16" {
		t.Fatalf("prod.bicepparam: %v %+v", err, r)
	}
	if rel := r[0].Locs["/virtualNetworks/0/addressPrefixes/0"].Related; len(rel) == 0 || rel[0].File != filepath.Join(dir, "base.bicepparam") || rel[0].Message != "value of parameter 'cidr' in base.bicepparam" {
		t.Errorf("the value's location: %+v", rel)
	}
	bdata, _ := os.ReadFile(filepath.Join(dir, "base.bicepparam"))
	if r, err := FileWith(Candidate{Path: filepath.Join(dir, "base.bicepparam")}, bdata, Options{}); err != nil || len(r) != 0 {
		t.Errorf("walked base.bicepparam: %v %d documents, want none", err, len(r))
	}
	_, err = FileWith(Candidate{Path: filepath.Join(dir, "base.bicepparam"), Explicit: true}, bdata, Options{})
	var ni *NotInputError
	if !errors.As(err, &ni) || !strings.Contains(ni.Error(), "using none") {
		t.Errorf("named base.bicepparam: %v, want a NotInputError", err)
	}
}
