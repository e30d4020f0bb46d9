package lint

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
)

// TestRunLoading: a run with an engine still loading finds what a run with the engine
// loaded finds, and an engine that fails to load is the run's error.
func TestRunLoading(t *testing.T) {
	ctx := context.Background()
	opt := Options{Paths: []string{"../../testdata/arm/err"}}
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := Run(ctx, eng, opt)
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	loading := Load(func() (*engine.Engine, error) { <-release; return eng, nil })
	go func() { close(release) }()
	got, err := RunLoading(ctx, loading, opt)
	if err != nil {
		t.Fatal(err)
	}
	key := func(o Outcome) string {
		var b strings.Builder
		for _, f := range o.Findings {
			fmt.Fprintf(&b, "%s:%d:%d %s %s %v\n", f.Location.File, f.Location.Line, f.Location.Column, f.RuleID, f.Message, f.Related)
		}
		return b.String()
	}
	if len(want.Findings) == 0 || key(got) != key(want) {
		t.Errorf("while loading:\n%s\nloaded:\n%s", key(got), key(want))
	}
	broken := errors.New("policy compilation failed")
	if _, err := RunLoading(ctx, Load(func() (*engine.Engine, error) { return nil, broken }), opt); !errors.Is(err, broken) {
		t.Errorf("an engine that fails to load: %v", err)
	}
}
