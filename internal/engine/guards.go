package engine

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Guards: which rule packages can find anything in a document, decided from the
// compiled policies before evaluating them, so that a rule whose inputs are absent
// costs nothing (a document without route tables never evaluates the route-table
// rules). Nothing is declared by hand: a rule body needs every value it reads outside
// a negation, a comprehension, the body of `every` or `with`, because in Rego an undefined value
// makes its expression, and so the body, fail. So a body that iterates
// input.routeTables cannot succeed when the document has none, and a package none of
// whose deny bodies can succeed is left out of the query. What a body reads of a
// member it iterates (c.model of some c in input.clusters) is a need too, of some
// member, and so is a string it compares that with (c.model in {"kubenet",
// "overlay"}), in the body or in a function it calls with that member: a rule for one
// network model costs nothing on a document without it. The analysis only ever
// concludes "cannot succeed" from such reads, so it may keep a package that finds
// nothing, never drop one that finds something; TestGuardsChangeNoFinding
// (internal/lint) compares findings with and without it on every golden case and the
// shared corpus.

// atom is one thing a body needs. For input, path is the keys under input that must
// hold a value (nonEmpty: a collection with at least one member, because the body
// iterates or indexes it with a variable); a wildcard key in path stands for any
// member of the collection there (the body reads x.model of an x it iterates: some
// member must have a model); values, when set, are the strings the value must be one
// of (the body compares it with them). For a rule, rule names the rule's path
// (data.x.y) whose condition must hold.
type atom struct {
	path     []string
	nonEmpty bool
	values   []string
	fold     bool // values are compared with the value lowered (lower(x) == "s")
	// cmp, when set, is the order the value must have to num: "<", "<=", ">" or ">="
	// (x < 30, in Rego's order of values, which compares any two).
	cmp string
	num ast.Number
	// absent: the value at path (every key a string) must be undefined or false, as
	// `not input.a.b` needs.
	absent bool
	ref    ast.Ref // a read of data, until resolve names its rule
	rule   string
	// rest is what the read of rule reads past the rule's path (a wildcard for a key
	// that is not a string), followed into the value of a body whose value is a value of
	// the input (aliases).
	rest []string
	// call names a function the body calls, and args the input path of each argument
	// (nil for an argument that is not a value of the input): the call must succeed.
	call string
	args [][]string
}

// wildcard is the key of path that stands for any member of a collection. A key read
// as "" is then taken for any key, which only makes the guard hold more often.
const wildcard = ""

// condition is what a rule (all its definitions) needs: any one of its bodies, each
// all of its atoms; always when the analysis does not follow the rule.
type condition struct {
	always bool
	bodies [][]atom
	// aliases are, by body, the input path the body gives the rule as value
	// (`candidates := input.derived.x`), nil for another value.
	aliases [][]string
}

// guards holds the condition of every rule path the analysis understands.
type guards struct {
	rules map[string]*condition
	// funcs are the definitions of each function the analysis follows (a function
	// with a default or an else is not followed), read when a body calls it with its
	// arguments' paths.
	funcs map[string][]funcDef
	// complete is true for a rule path whose bare read needs a body to hold: a
	// complete rule without default is undefined when none does, where a partial rule
	// is an empty collection.
	complete map[string]bool
	// consts are the values of the complete rules defined once, without a condition,
	// as a constant (`models := {"overlay", "kubenet"}`): a comparison with one is a
	// comparison with its value.
	consts map[string]ast.Value
}

// newGuards analyses every rule of the compiled modules.
func newGuards(c *ast.Compiler) *guards {
	g := &guards{rules: map[string]*condition{}, complete: map[string]bool{}, funcs: map[string][]funcDef{}, consts: constants(c)}
	// The functions first: a body's calls are atoms only of the functions followed.
	unfollowed := map[string]bool{}
	for _, m := range c.Modules {
		for _, r := range m.Rules {
			if len(r.Head.Args) == 0 {
				continue
			}
			if r.Default {
				unfollowed[rulePath(r)] = true
			}
			// An else chain is defined when any of its bodies holds (a later one runs only
			// when the earlier ones fail): each is a definition.
			for d := r; d != nil; d = d.Else {
				g.funcs[rulePath(r)] = append(g.funcs[rulePath(r)], newFuncDef(d))
			}
		}
	}
	for p := range unfollowed {
		delete(g.funcs, p)
	}
	for _, m := range c.Modules {
		for _, r := range m.Rules {
			// An else chain has a value when any of its bodies holds.
			for d := r; d != nil; d = d.Else {
				g.add(rulePath(r), d)
			}
		}
	}
	for _, c := range g.rules {
		for i, body := range c.bodies {
			c.bodies[i] = g.resolve(body)
		}
	}
	return g
}

// rulePath is the ground part of a rule's full path: data.pkg.name for
// `name contains x`, `name[k] := v` and `name := v`.
func rulePath(r *ast.Rule) string {
	return r.Ref().GroundPrefix().String()
}

func (g *guards) add(path string, r *ast.Rule) {
	c := g.rules[path]
	if c == nil {
		c = &condition{}
		g.rules[path] = c
	}
	if len(r.Head.Args) > 0 || r.Default || c.always {
		// Functions are called with values the analysis does not follow; a default
		// makes the rule always defined.
		c.always = true
		c.bodies, c.aliases = nil, nil
		return
	}
	full := r.Ref()
	g.complete[path] = r.Head.RuleKind() == ast.SingleValue && full.IsGround()
	bound := map[ast.Var][]string{}
	c.bodies = append(c.bodies, g.bodyAtoms(r.Body, bound))
	c.aliases = append(c.aliases, alias(r, bound))
}

