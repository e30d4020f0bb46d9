package policies_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// catalogRow matches a rule row of RULES.md: | AKSNET102 | name | level | ...
var catalogRow = regexp.MustCompile(`(?m)^\| (AKSNET\d{3}) \| ([a-z0-9-]+) \| ([^|]+) \|`)

// TestEveryRuleIsComplete: each rule in the registry has full metadata, a test file
// beside it, and (when the catalog is at hand) the ID, name and level RULES.md gives.
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
	catalog := map[string][2]string{}
	if data, err := os.ReadFile("../../shared/RULES.md"); err == nil {
		for _, m := range catalogRow.FindAllStringSubmatch(string(data), -1) {
			catalog[m[1]] = [2]string{m[2], m[3]}
		}
	} else {
		t.Log("../shared/RULES.md not beside the checkout: catalog comparison skipped")
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
		if len(catalog) == 0 {
			continue
		}
		row, ok := catalog[r.ID]
		switch {
		case !ok:
			t.Errorf("%s is not in RULES.md", r.ID)
		case row[0] != r.Name:
			t.Errorf("%s: name %q, RULES.md says %q", r.ID, r.Name, row[0])
		case !strings.Contains(row[1], string(r.Level)):
			t.Errorf("%s: level %q, RULES.md says %q", r.ID, r.Level, strings.TrimSpace(row[1]))
		}
	}
}
