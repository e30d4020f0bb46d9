package derive_test

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/policies"
)

// addressingRule is the value of the rule name of policies/lib/addressing.rego, which
// the tests of derive's copies of the policies' range lists compare them with.
func addressingRule(t *testing.T, name string) ast.Value {
	t.Helper()
	src, err := policies.FS.ReadFile("lib/addressing.rego")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ast.ParseModuleWithOpts("lib/addressing.rego", string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Rules {
		if r.Head.Name.String() == name {
			return r.Head.Value.Value
		}
	}
	t.Fatalf("lib/addressing.rego defines no %s", name)
	return nil
}
