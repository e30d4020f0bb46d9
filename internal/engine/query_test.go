package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// TestEveryBuiltinHasAnImplementation: the engine runs topdown without the rego
// package, so a built-in the policies may call must be implemented by topdown itself
// (eq, assign and print are the evaluator's own).
func TestEveryBuiltinHasAnImplementation(t *testing.T) {
	native := map[string]bool{"eq": true, "assign": true, "print": true}
	for _, b := range Capabilities().Builtins {
		if !native[b.Name] && topdown.GetBuiltin(b.Name) == nil {
			t.Errorf("built-in %s is allowed but has no implementation", b.Name)
		}
	}
}

func compileTestPolicy(t *testing.T, src string) *ast.Compiler {
	t.Helper()
	m, err := ast.ParseModuleWithOpts("t.rego", src, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	c := ast.NewCompiler()
	c.Compile(map[string]*ast.Module{"t.rego": m})
	if c.Failed() {
		t.Fatal(c.Errors)
	}
	return c
}

func TestQueryEval(t *testing.T) {
	c := compileTestPolicy(t, `package t
double := input.n * 2
names contains n if some n in input.names
`)
	ctx := context.Background()
	for _, tc := range []struct {
		query, input, want string
	}{
		{"x = data.t.double", `{"n": 21}`, "42"},
		{"x = data.t.double", `{}`, "<nil>"},
		{"x = data.t.names", `{"names": ["a", "b"]}`, `{"a", "b"}`},
	} {
		q, err := newQuery(c, tc.query, "x")
		if err != nil {
			t.Fatal(err)
		}
		got, err := q.eval(ctx, ast.MustParseTerm(tc.input).Value)
		if err != nil {
			t.Fatal(err)
		}
		s := "<nil>"
		if got != nil {
			s = got.String()
		}
		if s != tc.want {
			t.Errorf("%s on %s = %s, want %s", tc.query, tc.input, s, tc.want)
		}
	}
	if _, err := newQuery(c, "x = data.t.nosuch(", "x"); err == nil {
		t.Error("a malformed query compiled")
	}
}

// TestQueryStopsWhenContextIsDone: a slow policy stops at the context's deadline with
// the context's error (the per-file time budget relies on it).
func TestQueryStopsWhenContextIsDone(t *testing.T) {
	c := compileTestPolicy(t, `package t
slow := count([1 | some i in numbers.range(1, 3000); some j in numbers.range(1, 3000); i != j])
`)
	q, err := newQuery(c, "x = data.t.slow", "x")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = q.eval(ctx, ast.NewObject())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
	if !strings.Contains(err.Error(), "deadline") {
		t.Errorf("err = %v", err)
	}
}