// alias is the input path a complete rule's body gives it as value: the compiler
// writes `x := input.a.b` as a body binding a variable to input.a.b, and the value
// that variable. Nil for another value, or a path with a wildcard.
func alias(r *ast.Rule, bound map[ast.Var][]string) []string {
	if r.Head.Value == nil || r.Head.Key != nil || len(r.Head.Args) > 0 {
		return nil
	}
	v, ok := r.Head.Value.Value.(ast.Var)
	if !ok {
		return nil
	}
	p := bound[v]
	if len(p) == 0 || slices.Contains(p, wildcard) {
		return nil
	}
	return p
}

// funcDef is one definition of a function: the variable of each parameter (nil for
// a parameter written as a value) and the body.
type funcDef struct {
	params []ast.Var
	body   ast.Body
}

func newFuncDef(r *ast.Rule) funcDef {
	d := funcDef{params: make([]ast.Var, len(r.Head.Args)), body: r.Body}
	for i, a := range r.Head.Args {
		if v, ok := a.Value.(ast.Var); ok && !v.IsWildcard() {
			d.params[i] = v
		}
	}
	return d
}

// callAtom is the atom of an expression that calls a function the analysis follows:
// f(a, b) or f(a, b, out), the result unified with out or, without it, true.
func (g *guards) callAtom(e *ast.Expr, bound map[ast.Var][]string) (atom, bool) {
	if !e.IsCall() {
		return atom{}, false
	}
	ref := e.Operator()
	if !ref.IsGround() {
		return atom{}, false
	}
	path := ref.String()
	defs, ok := g.funcs[path]
	if !ok {
		return atom{}, false
	}
	operands := e.Operands()
	arity := len(defs[0].params)
	if len(operands) < arity {
		return atom{}, false
	}
	args := make([][]string, arity)
	for i := range arity {
		if p, ok := inputPath(operands[i], bound); ok {
			args[i] = p
		}
	}
	return atom{call: path, args: args}, true
}

// bodyAtoms lists what a body reads outside negations, comprehensions, every and with.
// A variable the body binds to a value of the input (`c := input.clusters[_]`, which
// is what `some c in input.clusters` compiles to) stands for that value with its
// iterated keys as wildcards, so what the body reads of c, and the strings it
// compares them with, are needs of the input too.
// bound holds the variables bound before the body (a function's parameters).
func (g *guards) bodyAtoms(body ast.Body, bound map[ast.Var][]string) []atom {
	var out []atom
	lowered := map[ast.Var][]string{}   // variables bound to lower() of a value of the input
	constant := map[ast.Var]ast.Value{} // variables bound to a constant rule's value
	for _, e := range body {
		if len(e.With) > 0 {
			continue
		}
		if e.Negated {
			if a, ok := absentAtom(e, bound); ok {
				out = append(out, a)
			}
			continue
		}
		if _, ok := e.Terms.(*ast.SomeDecl); ok {
			continue
		}
		if _, ok := e.Terms.(*ast.Every); ok {
			continue
		}
		vis := ast.NewGenericVisitor(func(x any) bool {
			switch x := x.(type) {
			case *ast.ArrayComprehension, *ast.SetComprehension, *ast.ObjectComprehension, *ast.Every:
				return true
			case ast.Ref:
				if a, ok := refAtom(x, bound); ok {
					out = append(out, a)
				}
			}
			return false
		})
		vis.Walk(e)
		if a, ok := comparison(e, bound, lowered, constant, g.consts); ok {
			out = append(out, a)
		}
		bindLowered(e, bound, lowered)
		g.bindConstant(e, bound, constant)
		if a, ok := g.callAtom(e, bound); ok {
			out = append(out, a)
		}
		bind(e, bound)
	}
	return out
}

// absentAtom is what `not input.a.b` needs: that input.a.b be undefined or false. Only
// a negated read of the input by string keys counts (`not input.derived.x`, the
// fallback of a rule that reads a derived fact when the engine gives none): it
// decides alone whether the negation holds, whatever the body binds.
func absentAtom(e *ast.Expr, bound map[ast.Var][]string) (atom, bool) {
	t, ok := e.Terms.(*ast.Term)
	if !ok {
		return atom{}, false
	}
	ref, ok := t.Value.(ast.Ref)
	if !ok || len(ref) < 2 || !ref[0].Equal(ast.InputRootDocument) {
		return atom{}, false
	}
	path, ok := inputPath(t, bound)
	if !ok || slices.Contains(path, wildcard) {
		return atom{}, false
	}
	return atom{path: path, absent: true}, true
}

// inputPath is the path under input that term reads, with a wildcard for each key
// that is not a string, when it reads the input directly or through a bound variable.
func inputPath(t *ast.Term, bound map[ast.Var][]string) ([]string, bool) {
	var ref ast.Ref
	switch v := t.Value.(type) {
	case ast.Var:
		p, ok := bound[v]
		return p, ok
	case ast.Ref:
		ref = v
	default:
		return nil, false
	}
	head, ok := ref[0].Value.(ast.Var)
	if !ok {
		return nil, false
	}
	var path []string
	switch p, isBound := bound[head]; {
	case isBound:
		path = slices.Clone(p)
	case head.Equal(ast.InputRootDocument.Value):
		if len(ref) < 2 {
			return nil, false
		}
		if _, ok := ref[1].Value.(ast.String); !ok {
			return nil, false
		}
	default:
		return nil, false
	}
	for _, k := range ref[1:] {
		if s, ok := k.Value.(ast.String); ok && s != wildcard {
			path = append(path, string(s))
		} else {
			path = append(path, wildcard)
		}
	}
	return path, true
}

// bind records the variable an expression `v = ref` binds to a value of the input.
// The expression holds only when v is that value, whether it binds v or compares.
func bind(e *ast.Expr, bound map[ast.Var][]string) {
	equalities(e, bound, func(v ast.Var, t *ast.Term) {
		if _, isRef := t.Value.(ast.Ref); !isRef {
			return
		}
		if p, ok := inputPath(t, bound); ok {
			bound[v] = p
		}
	})
}

