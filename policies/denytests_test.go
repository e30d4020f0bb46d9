package policies_test

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The meta-tests read the Rego tests of each rule and classify every evaluation of the
// rule's deny set: asserted exactly (findings.exact), asserted empty (count(x) == 0,
// x == set(), or under not), or neither. A test that evaluates deny and asserts less
// than the whole set passes with an extra or a missing finding: that is what these
// checks rule out.

const exactHelper = "data.aksnet.test.findings.exact"

// denyEval is one evaluation of the deny set in a test: an expression that refers to
// deny (directly or through a variable assigned from it) and its with modifiers.
type denyEval struct {
	expr  *ast.Expr
	with  string // the with modifiers' text: the input evaluated
	exact bool   // asserted with findings.exact
	empty bool   // asserted empty
	via   ast.Var
}

// testInfo is what a test rule does with deny.
type testInfo struct {
	name      string
	rule      *ast.Rule
	evals     []denyEval
	unresolve bool // calls findings.unresolve
}

// resolver turns a module's refs into full data refs through its imports.
type resolver map[ast.Var]ast.Ref

func newResolver(m *ast.Module) resolver {
	r := resolver{}
	for _, imp := range m.Imports {
		ref, ok := imp.Path.Value.(ast.Ref)
		if !ok {
			continue
		}
		alias := imp.Alias
		if alias == "" {
			alias = ast.Var(ref[len(ref)-1].Value.(ast.String))
		}
		r[alias] = ref
	}
	return r
}

func (r resolver) full(ref ast.Ref) string {
	if v, ok := ref[0].Value.(ast.Var); ok {
		if base, ok := r[v]; ok {
			return base.Concat(ref[1:]).String()
		}
	}
	return ref.String()
}

func withText(e *ast.Expr) string {
	var parts []string
	for _, w := range e.With {
		parts = append(parts, w.String())
	}
	return strings.Join(parts, " ")
}

// refersTo reports whether x contains a ref to target (a full data path), or a
// variable of vars.
func refersTo(x any, res resolver, target string, vars map[ast.Var]bool) (bool, ast.Var) {
	found := false
	var via ast.Var
	ast.WalkTerms(x, func(t *ast.Term) bool {
		switch v := t.Value.(type) {
		case ast.Ref:
			if s := res.full(v); s == target || strings.HasPrefix(s, target+"[") {
				found = true
			}
			if head, ok := v[0].Value.(ast.Var); ok && vars[head] {
				found, via = true, head
			}
		case ast.Var:
			if vars[v] {
				found, via = true, v
			}
		}
		return found
	})
	return found, via
}

// emptyAssertion reports whether e asserts that the set it refers to is empty:
// count(x) == 0, x == set(), or a negated expression.
func emptyAssertion(e *ast.Expr) bool {
	if e.Negated {
		return true
	}
	if !e.IsEquality() && !e.IsCall() {
		return false
	}
	op := e.Operator()
	if op == nil || (op.String() != "equal" && op.String() != "eq") {
		return false
	}
	args := e.Operands()
	if len(args) != 2 {
		return false
	}
	isZero := func(t *ast.Term) bool { return t.Value.Compare(ast.Number("0")) == 0 }
	isEmptySet := func(t *ast.Term) bool { s, ok := t.Value.(ast.Set); return ok && s.Len() == 0 }
	isCount := func(t *ast.Term) bool {
		c, ok := t.Value.(ast.Call)
		return ok && c[0].String() == "count"
	}
	a, b := args[0], args[1]
	return (isCount(a) && isZero(b)) || (isCount(b) && isZero(a)) || isEmptySet(a) || isEmptySet(b)
}

func isExactCall(e *ast.Expr, res resolver) bool {
	op := e.Operator()
	return op != nil && res.full(op) == exactHelper
}

// denyTests classifies the test rules of a rule's test module.
func denyTests(m *ast.Module, rulePkg string) []testInfo {
	res := newResolver(m)
	target := rulePkg + ".deny"
	var out []testInfo
	for _, r := range m.Rules {
		name := r.Head.Name.String()
		if !strings.HasPrefix(name, "test_") {
			continue
		}
		info := testInfo{name: name, rule: r}
		vars := map[ast.Var]bool{} // variables assigned from deny
		for _, e := range r.Body {
			ast.WalkRefs(e, func(ref ast.Ref) bool {
				if res.full(ref) == "data.aksnet.test.findings.unresolve" {
					info.unresolve = true
				}
				return false
			})
			hit, via := refersTo(e, res, target, vars)
			if !hit {
				continue
			}
			ev := denyEval{expr: e, with: withText(e), via: via}
			switch {
			case isEvery(e):
				// every x in xs { ... }: asserted when each evaluation inside is
				ev.exact, ev.empty = everyAsserted(e.Terms.(*ast.Every), res, target, vars)
			case isExactCall(e, res):
				ev.exact = true
			case emptyAssertion(e):
				ev.empty = true
			case e.IsAssignment() && via == "":
				// v := rule.deny with input as x: judged by what the test asserts of v
				if lhs, ok := e.Operand(0).Value.(ast.Var); ok {
					vars[lhs] = true
					ev.via = lhs
				}
			}
			info.evals = append(info.evals, ev)
		}
		if len(info.evals) > 0 {
			out = append(out, info)
		}
	}
	return out
}

// unasserted returns the evaluations of deny in t that no exact or empty assertion
// covers: an expression on deny itself needs an exact or empty assertion with the
// same input; one on a variable assigned from deny needs one on that variable.
func (t testInfo) unasserted() []denyEval {
	exactWith := map[string]bool{}
	asserted := map[ast.Var]bool{}
	for _, ev := range t.evals {
		if ev.exact || ev.empty {
			if ev.via != "" {
				asserted[ev.via] = true
			} else {
				exactWith[ev.with] = true
			}
		}
	}
	var out []denyEval
	for _, ev := range t.evals {
		switch {
		case ev.exact || ev.empty:
		case ev.via != "" && asserted[ev.via]:
		case ev.via == "" && exactWith[ev.with]:
		default:
			out = append(out, ev)
		}
	}
	return out
}

// silent reports whether the test only asserts silence (every evaluation asserted
// empty, directly or through its variable, or an exact assertion of no finding).
func (t testInfo) silent() bool {
	emptyVars := map[ast.Var]bool{}
	for _, ev := range t.evals {
		if ev.empty && ev.via != "" {
			emptyVars[ev.via] = true
		}
	}
	for _, ev := range t.evals {
		exactNone := ev.exact && !isEvery(ev.expr) && strings.TrimSpace(ev.expr.Operand(1).String()) == "[]"
		if !ev.empty && !exactNone && (ev.via == "" || !emptyVars[ev.via]) {
			return false
		}
	}
	return len(t.evals) > 0
}

func isEvery(e *ast.Expr) bool {
	_, ok := e.Terms.(*ast.Every)
	return ok
}

// everyAsserted reports whether every evaluation of deny in an every body is asserted
// exactly, or every one empty.
func everyAsserted(ev *ast.Every, res resolver, target string, vars map[ast.Var]bool) (exact, empty bool) {
	exact, empty = true, true
	for _, e := range ev.Body {
		if hit, _ := refersTo(e, res, target, vars); !hit {
			continue
		}
		exact = exact && isExactCall(e, res)
		empty = empty && emptyAssertion(e)
	}
	return exact, empty
}
