package engine

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestGuards: which packages a document selects, for rule bodies of each shape the
// analysis reads (guards.go). A package is left out only when every deny body reads a
// value the document does not have.
func TestGuards(t *testing.T) {
	manyBodies := "nested contains c if { some c in clusters }\n"
	for i := range maxGuardBodies + 1 {
		manyBodies += fmt.Sprintf("many contains %d if { input.m%d[_] }\n", i, i)
		manyBodies += fmt.Sprintf("many_shared contains %d if { input.clusters[_]; input.m%d[_] }\n", i, i)
		// A fact's candidates and their fallback, read by more bodies than a guard keeps.
		manyBodies += fmt.Sprintf("many_split contains %d if { input.derived.c[_]; input.m%d[_] }\n", i, i)
		manyBodies += fmt.Sprintf("many_split contains %d if { not input.derived.c; input.clusters[_]; input.m%d[_] }\n", i, i)
	}
	lib := `package aksnet.lib.x
clusters contains c if { some c in input.clusters }
first := input.clusters[0]
defaulted := v if { v := input.clusters[0] }
default defaulted := 1
f(x) := x if { input.routeTables[_] }
chained := 1 if { input.routeTables[_] } else := 2
kubenet(c) if c.model == "kubenet"
pod_cidr_model(c) if c.model in {"kubenet", "overlay"}
windows(p) if p.osType == "Windows"
windows(p) if p.osSKU == "Windows2022"
label(c) := c.name if { c.name } else := "unnamed"
default defaulted_fn(_) := false
defaulted_fn(c) if c.model == "kubenet"
chained_bodies := 1 if { input.routeTables[_] } else := 2 if { input.clusters[_] }
chained_fn(c) := 1 if { c.model == "kubenet" } else := 2 if { c.model == "overlay" }
candidates := input.derived.candidates
models := {"kubenet", "overlay"}
limit := 250
out_of_range(n) if n < 10
out_of_range(n) if n > limit
model := "kubenet"
redefined := {"kubenet"} if input.x else := {"overlay"}
candidates := {"vnets": [v | some v, _ in input.virtualNetworks]} if not input.derived.candidates
` + manyBodies
	cases := []struct {
		name, rule string
		doc        string
		want       bool
	}{
		{"iterates an absent member", `deny contains 1 if { some rt in input.routeTables }`, `{}`, false},
		{"iterates an empty member", `deny contains 1 if { some rt in input.routeTables }`, `{"routeTables": []}`, false},
		{"iterates a present member", `deny contains 1 if { some rt in input.routeTables }`, `{"routeTables": [1]}`, true},
		{"indexes a nested member", `deny contains 1 if { input.derived.overlaps[_] }`, `{"derived": {"overlaps": []}}`, false},
		{"reads a scalar that is absent", `deny contains 1 if { input.kind == "arm" }`, `{}`, false},
		{"reads a scalar that is present", `deny contains 1 if { input.kind }`, `{"kind": "arm"}`, true},
		{"compares a scalar with another string", `deny contains 1 if { input.kind == "azcli" }`, `{"kind": "arm"}`, false},
		{"compares a scalar with its string", `deny contains 1 if { input.kind == "azcli" }`, `{"kind": "azcli"}`, true},
		{"compares a scalar with a set", `deny contains 1 if { input.kind in {"azcli", "bicep"} }`, `{"kind": "arm"}`, false},
		{"compares a scalar with a set it is in", `deny contains 1 if { input.kind in {"azcli", "bicep"} }`, `{"kind": "bicep"}`, true},
		{"a comparison with a number is not read", `deny contains 1 if { input.kind == 1 }`, `{"kind": "arm"}`, true},
		{"a negated comparison needs nothing", `deny contains 1 if { some c in input.clusters; not c.model == "kubenet" }`, `{"clusters": [{"model": "overlay"}]}`, true},
		{"reads a field of an iterated member", `deny contains 1 if { some c in input.clusters; c.networkProfile.podCidrs[_] }`, `{"clusters": [{"networkProfile": {}}, {"name": "a"}]}`, false},
		{"reads a field some member has", `deny contains 1 if { some c in input.clusters; c.networkProfile.podCidrs[_] }`, `{"clusters": [{"networkProfile": {}}, {"networkProfile": {"podCidrs": ["x"]}}]}`, true},
		{"compares a field of an iterated member", `deny contains 1 if { some c in input.clusters; c.model == "kubenet" }`, `{"clusters": [{"model": "overlay"}]}`, false},
		{"compares a field some member has", `deny contains 1 if { some c in input.clusters; c.model == "kubenet" }`, `{"clusters": [{"model": "overlay"}, {"model": "kubenet"}]}`, true},
		{"members of members", `deny contains 1 if { some c in input.clusters; some p in c.nodePools; p.osType == "Windows" }`, `{"clusters": [{"nodePools": [{"osType": "Linux"}]}, {"nodePools": []}]}`, false},
		{"members of members that hold", `deny contains 1 if { some c in input.clusters; some p in c.nodePools; p.osType == "Windows" }`, `{"clusters": [{"nodePools": [{"osType": "Linux"}]}, {"nodePools": [{"osType": "Windows"}]}]}`, true},
		{"the values of an object", `deny contains 1 if { some s in input.derived.subnets; s.usable == "x" }`, `{"derived": {"subnets": {"a": {"usable": "y"}}}}`, false},
		{"compares a lowered value", `deny contains 1 if { some c in input.clusters; lower(c.networkProfile.networkPlugin) == "kubenet" }`, `{"clusters": [{"networkProfile": {"networkPlugin": "Azure"}}]}`, false},
		{"compares a lowered value that holds", `deny contains 1 if { some c in input.clusters; lower(c.networkProfile.networkPlugin) == "kubenet" }`, `{"clusters": [{"networkProfile": {"networkPlugin": "Kubenet"}}]}`, true},
		{"a lowered value of another case never holds", `deny contains 1 if { some c in input.clusters; lower(c.networkProfile.networkPlugin) == "Kubenet" }`, `{"clusters": [{"networkProfile": {"networkPlugin": "Kubenet"}}]}`, false},
		{"a lowered value in a set", `deny contains 1 if { some c in input.clusters; lower(c.networkProfile.networkPlugin) in {"none", "kubenet"} }`, `{"clusters": [{"networkProfile": {"networkPlugin": "NONE"}}]}`, true},
		{"a lowered value is a string", `deny contains 1 if { some c in input.clusters; lower(c.networkProfile.networkPlugin) == "kubenet" }`, `{"clusters": [{"networkProfile": {"networkPlugin": 1}}]}`, false},
		{"a function is followed with its argument", `deny contains 1 if { some c in input.clusters; data.aksnet.lib.x.kubenet(c) }`, `{"clusters": [{"model": "overlay"}]}`, false},
		{"a function whose argument holds", `deny contains 1 if { some c in input.clusters; data.aksnet.lib.x.kubenet(c) }`, `{"clusters": [{"model": "kubenet"}]}`, true},
		{"a function compares with a set", `deny contains 1 if { some c in input.clusters; data.aksnet.lib.x.pod_cidr_model(c) }`, `{"clusters": [{"model": "nodesubnet"}]}`, false},
		{"any definition of a function may hold", `deny contains 1 if { some c in input.clusters; some p in c.nodePools; data.aksnet.lib.x.windows(p) }`, `{"clusters": [{"nodePools": [{"osSKU": "Windows2022"}]}]}`, true},
		{"no definition of a function holds", `deny contains 1 if { some c in input.clusters; some p in c.nodePools; data.aksnet.lib.x.windows(p) }`, `{"clusters": [{"nodePools": [{"osSKU": "Ubuntu"}]}]}`, false},
		{"a function whose else has no condition", `deny contains 1 if { some c in input.clusters; data.aksnet.lib.x.label(c) }`, `{"clusters": [{"model": "x"}]}`, true},
		{"a function's else chain is followed", `deny contains 1 if { some c in input.clusters; data.aksnet.lib.x.chained_fn(c) }`, `{"clusters": [{"model": "x"}]}`, false},
		{"the else of a function's chain holds", `deny contains 1 if { some c in input.clusters; data.aksnet.lib.x.chained_fn(c) }`, `{"clusters": [{"model": "overlay"}]}`, true},
		{"a function with a default is not followed", `deny contains 1 if { some c in input.clusters; data.aksnet.lib.x.defaulted_fn(c) == false }`, `{"clusters": [{"model": "x"}]}`, true},
		{"a function called with what is not the input", `deny contains 1 if { data.aksnet.lib.x.kubenet({"model": "kubenet"}) }`, `{}`, true},
		{"a negated read needs nothing", `deny contains 1 if { not input.routeTables[0] }`, `{}`, true},
		{"a negated read by keys needs the value absent", `deny contains 1 if { not input.derived.x }`, `{"derived": {"x": []}}`, false},
		{"a negated read of an absent value", `deny contains 1 if { not input.derived.x }`, `{"derived": {}}`, true},
		{"a negated read of an absent parent", `deny contains 1 if { not input.derived.x }`, `{"derived": "text"}`, true},
		{"a negated read of false", `deny contains 1 if { not input.derived.x }`, `{"derived": {"x": false}}`, true},
		{"a negated read through a member needs nothing", `deny contains 1 if { some c in input.clusters; not c.existing }`, `{"clusters": [{"existing": true}]}`, true},
		{"a rule that is a fact, empty", `deny contains 1 if { some v in data.aksnet.lib.x.candidates.vnets }`, `{"derived": {"candidates": {"vnets": []}}, "virtualNetworks": [1]}`, false},
		{"a rule that is a fact, with a member", `deny contains 1 if { some v in data.aksnet.lib.x.candidates.vnets }`, `{"derived": {"candidates": {"vnets": [[0, 0]]}}}`, true},
		{"a rule that is a fact, without the fact", `deny contains 1 if { some v in data.aksnet.lib.x.candidates.vnets }`, `{"virtualNetworks": [1]}`, true},
		{"a comprehension needs nothing", `deny contains 1 if { x := [r | some r in input.routeTables]; count(x) == 0 }`, `{}`, true},
		{"every needs nothing of its elements", `deny contains 1 if { every r in input.routeTables { r == 2 } }`, `{"routeTables": []}`, true},
		{"every needs its domain", `deny contains 1 if { every r in input.routeTables { r } }`, `{}`, false},
		{"with replaces the input", `deny contains 1 if { data.aksnet.lib.x.first with input as {"clusters": [1]} }`, `{}`, true},
		{"any body may hold", "deny contains 1 if { input.routeTables[_] }\ndeny contains 2 if { input.clusters[_] }", `{"clusters": [1]}`, true},
		{"no body holds", "deny contains 1 if { input.routeTables[_] }\ndeny contains 2 if { input.clusters[_] }", `{"vnets": [1]}`, false},
		{"an element of a partial rule", `deny contains c if { some c in data.aksnet.lib.x.clusters }`, `{"clusters": []}`, false},
		{"an element of a partial rule that holds", `deny contains c if { some c in data.aksnet.lib.x.clusters }`, `{"clusters": [1]}`, true},
		{"a bare partial rule is an empty set", `deny contains 1 if { count(data.aksnet.lib.x.clusters) == 0 }`, `{}`, true},
		{"a complete rule", `deny contains 1 if { data.aksnet.lib.x.first }`, `{}`, false},
		{"a complete rule with a default", `deny contains 1 if { data.aksnet.lib.x.defaulted }`, `{}`, true},
		{"a function's reads of the input are followed", `deny contains 1 if { data.aksnet.lib.x.f(1) }`, `{}`, false},
		{"an else without a condition holds", `deny contains 1 if { data.aksnet.lib.x.chained }`, `{}`, true},
		{"any body of an else chain may hold", `deny contains 1 if { data.aksnet.lib.x.chained_bodies }`, `{"clusters": [1]}`, true},
		{"no body of an else chain holds", `deny contains 1 if { data.aksnet.lib.x.chained_bodies }`, `{"vnets": [1]}`, false},
		{"a rule that reads nothing", `deny contains 1 if { true }`, `{}`, true},
		{"a rule of more bodies than a guard keeps", `deny contains 1 if { data.aksnet.lib.x.many[_] }`, `{}`, true},
		{"past the bound, what every body needs", `deny contains 1 if { data.aksnet.lib.x.many_shared[_] }`, `{"m1": [1]}`, false},
		{"past the bound, what every body needs holds", `deny contains 1 if { data.aksnet.lib.x.many_shared[_] }`, `{"clusters": [1], "m1": [1]}`, true},
		{"past the bound, bodies that share most are merged", `deny contains 1 if { data.aksnet.lib.x.many_split[_] }`, `{"derived": {"c": []}, "clusters": [1], "m1": [1]}`, false},
		{"past the bound, a merged body holds", `deny contains 1 if { data.aksnet.lib.x.many_split[_] }`, `{"derived": {"c": [1]}, "m1": [1]}`, true},
		{"past the bound, the fallback's merged body holds", `deny contains 1 if { data.aksnet.lib.x.many_split[_] }`, `{"clusters": [1], "m1": [1]}`, true},
		{"past the bound, a merged body needs what its bodies share", `deny contains 1 if { data.aksnet.lib.x.many_split[_] }`, `{"m1": [1]}`, false},
		{"compares with a constant rule's set", `deny contains 1 if { some c in input.clusters; c.model in data.aksnet.lib.x.models }`, `{"clusters": [{"model": "nodesubnet"}]}`, false},
		{"compares with a constant rule's set that holds", `deny contains 1 if { some c in input.clusters; c.model in data.aksnet.lib.x.models }`, `{"clusters": [{"model": "overlay"}]}`, true},
		{"compares with a constant rule's string", `deny contains 1 if { some c in input.clusters; c.model == data.aksnet.lib.x.model }`, `{"clusters": [{"model": "overlay"}]}`, false},
		{"a rule with an else is not a constant", `deny contains 1 if { some c in input.clusters; c.model in data.aksnet.lib.x.redefined }`, `{"clusters": [{"model": "overlay"}]}`, true},
		{"equal to a set is not a member of it", `deny contains 1 if { input.kind == {"arm"} }`, `{"kind": ["arm"]}`, true},
		{"equal to a constant set is not a member of it", `deny contains 1 if { input.kind == data.aksnet.lib.x.models }`, `{"kind": ["kubenet", "overlay"]}`, true},
		{"an order with a number", `deny contains 1 if { some c in input.clusters; some p in c.nodePools; p.maxPods < 30 }`, `{"clusters": [{"nodePools": [{"maxPods": 30}, {"maxPods": 110}]}]}`, false},
		{"an order with a number that holds", `deny contains 1 if { some c in input.clusters; some p in c.nodePools; p.maxPods < 30 }`, `{"clusters": [{"nodePools": [{"maxPods": 30}, {"maxPods": 29.5}]}]}`, true},
		{"an order at its boundary", `deny contains 1 if { input.n <= 30 }`, `{"n": 30}`, true},
		{"an order past its boundary", `deny contains 1 if { input.n >= 30.5 }`, `{"n": 30}`, false},
		{"an order with the sides swapped", `deny contains 1 if { 250 < input.n }`, `{"n": 250}`, false},
		{"an order with the sides swapped that holds", `deny contains 1 if { 250 < input.n }`, `{"n": 251}`, true},
		{"an order with a constant rule", `deny contains 1 if { input.n > data.aksnet.lib.x.limit }`, `{"n": 250}`, false},
		{"an order with a constant rule that holds", `deny contains 1 if { input.n > data.aksnet.lib.x.limit }`, `{"n": 251}`, true},
		{"a string is above every number", `deny contains 1 if { input.n > 250 }`, `{"n": "10"}`, true},
		{"null is below every number", `deny contains 1 if { input.n < 10 }`, `{"n": null}`, true},
		{"an order through a function", `deny contains 1 if { some p in input.pools; data.aksnet.lib.x.out_of_range(p.maxPods) }`, `{"pools": [{"maxPods": 10}, {"maxPods": 250}]}`, false},
		{"an order through a function that holds", `deny contains 1 if { some p in input.pools; data.aksnet.lib.x.out_of_range(p.maxPods) }`, `{"pools": [{"maxPods": 10}, {"maxPods": 251}]}`, true},
		{"an order with what is not a number is not read", `deny contains 1 if { input.n < "b" }`, `{"n": "a"}`, true},
		{"the condition of a rule is followed through a rule", `deny contains c if { some c in data.aksnet.lib.x.nested }`, `{"clusters": []}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			compiler := ast.MustCompileModulesWithOpts(map[string]string{
				"lib.rego":  lib,
				"rule.rego": "package aksnet.rules.r\n" + c.rule + "\n",
			}, ast.CompileOpts{ParserOptions: ast.ParserOptions{RegoVersion: ast.RegoV1}})
			doc := ast.MustParseTerm(c.doc).Value.(ast.Object)
			got := packageGuards(compiler, []string{"r"})["r"].holds(doc)
			if got != c.want {
				t.Errorf("selected = %v, want %v", got, c.want)
			}
			// The guard may keep a package that finds nothing, never drop one that
			// finds something: OPA itself says what the rule finds.
			q, err := newQuery(compiler, `found = data.aksnet.rules.r.deny`, "found")
			if err != nil {
				t.Fatal(err)
			}
			v, err := q.eval(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			if found, _ := v.(ast.Set); found != nil && found.Len() > 0 && !got {
				t.Errorf("left out, but the rule finds %v", found)
			}
		})
	}
}

// TestGuardsOfTheBuiltinRules: on the built-in policies, a document without network
// security groups, role assignments or delegations does not evaluate the rules about them, and a
// document without clusters (a network file) evaluates only the rules about networks.
func TestGuardsOfTheBuiltinRules(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	leftOut := func(doc string) []string {
		var out []string
		v := ast.MustParseTerm(doc).Value.(ast.Object)
		answers := make([]byte, len(e.selections.atoms))
		for i, p := range e.selections.pkgs {
			if !e.selections.holds(i, v, answers) {
				out = append(out, p)
			}
		}
		return out
	}
	const network = `"virtualNetworks": [{"key": "v", "name": "v", "addressPrefixes": ["10.0.0.0/16"]}], "subnets": [{"key": "v/s", "vnet": "v", "name": "s", "addressPrefixes": ["10.0.0.0/24"]}]`
	withCluster := func(model string) string {
		return `{"kind": "arm", "clusters": [{"key": "aks", "name": "aks", "model": "` + model + `", "networkProfile": {"networkPlugin": "azure", "serviceCidrs": ["172.16.0.0/16"], "dnsServiceIP": "172.16.0.10", "podCidrs": ["192.168.0.0/16"], "outboundType": "userDefinedRouting"}, "nodePools": [{"name": "np", "count": 3, "maxPods": 30, "vnetSubnet": "v/s"}]}], ` + network + `}`
	}
	cluster := leftOut(withCluster("nodesubnet"))
	for _, p := range []string{"nsg_blocks_cluster_traffic", "subnet_role_assignment", "delegated_node_subnet"} {
		if !slices.Contains(cluster, p) {
			t.Errorf("a document without NSGs or role assignments evaluates %s; left out: %v", p, cluster)
		}
	}
	for _, p := range []string{"node_subnet_capacity", "udr_default_route", "service_cidr_overlaps_subnet"} {
		if slices.Contains(cluster, p) {
			t.Errorf("a document with a cluster leaves out %s", p)
		}
	}
	// A rule for one network model costs nothing on a document without it.
	for _, p := range []string{"pod_cidr_capacity", "pod_cidr_upgrade_headroom", "pod_cidr_not_private", "kubenet_node_limit", "kubenet_windows"} {
		if !slices.Contains(cluster, p) {
			t.Errorf("a document with only a node subnet cluster evaluates %s", p)
		}
	}
	delegated := strings.Replace(withCluster("nodesubnet"), `"addressPrefixes": ["10.0.0.0/24"]`, `"addressPrefixes": ["10.0.0.0/24"], "delegations": ["Microsoft.Web/serverFarms"]`, 1)
	if slices.Contains(leftOut(delegated), "delegated_node_subnet") {
		t.Errorf("a document of a delegated subnet leaves out delegated_node_subnet")
	}
	kubenet := leftOut(withCluster("kubenet"))
	for _, p := range []string{"pod_cidr_capacity", "pod_cidr_upgrade_headroom", "pod_cidr_not_private", "kubenet_node_limit"} {
		if slices.Contains(kubenet, p) {
			t.Errorf("a document with a kubenet cluster leaves out %s", p)
		}
	}
	// A fact's empty candidates leave its rule out, though its deny bodies are more
	// than a guard keeps apart (AKSNET209).
	withFacts := strings.Replace(withCluster("nodesubnet"), `{"kind": "arm",`, `{"kind": "arm", "derived": {"nodeCountCandidates": []},`, 1)
	if !slices.Contains(leftOut(withFacts), "node_count_limits") {
		t.Errorf("a document of no node count candidates evaluates node_count_limits")
	}
	if slices.Contains(leftOut(strings.Replace(withFacts, `"nodeCountCandidates": []`, `"nodeCountCandidates": [0]`, 1)), "node_count_limits") {
		t.Errorf("a document of a node count candidate leaves out node_count_limits")
	}
	networks := leftOut(`{"kind": "azcli", ` + network + `}`)
	for _, p := range []string{"node_subnet_capacity", "max_pods_range", "kubenet_route_table_identity", "service_cidr_size"} {
		if !slices.Contains(networks, p) {
			t.Errorf("a document without clusters evaluates %s", p)
		}
	}
	for _, p := range []string{"vnet_forbidden_range", "subnet_layout"} {
		if slices.Contains(networks, p) {
			t.Errorf("a network document leaves out %s", p)
		}
	}
	if len(networks) < len(e.selections.pkgs)/2 {
		t.Errorf("a document without clusters leaves out only %d of %d packages: %v", len(networks), len(e.selections.pkgs), networks)
	}
}

// TestSelectionsAnswerAsTheGuards: the guards as the engine checks them, each read
// answered once per document, select the packages the guards themselves do, on
// documents that hold each read's path alone and on a few others.
func TestSelectionsAnswerAsTheGuards(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := e.selections
	docs := []string{
		`{}`,
		`{"kind": "arm", "clusters": [{"name": "aks"}], "virtualNetworks": [{"name": "v"}], "subnets": [{"key": "v/s"}]}`,
		`{"kind": "azcli", "virtualNetworks": [{"name": "v"}], "subnets": [{"key": "v/s"}]}`,
		`{"clusters": [], "subnets": "not a list", "routeTables": {}}`,
	}
	for _, a := range s.atoms {
		// The read's path alone (a list of one member at a wildcard), ending in a
		// non-empty list, an empty one, and each string it is compared with.
		lasts := []string{`[{"name": "x"}]`, `[]`, `"another string"`}
		for _, v := range a.values {
			lasts = append(lasts, v.String())
		}
		for _, last := range lasts {
			doc := last
			for i := len(a.keys) - 1; i >= 0; i-- {
				if a.keys[i] == nil {
					doc = fmt.Sprintf(`[%s]`, doc)
				} else {
					doc = fmt.Sprintf(`{%s: %s}`, a.keys[i], doc)
				}
			}
			docs = append(docs, doc)
		}
	}
	if len(s.atoms) < 5 {
		t.Fatalf("only %d distinct reads among the guards", len(s.atoms))
	}
	for _, doc := range docs {
		v := ast.MustParseTerm(doc).Value.(ast.Object)
		answers := make([]byte, len(s.atoms))
		for i, p := range s.pkgs {
			if got, want := s.holds(i, v, answers), s.guards[i].holds(v); got != want {
				t.Errorf("%s: package %s selected %v, its guard holds %v", doc, p, got, want)
			}
		}
	}
}

// BenchmarkSelect is choosing the rule packages for one document with a cluster, its
// VNet and subnets (guards.go).
func BenchmarkSelect(b *testing.B) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	doc := ast.MustParseTerm(`{"kind": "azcli", "clusters": [{"name": "aks", "networkProfile": {"networkPlugin": "azure"}, "nodePools": [{"name": "np"}]}], "virtualNetworks": [{"name": "v"}], "subnets": [{"key": "v/s"}]}`).Value
	for b.Loop() {
		if e.selections.query(doc, "azcli") == nil {
			b.Fatal("no package selected")
		}
	}
}

// TestSelectedQuery: the query over a selection of packages finds what those packages
// find, and nothing of the others.
func TestSelectedQuery(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pick := []string{"node_pool_name", "max_pods_range"}
	q := e.selections.selected(pick)
	if q == e.findings {
		t.Fatal("the selection fell back to every package: the compiled findings query has a shape selected does not know")
	}
	doc := ast.MustParseTerm(`{"kind": "arm", "clusters": [{"key": "a", "name": "a", "nodePools": [{"name": "Bad_Name", "maxPods": 5}]}]}`).Value
	all, err := e.findings.eval(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	some, err := q.eval(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range all.(*ast.Array).Len() {
		pair := all.(*ast.Array).Elem(i).Value.(*ast.Array)
		if slices.Contains(pick, string(pair.Elem(0).Value.(ast.String))) {
			want = append(want, pair.String())
		}
	}
	var got []string
	for i := range some.(*ast.Array).Len() {
		got = append(got, some.(*ast.Array).Elem(i).Value.String())
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(want) < 2 || !slices.Equal(got, want) {
		t.Errorf("selection found %v, want %v (of %v)", got, want, all)
	}
}

// TestGuardsEncoding: the guards of the built-in policies read back as written, and a
// key that holds a separator makes its guard Always rather than another guard.
func TestGuardsEncoding(t *testing.T) {
	e, err := New(context.Background(), Options{FromSource: true})
	if err != nil {
		t.Fatal(err)
	}
	want := packageGuards(e.compiler, e.selections.pkgs)
	got, err := decodeGuards(encodeGuards(want))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded guards differ:\n got %v\nwant %v", got, want)
	}
	shapes := map[string]guard{"p": {Bodies: [][]inputAtom{
		{{Path: []string{"clusters", wildcard, "model"}, Values: []string{"kubenet", "overlay"}}, {Path: []string{"clusters", wildcard, "nodePools"}, NonEmpty: true}},
		{{Path: []string{"a", wildcard, wildcard}, Values: []string{"x"}}, {Path: []string{"a", wildcard, "b"}, NonEmpty: true}, {Path: []string{"k"}}},
		{{Path: []string{"clusters", wildcard, "networkProfile", "networkPlugin"}, Values: []string{"kubenet"}, Fold: true}},
		{{Path: []string{"derived", "candidates"}, Absent: true}, {Path: []string{"clusters"}, NonEmpty: true}},
		{{Path: []string{"clusters", wildcard, "nodePools", wildcard, "maxPods"}, Cmp: "<", Num: "30"}, {Path: []string{"x", wildcard}, Cmp: ">=", Num: "2.5"}},
		{{Path: []string{"x"}, Cmp: "<=", Num: "-1e3"}, {Path: []string{"y"}, Cmp: ">", Num: "0"}},
	}}}
	got, err = decodeGuards(encodeGuards(shapes))
	if err != nil || !reflect.DeepEqual(got, shapes) {
		t.Errorf("wildcards and values: got %v, %v; want %v (encoded %q)", got, err, shapes, encodeGuards(shapes))
	}
	for name, a := range map[string]inputAtom{
		"a key with a dot":      {Path: []string{"a.b"}, NonEmpty: true},
		"a string with a comma": {Path: []string{"a"}, Values: []string{"x,y"}},
		"a string with a dot":   {Path: []string{"a"}, Values: []string{"1.2"}},
		"an empty string":       {Path: []string{"a"}, Values: []string{""}},
		"a string with a tilde": {Path: []string{"a"}, Values: []string{"~x"}, Fold: true},
		"a key with a bang":     {Path: []string{"!a"}, Absent: true},
		"a key with an order":   {Path: []string{"a<b"}, NonEmpty: true},
	} {
		odd := map[string]guard{"p": {Bodies: [][]inputAtom{{a}}}}
		got, err = decodeGuards(encodeGuards(odd))
		if err != nil || !got["p"].Always {
			t.Errorf("%s: %v, %v", name, got, err)
		}
	}
	if _, err := decodeGuards([]byte("no tab\n")); err == nil {
		t.Error("a line without a tab was read")
	}
}

// TestMerge: merged bodies are at most the bound, each body's merged body is one it
// needs all of (so the guard only holds more often), and the bodies that share most
// are merged first; absorbed and repeated bodies go before any merging.
func TestMerge(t *testing.T) {
	at := func(paths ...string) []inputAtom {
		out := make([]inputAtom, len(paths))
		for i, p := range paths {
			out[i] = inputAtom{Path: strings.Split(p, ".")}
		}
		return out
	}
	cases := []struct {
		name   string
		bodies [][]inputAtom
		n      int
		want   [][]inputAtom
	}{
		{"within the bound", [][]inputAtom{at("a"), at("b")}, 2, [][]inputAtom{at("a"), at("b")}},
		{"a body that needs all another needs is absorbed", [][]inputAtom{at("a", "b"), at("a")}, 4, [][]inputAtom{at("a")}},
		{"a repeated body, in another order", [][]inputAtom{at("a", "b"), at("b", "a")}, 4, [][]inputAtom{at("a", "b")}},
		{"the two that share most are merged", [][]inputAtom{at("x", "a", "b"), at("y", "c"), at("x", "a", "d")}, 2, [][]inputAtom{at("x", "a"), at("y", "c")}},
		{"down to one body", [][]inputAtom{at("x", "a"), at("x", "b"), at("x", "c")}, 1, [][]inputAtom{at("x")}},
		{"nothing shared: the empty body absorbs the rest", [][]inputAtom{at("a"), at("b"), at("c")}, 2, [][]inputAtom{nil}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := merge(c.bodies, c.n)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("merge = %v, want %v", got, c.want)
			}
		})
	}
	// Many bodies: the bound holds, and each body needs all of some merged body.
	var many [][]inputAtom
	for i := range 40 {
		many = append(many, at("k", fmt.Sprintf("m%d", i%7), fmt.Sprintf("n%d", i)))
	}
	for _, n := range []int{1, 3, 16} {
		got := merge(many, n)
		if len(got) > n {
			t.Errorf("merge into %d gave %d bodies", n, len(got))
		}
		for _, b := range many {
			if !slices.ContainsFunc(got, func(m []inputAtom) bool { return needsAll(b, m) }) {
				t.Errorf("merge into %d: %v needs none of %v", n, b, got)
			}
		}
	}
}
