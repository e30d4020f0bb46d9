package policies_test

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// withTests is every built-in policy with its tests, and the compiler the engine uses
// (not run yet).
func withTests(t *testing.T) (map[string]*ast.Module, *ast.Compiler) {
	t.Helper()
	modules, err := engine.ParseFS(policies.FS, "policies", true)
	if err != nil {
		t.Fatal(err)
	}
	compiler, err := engine.NewCompiler()
	if err != nil {
		t.Fatal(err)
	}
	return modules, compiler
}

// TestRego runs every _test.rego with the compiler the engine uses, so the tests are
// type-checked against the network document schema and see the same capabilities.
func TestRego(t *testing.T) {
	modules, compiler := withTests(t)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetModules(modules).
		EnableTracing(false).
		// OPA's default of 5s a test is about wall time: under -race on a loaded
		// machine the larger capacity tests pass it without being wrong.
		SetTimeout(10*time.Minute).
		RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for r := range ch {
		ran++
		name := r.Package + "." + r.Name
		switch {
		case r.Error != nil:
			t.Errorf("%s: error: %v", name, r.Error)
		case r.Fail:
			t.Errorf("%s (%s): failed", name, r.Location)
		}
	}
	if ran == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", ran)
}

// TestStrictAndFormatted: the policies pass OPA's strict checks (no unused argument,
// import or variable: what `opa check --strict` reports) and are written as `opa fmt`
// writes them, so a contributor's tools agree with the tree.
func TestStrictAndFormatted(t *testing.T) {
	modules, compiler := withTests(t)
	if compiler.WithStrict(true).Compile(modules); compiler.Failed() {
		for _, e := range compiler.Errors {
			t.Error(e)
		}
	}
	err := fs.WalkDir(policies.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, path)
		if err != nil {
			return err
		}
		formatted, err := format.SourceWithOpts(path, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		if !bytes.Equal(formatted, src) {
			t.Errorf("policies/%s is not written as opa fmt writes it (run opa fmt -w policies)", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
