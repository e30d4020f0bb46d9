package lint

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

// TestDerivedFactsChangeNoFinding evaluates every document of the golden cases, the
// examples and the shared corpora twice, with the derived facts (input.derived, package
// derive) and without them, where the rules compute everything themselves as in their
// Rego tests: the facts must change what is computed, never what is found.
func TestDerivedFactsChangeNoFinding(t *testing.T) {
	sameFindings(t, engine.Options{}, engine.Options{NoDerivedFacts: true})
}

// TestGuardsChangeNoFinding: evaluating only the rule packages whose inputs a
// document has (engine/guards.go) finds what evaluating every package finds.
func TestGuardsChangeNoFinding(t *testing.T) {
	sameFindings(t, engine.Options{}, engine.Options{EveryRule: true})
}

// TestSplitChangesNoFinding: a document evaluated package by package on two cores
// (engine/split.go; here every document, whatever its size) finds what one query
// finds.
func TestSplitChangesNoFinding(t *testing.T) {
	if n := runtime.GOMAXPROCS(0); n < 2 {
		runtime.GOMAXPROCS(2)
		t.Cleanup(func() { runtime.GOMAXPROCS(n) })
	}
	sameFindings(t, engine.Options{SplitFrom: 1}, engine.Options{SplitFrom: -1})
}

// sameFindings evaluates every document of the golden cases, the examples and the
// shared corpus with two engines and compares their findings.
func sameFindings(t *testing.T, optsA, optsB engine.Options) {
	ctx := context.Background()
	with, err := engine.New(ctx, optsA)
	if err != nil {
		t.Fatal(err)
	}
	without, err := engine.New(ctx, optsB)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"../../testdata", "../../examples"}
	if _, err := os.Stat("../../../shared/corpus"); err == nil {
		paths = append(paths, "../../../shared/corpus")
	}
	out, err := Run(ctx, with, Options{Paths: paths, KeepDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Documents) < 100 {
		t.Fatalf("only %d documents", len(out.Documents))
	}
	key := func(f finding.Finding) string {
		return fmt.Sprintf("%s:%d:%d %s %s %v", f.Location.File, f.Location.Line, f.Location.Column, f.RuleID, f.Message, f.Related)
	}
	for _, d := range out.Documents {
		in := engine.Input{Doc: d.Doc, Locs: d.Locs}
		a, errA := with.Eval(ctx, in)
		b, errB := without.Eval(ctx, in)
		if (errA == nil) != (errB == nil) {
			t.Errorf("%s: errors differ: %v / %v", d.Doc.File, errA, errB)
			continue
		}
		ka, kb := make([]string, len(a)), make([]string, len(b))
		for i := range a {
			ka[i] = key(a[i])
		}
		for i := range b {
			kb[i] = key(b[i])
		}
		slices.Sort(ka)
		slices.Sort(kb)
		if !reflect.DeepEqual(ka, kb) {
			t.Errorf("%s: with %+v\n  %q\nwith %+v\n  %q", d.Doc.File, optsA, ka, optsB, kb)
		}
	}
	t.Logf("%d documents", len(out.Documents))
}
