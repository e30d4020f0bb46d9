package engine

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/parallel"
)

// Splitting one large document over the idle cores. EvalAll evaluates documents in
// parallel, but a run of one large template is one document, which one query
// evaluates on one core. Such a document's chosen rule packages are instead
// evaluated each as its own query, taken in turn from a shared list by the calling
// goroutine and by one helper for each core no other evaluation uses, all over the
// same input value: OPA never changes an input, and the lazily built parts of its
// values (an object's or set's sorted keys) are built under a sync.Once
// (TestSplitEvalMatchesOneQuery runs under -race). Each goroutine keeps one cache of
// rule values for the packages it takes, so the library rules several packages read
// are computed once per goroutine, not once per package: the packages evaluated one
// after another with one cache cost what the one query costs. Taking packages one at
// a time balances the cores without knowing their costs beforehand: the last to
// finish ends at most one package's time after the others. The findings are put back
// in package order, the order of the one query, so the output does not depend on the
// split (TestSplitChangesNoFinding, internal/lint, on every golden case and the shared
// corpus).

// SplitMinElements is the size (Elements) from which a document's evaluation is
// split over idle cores. A split has a fixed cost, a query set up per package, which
// makes a small document slower (BenchmarkEvalSplit); a document of this size takes
// tens of milliseconds to evaluate (bench/network.sh gives the time per subnet), many
// times that cost. Below it, files are many and small, and EvalAll spreads them over
// the cores instead.
const SplitMinElements = 256

// Elements counts what a document's evaluation grows with: its subnets, VNets,
// clusters, node pools, route tables and routes, security groups and rules, role
// assignments.
func Elements(doc *netdoc.Document) int {
	n := len(doc.Subnets) + len(doc.VirtualNetworks) + len(doc.RouteTables) + len(doc.NetworkSecurityGroups) + len(doc.RoleAssignments)
	for _, c := range doc.Clusters {
		n += 1 + len(c.NodePools)
	}
	for _, rt := range doc.RouteTables {
		n += len(rt.Routes)
	}
	for _, g := range doc.NetworkSecurityGroups {
		n += len(g.Rules)
	}
	return n
}

// evalFindings evaluates the rule packages that can find something in input, a
// document of doc, as one query or, for a large document when cores are idle,
// split over them; it returns the array of [package, finding] pairs the findings
// query gives, or nil when there is none.
func (e *Engine) evalFindings(ctx context.Context, input ast.Value, doc *netdoc.Document) (ast.Value, error) {
	s := e.selections
	obj, ok := input.(ast.Object)
	if s == nil || !ok {
		return e.findings.eval(ctx, input)
	}
	key := s.choose(obj, doc.Kind)
	if helpers := e.idleCores(); helpers > 0 && e.splits(doc) {
		if chosen := chosenOf(key); len(chosen) > 1 && s.splittable() {
			return e.evalSplit(ctx, input, chosen, min(helpers, len(chosen)-1))
		}
	}
	q := s.queryOf(key)
	if q == nil {
		return nil, nil
	}
	return q.eval(ctx, input)
}

// splits reports whether doc is large enough to split (Options.SplitFrom).
func (e *Engine) splits(doc *netdoc.Document) bool {
	from := cmp.Or(e.splitFrom, SplitMinElements)
	return from >= 0 && Elements(doc) >= from
}

// idleCores is how many more goroutines could evaluate without taking a core from
// another evaluation: GOMAXPROCS less the evaluations (and their helpers) under
// way, this one included. With many documents EvalAll keeps every core busy, and
// there is none.
func (e *Engine) idleCores() int {
	return runtime.GOMAXPROCS(0) - int(e.busy.Load())
}

// splittable reports whether a package can be evaluated alone (single).
func (s *selections) splittable() bool {
	_, ok := s.single(0)
	return ok
}

// chosenOf is the indexes of the packages key chooses.
func chosenOf(key []byte) []int {
	var out []int
	for i, c := range key {
		if c == '1' {
			out = append(out, i)
		}
	}
	return out
}

// evalSplit evaluates each package of chosen (indexes into selections.pkgs) as its
// own query, on the calling goroutine and helpers more, and joins their findings in
// package order. The first error cancels the other parts; the context's deadline
// bounds them all. A part's panic is raised again on the calling goroutine once every
// part has stopped, so that the caller recovers it as it would from one query.
func (e *Engine) evalSplit(ctx context.Context, input ast.Value, chosen []int, helpers int) (ast.Value, error) {
	s := e.selections
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]ast.Value, len(chosen))
	errs := make([]error, len(chosen))
	panics := make([]any, len(chosen))
	var next atomic.Int64
	run := func() {
		cache := topdown.NewVirtualCache()
		for {
			j := int(next.Add(1) - 1)
			if j >= len(chosen) {
				return
			}
			if err := pctx.Err(); err != nil {
				errs[j] = err // no package starts once the evaluation is stopped
				continue
			}
			results[j], panics[j], errs[j] = s.evalPackage(pctx, input, chosen[j], cache)
			if errs[j] != nil || panics[j] != nil {
				cancel()
			}
		}
	}
	e.busy.Add(int32(helpers))
	var wg sync.WaitGroup
	for range helpers {
		wg.Add(1)
		parallel.Aside(func() {
			defer wg.Done()
			defer e.busy.Add(-1)
			run()
		})
	}
	run()
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
	if err := firstError(ctx, errs); err != nil {
		return nil, err
	}
	var pairs []*ast.Term
	for _, v := range results {
		if arr, ok := v.(*ast.Array); ok {
			for i := range arr.Len() {
				pairs = append(pairs, arr.Elem(i))
			}
		}
	}
	return ast.NewArray(pairs...), nil
}

// firstError is the error of the split evaluation: the context's own when it ended
// (every part then stopped with it), else the first part's error in package order
// that is not the cancellation another part's error caused.
func firstError(ctx context.Context, errs []error) error {
	if err := ctx.Err(); err != nil {
		for _, e := range errs {
			if e != nil {
				return err
			}
		}
	}
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// evalPackage evaluates package i alone, returning what it panicked with, if it did.
func (s *selections) evalPackage(ctx context.Context, input ast.Value, i int, cache topdown.VirtualCache) (v ast.Value, panicked any, err error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = r
		}
	}()
	if testHookEvalPackage != nil {
		testHookEvalPackage(s.pkgs[i])
	}
	q, _ := s.single(i)
	v, err = q.evalCached(ctx, input, cache)
	return v, nil, err
}

// testHookEvalPackage, when a test sets it, runs before each package's evaluation of
// a split document (to make one panic or fail).
var testHookEvalPackage func(pkg string)

// single is the query over package i alone, prepared once; false when the findings
// query has a compiled form selected does not know, and so cannot be split.
func (s *selections) single(i int) (*query, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.singles == nil {
		s.singles = make([]*query, len(s.pkgs))
	}
	if s.singles[i] == nil {
		s.singles[i] = s.selected([]string{s.pkgs[i]})
	}
	return s.singles[i], s.singles[i] != s.all
}
