package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// policyDir writes files (name -> source) into a new directory.
func policyDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const conftestPolicy = `package main

deny contains msg if {
	some c in input.clusters
	not startswith(c.name, "aks-")
	msg := sprintf("cluster %s is not named aks-*", [c.name])
}
`

const orgLib = `package org.naming

valid(name) if startswith(name, "aks-")
`

// TestUserPoliciesWithoutEffect: a module that can change nothing is refused with what
// the engine reads, instead of leaving the output as if --policy were absent.
func TestUserPoliciesWithoutEffect(t *testing.T) {
	what := "the engine runs the deny rules of packages aksnet.rules.NAME whose METADATA has custom.id, name and level (see docs/policies.md)"
	tests := []struct {
		name  string
		files map[string]string
		want  string // after "DIR/"; "" when it loads
	}{
		{"conftest's package main", map[string]string{"naming.rego": conftestPolicy},
			"naming.rego: package main is not a rule package, and no rule uses it, so it would have no effect: " + what + "; a conftest policy (package main) is not read: move its deny rules to package aksnet.rules.NAME with METADATA"},
		{"package main beside a rule", map[string]string{"naming.rego": conftestPolicy, "rule.rego": customRule},
			"naming.rego: package main is not a rule package, and no rule uses it, so it would have no effect: " + what + "; a conftest policy (package main) is not read: move its deny rules to package aksnet.rules.NAME with METADATA"},
		{"a rule package with warn only", map[string]string{"p.rego": strings.Replace(customRule, "deny contains", "warn contains", 1)},
			"p.rego: package aksnet.rules.cluster_naming defines no deny rule, so it can report nothing: " + what + "; conftest's warn and violation rules are not read"},
		{"no rule at all", map[string]string{"lib.rego": orgLib},
			"lib.rego: package org.naming is not a rule package, and no rule uses it, so it would have no effect: " + what + "; a conftest policy (package main) is not read: move its deny rules to package aksnet.rules.NAME with METADATA"},
		{"a library a rule imports", map[string]string{"lib.rego": orgLib, "p.rego": strings.Replace(strings.Replace(customRule, `not startswith(c.name, "aks-")`, `not naming.valid(c.name)`, 1), "package aksnet.rules.cluster_naming\n", "package aksnet.rules.cluster_naming\n\nimport data.org.naming\n", 1)}, ""},
		{"a library a rule names in full", map[string]string{"lib.rego": orgLib, "p.rego": strings.Replace(customRule, `not startswith(c.name, "aks-")`, `not data.org.naming.valid(c.name)`, 1)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := policyDir(t, tt.files)
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want == "":
			case err == nil:
				t.Fatalf("loaded; want %q", tt.want)
			default:
				prefix := filepath.ToSlash(filepath.Clean(dir)) + "/"
				if got := strings.TrimPrefix(err.Error(), prefix); got != tt.want {
					t.Errorf("got  %q\nwant %q", got, tt.want)
				}
			}
		})
	}
	empty := t.TempDir()
	if _, err := New(context.Background(), Options{PolicyDirs: []string{empty}}); err == nil || err.Error() != "policy directory "+empty+" defines no rule: "+what {
		t.Errorf("empty directory: %v", err)
	}
}

// TestRegoV0Hint: a policy in Rego v0 syntax gets the parse error and the command that
// converts it; a v1 syntax error does not.
func TestRegoV0Hint(t *testing.T) {
	v0 := strings.Replace(strings.Replace(customRule, "deny contains {", "deny[{", 1), "} if {\n\tsome i, c in input.clusters", "}] {\n\tc := input.clusters[i]", 1)
	dir := policyDir(t, map[string]string{"p.rego": v0})
	_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
	name := filepath.ToSlash(filepath.Clean(dir)) + "/p.rego"
	if err == nil || !strings.HasSuffix(err.Error(), "\n  "+name+" is written in Rego v0 syntax; aksnet-lint reads Rego v1 (OPA 1.0): convert it with opa fmt --v0-v1 -w "+name) {
		t.Errorf("v0 policy: %v", err)
	}
	dir = policyDir(t, map[string]string{"p.rego": strings.Replace(customRule, "deny contains", "deny contains contains", 1)})
	if _, err := New(context.Background(), Options{PolicyDirs: []string{dir}}); err == nil || strings.Contains(err.Error(), "opa fmt") {
		t.Errorf("v1 syntax error: %v", err)
	}
}
