package engine

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

func writePolicy(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const customRule = `# METADATA
# title: Clusters must be named aks-*
# description: Naming convention of this organisation.
# custom:
#   id: ORG001
#   name: cluster-naming
#   level: warning
#   kinds: [arm, bicep, azcli]
package aksnet.rules.cluster_naming

deny contains {"msg": sprintf("cluster %s is not named aks-*", [c.name]), "pointer": sprintf("/clusters/%d/name", [i])} if {
	some i, c in input.clusters
	not startswith(c.name, "aks-")
}
`

func sampleDoc() *netdoc.Document {
	d := netdoc.New("t.json", netdoc.KindARM)
	d.Clusters = append(d.Clusters, netdoc.Cluster{Key: "prod", Name: "prod", NodePools: []netdoc.NodePool{{Name: "system"}}})
	return d
}

func TestUserPolicyLoadsAndFires(t *testing.T) {
	e, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, customRule)}})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := e.Rule("ORG001")
	if !ok || !r.Custom || r.Level != "warning" {
		t.Fatalf("ORG001 in registry: %+v %v", r, ok)
	}
	locs := netdoc.Locations{}
	locs.Set("/clusters/0/name", netdoc.Location{File: "t.json", Line: 7, Column: 15})
	fs, err := e.Eval(context.Background(), Input{Doc: sampleDoc(), Locs: locs})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].RuleID != "ORG001" || fs[0].Location.Line != 7 || fs[0].LogicalLocation != "clusters[prod]/name" {
		t.Fatalf("findings: %+v", fs)
	}
}

func TestRejectedPolicies(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"http.send", strings.Replace(customRule, `not startswith(c.name, "aks-")`, `http.send({"method": "get", "url": "http://127.0.0.1"})`, 1), "http.send is disabled"},
		{"opa.runtime", strings.Replace(customRule, `not startswith(c.name, "aks-")`, `opa.runtime().env.HOME`, 1), "opa.runtime is disabled"},
		{"lookup", strings.Replace(customRule, `not startswith(c.name, "aks-")`, `net.lookup_ip_addr("example.com")`, 1), "net.lookup_ip_addr is disabled"},
		{"no metadata", "package aksnet.rules.bare\n\ndeny contains {\"msg\": \"x\"} if false\n", "has no METADATA with custom.id"},
		{"bad id", strings.Replace(customRule, "ORG001", "org-1", 1), `custom.id "org-1"`},
		{"duplicate id", strings.Replace(customRule, "ORG001", "AKSNET102", 1), "already used"},
		{"bad level", strings.Replace(customRule, "level: warning", "level: fatal", 1), "custom.level"},
		{"nested package", strings.Replace(customRule, "aksnet.rules.cluster_naming", "aksnet.rules.org.naming", 1), "directly under aksnet.rules"},
		{"schema typo", strings.ReplaceAll(customRule, "c.name", "c.nmae"), "undefined ref"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, tt.src)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestPolicyDirMustExist(t *testing.T) {
	if _, err := New(context.Background(), Options{PolicyDirs: []string{filepath.Join(t.TempDir(), "missing")}}); err == nil {
		t.Error("missing policy directory accepted")
	}
}

func TestBuiltinRegistryIsFromMetadata(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"AKSNET102", "AKSNET108", "AKSNET301", "AKSNET901", "AKSNET902"} {
		if r, ok := e.Rule(id); !ok || r.Title == "" || r.Description == "" || r.HelpURI() == "" {
			t.Errorf("%s: %+v %v", id, r, ok)
		}
	}
	// A registry built from a different policy set contains exactly that set.
	fsys := fstest.MapFS{"rules.rego": {Data: mustRead(t, "rules.rego")}, "x.rego": {Data: []byte(customRule)}}
	e2, err := New(context.Background(), Options{BuiltinFS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if len(e2.Rules()) != 1 || e2.Rules()[0].ID != "ORG001" {
		t.Errorf("rules: %+v", e2.Rules())
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := policies.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// toValue must give exactly the value OPA builds from the document's JSON encoding.
func TestToValueMatchesJSON(t *testing.T) {
	n, yes := 30, true
	d := sampleDoc()
	d.Clusters[0].NodePools[0].MaxPods = &n
	d.Clusters[0].Addons = &netdoc.Addons{VirtualNodes: &yes}
	d.Clusters[0].NetworkProfile.ServiceCidrs = []string{"10.0.0.0/16"}
	d.Clusters[0].NetworkProfile.PodCidrs = []string{} // omitempty drops an empty slice
	d.Subnets = append(d.Subnets, netdoc.Subnet{Key: "v/s", VNet: "v", Name: "s"})
	d.Script = &netdoc.Script{BrokenContinuations: []netdoc.BrokenContinuation{}}
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ast.ValueFromReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	got := toValue(reflect.ValueOf(d))
	if got.Compare(want) != 0 {
		t.Errorf("toValue:\n%v\nJSON:\n%v", got, want)
	}
}

func TestLogicalLocation(t *testing.T) {
	d := sampleDoc()
	d.Subnets = append(d.Subnets, netdoc.Subnet{Key: "vnet/nodes"})
	tests := map[string]string{
		"/clusters/0/nodePools/0/maxPods":           "clusters[prod]/nodePools[system]/maxPods",
		"/clusters/0/networkProfile/serviceCidrs/0": "clusters[prod]/networkProfile/serviceCidrs/0",
		"/subnets/0/addressPrefixes/1":              "subnets[vnet/nodes]/addressPrefixes/1",
		"/clusters/5/name":                          "clusters/5/name",
	}
	for p, want := range tests {
		if got := LogicalLocation(d, p); got != want {
			t.Errorf("LogicalLocation(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestEvalAllKeepsInputOrder(t *testing.T) {
	e, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, customRule)}})
	if err != nil {
		t.Fatal(err)
	}
	ok := sampleDoc()
	named := sampleDoc()
	named.Clusters[0].Name = "aks-fine"
	res, errs := e.EvalAll(context.Background(), []Input{{Doc: ok}, {Doc: named}, {Doc: ok}})
	if len(res[0]) != 1 || len(res[1]) != 0 || len(res[2]) != 1 || errs[0] != nil {
		t.Errorf("results %v errs %v", res, errs)
	}
}
