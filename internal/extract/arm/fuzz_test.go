package arm

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/extracttest"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// FuzzExtract feeds templates (seeded with every template of testdata and
// the corpus) and a parameter file to the extractor: it must never panic,
// and keys must stay unique and unresolved values located.
func FuzzExtract(f *testing.F) {
	var seeds []string
	for _, pat := range []string{"testdata/arm/*/*.json", "testdata/corpus/*.json", "examples/template/*.json", "testdata/hostile/*.json", "testdata/hostile/no-exec/*.json"} {
		m, _ := filepath.Glob(filepath.Join(repoRoot, pat))
		seeds = append(seeds, m...)
	}
	params := `{"parameters": {"resourceName": {"value": "fz"}, "custom_vnet": {"value": true}}}`
	for _, s := range seeds {
		if strings.HasSuffix(s, ".golden.json") || IsParameterFileName(s) {
			continue
		}
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, []byte(params))
	}
	f.Add([]byte(`{"resources": [{"type": "Microsoft.Resources/deployments", "name": "a", "properties": {"template": {"resources": []}}}]}`), []byte(`{}`))
	f.Fuzz(func(t *testing.T, data, pdata []byte) {
		src, root, err := jsonsrc.Parse("t.json", data)
		if err != nil || !root.IsObject() {
			return
		}
		opt := armeval.Options{Load: func(from, rel string) (*jsonsrc.Source, gjson.Result, error) {
			if rel == "self.json" {
				return src, root, nil // a template that links itself
			}
			return nil, gjson.Result{}, errors.New("no such file")
		}}
		if psrc, proot, err := jsonsrc.Parse("t.parameters.json", pdata); err == nil {
			if p, err := armeval.ParseParams(psrc, proot); err == nil {
				opt.Params = p
			}
		}
		doc, locs := ExtractWith(src, root, opt)
		checkInvariants(t, doc, locs)
		extracttest.CheckInvariants(t, extracttest.Extraction{Doc: doc, Locs: locs},
			extracttest.Files(map[string][]byte{"t.json": data, "t.parameters.json": pdata}),
			func() extracttest.Extraction {
				d, l := ExtractWith(src, root, opt)
				return extracttest.Extraction{Doc: d, Locs: l}
			})
	})
}
