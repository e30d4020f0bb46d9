package engine

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
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
// whose deny bodies can succeed is left out of the query. The analysis only ever
// concludes "cannot succeed" from such reads, so it may keep a package that finds
// nothing, never drop one that finds something; TestGuardsChangeNoFinding
// (internal/lint) compares findings with and without it on every golden case and the
// shared corpus.

// atom is one thing a body needs. For input, path is the keys under input that must
// hold a value (nonEmpty: a collection with at least one member, because the body
// iterates or indexes it with a variable). For a rule, rule names the rule's path
// (data.x.y) whose condition must hold.
type atom struct {
	path     []string
	nonEmpty bool
	ref      ast.Ref // a read of data, until resolve names its rule
	rule     string
}

// condition is what a rule (all its definitions) needs: any one of its bodies, each
// all of its atoms; always when the analysis does not follow the rule.
type condition struct {
	always bool
	bodies [][]atom
}

// guards holds the condition of every rule path the analysis understands.
type guards struct {
	rules map[string]*condition
	// complete is true for a rule path whose bare read needs a body to hold: a
	// complete rule without default is undefined when none does, where a partial rule
	// is an empty collection.
	complete map[string]bool
}

// newGuards analyses every rule of the compiled modules.
func newGuards(c *ast.Compiler) *guards {
	g := &guards{rules: map[string]*condition{}, complete: map[string]bool{}}
	for _, m := range c.Modules {
		for _, r := range m.Rules {
			if r.Else != nil {
				// An else chain has a value when any of its bodies holds.
				g.rules[rulePath(r)] = &condition{always: true}
				continue
			}
			g.add(r)
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

func (g *guards) add(r *ast.Rule) {
	path := rulePath(r)
	c := g.rules[path]
	if c == nil {
		c = &condition{}
		g.rules[path] = c
	}
	if len(r.Head.Args) > 0 || r.Default || c.always {
		// Functions are called with values the analysis does not follow; a default
		// makes the rule always defined.
		c.always = true
		c.bodies = nil
		return
	}
	full := r.Ref()
	g.complete[path] = r.Head.RuleKind() == ast.SingleValue && full.IsGround()
	c.bodies = append(c.bodies, bodyAtoms(r.Body))
}

// bodyAtoms lists what a body reads outside negations, comprehensions, every and with.
func bodyAtoms(body ast.Body) []atom {
	var out []atom
	for _, e := range body {
		if e.Negated || len(e.With) > 0 {
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
				if a, ok := refAtom(x); ok {
					out = append(out, a)
				}
			}
			return false
		})
		vis.Walk(e)
	}
	return out
}

// refAtom is what reading ref needs: for input.a.b[x], that input.a.b has a member;
// for input.a.b, that it is defined; for a rule's path, the rule's condition.
func refAtom(ref ast.Ref) (atom, bool) {
	if len(ref) < 2 {
		return atom{}, false
	}
	head, ok := ref[0].Value.(ast.Var)
	if !ok {
		return atom{}, false
	}
	switch {
	case head.Equal(ast.InputRootDocument.Value):
		var path []string
		for _, t := range ref[1:] {
			s, ok := t.Value.(ast.String)
			if !ok {
				return atom{path: path, nonEmpty: true}, len(path) > 0
			}
			path = append(path, string(s))
		}
		return atom{path: path}, true
	case head.Equal(ast.DefaultRootDocument.Value):
		return atom{ref: ref}, true
	}
	return atom{}, false
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
				out = append(out, atom{rule: p})
			}
			break
		}
	}
	return out
}

// inputAtom is a value of the input a guard needs: the keys under input that must
// hold a value, and with NonEmpty a collection with at least one member.
type inputAtom struct {
	Path     []string
	NonEmpty bool
}

// guard is what a rule package's deny rule needs of the input to find anything: any
// one of Bodies, each all of its atoms; Always when the analysis cannot tell.
type guard struct {
	Always bool
	Bodies [][]inputAtom
}

// Bounds of a guard: past them, a read of another rule is dropped from a body (which
// only makes the guard hold more often), or the guard becomes Always.
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
		out[p] = f.flatten(rulesRoot+"."+p+".deny", 0)
	}
	return out
}

