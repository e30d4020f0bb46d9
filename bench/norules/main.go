//go:build bench

// Command norules is aksnet-lint's pipeline without its rules: it reads, parses and
// extracts every file under the given paths on the same workers, with the same
// garbage-collector settings and huge-page advice, through an engine that holds no
// rule, so nothing is evaluated. bench/corpus.sh times it beside the linter: what the
// linter costs before a single policy runs, against the read-and-validate floor.
package main

import (
	"context"
	"fmt"
	"os"
	"testing/fstest"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/gctune"
	_ "github.com/aksnet-lint/aksnet-lint/internal/hugeheap" // as the linter: advised from init
	"github.com/aksnet-lint/aksnet-lint/internal/lint"
)

func main() {
	gctune.Apply() // the linter's collector settings
	ctx := context.Background()
	// The root package alone: the findings query then ranges over no rule package.
	noRules := fstest.MapFS{"rules.rego": {Data: []byte("package aksnet.rules\n")}}
	loading := engine.Load(ctx, engine.Options{BuiltinFS: noRules})
	out, err := lint.RunLoading(ctx, lint.Options{Paths: os.Args[1:], SourceLines: true}, loading)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if len(out.Findings) != 0 {
		fmt.Fprintf(os.Stderr, "%d findings from an engine without rules\n", len(out.Findings))
		os.Exit(2)
	}
	fmt.Printf("%d files extracted, %d failed, no rule evaluated\n", out.Files, out.Failed)
}
