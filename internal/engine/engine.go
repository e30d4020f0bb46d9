// Package engine compiles the built-in and user Rego policies once, reads the rule
// registry from their METADATA, and evaluates network documents with one prepared query
// (a large one split over idle cores, split.go).
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/parallel"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// findingsQuery collects every finding of every rule package in one evaluation.
const findingsQuery = `findings = [[pkg, f] | some pkg; some f in data.aksnet.rules[pkg].deny]`

// Engine evaluates documents against the compiled policies. It is safe for concurrent use.
type Engine struct {
	rules    []finding.Rule
	needs    []ruleNeeds // the rules' custom.needs, split once
	byPkg    map[string]finding.Rule
	byID     map[string]finding.Rule
	findings *query
	// compiler holds every compiled module, for queries other than the findings one
	// (the review report's summary).
	compiler *ast.Compiler
	// precompiled is true when the policies came from their precompiled form.
	precompiled bool
	// noSummary is true when the review report's policies were left out.
	noSummary bool
	// noDerived is Options.NoDerivedFacts.
	noDerived bool
	// splitFrom is Options.SplitFrom.
	splitFrom int
	// selections evaluates only the rule packages that can find something in a
	// document (guards.go); nil with Options.EveryRule.
	selections *selections
	// summary is the review report's query (summary.go).
	summary preparedSummary
	// busy counts the evaluations under way and their helpers, so that only a core
	// none of them uses takes part in splitting a large document (split.go).
	busy atomic.Int32
}

// Options configure New.
type Options struct {
	// PolicyDirs are directories of user policies, loaded beside the built-in ones.
	PolicyDirs []string
	// BuiltinFS replaces the embedded policies (tests).
	BuiltinFS fs.FS
	// FromSource compiles the built-in policies even when their precompiled form is
	// fresh (tests that compare the two).
	FromSource bool
	// NoDerivedFacts leaves input.derived out of the documents (package derive), so
	// that a test can compare the rules' findings with and without the facts.
	NoDerivedFacts bool
	// EveryRule evaluates every rule package on every document, instead of only those
	// whose inputs are present and whose kinds include the document's (guards.go), so
	// that a test can compare the two.
	EveryRule bool
	// SplitFrom is the size (Elements) from which a document's evaluation is split
	// over idle cores (split.go): 0 means SplitMinElements, a negative value never,
	// so that a test can split small documents and compare.
	SplitFrom int
	// NoSummary leaves out the review report's policies (package aksnet.report), a
	// tenth of the policies, when the run writes no review report; Summary then
	// fails. It applies to the precompiled policies only.
	NoSummary bool
	// Warnings receives the one-line warning New prints when the precompiled policies
	// cannot be used and it falls back to compiling from source (many times slower,
	// and otherwise silent). Nil: os.Stderr.
	Warnings io.Writer
}

// New returns an engine over the built-in policies and opts.PolicyDirs. The built-in
// policies alone load from their precompiled form when it matches the embedded sources
// (the common case, and the fast one); anything else is compiled from source.
func New(ctx context.Context, opts Options) (*Engine, error) {
	e, err := newFrom(opts)
	if e != nil {
		e.noDerived = opts.NoDerivedFacts
		e.splitFrom = opts.SplitFrom
		if opts.EveryRule {
			e.selections = nil
		}
	}
	return e, err
}

func newFrom(opts Options) (*Engine, error) {
	if opts.BuiltinFS == nil && len(opts.PolicyDirs) == 0 && !opts.FromSource {
		compiler, rules, guards, err := loadPrecompiled(precompiledData, opts.NoSummary)
		if err == nil {
			e, err := newEngine(compiler, rules, guards)
			if e != nil {
				e.precompiled, e.noSummary = true, opts.NoSummary
			}
			return e, err
		}
		w := opts.Warnings
		if w == nil {
			w = os.Stderr
		}
		fmt.Fprintf(w, "aksnet-lint: warning: compiling the policies from source, which is slow (%v); rebuild with `go generate ./...`\n", err)
	}
	compiler, rules, err := compileSources(opts)
	if err != nil {
		return nil, err
	}
	return newEngine(compiler, rules, nil)
}

