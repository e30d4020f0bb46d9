package armexpr

import (
	"fmt"
	"testing"
)

// scanAgrees checks Scan against ParseString on one expression: when Scan accepts,
// the parser accepts too and finds the same calls, with the same literal names.
func scanAgrees(t *testing.T, s string) {
	t.Helper()
	var got []string
	ok := Scan(s, func(c ScannedCall) {
		got = append(got, fmt.Sprintf("%s.%s/%d %q %v @%d-%d", c.Namespace, c.Name, c.Args, c.Lit, c.HasLit, c.Span.Start, c.Span.Stop))
	})
	if !ok {
		return
	}
	n, err := ParseString(s)
	if err != nil {
		t.Fatalf("Scan accepts %q, ParseString: %v", s, err)
	}
	var want []string
	walkPost(n, func(m Node) {
		c, isCall := m.(*Call)
		if !isCall {
			return
		}
		lit, hasLit := "", false
		if len(c.Args) == 1 {
			if sl, isLit := c.Args[0].(*StringLit); isLit && sl.Source() == "'"+sl.Value+"'" {
				lit, hasLit = sl.Value, true
			}
		}
		want = append(want, fmt.Sprintf("%s.%s/%d %q %v @%d-%d", c.Namespace, c.Name, len(c.Args), lit, hasLit, c.Pos(), c.End()))
	})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%q: Scan found %v, the parser %v", s, got, want)
	}
}

// walkPost visits the nodes children first, in source order: the order Scan reports
// calls in (a call once its arguments are read).
func walkPost(n Node, fn func(Node)) {
	switch x := n.(type) {
	case *Call:
		for _, a := range x.Args {
			walkPost(a, fn)
		}
	case *Property:
		walkPost(x.Target, fn)
	case *Index:
		walkPost(x.Target, fn)
		walkPost(x.Index, fn)
	case *Lambda:
		walkPost(x.Body, fn)
	}
	fn(n)
}

// TestScanAgreesWithParse: on every expression of the corpus and the hand seeds.
func TestScanAgreesWithParse(t *testing.T) {
	accepted := 0
	all := append(append([]string{}, handSeeds...), corpusSeeds(t)...)
	for _, e := range all {
		s := "[" + e + "]"
		scanAgrees(t, s)
		if Scan(s, func(ScannedCall) {}) {
			accepted++
		}
	}
	for _, s := range []string{"[parameters('a''b')]", "[concat('a' 'b')]", "[f(]", "[x]", "[1a]", "[ns.fn(1)]", "[a.outputs.b]", "[ parameters( 'x' ) ]", "[parameters('x').y]"} {
		scanAgrees(t, s)
	}
	if accepted < len(all)/2 {
		t.Errorf("Scan accepted %d of %d expressions: it should spare the parser most of them", accepted, len(all))
	}
}

// FuzzScan: Scan never accepts what the parser refuses, and finds the parser's calls.
func FuzzScan(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		scanAgrees(t, "["+s+"]")
	})
}
