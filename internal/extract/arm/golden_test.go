package arm

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/extracttest"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares a document and its locations with a golden file, or
// rewrites it under -update.
func golden(t *testing.T, path string, doc *netdoc.Document, locs netdoc.Locations) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(struct {
		Document  *netdoc.Document `json:"document"`
		Locations netdoc.Locations `json:"locations"`
	}{doc, locs}); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(repoRoot, path)
	if *update {
		if err := os.WriteFile(full, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(full)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/extract/arm -update to create it)", err)
	}
	if !bytes.Equal(want, b.Bytes()) {
		t.Errorf("%s differs (run with -update to accept, then read the diff)", path)
	}
}

// pairings lists the documents of the templates in a directory of the
// repository: each template with each of its parameter files, or alone.
func pairings(t *testing.T, dir string) [][2]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(repoRoot, dir, "*.json"))
	var out [][2]string
	for _, f := range files {
		base := filepath.Base(f)
		if IsParameterFileName(base) || strings.HasSuffix(base, ".golden.json") || strings.Contains(base, ".linked.") {
			continue
		}
		rel := filepath.ToSlash(filepath.Join(dir, base))
		params := parameterFilesBeside(t, f)
		if len(params) == 0 {
			out = append(out, [2]string{rel, ""})
		}
		for _, p := range params {
			out = append(out, [2]string{rel, filepath.ToSlash(filepath.Join(dir, filepath.Base(p)))})
		}
	}
	if len(out) == 0 {
		t.Fatalf("no templates in %s", dir)
	}
	return out
}

// goldenName is the golden file of a pairing: <template>.golden.json, or
// <parameter file without .json>.golden.json.
func goldenName(pair [2]string) string {
	if pair[1] == "" {
		return strings.TrimSuffix(pair[0], ".json") + ".golden.json"
	}
	return strings.TrimSuffix(pair[1], ".json") + ".golden.json"
}

func runGolden(t *testing.T, dir string) {
	for _, pair := range pairings(t, dir) {
		t.Run(filepath.Base(goldenName(pair)), func(t *testing.T) {
			doc, locs := extractPair(t, pair[0], pair[1])
			checkInvariants(t, doc, locs)
			// The shared checks: locations inside the files read (relative to the
			// repository root, as the loader names them), the same result twice.
			extracttest.CheckInvariants(t, extracttest.Extraction{Doc: doc, Locs: locs},
				func(name string) ([]byte, bool) {
					b, err := os.ReadFile(filepath.Join(repoRoot, name))
					return b, err == nil
				},
				func() extracttest.Extraction {
					d, l := extractPair(t, pair[0], pair[1])
					return extracttest.Extraction{Doc: d, Locs: l}
				})
			golden(t, goldenName(pair), doc, locs)
		})
	}
}

// TestCorpusGolden: every real template (with each parameter file) gives
// the document kept beside it, checked by reading the template.
func TestCorpusGolden(t *testing.T) { runGolden(t, "testdata/corpus") }

// TestExtractGolden: the focused cases of testdata/arm/extract.
func TestExtractGolden(t *testing.T) { runGolden(t, "testdata/arm/extract") }

// checkInvariants: keys are unique (policies index by key), every pool's
// subnet is listed, and every unresolved value is located and has no
// value in the document.
func checkInvariants(t *testing.T, doc *netdoc.Document, locs netdoc.Locations) {
	t.Helper()
	seen := map[string]bool{}
	uniq := func(kind, key string) {
		if seen[kind+":"+key] {
			t.Errorf("duplicate %s key %q", kind, key)
		}
		seen[kind+":"+key] = true
	}
	for _, c := range doc.Clusters {
		uniq("cluster", c.Key)
		for _, p := range c.NodePools {
			for _, s := range []string{p.VnetSubnet, p.PodSubnet} {
				if s != "" && !hasSubnet(doc, s) {
					t.Errorf("pool %s subnet %s not listed", p.Name, s)
				}
			}
		}
	}
	for _, v := range doc.VirtualNetworks {
		uniq("vnet", v.Key)
	}
	for _, s := range doc.Subnets {
		uniq("subnet", s.Key)
	}
	for _, r := range doc.RouteTables {
		uniq("rt", r.Key)
	}
	for _, n := range doc.NetworkSecurityGroups {
		uniq("nsg", n.Key)
	}
	for _, u := range doc.Unresolved {
		if u.Pointer == "" {
			if u.At == nil || u.At.IsZero() {
				t.Errorf("unresolved entry of the document (%s) is not located", u.Reason)
			}
		} else if _, ok := locs.Resolve(u.Pointer); !ok {
			t.Errorf("unresolved %s is not located", u.Pointer)
		}
		if u.Expression == "" && u.Pointer != "" {
			t.Errorf("unresolved %s names no expression", u.Pointer)
		}
	}
}

func hasSubnet(doc *netdoc.Document, key string) bool {
	for _, s := range doc.Subnets {
		if s.Key == key {
			return true
		}
	}
	return false
}
