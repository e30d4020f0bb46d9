package engine

import (
	"context"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/effective"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
)

// inputsUnder extracts every document of the files under dirs.
func inputsUnder(t testing.TB, dirs ...string) []Input {
	t.Helper()
	var ins []Input
	for _, dir := range dirs {
		cands, errs := extract.Discover([]string{dir}, extract.DiscoverOptions{})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		for _, c := range cands {
			data, err := os.ReadFile(c.Path)
			if err != nil {
				t.Fatal(err)
			}
			rs, _ := extract.File(c, data)
			for _, r := range rs {
				effective.Apply(r.Doc)
				ins = append(ins, Input{Doc: r.Doc, Locs: r.Locs})
			}
		}
	}
	return ins
}

// TestBalancedInputIsTheSequentialOne: the input built on two goroutines is the value
// and the labels built on one, for the hub documents of the benchmarks, every golden
// case and the shared corpus. Under -race it also checks that the two goroutines
// share nothing they write.
func TestBalancedInputIsTheSequentialOne(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ins := []Input{{Doc: hubDoc(200, 100)}, {Doc: hubDoc(3, 1)}, {Doc: hubDoc(1, 0)}}
	ins = append(ins, goldenInputs(t, "arm", "bicep", "azcli")...)
	dirs := []string{"../../testdata/runbooks", "../../testdata/hostile"}
	if _, err := os.Stat("../../../shared/corpus"); err == nil {
		dirs = append(dirs, "../../../shared/corpus")
	}
	ins = append(ins, inputsUnder(t, dirs...)...)
	var parts atomic.Int64
	testHookInputPart = func(string) { parts.Add(1) }
	t.Cleanup(func() { testHookInputPart = nil })
	for _, in := range ins {
		want, wantLabels := e.sequentialInput(in)
		before := parts.Load()
		got, gotLabels := e.balancedInput(in)
		if parts.Load() == before {
			t.Fatalf("%s: no part built", in.Doc.File)
		}
		if got.Compare(want) != 0 {
			t.Errorf("%s: balanced input\n  %.2000v\nsequential\n  %.2000v", in.Doc.File, got, want)
		}
		if !reflect.DeepEqual(gotLabels, wantLabels) {
			t.Errorf("%s: balanced labels %v, sequential %v", in.Doc.File, gotLabels, wantLabels)
		}
	}
	if len(ins) < 200 {
		t.Fatalf("only %d documents", len(ins))
	}
	if n := e.busy.Load(); n != 0 {
		t.Errorf("%d evaluations under way after the last build", n)
	}
}

// TestBalancedInputOnlyWhenItPays: a document's input is built on two goroutines when
// it is large enough and a core is idle; not when it is small, nor when every core is
// evaluating, nor without derived facts.
func TestBalancedInputOnlyWhenItPays(t *testing.T) {
	atLeastTwoCores(t)
	in := Input{Doc: hubDoc(10, 5)}
	large := Input{Doc: hubDoc(20, 10)}
	if Elements(in.Doc) >= SplitMinElements || Elements(large.Doc) < SplitMinElements {
		t.Fatalf("%d and %d elements: not a small and a large document", Elements(in.Doc), Elements(large.Doc))
	}
	tests := []struct {
		name string
		in   Input
		opts Options
		busy int32 // other evaluations under way
		want bool
	}{
		{"large, a core idle", in, Options{SplitFrom: Elements(in.Doc)}, 0, true},
		{"small", in, Options{SplitFrom: Elements(in.Doc) + 1}, 0, false},
		{"small, default size", in, Options{}, 0, false},
		{"large, default size", large, Options{}, 0, true},
		{"never", large, Options{SplitFrom: -1}, 0, false},
		{"every core busy", in, Options{SplitFrom: 1}, int32(runtime.GOMAXPROCS(0) - 1), false},
		{"no derived facts", in, Options{SplitFrom: 1, NoDerivedFacts: true}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(context.Background(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var parts atomic.Int64
			testHookInputPart = func(string) { parts.Add(1) }
			t.Cleanup(func() { testHookInputPart = nil })
			e.busy.Add(tt.busy + 1) // Eval's own
			e.inputValue(tt.in)
			if got := parts.Load() > 0; got != tt.want {
				t.Errorf("balanced: %v, want %v", got, tt.want)
			}
			if n := e.busy.Load(); n != tt.busy+1 {
				t.Errorf("%d evaluations under way after the build, want %d", n, tt.busy+1)
			}
		})
	}
}

// TestBalancedInputPanics: a panic while building a part of the input, on either
// goroutine, is raised again on the calling goroutine, which EvalAll makes the
// document's error; no helper is left counted as busy.
func TestBalancedInputPanics(t *testing.T) {
	atLeastTwoCores(t)
	e, err := New(context.Background(), Options{SplitFrom: 1})
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Doc: hubDoc(20, 10)}
	for _, part := range []string{"labels", "subnets", "ranges", "virtualNetworks", "clusters", "reservedCandidates", "derive", "derive 0", "derive 5"} {
		t.Run(part, func(t *testing.T) {
			testHookInputPart = func(name string) {
				if name == part {
					panic("injected in " + name)
				}
			}
			t.Cleanup(func() { testHookInputPart = nil })
			_, errs := e.EvalAll(context.Background(), []Input{in})
			if errs[0] == nil || !strings.Contains(errs[0].Error(), "internal error while evaluating policies: injected in "+part) {
				t.Errorf("error %v, want the recovered panic", errs[0])
			}
			if n := e.busy.Load(); n != 0 {
				t.Errorf("%d evaluations under way after EvalAll returned", n)
			}
		})
	}
}
