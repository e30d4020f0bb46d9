package engine

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

// goldenInputs extracts every golden case of the given kinds (testdata/<kind>/{ok,err}).
func goldenInputs(t testing.TB, kinds ...string) []Input {
	t.Helper()
	var dirs []string
	for _, kind := range kinds {
		dirs = append(dirs, filepath.Join("../../testdata", kind, "ok"), filepath.Join("../../testdata", kind, "err"))
	}
	ins := inputsUnder(t, dirs...)
	if len(ins) < 50 {
		t.Fatalf("only %d golden documents", len(ins))
	}
	return ins
}

// largest is the input of most elements.
func largest(ins []Input) Input {
	out := ins[0]
	for _, in := range ins {
		if Elements(in.Doc) > Elements(out.Doc) {
			out = in
		}
	}
	return out
}

// atLeastTwoCores gives the test two cores to split over, whatever the machine has.
func atLeastTwoCores(t *testing.T) {
	if n := runtime.GOMAXPROCS(0); n < 2 {
		runtime.GOMAXPROCS(2)
		t.Cleanup(func() { runtime.GOMAXPROCS(n) })
	}
}

// countPackages counts the packages evaluated alone, as a split does, until the test
// ends.
func countPackages(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	testHookEvalPackage = func(string) { n.Add(1) }
	t.Cleanup(func() { testHookEvalPackage = nil })
	return &n
}

// TestSplitEvalMatchesOneQuery: every golden document, split over the cores package by
// package, gives the findings one query gives, in the same order. Under -race it
// also checks that the parts may share one input value.
func TestSplitEvalMatchesOneQuery(t *testing.T) {
	atLeastTwoCores(t)
	ctx := context.Background()
	split, err := New(ctx, Options{SplitFrom: 1})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := New(ctx, Options{SplitFrom: -1})
	if err != nil {
		t.Fatal(err)
	}
	parts := countPackages(t)
	ins := goldenInputs(t, "arm", "bicep", "azcli")
	findings := 0
	for _, in := range ins {
		want, errW := whole.Eval(ctx, in)
		got, errS := split.Eval(ctx, in)
		if (errW == nil) != (errS == nil) {
			t.Errorf("%s: errors differ: split %v, one query %v", in.Doc.File, errS, errW)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: split\n  %+v\none query\n  %+v", in.Doc.File, got, want)
		}
		findings += len(want)
	}
	if parts.Load() < int64(len(ins)) {
		t.Fatalf("%d packages evaluated alone over %d documents: the documents were not split", parts.Load(), len(ins))
	}
	if findings < 100 {
		t.Fatalf("only %d findings: the comparison says little", findings)
	}
}

// TestSplitOnlyWhenItPays: a document is split when it is large enough and a core is
// idle; not when it is small, nor when every core is evaluating.
func TestSplitOnlyWhenItPays(t *testing.T) {
	atLeastTwoCores(t)
	ctx := context.Background()
	in := largest(goldenInputs(t, "arm"))
	tests := []struct {
		name      string
		splitFrom int
		busy      int32 // other evaluations under way
		want      bool
	}{
		{"large, a core idle", Elements(in.Doc), 0, true},
		{"small", Elements(in.Doc) + 1, 0, false},
		{"never", -1, 0, false},
		{"every core busy", 1, int32(runtime.GOMAXPROCS(0) - 1), false},
		{"one core idle", 1, int32(runtime.GOMAXPROCS(0) - 2), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(ctx, Options{SplitFrom: tt.splitFrom})
			if err != nil {
				t.Fatal(err)
			}
			parts := countPackages(t)
			e.busy.Add(tt.busy)
			if _, err := e.Eval(ctx, in); err != nil {
				t.Fatal(err)
			}
			if got := parts.Load() > 0; got != tt.want {
				t.Errorf("split: %v, want %v", got, tt.want)
			}
			if n := e.busy.Load(); n != tt.busy {
				t.Errorf("%d evaluations under way after Eval, want %d", n, tt.busy)
			}
		})
	}
}

// TestSplitEvalStops: a split evaluation recovers a part's panic as one query's
// (EvalAll makes it the document's error), and stops at the context's deadline.
func TestSplitEvalStops(t *testing.T) {
	atLeastTwoCores(t)
	ctx := context.Background()
	e, err := New(ctx, Options{SplitFrom: 1})
	if err != nil {
		t.Fatal(err)
	}
	in := largest(goldenInputs(t, "arm"))
	testHookEvalPackage = func(string) { panic("injected") }
	t.Cleanup(func() { testHookEvalPackage = nil })
	_, errs := e.EvalAll(ctx, []Input{in})
	if errs[0] == nil || !strings.Contains(errs[0].Error(), "internal error while evaluating policies: injected") {
		t.Errorf("error %v, want the recovered panic", errs[0])
	}
	testHookEvalPackage = nil
	done, cancel := context.WithTimeout(ctx, 0)
	defer cancel()
	if _, err := e.Eval(done, in); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v past the deadline, want %v", err, context.DeadlineExceeded)
	}
	if n := e.busy.Load(); n != 0 {
		t.Errorf("%d evaluations under way after the last returned", n)
	}
}

// BenchmarkEvalSplit is what splitting costs on a small document: the largest golden
// ARM case evaluated as one query and split package by package over two cores. The
// difference is the fixed cost of a split that SplitMinElements keeps small
// documents from paying.
func BenchmarkEvalSplit(b *testing.B) {
	if n := runtime.GOMAXPROCS(0); n < 2 {
		runtime.GOMAXPROCS(2)
		b.Cleanup(func() { runtime.GOMAXPROCS(n) })
	}
	ctx := context.Background()
	in := largest(goldenInputs(b, "arm"))
	for _, bc := range []struct {
		name string
		from int
	}{{"one query", -1}, {"split", 1}} {
		b.Run(bc.name, func(b *testing.B) {
			e, err := New(ctx, Options{SplitFrom: bc.from})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := e.Eval(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
