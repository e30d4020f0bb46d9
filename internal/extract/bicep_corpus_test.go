package extract

import (
	"encoding/json"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/gctune"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// bicepCorpus is the in-repository copy of ../shared/corpus/bicep (see its NOTICE).
const bicepCorpus = "../../testdata/bicep/corpus"

// knownDifferences are the pairs whose documents differ, by folder and compiled file,
// with the reason. Each is a difference where the Bicep side knows more: the
// compiled JSON reads a module's outputs with reference(extensionResourceId(...))
// in another resource group or subscription, which the ARM reader does not follow
// yet, where the Bicep reader reads them by the module's symbolic name.
var knownDifferences = map[string]string{
	"bicep__us-101-hub-and-spoke/main.json": "main.json reads the route table and VNet module outputs in other resource groups " +
		"through reference(extensionResourceId(...deployments...)); the Bicep side (as main.symbolicnames.json) knows the peerings and the subnet's route table",
	"missionlz__src-mlz/mlz.json": "mlz.json reads the spoke and hub module outputs in other subscriptions through reference(extensionResourceId(...)); " +
		"the Bicep side knows the address prefixes, NSGs and route tables they carry",
}

// pair is a .bicep entry file and a template compiled from it.
type pair struct {
	folder, bicep, compiled string
}

// bicepPairs finds, in the folders the manifest lists with compiled JSON, every
// template emitted by Bicep whose source (X.bicep for X.json or X.variant.json) is
// beside it.
func bicepPairs(t *testing.T) []pair {
	data, err := os.ReadFile(filepath.Join(bicepCorpus, "MANIFEST.tsv"))
	if err != nil {
		t.Fatalf("the in-repository Bicep corpus is missing: %v", err)
	}
	var out []pair
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		cols := strings.Split(line, "\t")
		if i == 0 || len(cols) < 5 || cols[4] == "-" {
			continue
		}
		folder := filepath.Join(bicepCorpus, cols[0])
		_ = filepath.WalkDir(folder, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
				return err
			}
			dir, base := filepath.Split(p)
			stem, _, _ := strings.Cut(base, ".")
			b := filepath.Join(dir, stem+".bicep")
			if _, statErr := os.Lstat(b); os.IsNotExist(statErr) {
				return nil // no source of that name: not a pair
			}
			jd, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			src, root, err := jsonsrc.Parse(p, jd)
			if err == nil && armeval.IsBicep(src, root) {
				out = append(out, pair{folder: cols[0], bicep: b, compiled: p})
			}
			return nil
		})
	}
	return out
}

// unknownKey is the instance number of a key not known statically ("?expr@16"),
// which counts the resources read before it and so differs between a template that
// lists existing resources (the Bicep side) and one that does not.
var unknownKey = regexp.MustCompile(`^(\?.*)@[0-9]+$`)

// comparable is a document without what a comparison must leave aside: file names,
// locations, the text of unresolved expressions (written differently by the two
// compilers) and the notes of references the Bicep side does not follow (registry
// modules, files the corpus does not include).
func comparable(doc *netdoc.Document) any {
	d := *doc
	d.File, d.ParameterFile = "", ""
	var ptrs []string
	for _, u := range doc.Unresolved {
		if strings.HasPrefix(u.Pointer, "/modules/") || strings.HasPrefix(u.Pointer, "/load/") {
			continue
		}
		ptrs = append(ptrs, u.Pointer)
	}
	sort.Strings(ptrs)
	d.Unresolved = nil
	raw, _ := json.Marshal(d)
	var v any
	_ = json.Unmarshal(raw, &v)
	return map[string]any{"doc": normKeys(v), "unresolved": ptrs}
}

func normKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normKeys(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normKeys(e)
		}
	case string:
		return unknownKey.ReplaceAllString(x, "$1")
	}
	return v
}

