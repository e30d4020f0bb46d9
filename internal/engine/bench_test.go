package engine

import (
	"context"
	"testing"
)

// BenchmarkNewPrecompiled is the per-run cost of loading the built-in policies.
func BenchmarkNewPrecompiled(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewFromSource is what loading cost before the policies were precompiled;
// the ratio of the two is what precompiling saves.
func BenchmarkNewFromSource(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background(), Options{FromSource: true}); err != nil {
			b.Fatal(err)
		}
	}
}
