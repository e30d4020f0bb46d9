package armeval

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// What ARM's template validation rejects before any resource provider sees the
// deployment (AKSNET904): every expression of the template is read, whether or not
// the values the linter knows take it (a branch of if() not taken, a resource whose
// condition is false), as ARM reads them all; parameter values are checked against
// their declarations. The rest of the template is extracted as usual.

// codeInvalidTemplate is ARM's error code for all of these.
const codeInvalidTemplate = "InvalidTemplate"

// maxValidateStrings bounds the strings one template's validation reads.
const maxValidateStrings = 1 << 20

// decls are the names a template declares: parameters and variables as written,
// user-defined functions ("namespace.name") in lower case.
type decls struct {
	params, vars names
	funcs        map[string]bool
	// id tells apart the declarations of one validation's templates (from 1), for
	// scanned.cleanIn.
	id int
}

// names is a set of names as written. A reference almost always spells a name as it
// is declared: only a miss compares ignoring case, so that no name is lower-cased
// (the sets are read, never written, by the validations of a template's parameter
// files, which may run at once).
type names map[string]bool

// has reports whether the set holds name, ignoring case.
func (n names) has(name string) bool {
	if n[name] {
		return true
	}
	for k := range n {
		if len(k) == len(name) && strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// has reports whether set holds name, ignoring case; set's names are in lower case.
func has(set map[string]bool, name string) bool {
	return set[name] || set[strings.ToLower(name)]
}

func declsOf(src *jsonsrc.Source, tmpl gjson.Result) decls {
	d := decls{params: names{}, vars: names{}, funcs: map[string]bool{}}
	src.ForEach(src.Get(tmpl, "parameters"), func(k, _ gjson.Result) bool {
		d.params[k.String()] = true
		return true
	})
	src.ForEach(src.Get(tmpl, "variables"), func(k, v gjson.Result) bool {
		name := k.String()
		if len(name) == len("copy") && strings.EqualFold(name, "copy") && v.IsArray() {
			v.ForEach(func(_, c gjson.Result) bool {
				d.vars[getFold(c, "name").String()] = true
				return true
			})
			return true
		}
		d.vars[name] = true
		return true
	})
	src.ForEach(src.Get(tmpl, "functions"), func(_, ns gjson.Result) bool {
		prefix := strings.ToLower(getFold(ns, "namespace").String()) + "."
		getFold(ns, "members").ForEach(func(k, _ gjson.Result) bool {
			d.funcs[prefix+strings.ToLower(k.String())] = true
			return true
		})
		return true
	})
	return d
}

type validator struct {
	x      *Deployment
	budget int
	seen   map[netdoc.Location]bool
	// deps caches the nested deployment each reference() argument names, by scope
	// and text: compiled Bicep repeats the same module reference many times.
	deps map[depRef]*nestedDeployment
	// calls and outs are the scratch lists of a scanned expression's calls and
	// module output accesses; refs the reference() calls of those, parsed.
	calls []armexpr.ScannedCall
	outs  []armexpr.ScannedOutput
	refs  map[string]*armexpr.Call
	// rec, when set, records what the validation finds that does not depend on the
	// values (exprCache.validated); scopeAt is the offset of the nested deployment
	// whose inner scope is being read (-1: the template's own).
	rec     *staticRecord
	scopeAt int
	// found are the findings, written by flush.
	found []recFinding
	// decl is the parameter declaration paramValues reads (reused).
	decl paramDecl
	// scans holds what scanning each expression text found (an index in scanned):
	// compiled templates repeat many expressions (a third of a large one's), also
	// across nested templates, whose declarations differ. scanCalls holds the calls
	// of them all; decls counts the declarations made (decls.id).
	scans     map[string]int
	scanned   []scannedExpr
	scanCalls []armexpr.ScannedCall
	decls     int
	// cleanInner holds the inner-scope nested templates found valid, by text and
	// depth: Bicep inlines a module's template once per use, and a text read in its
	// own scope with the declarations it makes gives the same findings wherever it
	// is, so a valid one is not read again.
	cleanInner map[innerText]bool
}

type innerText struct {
	text  string
	depth int
}

// scannedExpr is what scanning one expression text found.
type scannedExpr struct {
	ok bool
	// calls are the expression's calls, scanCalls[from:to]; arity is what ARM says
	// of each (CheckCall), nil when it says nothing of any.
	from, to int
	arity    []string
	outs     []armexpr.ScannedOutput
	// cleanIn is the id of the last declarations the text was found valid with: it
	// is not read again with them (a valid text has no finding to add).
	cleanIn int
}

// declsOf is declsOf with the next id.
func (v *validator) declsOf(src *jsonsrc.Source, tmpl gjson.Result) decls {
	d := declsOf(src, tmpl)
	v.decls++
	d.id = v.decls
	return d
}

type depRef struct {
	s    *scope
	text string
}

// validate checks the template of scope s (the root) and the parameter values.
func (x *Deployment) validate(s *scope) {
	v := &validator{x: x, budget: maxValidateStrings, seen: map[netdoc.Location]bool{}, deps: map[depRef]*nestedDeployment{}, refs: map[string]*armexpr.Call{}, scopeAt: -1}
	c := exprsOf(s.src)
	c.mu.Lock()
	rec := c.validated
	c.mu.Unlock()
	if rec != nil {
		// The template was validated with another parameter file: what does not
		// depend on the values is the same; expressions read through the parser
		// (module outputs) are read again in this document's scopes.
		for _, f := range rec.found {
			v.invalid(f.msg, f.loc)
		}
		for _, a := range rec.ast {
			sc := s
			if a.scopeAt >= 0 {
				sc = x.innerScopeAt(s.src, a.scopeAt)
			}
			v.parsedExpression(s.src, s.src.StringAt(a.off), a.d, sc)
		}
		for _, o := range rec.outs {
			sc := s
			if o.scopeAt >= 0 {
				sc = x.innerScopeAt(s.src, o.scopeAt)
			}
			v.scannedOutput(s.src, s.src.StringAt(o.off), o.o, sc)
		}
		v.paramValues(s)
		v.flush()
		return
	}
	v.rec = &staticRecord{}
	v.scans = map[string]int{}
	v.template(s.src, s.tmpl, v.declsOf(s.src, s.tmpl), s, false, 0)
	if v.budget > 0 {
		c.mu.Lock()
		c.validated = v.rec
		c.mu.Unlock()
	}
	v.rec = nil
	v.paramValues(s)
	v.flush()
}

// staticRecord is what validating a template found that does not depend on the
// parameter values: the findings of the expressions read by Scan, and the
// expressions read by the parser (checked again for each document).
type staticRecord struct {
	found []recFinding
	ast   []astExpr
	outs  []recOutput
}

// recOutput is a module output access Scan found in the string at off.
type recOutput struct {
	off     int
	o       armexpr.ScannedOutput
	scopeAt int
}

type recFinding struct {
	msg string
	loc netdoc.Located
}

type astExpr struct {
	off     int
	d       decls
	scopeAt int // offset of the nested deployment whose inner scope it is in, or -1
}

// innerScopeAt is innerScope by the deployment's offset.
func (x *Deployment) innerScopeAt(src *jsonsrc.Source, off int) *scope {
	for _, sc := range x.scopes {
		if sc.dep != nil && sc.dep.src == src && sc.dep.j.Index == off {
			return sc
		}
	}
	return nil
}

// invalid records one finding, once per location and message.
func (v *validator) invalid(msg string, loc netdoc.Located) {
	key := loc.Location
	if v.seen[key] {
		return
	}
	v.seen[key] = true
	v.found = append(v.found, recFinding{msg, loc})
}

// flush writes the findings into the violations in the order of the file, so that a
// document does not depend on the order they were found in (a validation replayed
// for another parameter file finds them in another). Findings are located, told
// apart and ordered in the template's own text, and only then located where it was
// generated from (jsonsrc.Source.Resolve): spans that a generator's source map
// gives one location (two calls of one compiled Bicep expression) stay two findings,
// in the same order.
func (v *validator) flush() {
	slices.SortStableFunc(v.found, func(a, b recFinding) int {
		return cmp.Or(cmp.Compare(a.loc.File, b.loc.File), cmp.Compare(a.loc.Line, b.loc.Line),
			cmp.Compare(a.loc.Column, b.loc.Column), cmp.Compare(a.msg, b.msg))
	})
	x := v.x
	for _, f := range v.found {
		x.violations = append(x.violations, Violation{Code: codeInvalidTemplate, Message: f.msg, Loc: resolve(x.src, f.loc)})
	}
	v.found = nil
}

// resolve locates l, and its related locations, given in the text of src, where
// src was generated from, and words their messages for it (jsonsrc.Source.Relate);
// l's related locations are copied, not changed, since a recorded finding is
// flushed again for another parameter file.
func resolve(src *jsonsrc.Source, l netdoc.Located) netdoc.Located {
	if !src.HasOrigin() {
		return l
	}
	l.Location = src.Resolve(l.Location)
	if len(l.Related) > 0 {
		rel := make([]netdoc.Related, len(l.Related))
		for i, r := range l.Related {
			r.Location = src.Resolve(r.Location)
			r.Message = src.Relate(r.Message, r.Location)
			rel[i] = r
		}
		l.Related = rel
	}
	return l
}

// template reads the expressions of a template. outer is set for a nested template
// evaluated in its parent's scope, whose own parameters and variables ARM ignores.
func (v *validator) template(src *jsonsrc.Source, tmpl gjson.Result, d decls, s *scope, outer bool, depth int) {
	if depth > maxDeploymentDepth || !tmpl.IsObject() {
		return
	}
	src.ForEach(tmpl, func(k, val gjson.Result) bool {
		switch strings.ToLower(k.String()) {
		case "parameters":
			if outer {
				return true
			}
			src.ForEach(val, func(_, p gjson.Result) bool {
				// value finds an expression by its text, `"[`: a declaration without
				// one has none in its defaultValue, which is then not looked up.
				if !strings.Contains(p.Raw, `"[`) {
					return true
				}
				if dv := src.Get(p, "defaultValue"); dv.Exists() {
					v.value(src, dv, d, s, gjson.Result{})
				}
				return true
			})
		case "variables":
			if !outer {
				v.value(src, val, d, s, gjson.Result{})
			}
		case "resources":
			src.ForEach(val, func(_, r gjson.Result) bool {
				v.resource(src, r, d, s, depth)
				return v.budget > 0
			})
		case "outputs":
			v.value(src, val, d, s, gjson.Result{})
		default:
			// $schema, contentVersion, metadata, definitions, functions (their
			// expressions read their own parameters), apiProfile, languageVersion.
		}
		return v.budget > 0
	})
}

// resource reads a resource; a nested deployment's inline template is read in the
// scope its expressions evaluate in.
func (v *validator) resource(src *jsonsrc.Source, r gjson.Result, d decls, s *scope, depth int) {
	x := v.x
	if !r.IsObject() || !strings.EqualFold(x.peek(src, r, "type").String(), "Microsoft.Resources/deployments") {
		v.value(src, r, d, s, gjson.Result{})
		return
	}
	props := x.field(src, r, "properties")
	tmpl := x.field(src, props, "template")
	if !tmpl.IsObject() {
		v.value(src, r, d, s, gjson.Result{})
		return
	}
	v.value(src, r, d, s, tmpl)
	if strings.EqualFold(x.field(src, x.field(src, props, "expressionEvaluationOptions"), "scope").String(), "inner") {
		key := innerText{tmpl.Raw, depth + 1}
		if v.cleanInner[key] {
			return
		}
		found, marks := len(v.found), v.marks()
		saved := v.scopeAt
		v.scopeAt = r.Index
		v.template(src, tmpl, v.declsOf(src, tmpl), x.innerScope(src, r), false, depth+1)
		v.scopeAt = saved
		if v.rec != nil && v.budget > 0 && len(v.found) == found && v.marks() == marks {
			if v.cleanInner == nil {
				v.cleanInner = map[innerText]bool{}
			}
			v.cleanInner[key] = true
		}
		return
	}
	v.template(src, tmpl, d, s, true, depth+1)
}

// marks counts what the validation recorded (v.rec, set): a template read without
// adding to it found nothing, and reads no module output (whose answer depends on
// the scope).
func (v *validator) marks() int {
	return len(v.rec.found) + len(v.rec.ast) + len(v.rec.outs)
}

// peek reads a member of an object through its index when the evaluator made one,
// else by stepping over the members before it: indexing every resource object only to
// read its type would cost more than the rest of the validation.
func (x *Deployment) peek(src *jsonsrc.Source, obj gjson.Result, key string) gjson.Result {
	if o, ok := x.objs[nodeKey{src, obj.Index}]; ok && obj.Index > 0 {
		v, _ := o.lookup(key)
		return v
	}
	return src.Get(obj, key)
}

// innerScope is the scope the evaluator made for the nested deployment r, if it
// reached it.
func (x *Deployment) innerScope(src *jsonsrc.Source, r gjson.Result) *scope {
	for _, sc := range x.scopes {
		if sc.dep != nil && sc.dep.src == src && sc.dep.j.Index == r.Index {
			return sc
		}
	}
	return nil
}

// value reads the expressions of a JSON value (property names included), stepping
// over skip. Expressions are strings that start with '[': they are found by searching
// the text for `"[` (an unescaped quote followed by '[' always opens a string in valid
// JSON; comments are blanked), which is many times faster than visiting every value.
// The search is for the '[' (bytes.IndexByte), then its quote: '"' is in every string
// twice, '[' in few (BenchmarkCorpusExtract).
func (v *validator) value(src *jsonsrc.Source, j gjson.Result, d decls, s *scope, skip gjson.Result) {
	if j.Type != gjson.String && !j.IsObject() && !j.IsArray() {
		return
	}
	start, end := j.Index, j.Index+len(j.Raw)
	if start < 0 || end > len(src.JSON) {
		return
	}
	skipFrom, skipTo := -1, -1
	if skip.Exists() {
		skipFrom, skipTo = skip.Index, skip.Index+len(skip.Raw)
	}
	text := src.JSON
	for i := start; i < end && v.budget > 0; {
		k := bytes.IndexByte(text[i:end], '[')
		if k < 0 {
			return
		}
		at := i + k - 1 // the opening quote, if this '[' starts a string
		if at < start || text[at] != '"' {
			i = at + 2
			continue
		}
		if at >= skipFrom && at < skipTo {
			i = skipTo
			continue
		}
		backslashes := 0
		for b := at - 1; b >= start && text[b] == '\\'; b-- {
			backslashes++
		}
		if backslashes%2 == 1 {
			i = at + 2 // an escaped quote inside a string
			continue
		}
		str := src.StringAt(at)
		if !str.Exists() {
			return
		}
		v.budget--
		v.expression(src, str, d, s)
		i = at + len(str.Raw)
	}
}

// expression checks one JSON string, if it is an expression.
func (v *validator) expression(src *jsonsrc.Source, j gjson.Result, d decls, s *scope) {
	// Most strings are not expressions: their quoted text tells, without decoding.
	raw := j.Raw
	if len(raw) < 4 || (raw[1] != '[' || raw[len(raw)-2] != ']') && !strings.Contains(raw, `\`) {
		return
	}
	if !armexpr.IsExpression(j.String()) {
		return
	}
	k, seen := v.scans[raw]
	if !seen {
		k = v.scan(j.String())
		v.scans[raw] = k
	}
	e := &v.scanned[k]
	if e.cleanIn == d.id {
		return
	}
	if e.ok {
		clean := true
		for i := e.from; i < e.to; i++ {
			c := &v.scanCalls[i]
			if e.arity != nil && e.arity[i-e.from] != "" {
				msg := e.arity[i-e.from]
				v.static(strings.ToUpper(msg[:1])+msg[1:], v.callLoc(src, j, c))
				clean = false
			}
			if msg := v.reference(c.Namespace, c.Name, c.Lit, c.HasLit, d); msg != "" {
				v.static(msg, v.callLoc(src, j, c))
				clean = false
			}
		}
		// Module outputs are looked up in each document's scopes: such an
		// expression is never taken as clean.
		for _, o := range e.outs {
			if v.rec != nil {
				v.rec.outs = append(v.rec.outs, recOutput{off: j.Index, o: o, scopeAt: v.scopeAt})
			}
			v.scannedOutput(src, j, o, s)
		}
		if clean && len(e.outs) == 0 {
			e.cleanIn = d.id
		}
		return
	}
	if v.rec != nil && (strings.Contains(raw, "utputs") || strings.Contains(raw, "UTPUTS")) {
		// Module outputs are looked up in each document's scopes; the rest of
		// what the tree shows is recorded as it is found (static).
		v.rec.ast = append(v.rec.ast, astExpr{off: j.Index, d: d, scopeAt: v.scopeAt})
	}
	v.parsedExpression(src, j, d, s)
}

// scan scans the expression text str, which needs no tree: the parser only reads
// what the scan cannot vouch for (a syntax error, module outputs, lambdas). It returns
// the index of the result in v.scanned.
func (v *validator) scan(str string) int {
	calls, outs, ok := armexpr.ScanOutputs(str, v.calls[:0], v.outs[:0])
	v.calls, v.outs = calls, outs
	e := scannedExpr{ok: ok}
	if ok {
		e.from = len(v.scanCalls)
		v.scanCalls = append(v.scanCalls, calls...)
		e.to = len(v.scanCalls)
		for i := range calls {
			if msg := armexpr.CheckCall(calls[i]); msg != "" {
				if e.arity == nil {
					e.arity = make([]string, len(calls))
				}
				e.arity[i] = msg
			}
		}
		if len(outs) > 0 {
			e.outs = slices.Clone(outs)
		}
	}
	v.scanned = append(v.scanned, e)
	return len(v.scanned) - 1
}

// callLoc locates a scanned call of the expression j.
func (v *validator) callLoc(src *jsonsrc.Source, j gjson.Result, c *armexpr.ScannedCall) netdoc.Located {
	n := &armexpr.Call{Span: c.Span, Namespace: c.Namespace, Name: c.Name}
	return netdoc.Located{Location: siteTextLoc(site{src: src, j: j, n: n})}
}

// static records a finding that does not depend on the values.
func (v *validator) static(msg string, loc netdoc.Located) {
	if v.rec != nil {
		v.rec.found = append(v.rec.found, recFinding{msg, loc})
	}
	v.invalid(msg, loc)
}

// parsedExpression checks an expression through its tree.
func (v *validator) parsedExpression(src *jsonsrc.Source, j gjson.Result, d decls, s *scope) {
	if !j.Exists() {
		return
	}
	x := v.x
	loc := func(n armexpr.Node) netdoc.Located {
		return netdoc.Located{Location: siteTextLoc(site{src: src, j: j, n: n})}
	}
	p := x.parse(src, j)
	if p.err != nil {
		at := j.Index
		if p.err.Pos >= 0 {
			at += rawOffset(j.Raw, p.err.Pos)
		}
		v.static("The expression cannot be read: "+strings.TrimPrefix(p.err.Msg, "syntax error: "), netdoc.Located{Location: src.TextAt(at, 0)})
		return
	}
	for _, is := range armexpr.Check(p.n) {
		v.static(strings.ToUpper(is.Msg[:1])+is.Msg[1:], loc(is.Node))
	}
	walkNodes(p.n, func(n armexpr.Node) {
		switch c := n.(type) {
		case *armexpr.Call:
			v.call(c, d, loc)
		case *armexpr.Property:
			v.output(c, s, loc)
		}
	})
}

// call checks a reference to a parameter, variable or user-defined function.
func (v *validator) call(c *armexpr.Call, d decls, loc func(armexpr.Node) netdoc.Located) {
	lit, hasLit := "", false
	if len(c.Args) == 1 {
		if l, ok := c.Args[0].(*armexpr.StringLit); ok {
			lit, hasLit = l.Value, true
		}
	}
	if msg := v.reference(c.Namespace, c.Name, lit, hasLit, d); msg != "" {
		v.static(msg, loc(c))
	}
}

// reference checks a call of ns.name (args: one literal lit when hasLit) against
// the template's declarations: what ARM says of it, or "".
func (v *validator) reference(ns, name, lit string, hasLit bool, d decls) string {
	if ns != "" {
		if !has(d.funcs, ns+"."+name) && !v.x.opt.UnknownFunctions[strings.ToLower(ns+"."+name)] {
			return fmt.Sprintf("The template function '%s.%s' is not declared in the template's functions", ns, name)
		}
		return ""
	}
	if !hasLit {
		return ""
	}
	switch {
	case len(name) == len("parameters") && strings.EqualFold(name, "parameters"):
		if !d.params.has(lit) {
			return fmt.Sprintf("The template parameter '%s' is not declared", lit)
		}
	case len(name) == len("variables") && strings.EqualFold(name, "variables"):
		if !d.vars.has(lit) {
			return fmt.Sprintf("The template variable '%s' is not declared", lit)
		}
	}
	return ""
}

// output checks reference(<nested deployment>).outputs.<name>: the deployment's
// template must declare the output.
func (v *validator) output(p *armexpr.Property, s *scope, loc func(armexpr.Node) netdoc.Located) {
	outs, ok := p.Target.(*armexpr.Property)
	if !ok || !strings.EqualFold(outs.Name, "outputs") || s == nil {
		return
	}
	ref, ok := outs.Target.(*armexpr.Call)
	if !ok || ref.Key() != "reference" || len(ref.Args) == 0 {
		return
	}
	v.checkOutput(ref, p.Name, s, func() netdoc.Located { return loc(p) })
}

// scannedOutput is output for an access Scan found: only its reference() call is
// parsed (its argument names the deployment), not the whole expression.
func (v *validator) scannedOutput(src *jsonsrc.Source, j gjson.Result, o armexpr.ScannedOutput, s *scope) {
	if s == nil {
		return
	}
	ref, ok := v.refs[o.Call.Raw]
	if !ok {
		if n, err := armexpr.ParseString("[" + o.Call.Raw + "]"); err == nil {
			ref, _ = n.(*armexpr.Call)
		}
		v.refs[o.Call.Raw] = ref
	}
	if ref == nil || ref.Key() != "reference" || len(ref.Args) == 0 {
		return
	}
	v.checkOutput(ref, o.Name, s, func() netdoc.Located {
		n := &armexpr.Property{Span: o.Span, Name: o.Name}
		return netdoc.Located{Location: siteTextLoc(site{src: src, j: j, n: n})}
	})
}

// checkOutput checks that the nested deployment ref names declares the output name.
func (v *validator) checkOutput(ref *armexpr.Call, name string, s *scope, loc func() netdoc.Located) {
	x := v.x
	key := depRef{s, ref.Args[0].Source()}
	dep, done := v.deps[key]
	if !done {
		dep = x.findDeployment(s, x.evalNode(s, nil, ref.Args[0]))
		v.deps[key] = dep
	}
	if dep == nil {
		return
	}
	declared := x.field(dep.src, dep.tmpl, "outputs")
	if _, found := x.member(dep.src, declared, name); found {
		return
	}
	l := loc()
	anchor := declared
	if !anchor.Exists() {
		anchor = dep.tmpl
	}
	l.Related = append(l.Related, netdoc.Related{Location: dep.src.TextLoc(anchor), Message: "outputs of nested deployment " + dep.inner.label()})
	v.invalid(fmt.Sprintf("The nested deployment %s declares no output '%s'", dep.inner.label(), name), l)
}

// walkNodes calls fn on every node of an expression (bounded by the parser's depth).
func walkNodes(n armexpr.Node, fn func(armexpr.Node)) {
	fn(n)
	switch c := n.(type) {
	case *armexpr.Call:
		for _, a := range c.Args {
			walkNodes(a, fn)
		}
	case *armexpr.Property:
		walkNodes(c.Target, fn)
	case *armexpr.Index:
		walkNodes(c.Target, fn)
		walkNodes(c.Index, fn)
	case *armexpr.Lambda:
		walkNodes(c.Body, fn)
	}
}

// paramValues checks the root template's parameter values (from the parameter file,
// else the default) against their declarations, and the parameter file's names.
// A parameter with no value is not checked: its value comes at deployment.
func (v *validator) paramValues(s *scope) {
	x := v.x
	if pf := x.opt.Params; pf != nil {
		for name, key := range pf.keys {
			if s.params[name] == nil {
				l := netdoc.Located{Location: pf.src.TextLoc(key)}
				l.Related = append(l.Related, netdoc.Related{Location: s.src.TextLoc(s.src.Get(s.tmpl, "parameters")), Message: "the template's parameters"})
				if !s.src.Get(s.tmpl, "parameters").Exists() {
					l.Related = nil
				}
				v.invalid(fmt.Sprintf("The parameter file %s sets parameter '%s', which the template does not declare", filepath.Base(pf.src.File), key.String()), l)
			}
		}
	}
	for _, name := range sortedParamNames(s) {
		p := s.params[name]
		if p.overridden {
			continue // a variant's value is one the declaration allows
		}
		decl := &v.decl
		decl.read(s.src, p.def)
		var val any
		var where gjson.Result
		var wsrc *jsonsrc.Source
		switch {
		case p.file.Exists():
			where, wsrc = getFold(p.file, "value"), x.opt.Params.src
			if !where.Exists() {
				continue // a Key Vault reference
			}
			val = plain(where)
		default:
			where, wsrc = decl.get("defaultValue"), s.src
			if !where.Exists() {
				continue
			}
			val = s.paramValue(p)
		}
		if val == nil {
			continue // null: ARM's own nullable rules, not modelled
		}
		if _, unknown := armexpr.FirstUnknown(val); unknown || isProblem(val) {
			continue
		}
		msg, elem := checkParamValue(p, val, decl.get)
		if msg == "" {
			continue
		}
		if e := where.Get(itoa(elem)); elem >= 0 && where.IsArray() && e.Exists() {
			where = e // the element not allowed, as written
		}
		l := netdoc.Located{Location: wsrc.TextLoc(where)}
		l.Related = append(l.Related, netdoc.Related{Location: s.src.TextLoc(p.def), Message: "parameter " + quote(p.name) + " is declared here"})
		v.invalid(msg, l)
	}
}

// declKeys are the members of a parameter declaration paramValues reads.
var declKeys = [...]string{"type", "defaultValue", "allowedValues", "minValue", "maxValue", "minLength", "maxLength"}

// paramDecl is a parameter declaration's members of declKeys, read in one pass over
// its members (an object index, or a lookup each, cost several passes).
type paramDecl struct {
	exact, folded [len(declKeys)]gjson.Result
	folds         [len(declKeys)]int
}

// read reads the declKeys members of def as jsonsrc.Source.Get reads each: the
// first member of the exact name, else the one member whose name equals it ignoring
// case.
func (d *paramDecl) read(src *jsonsrc.Source, def gjson.Result) {
	*d = paramDecl{}
	if !def.IsObject() {
		return
	}
	src.ForEach(def, func(k, e gjson.Result) bool {
		for i, key := range declKeys {
			if len(k.Str) != len(key) {
				continue
			}
			if k.Str == key {
				if !d.exact[i].Exists() {
					d.exact[i] = e
				}
			} else if strings.EqualFold(k.Str, key) {
				d.folded[i] = e
				d.folds[i]++
			}
		}
		return true
	})
}

// get is the member key (one of declKeys).
func (d *paramDecl) get(key string) gjson.Result {
	for i, k := range declKeys {
		if k != key {
			continue
		}
		if d.exact[i].Exists() || d.folds[i] != 1 {
			return d.exact[i]
		}
		return d.folded[i]
	}
	return gjson.Result{}
}

func isProblem(v any) bool {
	switch v.(type) {
	case *armexpr.EvalError, armexpr.ResourceID:
		return true
	}
	return false
}

func sortedParamNames(s *scope) []string {
	// Declaration order, so that findings come in the order of the file. A sort of
	// (name, offset) pairs: the offsets are read once, not at each comparison; the
	// names, distinct, order what no offset tells apart.
	type named struct {
		name string
		off  int
	}
	byOff := make([]named, 0, len(s.params))
	for n, p := range s.params {
		byOff = append(byOff, named{n, p.def.Index})
	}
	slices.SortFunc(byOff, func(a, b named) int { return cmp.Or(cmp.Compare(a.off, b.off), strings.Compare(a.name, b.name)) })
	names := make([]string, len(byOff))
	for i, e := range byOff {
		names[i] = e.name
	}
	return names
}

// checkParamValue is what ARM says of a parameter's value, or "", and the index of
// the element of an array value it is about (-1: the whole value).
func checkParamValue(p *param, val any, get func(string) gjson.Result) (string, int) {
	typ := strings.ToLower(get("type").String())
	prefix := func() string { return fmt.Sprintf("The value %s of parameter '%s'", describeValue(val), p.name) }
	if want, ok := typeMatches(typ, val); !ok {
		return fmt.Sprintf("%s is of type %s; the parameter is declared %s", prefix(), armexpr.TypeName(val), want), -1
	}
	if allowed := get("allowedValues"); allowed.IsArray() {
		items := []any{val}
		if arr, isArr := val.([]any); isArr && typ == "array" {
			items = arr // each element of an array must be allowed
		}
		for i, it := range items {
			if !allowedContains(allowed, it) {
				what, at := prefix(), -1
				if _, isArr := val.([]any); isArr && typ == "array" {
					what, at = fmt.Sprintf("The element %s of the value of parameter '%s'", describeValue(it), p.name), i
				}
				return fmt.Sprintf("%s is not one of its allowedValues %s", what, clipN(strings.Join(strings.Fields(allowed.Raw), " "), 200)), at
			}
		}
	}
	if n, ok := intOf(val); ok {
		if m := get("minValue"); m.Type == gjson.Number && float64(n) < m.Num {
			return fmt.Sprintf("%s is less than its minValue %s", prefix(), m.Raw), -1
		}
		if m := get("maxValue"); m.Type == gjson.Number && float64(n) > m.Num {
			return fmt.Sprintf("%s is greater than its maxValue %s", prefix(), m.Raw), -1
		}
	}
	length := -1
	switch t := val.(type) {
	case string:
		length = utf8.RuneCountInString(t)
	case []any:
		length = len(t)
	}
	if length >= 0 {
		if m := get("minLength"); m.Type == gjson.Number && float64(length) < m.Num {
			return fmt.Sprintf("%s has length %d, less than its minLength %s", prefix(), length, m.Raw), -1
		}
		if m := get("maxLength"); m.Type == gjson.Number && float64(length) > m.Num {
			return fmt.Sprintf("%s has length %d, more than its maxLength %s", prefix(), length, m.Raw), -1
		}
	}
	return "", -1
}

// typeMatches reports whether val is of the declared type (an undeclared or
// user-defined type matches anything), and the type's name.
func typeMatches(typ string, val any) (string, bool) {
	switch typ {
	case "string", "securestring":
		_, ok := val.(string)
		return "string", ok
	case "int":
		switch n := val.(type) {
		case int64:
			return "int", true
		case float64:
			return "int", n == math.Trunc(n)
		}
		return "int", false
	case "bool":
		_, ok := val.(bool)
		return "bool", ok
	case "object", "secureobject":
		_, ok := val.(map[string]any)
		return "object", ok
	case "array":
		_, ok := val.([]any)
		return "array", ok
	}
	return typ, true
}

// allowedContains compares as ARM does, strings ignoring case (so that a value
// ARM might take is never reported).
func allowedContains(allowed gjson.Result, v any) bool {
	found := false
	allowed.ForEach(func(_, a gjson.Result) bool {
		av := plain(a)
		if as, ok := av.(string); ok {
			if vs, ok := v.(string); ok && strings.EqualFold(as, vs) {
				found = true
			}
		} else if sameValue(av, v) {
			found = true
		}
		return !found
	})
	return found
}

func sameValue(a, b any) bool {
	af, aNum := numberOf(a)
	bf, bNum := numberOf(b)
	if aNum || bNum {
		return aNum && bNum && af == bf
	}
	return fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b)
}

func numberOf(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// describeValue renders a parameter value for a message.
func describeValue(v any) string {
	switch t := v.(type) {
	case string:
		return fmt.Sprintf("%q", clipN(t, 80))
	case map[string]any:
		return "(an object)"
	case []any:
		return fmt.Sprintf("(an array of %d)", len(t))
	}
	return fmt.Sprint(v)
}