// equalities calls f with each side of `v = t` (or `v := t`) that is a variable not
// bound to a value of the input, and the term across from it.
func equalities(e *ast.Expr, bound map[ast.Var][]string, f func(v ast.Var, t *ast.Term)) {
	if !e.IsEquality() && !e.IsAssignment() {
		return
	}
	terms := e.Terms.([]*ast.Term)
	for _, pair := range [][2]*ast.Term{{terms[1], terms[2]}, {terms[2], terms[1]}} {
		v, ok := pair[0].Value.(ast.Var)
		if !ok {
			continue
		}
		if _, done := bound[v]; done {
			continue
		}
		f(v, pair[1])
	}
}

// bindLowered records the variable `lower(x, v)` binds to x lowered, x a value of
// the input: comparing v with strings (compat.kubenet: lower(networkPlugin) ==
// "kubenet") needs x to be a string that lowers to one of them.
func bindLowered(e *ast.Expr, bound, lowered map[ast.Var][]string) {
	if !e.IsCall() || !e.Operator().Equal(ast.Lower.Ref()) {
		return
	}
	ops := e.Operands()
	if len(ops) != 2 {
		return
	}
	v, ok := ops[1].Value.(ast.Var)
	if !ok {
		return
	}
	if _, done := bound[v]; done {
		return
	}
	if _, done := lowered[v]; done {
		return
	}
	if p, ok := inputPath(ops[0], bound); ok {
		lowered[v] = p
	}
}

// bindConstant records the variable `v = data.x.y` binds to the value of a constant
// rule (guards.consts): the compiler reads a rule into a variable before comparing
// with it (`c.model in models`).
func (g *guards) bindConstant(e *ast.Expr, bound map[ast.Var][]string, constant map[ast.Var]ast.Value) {
	equalities(e, bound, func(v ast.Var, t *ast.Term) {
		if _, done := constant[v]; done {
			return
		}
		if r, ok := t.Value.(ast.Ref); ok && r.IsGround() {
			if c, ok := g.consts[r.String()]; ok {
				constant[v] = c
			}
		}
	})
}

// comparison is what an expression comparing a value of the input with strings needs:
// `x = "s"` or `x == "s"` that it is "s", `x in {"s", "t"}` that it is one of them; the
// strings may be a constant rule's value (`x in models`).
func comparison(e *ast.Expr, bound, lowered map[ast.Var][]string, constant map[ast.Var]ast.Value, consts map[string]ast.Value) (atom, bool) {
	terms, ok := e.Terms.([]*ast.Term)
	if !ok || len(terms) != 3 {
		return atom{}, false
	}
	op := e.Operator()
	var pairs [][2]*ast.Term // value read, constant
	switch {
	case op.Equal(ast.Equality.Ref()), op.Equal(ast.Equal.Ref()):
		pairs = [][2]*ast.Term{{terms[1], terms[2]}, {terms[2], terms[1]}}
	case op.Equal(ast.Member.Ref()):
		pairs = [][2]*ast.Term{{terms[1], terms[2]}}
	default:
		return order(op, terms, bound, constant, consts)
	}
	for _, pair := range pairs {
		path, ok := inputPath(pair[0], bound)
		fold := false
		if v, isVar := pair[0].Value.(ast.Var); isVar && !ok {
			path, ok = lowered[v]
			fold = ok
		}
		if !ok || len(path) == 0 {
			continue
		}
		var values []string
		with := pair[1].Value
		switch v := with.(type) {
		case ast.Var:
			with = constant[v] // nil, and no comparison, unless bound to a constant
		case ast.Ref:
			with = consts[v.String()]
		}
		switch c := with.(type) {
		case ast.String:
			if op.Equal(ast.Member.Ref()) {
				continue // x in "s" is not a comparison with "s"
			}
			values = []string{string(c)}
		case ast.Set:
			if op.Equal(ast.Member.Ref()) { // x == {"s"} holds for a set, never for "s"
				values = stringMembers(c.Slice())
			}
		case *ast.Array:
			if op.Equal(ast.Member.Ref()) {
				values = stringMembers(arrayTerms(c))
			}
		}
		if values == nil {
			continue
		}
		return atom{path: path, values: values, fold: fold}, true
	}
	return atom{}, false
}

// constants is the value of each complete rule of the modules defined once, without a
// default, an else or a condition, as a ground value: what a read of its path always
// gives.
func constants(c *ast.Compiler) map[string]ast.Value {
	out := map[string]ast.Value{}
	defs := map[string]int{}
	for _, m := range c.Modules {
		for _, r := range m.Rules {
			p := rulePath(r)
			defs[p]++
			if len(r.Head.Args) > 0 || r.Default || r.Else != nil || r.Head.Key != nil || r.Head.Value == nil ||
				r.Head.RuleKind() != ast.SingleValue || !r.Ref().IsGround() || !r.Head.Value.IsGround() ||
				len(r.Body) != 1 || !r.Body[0].Equal(ast.NewExpr(ast.BooleanTerm(true))) {
				continue
			}
			out[p] = r.Head.Value.Value
		}
	}
	for p, n := range defs {
		if n > 1 {
			delete(out, p) // defined again: not one value
		}
	}
	return out
}

// orders are the comparisons of order, by operator: as written (x < 30) and with the
// sides swapped (30 > x).
var orders = map[string][2]string{
	ast.LessThan.Ref().String():      {"<", ">"},
	ast.LessThanEq.Ref().String():    {"<=", ">="},
	ast.GreaterThan.Ref().String():   {">", "<"},
	ast.GreaterThanEq.Ref().String(): {">=", "<="},
}

