package arm

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

func isGolden(f string) bool { return filepath.Ext(f[:len(f)-len(".json")]) == ".golden" }

// BenchmarkCorpusRead reads and validates every corpus file: the floor an
// extractor cannot go below.
func BenchmarkCorpusRead(b *testing.B) {
	for b.Loop() {
		for _, f := range corpusNames(b) {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := jsonsrc.Parse(f, data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCorpusExtract reads every corpus file and extracts every
// pairing (template with each parameter file, or alone).
func BenchmarkCorpusExtract(b *testing.B) {
	for b.Loop() {
		for _, f := range corpusNames(b) {
			if IsParameterFileName(f) {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			src, root, err := jsonsrc.Parse(f, data)
			if err != nil {
				b.Fatal(err)
			}
			params := parameterFilesBeside(b, f)
			if len(params) == 0 {
				ExtractWith(src, root, armeval.Options{})
			}
			for _, p := range params {
				pdata, err := os.ReadFile(p)
				if err != nil {
					b.Fatal(err)
				}
				psrc, proot, err := jsonsrc.Parse(p, pdata)
				if err != nil {
					b.Fatal(err)
				}
				pf, err := armeval.ParseParams(psrc, proot)
				if err != nil {
					b.Fatal(err)
				}
				ExtractWith(src, root, armeval.Options{Params: pf})
			}
		}
	}
}

// BenchmarkExtractLargest extracts the largest corpus template (already
// parsed).
func BenchmarkExtractLargest(b *testing.B) {
	src, root := load(b, "testdata/corpus/aksc-system-preset.json")
	b.SetBytes(int64(len(src.JSON)))
	for b.Loop() {
		ExtractWith(src, root, armeval.Options{})
	}
}

// BenchmarkExtractHub parses and extracts a hub-and-spoke template of 200 VNets with 16
// subnets each, written literally, one subnet a line (the shape of bench/gen -hub at 3,200 subnets): the
// per-subnet cost of the mapping, without the clusters.
func BenchmarkExtractHub(b *testing.B) {
	var t strings.Builder
	t.WriteString(`{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [`)
	for k := range 200 {
		if k > 0 {
			t.WriteString(",")
		}
		fmt.Fprintf(&t, `{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "vnet-%d", "location": "westeurope", "properties": {"addressSpace": {"addressPrefixes": ["10.%d.%d.0/20"]}, "subnets": [`, k, k/16, (k%16)*16)
		for s := range 16 {
			if s > 0 {
				t.WriteString(",")
			}
			fmt.Fprintf(&t, "\n"+`{"name": "snet-%d", "properties": {"addressPrefix": "10.%d.%d.0/24"}}`, s, k/16, (k%16)*16+s)
		}
		t.WriteString("]}}\n")
	}
	t.WriteString(`]}`)
	data := []byte(t.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		src, root, err := jsonsrc.Parse("hub.json", data)
		if err != nil {
			b.Fatal(err)
		}
		if doc, _ := ExtractWith(src, root, armeval.Options{}); len(doc.Subnets) != 200*16 {
			b.Fatalf("%d subnets", len(doc.Subnets))
		}
	}
}

func corpusNames(b *testing.B) []string {
	var out []string
	files, _ := filepath.Glob(filepath.Join(repoRoot, "testdata/corpus/*.json"))
	for _, f := range files {
		if !isGolden(f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		b.Fatal("no corpus")
	}
	return out
}
