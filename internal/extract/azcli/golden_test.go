package azcli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// The golden cases in testdata/azcli/extract are scripts written the way the AKS docs
// write them, each with the expected document and location table (<case>.golden.json):
//
//	kubenet.sh              continuations, vnet create with a first subnet, $(... --query id -o tsv)
//	overlay.sh              lower-case variables, nodepool add (Windows), a BYO subnet ID with placeholders
//	dynamic-ip.sh           pod subnets, subnet IDs built from variables (one segment from the environment)
//	cilium.sh               two clusters, ${X:-d}, quoted $(...) subnet IDs, --output tsv
//	dual-stack.sh           --ip-families, --pod-cidrs/--service-cidrs comma lists
//	placeholders.sh         <placeholder> tokens, a pool for a cluster the script does not create
//	variables.sh            : "${X:=d}", ${X-d}, ${X,,}, $((...)), --flag=value, -n/-g/-c/-m, repeated and multi-value flags
//	functions.sh            functions with arguments and locals, recursion, a value that leaves a function
//	branches.sh             if/elif/case/&&, exit paths, for and while loops
//	broken-continuation.sh  AKSNET601: a missing backslash and a backslash followed by a space
//	network.sh              route tables, NSG rules, subnet update, peerings, API server subnet, virtual nodes,
//	                        user-assigned identity, az aks update, nodepool update and scale
//	runbook.md              fenced azurecli/bash/sh blocks of a Markdown runbook
//
// Run go test -update to rewrite the golden files, then review the diff by hand.
var update = flag.Bool("update", false, "rewrite the golden files")

const goldenDir = "../../../testdata/azcli/extract"

type golden struct {
	Document  *netdoc.Document `json:"document"`
	Locations netdoc.Locations `json:"locations"`
}

// goldenCases lists the scripts (.sh) and Markdown files (.md) of the golden directory.
func goldenCases(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.sh", "*.md"} {
		m, err := filepath.Glob(filepath.Join(goldenDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no golden cases in " + goldenDir)
	}
	return files
}

func extractFile(path string, src []byte) (*netdoc.Document, netdoc.Locations, error) {
	name := filepath.Base(path)
	if strings.HasSuffix(path, ".md") {
		return ExtractMarkdown(name, src)
	}
	return Extract(name, src)
}

func TestGolden(t *testing.T) {
	for _, path := range goldenCases(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, locs, err := extractFile(path, src)
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			got, err := json.MarshalIndent(golden{doc, locs}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			goldenPath := strings.TrimSuffix(path, filepath.Ext(path)) + ".golden.json"
			if *update {
				if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("document differs from %s (run go test -update and review the diff):\n%s", goldenPath, firstDiff(string(want), string(got)))
			}
			checkLocations(t, src, doc, locs)
			checkInvariants(t, name, src, doc, locs, func(n string, b []byte) (*netdoc.Document, netdoc.Locations, error) {
				return extractFile(path, b)
			})
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n  want: " + a + "\n  got:  " + b
		}
	}
	return ""
}

// checkLocations verifies, for every located value of a script, that the located source
// text is the value (or contains it, for values reached through variables and IDs).
func checkLocations(t *testing.T, src []byte, doc *netdoc.Document, locs netdoc.Locations) {
	t.Helper()
	lines := strings.Split(string(src), "\n")
	text := func(l netdoc.Location) string {
		if l.Line < 1 || l.Line > len(lines) || l.EndLine != l.Line {
			return ""
		}
		r := []rune(strings.TrimSuffix(lines[l.Line-1], "\r"))
		if l.Column < 1 || l.EndColumn-1 > len(r) || l.EndColumn < l.Column {
			t.Errorf("location %+v out of range", l)
			return ""
		}
		return string(r[l.Column-1 : l.EndColumn-1])
	}
	for i, c := range doc.Clusters {
		for j, p := range c.NodePools {
			if p.Count != nil {
				if l, ok := locs[netdoc.Pointer("clusters", i, "nodePools", j, "count")]; ok {
					if got := text(l.Location); !strings.Contains(got, itoa(*p.Count)) && !strings.Contains(got, "$") {
						t.Errorf("count %d located at %q", *p.Count, got)
					}
				}
			}
		}
		for k, cidr := range c.NetworkProfile.ServiceCidrs {
			if l, ok := locs[netdoc.Pointer("clusters", i, "networkProfile", "serviceCidrs", k)]; ok {
				if got := text(l.Location); got != "" && !strings.Contains(got, cidr) && !strings.Contains(got, "$") {
					t.Errorf("service CIDR %s located at %q", cidr, got)
				}
			}
		}
	}
	for i, s := range doc.Subnets {
		for k, pfx := range s.AddressPrefixes {
			if l, ok := locs[netdoc.Pointer("subnets", i, "addressPrefixes", k)]; ok {
				if got := text(l.Location); got != "" && !strings.Contains(got, pfx) && !strings.Contains(got, "$") {
					t.Errorf("subnet prefix %s located at %q", pfx, got)
				}
			}
		}
	}
}
