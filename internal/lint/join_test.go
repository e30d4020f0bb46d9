package lint

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract"
)

// TestJoinAcrossFiles: a cluster on a subnet another file of the run declares is
// checked against it, once however many times its files are named; with NoJoin, or
// without the network file, the subnet is not known and nothing is found.
func TestJoinAcrossFiles(t *testing.T) {
	const dir = "../../testdata/repo/two-scripts"
	eng := testEngine(t)
	for _, tc := range []struct {
		name  string
		opt   Options
		rules []string
	}{
		{"the folder", Options{Paths: []string{dir}}, []string{"AKSNET201"}},
		{"files named twice", Options{Paths: []string{dir + "/cluster.sh", dir, dir + "/network.sh"}}, []string{"AKSNET201"}},
		{"no join", Options{Paths: []string{dir}, NoJoin: true}, nil},
		{"the cluster alone", Options{Paths: []string{dir + "/cluster.sh"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Run(context.Background(), eng, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range out.Findings {
				got = append(got, f.RuleID)
			}
			if len(got) != len(tc.rules) || (len(got) > 0 && got[0] != tc.rules[0]) {
				t.Fatalf("findings %v, want %v", got, tc.rules)
			}
			if len(got) > 0 && (out.Findings[0].Location.File != dir+"/network.sh" || out.Findings[0].Location.Line != 5) {
				t.Errorf("located at %+v, want the subnet's prefix in network.sh", out.Findings[0].Location)
			}
		})
	}
}

// TestOneFileDeclaresNothingToJoin: a run of one file, which does not read what its
// documents declare, gives the documents (joined and completed) that it gives when it
// reads them, for every golden case, example and file of the shared corpus.
func TestOneFileDeclaresNothingToJoin(t *testing.T) {
	eng := testEngine(t)
	dirs := []string{"../../testdata", "../../examples"}
	if _, err := os.Stat("../../../shared/corpus"); err == nil {
		dirs = append(dirs, "../../../shared/corpus")
	}
	// A template whose VNet one parameter file creates and the other does not: the
	// second's document references the subnet of the VNet the first's declares, the
	// one kind of document a join of one file could give its own file's declarations.
	own := t.TempDir()
	files := map[string]string{
		"t.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
 "parameters": {"createVnet": {"type": "bool"}},
 "resources": [
  {"condition": "[parameters('createVnet')]", "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "vnet-app", "location": "westeurope",
   "properties": {"addressSpace": {"addressPrefixes": ["10.20.0.0/16"]}, "subnets": [{"name": "nodes", "properties": {"addressPrefix": "10.20.0.0/26"}}]}},
  {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-02-01", "name": "aks", "location": "westeurope",
   "properties": {"dnsPrefix": "aks", "networkProfile": {"networkPlugin": "azure", "serviceCidr": "172.16.0.0/16", "dnsServiceIP": "172.16.0.10"},
    "agentPoolProfiles": [{"name": "system", "mode": "System", "count": 3, "vmSize": "Standard_D4s_v5", "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-app', 'nodes')]"}]}}]}`,
		"t.parameters.json":     `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {"createVnet": {"value": true}}}`,
		"t.byo.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {"createVnet": {"value": false}}}`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(own, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dirs = append(dirs, own)
	cands, errs := extract.Discover(dirs, extract.DiscoverOptions{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	run := func(path string, declare bool) Outcome {
		testHookDeclareAlone = declare
		defer func() { testHookDeclareAlone = false }()
		out, err := Run(context.Background(), eng, Options{Paths: []string{path}, DocumentsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	compared := 0
	for _, c := range cands {
		alone, declaring := run(c.Path, false), run(c.Path, true)
		if len(alone.Documents) != len(declaring.Documents) {
			t.Fatalf("%s: %d documents, %d when it declares", c.Path, len(alone.Documents), len(declaring.Documents))
		}
		for k := range alone.Documents {
			a, d := alone.Documents[k], declaring.Documents[k]
			if !reflect.DeepEqual(a.Doc, d.Doc) || !reflect.DeepEqual(a.Locs, d.Locs) {
				t.Errorf("%s: document %d differs when the file's declarations are read", c.Path, k)
			}
			compared++
		}
	}
	if compared < 300 {
		t.Fatalf("only %d documents", compared)
	}
}
