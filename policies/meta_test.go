package policies_test

import (
	"context"
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
