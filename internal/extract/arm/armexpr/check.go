package armexpr

import (
	"fmt"
	"strings"
)

// Issue is a problem ARM's template validation finds in an expression before any
// value is known: a function it does not have, a wrong number of arguments.
type Issue struct {
	Node Node   // the call
	Msg  string // what is wrong
}

// Check lists the calls of an expression that ARM rejects whatever the values: a
// function that does not exist, or a built-in given a number of arguments it does
// not take (createObject an odd one). User-defined functions (ns.fn) are the
// caller's to check. The walk is bounded by the parser's depth limit.
func Check(n Node) []Issue {
	var out []Issue
	var walk func(Node)
	walk = func(n Node) {
		switch x := n.(type) {
		case *Call:
			if p := checkCall(x); p != "" {
				out = append(out, Issue{Node: x, Msg: p})
			}
			for _, a := range x.Args {
				walk(a)
			}
		case *Property:
			walk(x.Target)
		case *Index:
			walk(x.Target)
			walk(x.Index)
		case *Lambda:
			walk(x.Body)
		}
	}
	walk(n)
	return out
}

func checkCall(c *Call) string {
	return checkArity(c.Namespace, c.Name, len(c.Args))
}

// checkArity is what ARM says of a call of name with n arguments, or "".
func checkArity(namespace, name string, n int) string {
	if namespace != "" {
		return ""
	}
	spec, ok := lookupFunction(name)
	if !ok {
		key := strings.ToLower(name)
		if _, runtime := runtimeFunctions[key]; runtime || strings.HasPrefix(key, "list") {
			return ""
		}
		return fmt.Sprintf("the template language function '%s' is not valid", name)
	}
	if n < spec.min || (spec.max >= 0 && n > spec.max) {
		return fmt.Sprintf("the template language function '%s' %s", name, arityMsg(spec.min, spec.max, n))
	}
	if n%2 != 0 && strings.EqualFold(name, "createObject") {
		return fmt.Sprintf("the template language function '%s' must have an even number of arguments (name, value pairs), got %d", name, n)
	}
	return ""
}

// lookupFunction finds a built-in by name ignoring case. Template validation looks up
// every call of a template: the names are bucketed by length and first letter, and
// compared in place, which costs a fraction of lower-casing and hashing each name
// (BenchmarkLookupFunction).
func lookupFunction(name string) (fnSpec, bool) {
	if len(name) == 0 || len(name) >= len(fnBuckets) {
		return fnSpec{}, false
	}
	for _, e := range fnBuckets[len(name)][lowerByte(name[0])&31] {
		if equalLower(name, e.name) {
			return e.spec, true
		}
	}
	return fnSpec{}, false
}

// functionKey is strings.ToLower(name), without a copy when name is a built-in's: its
// entry's lower-case name (a call's key is set for every call parsed, and most are
// built-ins in mixed case, "resourceId"; BenchmarkReadDir's memory profile).
func functionKey(name string) string {
	if len(name) > 0 && len(name) < len(fnBuckets) {
		for _, e := range fnBuckets[len(name)][lowerByte(name[0])&31] {
			if equalLower(name, e.name) {
				return e.name
			}
		}
	}
	return strings.ToLower(name)
}

type fnEntry struct {
	name string // lower case
	spec fnSpec
}

// fnBuckets are the functions by length and the low five bits of their first letter.
var fnBuckets [48][32][]fnEntry

func bucketFunctions() {
	for name, spec := range functions {
		if len(name) > 0 && len(name) < len(fnBuckets) {
			b := &fnBuckets[len(name)][name[0]&31]
			*b = append(*b, fnEntry{name, spec})
		}
	}
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalLower reports whether s equals lower, a lower-case name of the same length,
// ignoring the case of ASCII letters in s (built-in names are ASCII).
func equalLower(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		if lowerByte(s[i]) != lower[i] {
			return false
		}
	}
	return true
}
