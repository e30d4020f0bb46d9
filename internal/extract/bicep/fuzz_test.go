package bicep

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// repoRoot is the repository root, from this package's directory.
const repoRoot = "../../.."

// FuzzExtract feeds Bicep source (seeded with every .bicep file of testdata) to the
// whole reader: parse, compile, evaluate. It must never panic; a failure is one
// located error, and every location is in a file that was read; compiled text the
// compiler writes is valid ASCII JSON (checkCompiledJSON).
func FuzzExtract(f *testing.F) {
	var seeds []string
	for _, dir := range []string{filepath.Join(repoRoot, "testdata", "bicep"), filepath.Join(repoRoot, "..", "shared", "corpus", "bicep")} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (IsBicepName(p) || IsParamName(p)) {
				seeds = append(seeds, p)
			}
			return nil
		})
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("module m 'self.bicep' = {\n  name: 'm'\n}\n"))
	f.Add([]byte("module j 'm.json' = {\n  name: 'j'\n  params: {\n    p: loadYamlContent('p.yaml', '$.net.prefix')\n  }\n}\noutput o string = j.outputs.o\n"))
	f.Add([]byte("var x = '${'${'${1}'}'}'\nvar y = [for (a, i) in range(0, 3): if (i > 0) {\n  v: a ?? x\n}]\n"))
	f.Add([]byte("var a = ['x']\nvar b = [...a, 'y', ...[for i in range(0, 2): i]]\nresource p 'Microsoft.X/ps@2020-01-01' = {\n  name: b[0]\n  resource c 'cs' = [for (x, i) in b: {\n    name: '${x}${i}'\n  }]\n  resource d 'ds' = {\n    name: c[1].name\n  }\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		load := func(from, rel string) (string, []byte, error) {
			switch rel {
			case "self.bicep":
				return "t.bicep", data, nil // a module that includes itself
			case "m.json":
				return "m.json", []byte(`{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","parameters":{"p":{"type":"string"}},"resources":[],"outputs":{"o":{"type":"string","value":"[parameters('p')]"}}}`), nil
			case "p.yaml":
				return "p.yaml", []byte("net:\n  prefix: 10.0.0.0/16\n  list: [a, b]\n"), nil
			case "mod.bicep":
				return "mod.bicep", []byte("param p string = 'x'\noutput o string = p\n"), nil
			}
			return "", nil, errors.New("no such file")
		}
		if out, sm, _, err := Compile("t.bicep", data, nil, load); err == nil {
			checkCompiledJSON(t, out, sm)
		}
		doc, locs, err := Extract("t.bicep", data, Options{Load: load})
		if err != nil {
			var se *netdoc.SourceError
			if !errors.As(err, &se) || se.Line < 1 || se.Column < 1 {
				t.Fatalf("error without a location: %v", err)
			}
			return
		}
		if doc == nil {
			t.Fatal("no document and no error")
		}
		for p, l := range locs {
			for _, loc := range append([]netdoc.Location{l.Location}, relatedLocs(l)...) {
				if loc.File != "t.bicep" && loc.File != "mod.bicep" && loc.File != "m.json" || loc.Line < 1 || loc.Column < 1 {
					t.Fatalf("%s located at %+v, not in a file read", p, loc)
				}
			}
		}
	})
}

func relatedLocs(l netdoc.Located) []netdoc.Location {
	out := make([]netdoc.Location, 0, len(l.Related))
	for _, r := range l.Related {
		out = append(out, r.Location)
	}
	return out
}