type flattener struct {
	g        *guards
	memo     map[string]guard
	visiting map[string]bool
}

// flatten is the condition of the rule at path over the input alone.
func (f *flattener) flatten(path string, depth int) guard {
	if v, ok := f.memo[path]; ok {
		return v
	}
	c := f.g.rules[path]
	if c == nil || c.always || f.visiting[path] || depth > maxGuardDepth {
		return guard{Always: true}
	}
	f.visiting[path] = true
	defer delete(f.visiting, path)
	var out guard
	for _, body := range c.bodies {
		conj := [][]inputAtom{nil}
		for _, a := range body {
			if a.rule == "" {
				for i := range conj {
					conj[i] = append(conj[i][:len(conj[i]):len(conj[i])], inputAtom{Path: a.path, NonEmpty: a.nonEmpty})
				}
				continue
			}
			sub := f.flatten(a.rule, depth+1)
			if sub.Always || len(conj)*len(sub.Bodies) > maxGuardBodies {
				continue // holds, as far as the guard can tell
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
				f.memo[path] = out
				return out
			}
		}
		out.Bodies = append(out.Bodies, conj...)
	}
	if len(out.Bodies) > maxGuardBodies {
		out = guard{Always: true}
	}
	f.memo[path] = out
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
	keys := make([]*ast.Term, len(a.Path))
	for i, k := range a.Path {
		keys[i] = ast.StringTerm(k)
	}
	return atomCheck{keys: keys, nonEmpty: a.NonEmpty}.holds(input)
}

// atomCheck is an inputAtom with its path as the terms an object is read with, made
// once.
type atomCheck struct {
	keys     []*ast.Term
	nonEmpty bool
}

func (a atomCheck) holds(input ast.Object) bool {
	var v ast.Value = input
	for _, k := range a.keys {
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
	if !a.nonEmpty {
		return true
	}
	switch v := v.(type) {
	case *ast.Array:
		return v.Len() > 0
	case ast.Object:
		return v.Len() > 0
	case ast.Set:
		return v.Len() > 0
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
			// Keys may hold any character but NUL, which the path cannot.
			id := fmt.Sprintf("%t\x00%s", a.NonEmpty, strings.Join(a.Path, "\x00"))
			k, ok := index[id]
			if !ok {
				k = len(s.atoms)
				index[id] = k
				keys := make([]*ast.Term, len(a.Path))
				for n, p := range a.Path {
					keys[n] = ast.StringTerm(p)
				}
				s.atoms = append(s.atoms, atomCheck{keys: keys, nonEmpty: a.NonEmpty})
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
// separated by ",", each the keys of its path separated by "." and "[]" after a path
// that must hold a member. A line, not JSON: decoding it is a small part of a run's
// start (BenchmarkNewPrecompiled). A key holding a separator makes its guard Always.
func encodeGuards(guards map[string]guard) []byte {
	var b strings.Builder
	for _, p := range slices.Sorted(maps.Keys(guards)) {
		b.WriteString(p + "\t" + encodeGuard(guards[p]) + "\n")
	}
	return []byte(b.String())
}

func encodeGuard(g guard) string {
	if g.Always {
		return "*"
	}
	bodies := make([]string, len(g.Bodies))
	for i, body := range g.Bodies {
		atoms := make([]string, len(body))
		for j, a := range body {
			for _, k := range a.Path {
				if k == "" || strings.ContainsAny(k, ".,|[]*\t\n") {
					return "*"
				}
			}
			atoms[j] = strings.Join(a.Path, ".")
			if a.NonEmpty {
				atoms[j] += "[]"
			}
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
				path, nonEmpty := strings.CutSuffix(a, "[]")
				if path == "" {
					return nil, fmt.Errorf("precompiled policies: guard of %s: empty path", pkg)
				}
				atoms = append(atoms, inputAtom{Path: strings.Split(path, "."), NonEmpty: nonEmpty})
			}
			g.Bodies = append(g.Bodies, atoms)
		}
		out[pkg] = g
	}
	return out, nil
}