// compileSources parses and compiles the built-in and user policies and reads the rule
// registry from their METADATA.
func compileSources(opts Options) (*ast.Compiler, []finding.Rule, error) {
	builtin := opts.BuiltinFS
	if builtin == nil {
		builtin = policies.FS
	}
	modules, err := ParseFS(builtin, "policies", false)
	if err != nil {
		return nil, nil, fmt.Errorf("built-in policies: %w", err)
	}
	custom := map[string]bool{}
	userDirs := make([]map[string]*ast.Module, len(opts.PolicyDirs))
	for i, dir := range opts.PolicyDirs {
		user, err := ParseDir(dir)
		if err != nil {
			return nil, nil, err
		}
		userDirs[i] = user
		for name, m := range user {
			modules[name] = m
			custom[name] = true
		}
	}
	for i, dir := range opts.PolicyDirs {
		if err := checkUserModules(dir, userDirs[i], modules); err != nil {
			return nil, nil, err
		}
	}
	compiler, err := NewCompiler()
	if err != nil {
		return nil, nil, err
	}
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, nil, compileError(compiler.Errors)
	}
	rules, err := registry(compiler, custom)
	if err != nil {
		return nil, nil, err
	}
	return compiler, rules, nil
}

// newEngine indexes the rules and prepares the one query over the compiled modules.
// newEngine prepares the queries over compiler; guards are the rule packages' guards
// when the policies were precompiled (nil: worked out from compiler).
func newEngine(compiler *ast.Compiler, rules []finding.Rule, guards map[string]guard) (*Engine, error) {
	e := &Engine{rules: rules, needs: splitNeeds(rules), byPkg: map[string]finding.Rule{}, byID: map[string]finding.Rule{}, compiler: compiler}
	for _, r := range rules {
		e.byPkg[strings.TrimPrefix(r.Package, rulesRoot+".")] = r
		e.byID[r.ID] = r
	}
	for name, m := range compiler.Modules {
		pkg := m.Package.Path.String()
		if short, ok := strings.CutPrefix(pkg, rulesRoot+"."); ok {
			if _, known := e.byPkg[short]; !known {
				return nil, fmt.Errorf("%s: package %s has no METADATA with custom.id; every rule package needs one", name, pkg)
			}
		}
	}
	var err error
	e.findings, err = newQuery(compiler, findingsQuery, "findings")
	if err != nil {
		return nil, fmt.Errorf("preparing the policy query: %w", err)
	}
	e.selections = newSelections(compiler, e.byPkg, e.findings, guards)
	return e, nil
}

// compileError explains compile failures; a forbidden built-in gets its own message.
func compileError(errs ast.Errors) error {
	var lines []string
	for _, e := range errs {
		msg := e.Error()
		for b := range forbiddenBuiltins {
			if strings.Contains(msg, "undefined function "+b) {
				msg += fmt.Sprintf(" (%s is disabled: policies may not reach the network or the environment)", b)
			}
		}
		lines = append(lines, msg)
	}
	return errors.New("policy compilation failed:\n  " + strings.Join(lines, "\n  "))
}

// Precompiled reports whether the policies were loaded from their precompiled form.
func (e *Engine) Precompiled() bool { return e.precompiled }

// Rules returns the registry, in metadata order.
func (e *Engine) Rules() []finding.Rule { return e.rules }

// Rule returns the rule with the given ID.
func (e *Engine) Rule(id string) (finding.Rule, bool) {
	r, ok := e.byID[id]
	return r, ok
}

// Input is one document to evaluate with its location table.
type Input struct {
	Doc  *netdoc.Document
	Locs netdoc.Locations
}

// PolicyInput is what the policies receive as input for one document: the document,
// the labels of its clusters and subnets (Labels) and the facts derived from it once
// (package derive). It is what `aksnet-lint extract` prints;
// TestExtractPrintsThePolicyInput (cmd/aksnet-lint) checks that it is the input Eval
// evaluates.
type PolicyInput struct {
	*netdoc.Document
	Labels  map[string]string `json:"labels"`
	Derived *derive.Facts     `json:"derived,omitempty"`
}

