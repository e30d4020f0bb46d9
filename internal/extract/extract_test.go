package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/aksnet-lint/aksnet-lint/internal/effective"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const template = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}`

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.json", template)
	write(t, dir, "infra/b.jsonc", template)
	write(t, dir, "infra/old/c.json", template)
	write(t, dir, "deploy", "#!/usr/bin/env bash\naz aks create\n")
	write(t, dir, "notes.txt", "x")
	write(t, dir, ".git/config.json", "{}")
	write(t, dir, "node_modules/x/package.json", "{}")
	outside := write(t, t.TempDir(), "outside.json", template)
	if err := os.Symlink(outside, filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	cands, errs := Discover([]string{dir}, DiscoverOptions{Exclude: []string{"**/old/**"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, c := range cands {
		rel, _ := filepath.Rel(dir, c.Path)
		got = append(got, filepath.ToSlash(rel))
		if c.Explicit {
			t.Errorf("%s explicit from a walk", rel)
		}
	}
	want := []string{"a.json", "deploy", "infra/b.jsonc"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	cands, _ = Discover([]string{filepath.Join(dir, "notes.txt")}, DiscoverOptions{})
	if len(cands) != 1 || !cands[0].Explicit {
		t.Errorf("explicit file: %+v", cands)
	}
	if _, errs := Discover([]string{filepath.Join(dir, "missing")}, DiscoverOptions{}); len(errs) != 1 {
		t.Errorf("missing path: %v", errs)
	}
}

func TestFileClassification(t *testing.T) {
	tests := []struct {
		name, content string
		explicit      bool
		docs          int
		errPart       string
	}{
		{"template", template, false, 1, ""},
		{"template by shape", `{"resources": []}`, false, 1, ""},
		{"bicep", `{"metadata": {"_generator": {"name": "bicep"}}, "resources": []}`, false, 1, ""},
		{"parameters in a walk", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`, false, 0, ""},
		{"parameters named, no template", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`, true, 0, "parameter file without a template"},
		{"unrelated json in a walk", `{"name": "package"}`, false, 0, ""},
		{"unrelated json named", `{"name": "package"}`, true, 0, "not an ARM template"},
		{"array named", `[1]`, true, 0, "found an array"},
		{"template without resources", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"}`, true, 0, "without resources"},
		{"invalid json in a walk", `{"resources": [}`, false, 0, "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := File(Candidate{Path: "x.json", Explicit: tt.explicit}, []byte(tt.content))
			if tt.errPart != "" {
				var se *netdoc.SourceError
				if !errors.As(err, &se) || !strings.Contains(se.Msg, tt.errPart) || se.Line == 0 {
					t.Fatalf("error %v, want a located one containing %q", err, tt.errPart)
				}
				return
			}
			if err != nil || len(res) != tt.docs {
				t.Fatalf("%d docs, %v; want %d", len(res), err, tt.docs)
			}
		})
	}
	res, _ := File(Candidate{Path: "b.json"}, []byte(`{"metadata": {"_generator": {"name": "bicep"}}, "resources": []}`))
	if res[0].Doc.Kind != netdoc.KindBicep {
		t.Errorf("kind %s, want bicep", res[0].Doc.Kind)
	}
}

func TestReadFileLimits(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "big.json", strings.Repeat(" ", 101))
	if _, err := ReadFile(p, 100); err == nil || !strings.Contains(err.Error(), "file too large") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := ReadFile(p, 101); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := ReadFile(dir, 100); err == nil {
		t.Error("a directory was read as a file")
	}
}

// TestDocumentsMatchSchema validates every document extracted from testdata, the
// examples and the shared corpus (effective values applied) against the schema the
// policies are type-checked with.
func TestDocumentsMatchSchema(t *testing.T) {
	var schemaDoc any
	if err := json.Unmarshal(netdoc.Schema, &schemaDoc); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("netdoc.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("netdoc.json")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, g := range []string{"../../testdata/*/*/*.json", "../../examples/*/*.json", "../../testdata/corpus/*.json"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	docs := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := File(Candidate{Path: f}, data)
		if err != nil {
			continue // parse-error cases are tested elsewhere
		}
		for _, r := range res {
			effective.Apply(r.Doc)
			raw, _ := json.Marshal(r.Doc)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("%s: %v", f, err)
			}
			docs++
		}
	}
	if docs < 10 {
		t.Fatalf("only %d documents validated", docs)
	}
	t.Logf("%d documents valid", docs)
}

// TestCorpusExtracts: every file of the corpus (testdata/corpus, copied from public
// repositories) is read without a parse error or a panic.
func TestCorpusExtracts(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/corpus/*.json")
	if len(files) < 20 {
		t.Fatal("corpus missing")
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := File(Candidate{Path: f, Explicit: true}, data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
		for _, r := range res {
			for _, u := range r.Doc.Unresolved {
				if u.Pointer == "" {
					t.Errorf("%s: a document-level problem: %+v", f, u)
				}
			}
		}
	}
}

const paramsDoc = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"cidr": {"value": %q}}}`

const pairedTemplate = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"cidr": {"type": "string", "defaultValue": "10.0.0.0/16"}},
  "resources": [{"type": "Microsoft.ContainerService/managedClusters", "name": "c", "properties": {"networkProfile": {"serviceCidr": "[parameters('cidr')]"}}}]}`

func serviceCidrs(t *testing.T, res []Result) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range res {
		name := ""
		if r.Doc.ParameterFile != "" {
			name = filepath.Base(r.Doc.ParameterFile)
		}
		out[name] = strings.Join(r.Doc.Clusters[0].NetworkProfile.ServiceCidrs, ",")
	}
	return out
}

// TestPairing: a template is linted once per parameter file beside it (X.parameters.json,
// X.<variant>.parameters.json), with its defaults when it has none, with --parameters
// instead when given; a parameter file is never a template, and one named explicitly
// is linted with its template, or reported when that is missing.
func TestPairing(t *testing.T) {
	dir := t.TempDir()
	tmpl := write(t, dir, "main.json", pairedTemplate)
	write(t, dir, "main.parameters.json", fmt.Sprintf(paramsDoc, "10.1.0.0/16"))
	prod := write(t, dir, "main.prod.parameters.json", fmt.Sprintf(paramsDoc, "10.2.0.0/16"))
	write(t, dir, "main.b.json", pairedTemplate)
	write(t, dir, "main.b.parameters.json", fmt.Sprintf(paramsDoc, "10.3.0.0/16"))
	other := write(t, t.TempDir(), "other.json", fmt.Sprintf(paramsDoc, "10.9.0.0/16"))
	lone := write(t, dir, "lone.parameters.json", fmt.Sprintf(paramsDoc, "10.4.0.0/16"))
	data, _ := os.ReadFile(tmpl)

	res, err := File(Candidate{Path: tmpl}, data)
	if got := serviceCidrs(t, res); err != nil || len(got) != 2 || got["main.parameters.json"] != "10.1.0.0/16" || got["main.prod.parameters.json"] != "10.2.0.0/16" {
		t.Errorf("beside: %v %v", got, err)
	}
	res, err = FileWith(Candidate{Path: tmpl}, data, Options{Pairing: &Pairing{Params: []Source{{Path: other, Origin: OriginFlag}}}})
	if got := serviceCidrs(t, res); err != nil || len(got) != 1 || got["other.json"] != "10.9.0.0/16" {
		t.Errorf("--parameters: %v %v", got, err)
	}
	res, err = FileWith(Candidate{Path: tmpl}, data, Options{Pairing: &Pairing{Params: []Source{{Path: tmpl, Origin: OriginFlag}}}})
	var se *netdoc.SourceError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "not a parameter file") {
		t.Errorf("--parameters with a template: %v %v", res, err)
	}
	bdata, _ := os.ReadFile(filepath.Join(dir, "main.b.json"))
	res, _ = File(Candidate{Path: filepath.Join(dir, "main.b.json")}, bdata)
	if got := serviceCidrs(t, res); len(got) != 1 || got["main.b.parameters.json"] != "10.3.0.0/16" {
		t.Errorf("longest template name wins: %v", got)
	}
	pdata, _ := os.ReadFile(prod)
	if res, err := File(Candidate{Path: prod}, pdata); err != nil || len(res) != 0 {
		t.Errorf("a parameter file in a walk gave %v %v", res, err)
	}
	res, err = File(Candidate{Path: prod, Explicit: true}, pdata)
	if got := serviceCidrs(t, res); err != nil || len(got) != 1 || got["main.prod.parameters.json"] != "10.2.0.0/16" || res[0].Doc.File != tmpl {
		t.Errorf("named parameter file: %v %v", got, err)
	}
	ldata, _ := os.ReadFile(lone)
	if _, err := File(Candidate{Path: lone, Explicit: true}, ldata); !errors.As(err, &se) || !strings.Contains(se.Msg, "expected lone.json beside it") || se.File != lone {
		t.Errorf("missing template: %v", err)
	}
	alone := write(t, t.TempDir(), "solo.json", pairedTemplate)
	sdata, _ := os.ReadFile(alone)
	res, _ = File(Candidate{Path: alone}, sdata)
	if got := serviceCidrs(t, res); len(got) != 1 || got[""] != "10.0.0.0/16" {
		t.Errorf("defaults alone: %v", got)
	}
	write(t, dir, "bad.json", pairedTemplate)
	write(t, dir, "bad.parameters.json", `{"parameters": {`)
	bad, _ := os.ReadFile(filepath.Join(dir, "bad.json"))
	if _, err := File(Candidate{Path: filepath.Join(dir, "bad.json")}, bad); !errors.As(err, &se) || !strings.HasSuffix(se.File, "bad.parameters.json") {
		t.Errorf("broken parameter file: %v", err)
	}
}

// TestLinkedTemplates: templateLink.relativePath is followed inside the root, never
// outside it.
func TestLinkedTemplates(t *testing.T) {
	root := t.TempDir()
	outer := `{"resources": [{"type": "Microsoft.Resources/deployments", "name": "net", "properties": {"templateLink": {"relativePath": %q}, "parameters": {"p": {"value": "10.5.0.0/16"}}}}]}`
	linked := `{"parameters": {"p": {"type": "string"}}, "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {"addressSpace": {"addressPrefixes": ["[parameters('p')]"]}}}]}`
	write(t, root, "infra/modules/vnet.json", linked)
	in := write(t, root, "infra/main.json", fmt.Sprintf(outer, "modules/vnet.json"))
	out := write(t, root, "infra/escape.json", fmt.Sprintf(outer, "../../outside.json"))
	write(t, filepath.Dir(root), "outside.json", linked)
	policy, err := pathpolicy.New(filepath.Join(root, "infra"))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(in)
	res, err := FileWith(Candidate{Path: in}, data, Options{Root: policy})
	if err != nil || len(res[0].Doc.VirtualNetworks) != 1 || res[0].Doc.VirtualNetworks[0].AddressPrefixes[0] != "10.5.0.0/16" {
		t.Fatalf("linked: %+v %v", res, err)
	}
	data, _ = os.ReadFile(out)
	res, err = FileWith(Candidate{Path: out}, data, Options{Root: policy})
	if err != nil || len(res[0].Doc.VirtualNetworks) != 0 || len(res[0].Doc.Unresolved) != 1 || !strings.Contains(res[0].Doc.Unresolved[0].Reason, "outside the root") {
		t.Errorf("escape: %+v %v", res[0].Doc, err)
	}
}

// TestReadAll: a file is read whole into one buffer of its size, whatever the size
// said when it was opened; one that grows past the limit meanwhile is refused.
func TestReadAll(t *testing.T) {
	data := strings.Repeat("0123456789", 1000)
	for _, tc := range []struct {
		name          string
		size, maxSize int64
		wantErr       bool
	}{
		{"size as opened", int64(len(data)), 1 << 20, false},
		{"grew since", 10, 1 << 20, false},
		{"shrank since", int64(len(data)) * 2, 1 << 20, false},
		{"empty", 0, 1 << 20, false},
		{"at the limit", int64(len(data)), int64(len(data)), false},
		{"grew past the limit", 10, int64(len(data)) - 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := data
			if tc.name == "empty" {
				src = ""
			}
			got, err := readAll(iotest.OneByteReader(strings.NewReader(src)), tc.size, tc.maxSize)
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), "file too large") {
					t.Fatalf("err %v, want file too large", err)
				}
				return
			}
			if err != nil || string(got) != src {
				t.Fatalf("got %d bytes, err %v; want %d bytes", len(got), err, len(src))
			}
		})
	}
	got, err := readAll(strings.NewReader(data), int64(len(data)), 1<<20)
	if err != nil || cap(got) != len(data)+1 {
		t.Errorf("a file of the size it had: cap %d, err %v; want one buffer of %d", cap(got), err, len(data)+1)
	}
}
