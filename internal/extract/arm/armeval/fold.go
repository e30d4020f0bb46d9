package armeval

import (
	"strings"
	"unicode/utf8"
)

// lookupLower is m[strings.ToLower(name)] without making the lower-case string when
// name is short ASCII: it is written to a stack buffer and the map indexed by its
// bytes, which Go does without a copy. Parameter and variable names are mixed case
// ("vnetName"), looked up at every reference, and lower-casing them was the largest
// share of a template's string allocations (BenchmarkReadDir's memory profile).
func lookupLower[V any](m map[string]V, name string) (V, bool) {
	var buf [64]byte
	if b, ok := lowerASCII(&buf, name); ok {
		v, ok := m[string(b)]
		return v, ok
	}
	v, ok := m[strings.ToLower(name)]
	return v, ok
}

// lowerASCII writes name in lower case to buf, as strings.ToLower would for ASCII;
// false when name is longer than buf or not ASCII (strings.ToLower's rules then).
func lowerASCII(buf *[64]byte, name string) ([]byte, bool) {
	if len(name) > len(buf) {
		return nil, false
	}
	b := buf[:len(name)]
	for i := range len(name) {
		c := name[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b, true
}

// put sets (*m)[k] = v, making the map at its first entry: a template's evaluation
// keeps a dozen maps, most of them empty for a small template, and making them all
// up front was a tenth of its allocations (BenchmarkReadDir's memory profile).
// Reading and deleting from a nil map need nothing.
func put[K comparable, V any](m *map[K]V, k K, v V) {
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[k] = v
}