// PolicyInput returns the input the policies receive for in; Eval evaluates it. The
// derived facts are the ones every rule would otherwise recompute, computed once.
func (e *Engine) PolicyInput(in Input) PolicyInput {
	p := PolicyInput{Document: in.Doc, Labels: Labels(in.Doc, in.Locs)}
	if !e.noDerived {
		p.Derived = derive.Compute(in.Doc)
	}
	return p
}

// inputValue is PolicyInput(in) as the value the policies evaluate: the document,
// with the members PolicyInput adds inserted; and the labels. A large document with a
// core idle is built on two goroutines (balancedInput, input.go): all of it only
// reads the document.
func (e *Engine) inputValue(in Input) (ast.Value, map[string]string) {
	if !e.noDerived && e.idleCores() > 0 && e.splits(in.Doc) {
		return e.balancedInput(in)
	}
	return e.sequentialInput(in)
}

// sequentialInput is inputValue built on the calling goroutine alone.
func (e *Engine) sequentialInput(in Input) (ast.Value, map[string]string) {
	var derived ast.Value
	if !e.noDerived {
		derived = toValue(reflect.ValueOf(derive.Compute(in.Doc)))
	}
	labels := Labels(in.Doc, in.Locs)
	input := toValue(reflect.ValueOf(in.Doc))
	if obj, ok := input.(ast.Object); ok {
		obj.Insert(ast.StringTerm("labels"), ast.NewTerm(toValue(reflect.ValueOf(labels))))
		if derived != nil {
			obj.Insert(ast.StringTerm("derived"), ast.NewTerm(derived))
		}
	}
	return input, labels
}