func TestBicepCorpusDifferential(t *testing.T) {
	pairs := bicepPairs(t)
	if len(pairs) < 15 {
		t.Fatalf("found %d pairs in %s, want every pair of the manifest (15 or more)", len(pairs), bicepCorpus)
	}
	seen := map[string]bool{}
	for _, p := range pairs {
		rel, _ := filepath.Rel(filepath.Join(bicepCorpus, p.folder), p.compiled)
		key := p.folder + "/" + filepath.ToSlash(rel)
		seen[key] = true
		t.Run(key, func(t *testing.T) {
			data, err := os.ReadFile(p.bicep)
			if err != nil {
				t.Fatal(err)
			}
			root := filepath.Join(bicepCorpus, p.folder)
			bdoc, _, err := bicep.Extract(p.bicep, data, bicep.Options{Load: bicepLoader(p.bicep, Options{Root: mustRoot(t, root)})})
			if err != nil {
				t.Fatalf("bicep: %v", err)
			}
			jd, err := os.ReadFile(p.compiled)
			if err != nil {
				t.Fatal(err)
			}
			src, jroot, err := jsonsrc.Parse(p.compiled, jd)
			if err != nil {
				t.Fatal(err)
			}
			jdoc, _ := arm.Extract(src, jroot)
			if bdoc.Kind != netdoc.KindBicep || jdoc.Kind != netdoc.KindBicep {
				t.Errorf("kinds %s and %s, want bicep for both", bdoc.Kind, jdoc.Kind)
			}
			a, _ := json.MarshalIndent(comparable(bdoc), "", " ")
			b, _ := json.MarshalIndent(comparable(jdoc), "", " ")
			reason, listed := knownDifferences[key]
			switch {
			case string(a) != string(b) && !listed:
				t.Errorf("the document from %s differs from the one from %s:\nbicep: %s\njson:  %s", p.bicep, p.compiled, a, b)
			case string(a) == string(b) && listed:
				t.Errorf("listed as differing (%s) but equal now: remove it from knownDifferences", reason)
			}
		})
	}
	for k := range knownDifferences {
		if !seen[k] {
			t.Errorf("knownDifferences lists %s, which is not a pair of the corpus", k)
		}
	}
}

// Every Bicep file of the corpus (the Bicep-only projects, the AVM test files, every
// module) reads without a syntax error: no AKSNET902.
func TestBicepCorpusParses(t *testing.T) {
	n := 0
	err := filepath.WalkDir(bicepCorpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !bicep.IsBicepName(p) && !bicep.IsParamName(p) {
			return err
		}
		n++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		folder := strings.SplitN(filepath.ToSlash(strings.TrimPrefix(p, bicepCorpus+"/")), "/", 2)[0]
		results, err := FileWith(Candidate{Path: p, Explicit: true}, data, Options{Root: mustRoot(t, filepath.Join(bicepCorpus, folder))})
		if err != nil {
			t.Errorf("%v", err)
			return nil
		}
		if len(results) == 0 {
			t.Errorf("%s: no document", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("read %d Bicep files, want the corpus's 100 or more", n)
	}
}

// BenchmarkCorpusPairs reads every pair of the Bicep corpus from its .bicep entry
// (modules and loaded files read from disk) and from the JSON the Bicep compiler
// made of it: bench/bicep.sh prints both.
func BenchmarkCorpusPairs(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(gctune.Percent))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(gctune.MemoryLimit))
	var pairs []pair
	seen := map[string]bool{}
	for _, p := range bicepPairs(&testing.T{}) {
		if !seen[p.bicep] && !strings.Contains(p.compiled, "symbolicnames") {
			seen[p.bicep] = true
			pairs = append(pairs, p)
		}
	}
	if len(pairs) == 0 {
		b.Fatal("no pairs")
	}
	b.Run("bicep", func(b *testing.B) {
		for b.Loop() {
			for _, p := range pairs {
				data, err := os.ReadFile(p.bicep)
				if err != nil {
					b.Fatal(err)
				}
				root := filepath.Join(bicepCorpus, p.folder)
				if _, _, err := bicep.Extract(p.bicep, data, bicep.Options{Load: bicepLoader(p.bicep, Options{Root: mustRoot(b, root)})}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			for _, p := range pairs {
				data, err := os.ReadFile(p.compiled)
				if err != nil {
					b.Fatal(err)
				}
				src, root, err := jsonsrc.Parse(p.compiled, data)
				if err != nil {
					b.Fatal(err)
				}
				arm.Extract(src, root)
			}
		}
	})
}

// mustRoot is the path policy's root at dir.
func mustRoot(t testing.TB, dir string) pathpolicy.Root {
	t.Helper()
	r, err := pathpolicy.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