// order is what an expression comparing the order of a value of the input with a
// number needs: `x < 30` (or 30 > x), a value below 30 in Rego's order of values,
// which lt, lte, gt and gte compare with whatever the types. The number may be a
// constant rule's value (x < minimum).
func order(op ast.Ref, terms []*ast.Term, bound map[ast.Var][]string, constant map[ast.Var]ast.Value, consts map[string]ast.Value) (atom, bool) {
	cmps, ok := orders[op.String()]
	if !ok {
		return atom{}, false
	}
	for i, pair := range [][2]*ast.Term{{terms[1], terms[2]}, {terms[2], terms[1]}} {
		path, ok := inputPath(pair[0], bound)
		if !ok || len(path) == 0 {
			continue
		}
		with := pair[1].Value
		switch v := with.(type) {
		case ast.Var:
			with = constant[v]
		case ast.Ref:
			with = consts[v.String()]
		}
		n, ok := with.(ast.Number)
		if !ok {
			continue
		}
		return atom{path: path, cmp: cmps[i], num: n}, true
	}
	return atom{}, false
}

// stringMembers is the members as sorted strings; nil unless every one is a string.
func stringMembers(ts []*ast.Term) []string {
	if len(ts) == 0 {
		return nil
	}
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		s, ok := t.Value.(ast.String)
		if !ok {
			return nil
		}
		out = append(out, string(s))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func arrayTerms(a *ast.Array) []*ast.Term {
	out := make([]*ast.Term, a.Len())
	for i := range out {
		out[i] = a.Elem(i)
	}
	return out
}

// refAtom is what reading ref needs: for input.a.b[x], that input.a.b has a member;
// for input.a.b, that it is defined; for c.d of a variable c bound to a member of
// input.a, that some member of input.a has a d; for a rule's path, the rule's
// condition.
func refAtom(ref ast.Ref, bound map[ast.Var][]string) (atom, bool) {
	if len(ref) < 2 {
		return atom{}, false
	}
	head, ok := ref[0].Value.(ast.Var)
	if !ok {
		return atom{}, false
	}
	if head.Equal(ast.DefaultRootDocument.Value) {
		return atom{ref: ref}, true
	}
	path, ok := inputPath(ast.NewTerm(ref), bound)
	if !ok {
		return atom{}, false
	}
	return inputAtomOf(path), true
}

// inputAtomOf is the atom that path be defined, its last wildcard written as nonEmpty.
func inputAtomOf(path []string) atom {
	if n := len(path); n > 1 && path[n-1] == wildcard {
		return atom{path: path[:n-1], nonEmpty: true}
	}
	return atom{path: path}
}

// resolve names the rule each read of data needs, once: the longest ground prefix of
// the ref that is a rule's path names the rule; reading past that path (an element of
// a partial rule, a member of a complete one), or reading a complete rule at all, needs
// the rule to hold. A bare partial rule is an empty collection when nothing holds, and
// a read of what is not a rule is not followed: those reads need nothing.
func (g *guards) resolve(body []atom) []atom {
	out := body[:0]
	for _, a := range body {
		if a.ref == nil {
			out = append(out, a)
			continue
		}
		ground := a.ref.GroundPrefix()
		for n := len(ground); n > 1; n-- {
			p := ground[:n].String()
			if _, ok := g.rules[p]; !ok {
				continue
			}
			if n < len(a.ref) || g.complete[p] {
				out = append(out, atom{rule: p, rest: refKeys(a.ref[n:])})
			}
			break
		}
	}
	return out
}

// refKeys is the keys of a ref's tail as path keys, a wildcard for a key that is not a
// string.
func refKeys(ref ast.Ref) []string {
	var out []string
	for _, k := range ref {
		if s, ok := k.Value.(ast.String); ok && s != wildcard {
			out = append(out, string(s))
		} else {
			out = append(out, wildcard)
		}
	}
	return out
}

// inputAtom is a value of the input a guard needs: the keys under input that must
// hold a value (a wildcard key: any member of the collection there), with NonEmpty a
// collection with at least one member, with Values one of those strings.
type inputAtom struct {
	Path     []string
	NonEmpty bool
	Values   []string
	Fold     bool // Values are of the value lowered
	Absent   bool // the value is undefined or false (a negated read)
	// Cmp, when set, is the order the value must have to the number Num: "<", "<=",
	// ">" or ">=".
	Cmp string
	Num string
}

// guard is what a rule package's deny rule needs of the input to find anything: any
// one of Bodies, each all of its atoms; Always when the analysis cannot tell.
type guard struct {
	Always bool
	Bodies [][]inputAtom
}

// Bounds of a guard: past them, bodies are merged into what they share (merge), or the
// guard becomes Always; either only makes the guard hold more often.
const (
	maxGuardBodies = 16
	maxGuardDepth  = 32
)

// packageGuards is the guard of each rule package (data.aksnet.rules.<pkg>), in terms
// of the input alone: the reads of other rules are replaced by those rules' own
// conditions, so that evaluating a guard reads only the document. Precompile stores
// them with the policies.
func packageGuards(c *ast.Compiler, pkgs []string) map[string]guard {
	g := newGuards(c)
	f := &flattener{g: g, memo: map[string]guard{}, visiting: map[string]bool{}}
	out := make(map[string]guard, len(pkgs))
	for _, p := range pkgs {
		out[p] = f.flatten(rulesRoot+"."+p+".deny", nil, 0)
	}
	return out
}

type flattener struct {
	g        *guards
	memo     map[string]guard
	visiting map[string]bool
}

// flatten is the condition of a read of the rule at path over the input alone; rest is
// what the read reads past the rule (refAtom's rest). A body whose value is a value of
// the input (an alias) needs, besides its own atoms, that value to hold what the read
// reads: `some x in candidates.vnets`, with `candidates := input.derived.c`, needs a
// member of input.derived.c.vnets.
func (f *flattener) flatten(path string, rest []string, depth int) guard {
	c := f.g.rules[path]
	if c == nil || c.always {
		return guard{Always: true}
	}
	key := path
	if len(rest) > 0 {
		key += "\x00" + strings.Join(rest, "\x01")
	}
	return f.disjunction(key, depth, func() [][]atom {
		if len(rest) == 0 {
			return c.bodies
		}
		bodies := make([][]atom, len(c.bodies))
		for i, body := range c.bodies {
			bodies[i] = body
			if p := c.aliases[i]; p != nil {
				bodies[i] = append(body[:len(body):len(body)], inputAtomOf(append(slices.Clone(p), rest...)))
			}
		}
		return bodies
	})
}

// flattenCall is the condition of a call of a function over the input alone: any of
// its definitions' bodies, read with each parameter bound to its argument's path.
func (f *flattener) flattenCall(a atom, depth int) guard {
	defs := f.g.funcs[a.call]
	if len(defs) == 0 {
		return guard{Always: true} // not followed
	}
	key := a.call
	for _, p := range a.args {
		key += "\x00" + strings.Join(p, "\x01")
		if p == nil {
			key += "\x02"
		}
	}
	return f.disjunction(key, depth, func() [][]atom {
		var bodies [][]atom
		for _, d := range defs {
			bound := map[ast.Var][]string{}
			for i, v := range d.params {
				if v != "" && a.args[i] != nil {
					bound[v] = a.args[i]
				}
			}
			bodies = append(bodies, f.g.resolve(f.g.bodyAtoms(d.body, bound)))
		}
		return bodies
	})
}

// disjunction is the condition, over the input alone, that any of the bodies holds
// (key names them for the memo and the cycle check).
func (f *flattener) disjunction(key string, depth int, bodies func() [][]atom) guard {
	if v, ok := f.memo[key]; ok {
		return v
	}
	if f.visiting[key] || depth > maxGuardDepth {
		return guard{Always: true}
	}
	f.visiting[key] = true
	defer delete(f.visiting, key)
	var out guard
	for _, body := range bodies() {
		conj := [][]inputAtom{nil}
		for _, a := range body {
			var sub guard
			switch {
			case a.call != "":
				sub = f.flattenCall(a, depth+1)
			case a.rule != "":
				sub = f.flatten(a.rule, a.rest, depth+1)
			default:
				for i := range conj {
					conj[i] = append(conj[i][:len(conj[i]):len(conj[i])], inputAtom{Path: a.path, NonEmpty: a.nonEmpty, Values: a.values, Fold: a.fold, Absent: a.absent, Cmp: a.cmp, Num: string(a.num)})
				}
				continue
			}
			if sub.Always {
				continue // holds, as far as the guard can tell
			}
			if len(conj)*len(sub.Bodies) > maxGuardBodies {
				// Too many to keep apart: sub's bodies merged into as many as the
				// bound leaves room for, each what the bodies merged into it share.
				sub.Bodies = merge(sub.Bodies, max(1, maxGuardBodies/len(conj)))
			}
			var next [][]inputAtom
			for _, x := range conj {
				for _, y := range sub.Bodies {
					next = append(next, append(x[:len(x):len(x)], y...))
				}
			}
			conj = next
		}
		for _, x := range conj {
			if len(x) == 0 {
				out = guard{Always: true}
				f.memo[key] = out
				return out
			}
		}
		for _, x := range conj {
			out.Bodies = append(out.Bodies, distinct(x))
		}
	}
	out.Bodies = distinctBodies(out.Bodies)
	if len(out.Bodies) > maxGuardBodies {
		// Past the bound, bodies are merged until it holds, each merged body what the
		// bodies merged into it share: any body that holds holds its merged body, so
		// the guard only holds more often. Merging the bodies that share most keeps
		// apart what tells them apart most (a derived fact's candidates and its
		// fallback, which AKSNET209's four bodies all read).
		out.Bodies = merge(out.Bodies, maxGuardBodies)
		if slices.ContainsFunc(out.Bodies, func(b []inputAtom) bool { return len(b) == 0 }) {
			out = guard{Always: true}
		}
	}
	f.memo[key] = out
	return out
}

// maxMergeBodies bounds the bodies merge compares pairwise; past it, they are first
// merged into what all of them share.
const maxMergeBodies = 256

// merge is bodies, a disjunction, merged into at most n bodies, each what the bodies
// merged into it share (a weaker condition than each of them), by merging the two that
// share the most atoms until n remain. Bodies that become equal are one.
func merge(bodies [][]inputAtom, n int) [][]inputAtom {
	bodies = distinctBodies(bodies)
	if len(bodies) <= n {
		return bodies
	}
	if len(bodies) > maxMergeBodies || n <= 1 {
		return [][]inputAtom{common(bodies)}
	}
	live := slices.Clone(bodies)
	// shared[i][j], i < j: the atoms bodies i and j share, counted once.
	shared := make([][]int, len(live))
	for i := range live {
		shared[i] = make([]int, len(live))
		for j := i + 1; j < len(live); j++ {
			shared[i][j] = len(common([][]inputAtom{live[i], live[j]}))
		}
	}
	alive := make([]bool, len(live))
	for i := range alive {
		alive[i] = true
	}
	for left := len(live); left > n; left-- {
		bi, bj := -1, -1
		for i := range live {
			for j := i + 1; alive[i] && j < len(live); j++ {
				if alive[j] && (bi < 0 || shared[i][j] > shared[bi][bj]) {
					bi, bj = i, j
				}
			}
		}
		live[bi] = common([][]inputAtom{live[bi], live[bj]})
		alive[bj] = false
		for k := range live {
			if !alive[k] || k == bi {
				continue
			}
			c := len(common([][]inputAtom{live[bi], live[k]}))
			if k < bi {
				shared[k][bi] = c
			} else {
				shared[bi][k] = c
			}
		}
	}
	var out [][]inputAtom
	for i, b := range live {
		if alive[i] {
			out = append(out, b)
		}
	}
	return distinctBodies(out)
}

// distinctBodies is bodies without those that need all another needs (absorbed: the
// other holds whenever they do) and, of bodies that need the same atoms, all but the
// first, in their first order: the same disjunction.
func distinctBodies(bodies [][]inputAtom) [][]inputAtom {
	out := make([][]inputAtom, 0, len(bodies))
	for i, b := range bodies {
		absorbed := false
		for j, o := range bodies {
			if i != j && needsAll(b, o) && (!needsAll(o, b) || j < i) {
				absorbed = true
				break
			}
		}
		if !absorbed {
			out = append(out, b)
		}
	}
	return out
}

// needsAll reports whether body a needs every atom b needs.
func needsAll(a, b []inputAtom) bool {
	for _, x := range b {
		if !slices.ContainsFunc(a, x.equal) {
			return false
		}
	}
	return true
}

// common is the atoms every body holds, in the first body's order.
func common(bodies [][]inputAtom) []inputAtom {
	if len(bodies) == 0 {
		return nil
	}
	var out []inputAtom
	for _, a := range bodies[0] {
		if !slices.ContainsFunc(out, a.equal) && !slices.ContainsFunc(bodies[1:], func(b []inputAtom) bool { return !slices.ContainsFunc(b, a.equal) }) {
			out = append(out, a)
		}
	}
	return out
}

func (a inputAtom) equal(b inputAtom) bool {
	return a.NonEmpty == b.NonEmpty && a.Fold == b.Fold && a.Absent == b.Absent && a.Cmp == b.Cmp && a.Num == b.Num && slices.Equal(a.Path, b.Path) && slices.Equal(a.Values, b.Values)
}

// distinct is body without its repeated atoms, in their first order.
func distinct(body []inputAtom) []inputAtom {
	out := make([]inputAtom, 0, len(body))
	for _, a := range body {
		if !slices.ContainsFunc(out, func(b inputAtom) bool {
			return a.equal(b)
		}) {
			out = append(out, a)
		}
	}
	return out
}

// holds reports whether input has what the guard needs.
func (g guard) holds(input ast.Object) bool {
	if g.Always {
		return true
	}
	for _, body := range g.Bodies {
		all := true
		for _, a := range body {
			if !a.holds(input) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

func (a inputAtom) holds(input ast.Object) bool {
	return a.check().holds(input)
}

// check is a as the terms an object is read with, made once.
func (a inputAtom) check() atomCheck {
	keys := make([]*ast.Term, len(a.Path))
	for i, k := range a.Path {
		if k != wildcard {
			keys[i] = ast.StringTerm(k)
		}
	}
	var values []ast.Value
	for _, v := range a.Values {
		values = append(values, ast.String(v))
	}
	c := atomCheck{keys: keys, nonEmpty: a.NonEmpty, values: values, fold: a.Fold, absent: a.Absent, cmp: a.Cmp}
	if a.Cmp != "" {
		c.num = ast.Number(a.Num)
	}
	return c
}

// atomCheck is an inputAtom with its path as the terms an object is read with (nil
// for a wildcard), and its strings as values.
type atomCheck struct {
	keys     []*ast.Term
	nonEmpty bool
	values   []ast.Value
	fold     bool
	absent   bool
	cmp      string
	num      ast.Number
}

func (a atomCheck) holds(input ast.Object) bool {
	if a.absent {
		return a.isAbsent(input)
	}
	return a.holdsAt(input, 0)
}

// isAbsent reports whether input has no value at a's keys (all strings), or false
// there: what `not input.a.b` needs.
func (a atomCheck) isAbsent(input ast.Object) bool {
	var v ast.Value = input
	for _, k := range a.keys {
		obj, ok := v.(ast.Object)
		if !ok || k == nil {
			return true // a key of what is not an object is undefined (no wildcard comes here)
		}
		t := obj.Get(k)
		if t == nil {
			return true
		}
		v = t.Value
	}
	return ast.Boolean(false).Compare(v) == 0
}

// holdsAt reports whether v, the value at keys[:i], has what keys[i:] need; at a
// wildcard, whether any member does. The depth is the path's, which the policies
// bound.
func (a atomCheck) holdsAt(v ast.Value, i int) bool {
	for ; i < len(a.keys); i++ {
		k := a.keys[i]
		if k == nil {
			found := false
			_ = forEachMember(v, func(m ast.Value) bool {
				found = a.holdsAt(m, i+1)
				return found
			})
			return found
		}
		obj, ok := v.(ast.Object)
		if !ok {
			return false
		}
		t := obj.Get(k)
		if t == nil {
			return false
		}
		v = t.Value
	}
	if a.cmp != "" {
		// As Rego's lt, lte, gt and gte: ast.Compare, which orders values of any type.
		switch c := ast.Compare(v, a.num); a.cmp {
		case "<":
			return c < 0
		case "<=":
			return c <= 0
		case ">":
			return c > 0
		default:
			return c >= 0
		}
	}
	if a.values != nil {
		if a.fold {
			// As Rego's lower: a string, lowered as strings.ToLower does.
			s, ok := v.(ast.String)
			if !ok {
				return false
			}
			v = ast.String(strings.ToLower(string(s)))
		}
		return slices.ContainsFunc(a.values, func(s ast.Value) bool { return s.Compare(v) == 0 })
	}
	if !a.nonEmpty {
		return true
	}
	return forEachMember(v, func(ast.Value) bool { return true })
}

// forEachMember calls f with each member of a collection (the elements of an array or
// a set, the values of an object) until f returns true, and reports whether it did.
func forEachMember(v ast.Value, f func(ast.Value) bool) bool {
	switch v := v.(type) {
	case *ast.Array:
		for i := range v.Len() {
			if f(v.Elem(i).Value) {
				return true
			}
		}
	case ast.Object:
		for _, k := range v.Keys() {
			if f(v.Get(k).Value) {
				return true
			}
		}
	case ast.Set:
		for _, m := range v.Slice() {
			if f(m.Value) {
				return true
			}
		}
	}
	return false
}

// selections prepares and keeps one query per set of rule packages that documents
// select, so each document evaluates only the packages that can find something in it
// and apply to its kind.
type selections struct {
	pkgs   []string // sorted
	guards []guard  // of pkgs
	kinds  [][]string
	all    *query
	// atoms are the distinct input reads of all the guards, and bodies each package's
	// guard as indexes into atoms (nil: it always holds). The guards repeat the same
	// reads (input.clusters, its network profile) from package to package; a document
	// answers each once (BenchmarkSelect).
	atoms  []atomCheck
	bodies [][][]int

	mu      sync.Mutex
	queries map[string]*query
	// singles are the queries over one package each, for a split evaluation
	// (split.go); made as needed.
	singles []*query
}

// maxSelections bounds the prepared queries; past it, a document of a new selection
// evaluates every package (as with Options.EveryRule) and its findings of other kinds
// are dropped after, as always.
const maxSelections = 256

// newSelections prepares the selections of the packages byPkg names; guards are
// theirs when the policies were precompiled, else nil and worked out here.
func newSelections(c *ast.Compiler, byPkg map[string]finding.Rule, all *query, guards map[string]guard) *selections {
	s := &selections{pkgs: slices.Sorted(maps.Keys(byPkg)), all: all, queries: map[string]*query{}}
	if guards == nil {
		guards = packageGuards(c, s.pkgs)
	}
	index := map[string]int{}
	for _, p := range s.pkgs {
		s.kinds = append(s.kinds, byPkg[p].Kinds)
		g, ok := guards[p]
		if !ok {
			g = guard{Always: true}
		}
		s.guards = append(s.guards, g)
		s.bodies = append(s.bodies, s.index(g, index))
	}
	return s
}

// index is g's bodies as indexes into s.atoms, adding the reads not seen yet (index
// maps a read to its place); nil when g always holds.
func (s *selections) index(g guard, index map[string]int) [][]int {
	if g.Always {
		return nil
	}
	bodies := make([][]int, len(g.Bodies))
	for i, body := range g.Bodies {
		bodies[i] = make([]int, len(body))
		for j, a := range body {
			// Keys and values may hold any character but NUL, which the path cannot.
			id := fmt.Sprintf("%t\x00%t\x00%t\x00%s\x00%s\x00%s\x00\x00%s", a.NonEmpty, a.Fold, a.Absent, a.Cmp, a.Num, strings.Join(a.Path, "\x00"), strings.Join(a.Values, "\x00"))
			k, ok := index[id]
			if !ok {
				k = len(s.atoms)
				index[id] = k
				s.atoms = append(s.atoms, a.check())
			}
			bodies[i][j] = k
		}
	}
	return bodies
}

// holds reports whether the guard of package i holds for input; answers holds each
// read of s.atoms already made for input (0: not yet, 1: it holds, 2: it does not).
func (s *selections) holds(i int, input ast.Object, answers []byte) bool {
	if s.bodies[i] == nil {
		return true
	}
	for _, body := range s.bodies[i] {
		all := true
		for _, k := range body {
			if answers[k] == 0 {
				answers[k] = 2
				if s.atoms[k].holds(input) {
					answers[k] = 1
				}
			}
			if answers[k] != 1 {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// query returns the query over the packages that can find something in input, a
// document of kind k; nil when none can.
func (s *selections) query(input ast.Value, k netdoc.Kind) *query {
	obj, ok := input.(ast.Object)
	if !ok {
		return s.all
	}
	return s.queryOf(s.choose(obj, k))
}

// choose is the packages that can find something in input, a document of kind k:
// key[i] is '1' for each chosen package s.pkgs[i], '0' for the others.
func (s *selections) choose(input ast.Object, k netdoc.Kind) []byte {
	key := make([]byte, len(s.pkgs))
	answers := make([]byte, len(s.atoms))
	for i := range s.pkgs {
		key[i] = '0'
		if (s.kinds[i] == nil || slices.Contains(s.kinds[i], string(k))) && s.holds(i, input, answers) {
			key[i] = '1'
		}
	}
	return key
}

// queryOf is the query over the packages key chooses (choose); nil when it chooses
// none.
func (s *selections) queryOf(key []byte) *query {
	n := bytes.Count(key, []byte{'1'})
	switch n {
	case 0:
		return nil
	case len(s.pkgs):
		return s.all
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if q, ok := s.queries[string(key)]; ok {
		return q
	}
	if len(s.queries) >= maxSelections {
		return s.all
	}
	chosen := make([]string, 0, n)
	for i, p := range s.pkgs {
		if key[i] == '1' {
			chosen = append(chosen, p)
		}
	}
	q := s.selected(chosen)
	s.queries[string(key)] = q
	return q
}

// selected is the query over pkgs: the compiled findings query (findingsQuery), whose
// comprehension binds each package name by iterating data.aksnet.rules, with the
// package variable first bound to each member of the set of pkgs instead, as the
// query compiler would write `some pkg in {...}` (the set assigned to a variable,
// then iterated). Built on the compiled body, it needs no compiling: a selection
// costs a copy of a one-line body (TestSelectedQuery).
func (s *selections) selected(pkgs []string) *query {
	set := make([]*ast.Term, len(pkgs))
	for i, p := range pkgs {
		set[i] = ast.StringTerm(p)
	}
	q := *s.all
	q.body = s.all.body.Copy()
	done := false
	ast.WalkTerms(q.body, func(t *ast.Term) bool {
		c, ok := t.Value.(*ast.ArrayComprehension)
		if !ok || done {
			return done
		}
		pkg := packageVar(c.Body)
		if pkg == nil {
			return false
		}
		setVar, iter := ast.VarTerm("__localqselection0__"), ast.VarTerm("__localqselection1__")
		exprs := []*ast.Expr{
			ast.Equality.Expr(setVar, ast.NewTerm(ast.NewSet(set...))),
			ast.Equality.Expr(pkg, ast.RefTerm(setVar, iter)),
		}
		c.Body = ast.NewBody(append(exprs, c.Body...)...)
		done = true
		return true
	})
	if !done {
		return s.all // a compiled form this does not know: every package, filtered after
	}
	return &q
}

// packageVar is the variable that names the package in body's read of
// data.aksnet.rules[pkg].deny.
func packageVar(body ast.Body) *ast.Term {
	var out *ast.Term
	prefix := ast.MustParseRef(rulesRoot)
	ast.WalkRefs(body, func(r ast.Ref) bool {
		if len(r) > len(prefix) && r.HasPrefix(prefix) {
			if _, ok := r[len(prefix)].Value.(ast.Var); ok {
				out = r[len(prefix)]
			}
		}
		return out != nil
	})
	return out
}

// encodeGuards writes guards for the precompiled policies, a line a package, sorted:
// "pkg\t*" for Always, else "pkg\t" and the bodies separated by "|", each its atoms
// separated by ",", each the keys of its path separated by ".", "[]" after a key for a
// wildcard (clusters[].model) and after a path that must hold a member, and "=" and
// the strings the value must be one of, separated by ";" ("~" instead of "=": the
// value lowered), or an order's code (orderCodes) and its number
// (clusters[].nodePools[].maxPods<30); "!" before a path that must be absent (a
// negated read). A line, not JSON: decoding
// it is a small part of a run's start (BenchmarkNewPrecompiled). A key or a string
// holding a separator makes its guard Always.
func encodeGuards(guards map[string]guard) []byte {
	var b strings.Builder
	for _, p := range slices.Sorted(maps.Keys(guards)) {
		b.WriteString(p + "\t" + encodeGuard(guards[p]) + "\n")
	}
	return []byte(b.String())
}

// separators are the characters a key or a string of an encoded guard cannot hold.
const separators = ".,|[]*=~;!<>{}\t\n"

// orderCodes write the orders of encoded guards in one character each, none of them
// "=": "<" and ">", "{" for "<=" and "}" for ">=".
var orderCodes = map[string]string{"<": "<", ">": ">", "<=": "{", ">=": "}"}

func encodeGuard(g guard) string {
	if g.Always {
		return "*"
	}
	bodies := make([]string, len(g.Bodies))
	for i, body := range g.Bodies {
		atoms := make([]string, len(body))
		for j, a := range body {
			var b strings.Builder
			if a.Absent {
				b.WriteString("!")
			}
			for n, k := range a.Path {
				switch {
				case k == wildcard && n > 0:
					b.WriteString("[]")
					continue
				case k == "" || strings.ContainsAny(k, separators):
					return "*"
				case n > 0:
					b.WriteString(".")
				}
				b.WriteString(k)
			}
			if a.NonEmpty {
				b.WriteString("[]")
			}
			if a.Cmp != "" {
				code, ok := orderCodes[a.Cmp]
				if !ok || a.Num == "" || strings.ContainsAny(a.Num, ",|[]*=~;!<>{}\t\n") {
					return "*"
				}
				b.WriteString(code + a.Num)
			}
			for n, v := range a.Values {
				if v == "" || strings.ContainsAny(v, separators) {
					return "*"
				}
				switch {
				case n == 0 && a.Fold:
					b.WriteString("~")
				case n == 0:
					b.WriteString("=")
				default:
					b.WriteString(";")
				}
				b.WriteString(v)
			}
			atoms[j] = b.String()
		}
		bodies[i] = strings.Join(atoms, ",")
	}
	return strings.Join(bodies, "|")
}

// decodeGuards reads what encodeGuards wrote.
func decodeGuards(data []byte) (map[string]guard, error) {
	out := map[string]guard{}
	for line := range strings.Lines(string(data)) {
		pkg, text, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok {
			return nil, fmt.Errorf("precompiled policies: guard line %q", line)
		}
		if text == "*" {
			out[pkg] = guard{Always: true}
			continue
		}
		var g guard
		for body := range strings.SplitSeq(text, "|") {
			var atoms []inputAtom
			for a := range strings.SplitSeq(body, ",") {
				atom, err := decodeAtom(a)
				if err != nil {
					return nil, fmt.Errorf("precompiled policies: guard of %s: %w", pkg, err)
				}
				atoms = append(atoms, atom)
			}
			g.Bodies = append(g.Bodies, atoms)
		}
		out[pkg] = g
	}
	return out, nil
}

// decodeAtom reads one atom encodeGuard wrote.
func decodeAtom(text string) (inputAtom, error) {
	var a inputAtom
	text, a.Absent = strings.CutPrefix(text, "!")
	if i := strings.IndexAny(text, "<>{}"); i >= 0 {
		for cmp, code := range orderCodes {
			if code == text[i:i+1] {
				a.Cmp = cmp
			}
		}
		text, a.Num = text[:i], text[i+1:]
		if _, err := strconv.ParseFloat(a.Num, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
			return inputAtom{}, fmt.Errorf("number %q in %q", a.Num, text)
		}
	}
	text, values, hasValues := strings.Cut(text, "=")
	if !hasValues {
		text, values, hasValues = strings.Cut(text, "~")
		a.Fold = hasValues
	}
	if hasValues {
		a.Values = strings.Split(values, ";")
	}
	for k := range strings.SplitSeq(text, ".") {
		key, n := k, 0
		for {
			rest, ok := strings.CutSuffix(key, "[]")
			if !ok {
				break
			}
			key, n = rest, n+1
		}
		if key == "" {
			return inputAtom{}, fmt.Errorf("empty key in %q", text)
		}
		a.Path = append(a.Path, key)
		for range n {
			a.Path = append(a.Path, wildcard)
		}
	}
	if !hasValues && a.Cmp == "" && a.Path[len(a.Path)-1] == wildcard {
		a.Path, a.NonEmpty = a.Path[:len(a.Path)-1], true
	}
	return a, nil
}
