package armexpr

import (
	"strings"
	"testing"
)

// TestLookupFunction: every built-in is found by its name in any case, and nothing else.
func TestLookupFunction(t *testing.T) {
	for name, want := range functions {
		for _, spelled := range []string{name, strings.ToUpper(name), strings.ToUpper(name[:1]) + name[1:]} {
			got, ok := lookupFunction(spelled)
			if !ok || got.min != want.min || got.max != want.max {
				t.Errorf("lookupFunction(%q) = %v, %v; want %v", spelled, got, ok, want)
			}
		}
	}
	for _, name := range []string{"", "concat2", "conca", "utcNow", "listKeys", "x", strings.Repeat("a", 100), "resourceİd"} {
		if _, ok := lookupFunction(name); ok {
			t.Errorf("lookupFunction(%q) found a built-in", name)
		}
	}
}

func BenchmarkLookupFunction(b *testing.B) {
	names := []string{"resourceId", "concat", "parameters", "variables", "createObject", "if", "union", "reference", "format", "subscriptionResourceId"}
	b.Run("buckets", func(b *testing.B) {
		for b.Loop() {
			for _, n := range names {
				lookupFunction(n)
			}
		}
	})
	b.Run("map", func(b *testing.B) { // lower-cased in a buffer, then hashed
		var buf [40]byte
		for b.Loop() {
			for _, n := range names {
				l := buf[:len(n)]
				for i := range len(n) {
					l[i] = lowerByte(n[i])
				}
				_ = functions[string(l)]
			}
		}
	})
}

// TestFunctionKey: a call's key is its name in lower case, whether a built-in's
// (any case), a user function's or a name strings.ToLower folds beyond ASCII.
func TestFunctionKey(t *testing.T) {
	for _, name := range []string{"resourceId", "RESOURCEID", "concat", "cidrSubnet", "myFunc", "x", "\u212Aey", "resourceIdX"} {
		if got, want := functionKey(name), strings.ToLower(name); got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
	n, err := Parse("resourceId('A.B/c', 'x')")
	if c, ok := n.(*Call); err != nil || !ok || c.Key() != "resourceid" {
		t.Fatalf("Parse: %#v, %v", n, err)
	}
	if n := testing.AllocsPerRun(100, func() { _ = functionKey("resourceId") }); n != 0 {
		t.Errorf("%v allocations for a built-in's key", n)
	}
}
