package engine

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// query is one compiled query over the engine's compiler, run by OPA's evaluator
// (topdown) directly. The rego package would do the same, but linking it pulls in
// bundles, the Wasm compiler and protobuf, which slow every process start
// (bench/startup.sh, "process start and exit"); and
// its results come back as Go maps, where the engine reads OPA's values.
type query struct {
	compiler *ast.Compiler
	qc       ast.QueryCompiler
	body     ast.Body
	// store holds no data: policies read only the input and each other.
	store storage.Store
	// result is the query variable a caller reads.
	result ast.Var
}

// newQuery compiles text, which binds result with "=" (not ":=", which the query
// compiler would rename).
func newQuery(compiler *ast.Compiler, text, result string) (*query, error) {
	parsed, err := ast.ParseBodyWithOpts(text, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, err
	}
	qc := compiler.QueryCompiler().WithStrict(false)
	body, err := qc.Compile(parsed)
	if err != nil {
		return nil, err
	}
	return &query{compiler: compiler, qc: qc, body: body, store: inmem.New(), result: ast.Var(result)}, nil
}

// eval runs the query on input and returns the value bound to the result variable,
// or nil when the query is undefined. It stops when ctx is done.
func (q *query) eval(ctx context.Context, input ast.Value) (ast.Value, error) {
	return q.evalCached(ctx, input, nil)
}

// evalCached is eval with the values of rules and function calls kept in cache (nil:
// a cache of its own). Queries over one input that share a cache compute each rule
// value once, as one query over all of them would: the cache is keyed by the rule's
// path and arguments, whose values depend only on the input. A cache is not safe for
// concurrent use.
func (q *query) evalCached(ctx context.Context, input ast.Value, cache topdown.VirtualCache) (ast.Value, error) {
	txn, err := q.store.NewTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer q.store.Abort(ctx, txn)
	tq := topdown.NewQuery(q.body).
		WithQueryCompiler(q.qc).
		WithCompiler(q.compiler).
		WithStore(q.store).
		WithTransaction(txn).
		WithInput(ast.NewTerm(input)).
		WithStrictBuiltinErrors(false)
	if cache != nil {
		tq = tq.WithVirtualCache(cache)
	}
	if ctx.Done() != nil {
		cancel := topdown.NewCancel()
		tq = tq.WithCancel(cancel)
		stop := context.AfterFunc(ctx, cancel.Cancel)
		defer stop()
	}
	var out ast.Value
	n := 0
	err = tq.Iter(ctx, func(qr topdown.QueryResult) error {
		n++
		if t := qr[q.result]; t != nil {
			out = t.Value
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil && topdown.IsCancel(err) {
			return nil, ctx.Err()
		}
		return nil, err
	}
	if n > 1 {
		return nil, fmt.Errorf("the query gave %d results, want one", n)
	}
	return out, nil
}
