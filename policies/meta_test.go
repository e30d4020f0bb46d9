package policies_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// TestEveryRuleIsComplete: each rule in the registry has full metadata and a test file
// beside it. TestCatalogContract checks IDs, names, levels and kinds against the catalog.
func TestEveryRuleIsComplete(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	modules, err := engine.ParseFS(policies.FS, "policies", true)
	if err != nil {
		t.Fatal(err)
	}
	fileOf := map[string]string{} // package -> rule file
	hasDeny := map[string]bool{}  // package -> defines deny
	testsOf := map[string]int{}   // package under test -> number of test_ rules
	for name, m := range modules {
		pkg := m.Package.Path.String()
		if strings.HasSuffix(name, "_test.rego") {
			for _, r := range m.Rules {
				if strings.HasPrefix(r.Head.Name.String(), "test_") {
					testsOf[strings.TrimSuffix(pkg, "_test")]++
				}
			}
			continue
		}
		fileOf[pkg] = name
		for _, r := range m.Rules {
			if r.Head.Name.String() == "deny" || (len(r.Head.Reference) > 0 && r.Head.Reference[0].String() == "deny") {
				hasDeny[pkg] = true
			}
		}
	}
	for _, r := range eng.Rules() {
		if len(r.RelatedResources) == 0 {
			t.Errorf("%s: related_resources should point at the documentation it rests on", r.ID)
		}
		file := fileOf[r.Package]
		if hasDeny[r.Package] {
			if _, err := policies.FS.Open(strings.TrimPrefix(strings.TrimSuffix(file, ".rego")+"_test.rego", "policies/")); err != nil {
				t.Errorf("%s: no test file beside %s", r.ID, file)
			}
			if testsOf[r.Package] < 3 {
				t.Errorf("%s: %d Rego tests; want positive, negative and boundary cases", r.ID, testsOf[r.Package])
			}
		}
	}
}

// ruleTestModules returns each rule package's test module, by rule package, and
// whether the package defines deny (AKSNET902 is raised by the engine, not a policy).
func ruleTestModules(t *testing.T) (map[string]*ast.Module, map[string]bool) {
	t.Helper()
	modules, err := engine.ParseFS(policies.FS, "policies", true)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*ast.Module{}
	hasDeny := map[string]bool{}
	for name, m := range modules {
		pkg := m.Package.Path.String()
		if !strings.HasPrefix(pkg, "data.aksnet.rules.") {
			continue
		}
		if strings.HasSuffix(name, "_test.rego") {
			out[strings.TrimSuffix(pkg, "_test")] = m
			continue
		}
		for _, r := range m.Rules {
			if r.Head.Name.String() == "deny" || (len(r.Head.Reference) > 0 && r.Head.Reference[0].String() == "deny") {
				hasDeny[pkg] = true
			}
		}
	}
	return out, hasDeny
}

// TestRegoTestsAssertWholeSets: every evaluation of a rule's deny set in its tests is
// asserted whole (findings.exact: pointer, level, message fragments of every finding,
// and nothing else) or asserted empty; every rule has a positive exact test.
func TestRegoTestsAssertWholeSets(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests, hasDeny := ruleTestModules(t)
	for _, r := range eng.Rules() {
		if !hasDeny[r.Package] {
			continue
		}
		m := tests[r.Package]
		if m == nil {
			t.Errorf("%s: no test module", r.ID)
			continue
		}
		positive := false
		for _, ti := range denyTests(m, r.Package) {
			for _, ev := range ti.unasserted() {
				t.Errorf("%s %s:%d: %s evaluates deny without asserting the whole set (findings.exact) or silence",
					r.ID, ti.name, ev.expr.Location.Row, strings.SplitN(string(ev.expr.Location.Text), "\n", 2)[0])
			}
			for _, ev := range ti.evals {
				if ev.exact && !isEvery(ev.expr) && strings.TrimSpace(ev.expr.Operand(1).String()) != "[]" {
					positive = true
				}
			}
		}
		if !positive {
			t.Errorf("%s: no test asserts a non-empty set of findings with findings.exact", r.ID)
		}
	}
}

// reportsUnknowns are the rules whose subject is an unknown value: silence is not what
// their tests of an unresolved input assert.
var reportsUnknowns = map[string]string{
	"AKSNET901": "reports the unresolved values themselves",
}

// TestEveryRuleHasUnresolvedTest: every rule has a test that gives it its inputs
// unresolved (findings.unresolve: left out and listed in unresolved, as the extractors
// write an unknown) and asserts silence: unknown is never guessed.
func TestEveryRuleHasUnresolvedTest(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests, hasDeny := ruleTestModules(t)
	for _, r := range eng.Rules() {
		if !hasDeny[r.Package] {
			continue
		}
		if _, ok := reportsUnknowns[r.ID]; ok {
			continue
		}
		found := false
		for _, ti := range denyTests(tests[r.Package], r.Package) {
			if ti.unresolve && ti.silent() {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no test gives the rule its inputs unresolved (findings.unresolve) and asserts silence", r.ID)
		}
	}
}

// TestDenyTestClassification pins the reading of the meta-tests above: which
// evaluations of deny count as asserted.
func TestDenyTestClassification(t *testing.T) {
	m := ast.MustParseModuleWithOpts(`package aksnet.rules.x_test

import data.aksnet.rules.x as rule
import data.aksnet.test.findings

test_some_only if {
	some f in rule.deny with input as {"a": 1}
	f.pointer == "/a"
}

test_count_only if {
	fs := rule.deny with input as {"a": 1}
	count(fs) == 2
}

test_exact_other_input if {
	findings.exact(rule.deny, [{"pointer": "/a", "msg": "m"}]) with input as {"a": 1}
	some f in rule.deny with input as {"a": 2}
	f.pointer == "/a"
}

test_exact if {
	findings.exact(rule.deny, [{"pointer": "/a", "msg": "m"}]) with input as {"a": 1}
	some f in rule.deny with input as {"a": 1}
}

test_exact_var if {
	fs := rule.deny with input as {"a": 1}
	findings.exact(fs, [{"pointer": "/a", "msg": "m"}])
	some f in fs
}

test_empty if {
	count(rule.deny) == 0 with input as {"a": 1}
	fs := rule.deny with input as {"a": 2}
	fs == set()
	not rule.deny with input as {"a": 3}
}

test_unresolved if {
	every p in ["/a", "/b"] {
		count(rule.deny) == 0 with input as findings.unresolve({"a": 1, "b": 2}, p)
	}
}
`, ast.ParserOptions{RegoVersion: ast.RegoV1})
	got := map[string]string{}
	for _, ti := range denyTests(m, "data.aksnet.rules.x") {
		got[ti.name] = fmt.Sprintf("unasserted=%d silent=%v unresolve=%v", len(ti.unasserted()), ti.silent(), ti.unresolve)
	}
	want := map[string]string{
		"test_some_only":         "unasserted=1 silent=false unresolve=false",
		"test_count_only":        "unasserted=2 silent=false unresolve=false",
		"test_exact_other_input": "unasserted=1 silent=false unresolve=false",
		"test_exact":             "unasserted=0 silent=false unresolve=false",
		"test_exact_var":         "unasserted=0 silent=false unresolve=false",
		"test_empty":             "unasserted=0 silent=true unresolve=false",
		"test_unresolved":        "unasserted=0 silent=true unresolve=true",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s, want %s", name, got[name], w)
		}
	}
}
