package lint

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
)

// TestPrecompiledPoliciesAgreeWithSource lints every golden case and the corpus with
// the precompiled policies and with the same policies compiled from source: the
// findings must be identical, message for message.
func TestPrecompiledPoliciesAgreeWithSource(t *testing.T) {
	ctx := context.Background()
	fast, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !fast.Precompiled() {
		t.Fatal("the precompiled policies are stale: run go test ./internal/engine -run TestPrecompiledIsFresh -update")
	}
	slow, err := engine.New(ctx, engine.Options{FromSource: true})
	if err != nil {
		t.Fatal(err)
	}
	// The comparison is about findings, not speed: under -race on a loaded machine a
	// large script can pass the per-file budget, which would turn into an AKSNET902
	// on one side only.
	for _, b := range []*time.Duration{&extractBudget, &evalBudget} {
		saved := *b
		*b = 10 * time.Minute
		t.Cleanup(func() { *b = saved })
	}
	paths := []string{"../../testdata", "../../examples"}
	got, err := Run(ctx, fast, Options{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	want, err := Run(ctx, slow, Options{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) < 100 {
		t.Fatalf("only %d findings from source: the comparison would prove little", len(want.Findings))
	}
	if !reflect.DeepEqual(got.Findings, want.Findings) {
		for i := range min(len(got.Findings), len(want.Findings)) {
			if !reflect.DeepEqual(got.Findings[i], want.Findings[i]) {
				t.Fatalf("finding %d differs:\nprecompiled: %+v\nfrom source: %+v", i, got.Findings[i], want.Findings[i])
			}
		}
		t.Fatalf("%d findings precompiled, %d from source", len(got.Findings), len(want.Findings))
	}
	t.Logf("%d findings agree", len(got.Findings))
}