// Eval evaluates one document and returns its findings, located and unsorted.
func (e *Engine) Eval(ctx context.Context, in Input) ([]finding.Finding, error) {
	e.busy.Add(1)
	defer e.busy.Add(-1)
	input, labels := e.inputValue(in)
	v, err := e.evalFindings(ctx, input, in.Doc)
	if err != nil {
		return nil, fmt.Errorf("%s: evaluating policies: %w", in.Doc.File, err)
	}
	notes := e.unresolvedNotes(in, labels)
	found, _ := v.(*ast.Array)
	if found == nil {
		return notes, nil
	}
	// The names are made for the first finding: a network of thousands of subnets
	// without a finding made them all for nothing, after its evaluation
	// (bench/network.sh).
	var names *strings.Replacer
	named := false
	out := make([]finding.Finding, 0, found.Len()+len(notes))
	out = append(out, notes...)
	for i := range found.Len() {
		pair, _ := found.Elem(i).Value.(*ast.Array)
		if pair == nil || pair.Len() != 2 {
			continue
		}
		pkg, _ := pair.Elem(0).Value.(ast.String)
		rule, ok := e.byPkg[string(pkg)]
		if !ok {
			continue
		}
		// A finding is a small object; ast.JSON gives it as Go values, without text.
		raw, err := ast.JSON(pair.Elem(1).Value)
		if err != nil {
			return nil, fmt.Errorf("rule %s (%s) returned a finding that is not JSON: %w", rule.ID, rule.Package, err)
		}
		f, err := e.toFinding(rule, raw, in)
		if err != nil {
			return nil, err
		}
		if rule.Kinds != nil && !hasKind(rule.Kinds, string(in.Doc.Kind)) {
			continue
		}
		if !named {
			names, named = nameReplacer(in.Doc, labels), true
		}
		if names != nil {
			f.Message = names.Replace(f.Message)
			for i := range f.Related {
				f.Related[i].Message = names.Replace(f.Related[i].Message)
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// EvalAll evaluates documents in parallel on GOMAXPROCS workers; results keep the
// order of inputs.
func (e *Engine) EvalAll(ctx context.Context, ins []Input) ([][]finding.Finding, []error) {
	results := make([][]finding.Finding, len(ins))
	errs := make([]error, len(ins))
	parallel.Each(len(ins), func(i int) { results[i], errs[i] = e.safeEval(ctx, ins[i]) })
	return results, errs
}

// safeEval turns a panic inside one document's evaluation into that document's error.
func (e *Engine) safeEval(ctx context.Context, in Input) (fs []finding.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error while evaluating policies: %v", in.Doc.File, r)
		}
	}()
	if testHookEval != nil {
		testHookEval(in)
	}
	return e.Eval(ctx, in)
}

// testHookEval, when a test sets it, runs before each document's evaluation (to make
// one panic).
var testHookEval func(Input)

func hasKind(kinds []string, k string) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// toFinding turns a rule's {"msg", "pointer", "related", "level"} into a located finding.
func (e *Engine) toFinding(rule finding.Rule, v any, in Input) (finding.Finding, error) {
	obj, _ := v.(map[string]any)
	msg, _ := obj["msg"].(string)
	pointer, _ := obj["pointer"].(string)
	if msg == "" {
		return finding.Finding{}, fmt.Errorf("rule %s (%s) returned a finding without msg: %v", rule.ID, rule.Package, v)
	}
	f := finding.Finding{
		RuleID:          rule.ID,
		Rule:            rule.Name,
		Level:           rule.Level,
		Message:         msg,
		Pointer:         pointer,
		LogicalLocation: LogicalLocation(in.Doc, pointer),
		Location:        netdoc.Location{File: in.Doc.File},
	}
	if lvl, ok := obj["level"].(string); ok {
		if l, ok := finding.ParseLevel(lvl); ok && l != finding.Off {
			f.Level = l
		}
	}
	if loc, ok := in.Locs.Resolve(pointer); ok {
		f.Location = loc.Location
		f.Related = append(f.Related, loc.Related...)
	}
	if rel, ok := obj["related"].([]any); ok {
		for _, r := range rel {
			p, msg := relatedItem(r)
			if loc, ok := in.Locs.Resolve(p); ok && p != "" {
				if msg == "" {
					msg = LogicalLocation(in.Doc, p)
				}
				f.Related = append(f.Related, netdoc.Related{Location: loc.Location, Message: msg})
			}
		}
	}
	return f, nil
}

// relatedItem reads a related entry: a pointer, or {"pointer", "msg"}.
func relatedItem(r any) (pointer, msg string) {
	switch v := r.(type) {
	case string:
		return v, ""
	case map[string]any:
		pointer, _ = v["pointer"].(string)
		msg, _ = v["msg"].(string)
	}
	return pointer, msg
}

// LogicalLocation names what a pointer designates by keys and names instead of array
// indexes (clusters[aks]/nodePools[system]/maxPods), so it survives unrelated edits.
func LogicalLocation(doc *netdoc.Document, pointer string) string {
	segs := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	var out []string
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if i+1 < len(segs) {
			if idx, err := strconv.Atoi(segs[i+1]); err == nil {
				if name := nameAt(doc, segs[:i+2], idx); name != "" {
					out = append(out, s+"["+name+"]")
					i++
					continue
				}
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, "/")
}

// nameAt finds the key or name of the object at path (which ends in an index).
func nameAt(doc *netdoc.Document, path []string, idx int) string {
	switch {
	case len(path) == 2 && path[0] == "clusters" && idx < len(doc.Clusters):
		return doc.Clusters[idx].Key
	case len(path) == 4 && path[0] == "clusters" && path[2] == "nodePools":
		ci, _ := strconv.Atoi(path[1])
		if ci < len(doc.Clusters) && idx < len(doc.Clusters[ci].NodePools) {
			return doc.Clusters[ci].NodePools[idx].Name
		}
	case len(path) == 2 && path[0] == "subnets" && idx < len(doc.Subnets):
		return doc.Subnets[idx].Key
	case len(path) == 2 && path[0] == "virtualNetworks" && idx < len(doc.VirtualNetworks):
		return doc.VirtualNetworks[idx].Key
	case len(path) == 2 && path[0] == "routeTables" && idx < len(doc.RouteTables):
		return doc.RouteTables[idx].Key
	case len(path) == 2 && path[0] == "networkSecurityGroups" && idx < len(doc.NetworkSecurityGroups):
		return doc.NetworkSecurityGroups[idx].Key
	}
	return ""
}
