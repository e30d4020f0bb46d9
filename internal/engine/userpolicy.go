package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// What the engine reads of a policy, said to a user whose policy it would not read: a
// policy that loads but defines no rule would leave the output as if --policy were
// absent, which is the silent failure this refusal is for.
const whatTheEngineReads = "the engine runs the deny rules of packages aksnet.rules.NAME whose METADATA has custom.id, name and level (see docs/policies.md)"

// checkUserModules refuses the modules of a --policy directory that can have no
// effect: a directory that defines no rule package; a module outside aksnet.rules
// that no module refers to (a conftest policy in package main, say); a rule package
// without a deny rule (conftest's warn and violation are not read).
func checkUserModules(dir string, user, all map[string]*ast.Module) error {
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range user {
			if !yield(n) {
				return
			}
		}
	})
	rulePkgs := map[string]bool{} // rule packages of dir -> defines deny
	for _, name := range names {
		m := user[name]
		pkg := m.Package.Path.String()
		if !strings.HasPrefix(pkg, rulesRoot+".") {
			continue
		}
		has := rulePkgs[pkg]
		for _, r := range m.Rules {
			if r.Head.Name.String() == "deny" || (len(r.Head.Reference) > 0 && r.Head.Reference[0].String() == "deny") {
				has = true
			}
		}
		rulePkgs[pkg] = has
	}
	for _, name := range names {
		m := user[name]
		pkg := m.Package.Path.String()
		if strings.HasPrefix(pkg, rulesRoot+".") {
			if !rulePkgs[pkg] {
				return fmt.Errorf("%s: package %s defines no deny rule, so it can report nothing: %s; conftest's warn and violation rules are not read", name, strings.TrimPrefix(pkg, "data."), whatTheEngineReads)
			}
			continue
		}
		if !referenced(pkg, name, all) {
			return fmt.Errorf("%s: package %s is not a rule package, and no rule uses it, so it would have no effect: %s; a conftest policy (package main) is not read: move its deny rules to package aksnet.rules.NAME with METADATA", name, strings.TrimPrefix(pkg, "data."), whatTheEngineReads)
		}
	}
	if len(rulePkgs) == 0 {
		return fmt.Errorf("policy directory %s defines no rule: %s", dir, whatTheEngineReads)
	}
	return nil
}

// referenced tells whether a module other than self imports or names a path under pkg
// (or pkg under it: data.myorg holds data.myorg.lib).
func referenced(pkg, self string, all map[string]*ast.Module) bool {
	p := ast.MustParseRef(pkg)
	uses := func(r ast.Ref) bool {
		return r.HasPrefix(p) || p.HasPrefix(r) && len(r) > 1
	}
	for name, m := range all {
		if name == self {
			continue
		}
		for _, imp := range m.Imports {
			if r, ok := imp.Path.Value.(ast.Ref); ok && uses(r) {
				return true
			}
		}
		found := false
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if !found && r.HasPrefix(ast.DefaultRootRef) && uses(r.ConstantPrefix()) {
				found = true
			}
			return found
		})
		if found {
			return true
		}
	}
	return false
}

// v0Hint explains a parse error of a policy that OPA reads in Rego v0 syntax: OPA 1.0
// made v1 (if, contains, no deprecated built-ins) the default, and so does aksnet-lint.
func v0Hint(name, src string, err error) error {
	if _, v0err := ast.ParseModuleWithOpts(name, src, ast.ParserOptions{RegoVersion: ast.RegoV0}); v0err != nil {
		return err
	}
	return fmt.Errorf("%w\n  %s is written in Rego v0 syntax; aksnet-lint reads Rego v1 (OPA 1.0): convert it with opa fmt --v0-v1 -w %s", err, name, name)
}
