package armexpr

import (
	"fmt"
	"strings"
	"testing"
)

// scanAgrees checks Scan against ParseString on one expression: when ScanOutputs (or
// Scan) accepts, the parser accepts too and finds the same calls, with the same
// literal names, and the same module output accesses.
func scanAgrees(t *testing.T, s string) {
	t.Helper()
	var got []string
	// ScanOutputs accepts all ScanCalls does, and the outputs it refuses; the calls
	// are the same.
	calls, _, ok := ScanOutputs(s, nil, nil)
	if !ok {
		return
	}
	for _, c := range calls {
		got = append(got, fmt.Sprintf("%s.%s/%d %q %v @%d-%d", c.Namespace, c.Name, c.Args, c.Lit, c.HasLit, c.Span.Start, c.Span.Stop))
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
	outputsAgree(t, s, n)
}

// outputsAgree checks ScanOutputs against the parser's tree: the same calls as
// ScanCalls, and each Property of a Property named outputs of a reference() call with
// arguments, at the same span.
func outputsAgree(t *testing.T, s string, n Node) {
	t.Helper()
	calls, outs, ok := ScanOutputs(s, nil, nil)
	if !ok {
		t.Fatalf("%q: ScanCalls accepts, ScanOutputs does not", s)
	}
	if plain, accepted := ScanCalls(s, nil); accepted && fmt.Sprint(calls) != fmt.Sprint(plain) {
		t.Fatalf("%q: ScanOutputs found calls %v, ScanCalls %v", s, calls, plain)
	}
	var got, want []string
	for _, o := range outs {
		got = append(got, fmt.Sprintf("%s.outputs.%s @%d-%d", o.Call.Raw, o.Name, o.Span.Start, o.Span.Stop))
	}
	walkPost(n, func(m Node) {
		p, isProp := m.(*Property)
		if !isProp {
			return
		}
		outsProp, isProp := p.Target.(*Property)
		if !isProp || !strings.EqualFold(outsProp.Name, "outputs") {
			return
		}
		if c, isCall := outsProp.Target.(*Call); isCall && c.Key() == "reference" && len(c.Args) > 0 {
			want = append(want, fmt.Sprintf("%s.outputs.%s @%d-%d", c.Source(), p.Name, p.Pos(), p.End()))
		}
	})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%q: ScanOutputs found %v, the parser %v", s, got, want)
	}
}

// TestScanOutputs: module output accesses are read where ScanCalls refuses them.
func TestScanOutputs(t *testing.T) {
	for _, s := range []string{
		"[reference(resourceId('Microsoft.Resources/deployments', 'm')).outputs.subnetId.value]",
		"[concat(reference('m').outputs.a.value, reference('n', '2020-01-01').OUTPUTS.b)]",
		"[reference('m').outputs['a'].value]", "[reference('m').outputs]", "[reference('m').properties.outputs.x]",
		"[x().outputs.y]", "[reference().outputs.y]", "[ns.reference('m').outputs.y]",
		"[reference('m') . outputs . y [0]]",
	} {
		n, err := ParseString(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if _, ok := ScanCalls(s, nil); ok {
			t.Errorf("%q: ScanCalls accepts a property named outputs", s)
		}
		if _, _, ok := ScanOutputs(s, nil, nil); !ok {
			t.Errorf("%q: ScanOutputs refuses it", s)
			continue
		}
		outputsAgree(t, s, n)
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

// TestScanOutputsReusesSlices: given room, ScanOutputs appends the calls and outputs
// it finds to the slices it is handed, allocating nothing.
func TestScanOutputsReusesSlices(t *testing.T) {
	const expr = "[concat(reference('dep').outputs.subnetId.value, resourceId('A.B/c', 'x'))]"
	calls, outs := make([]ScannedCall, 0, 8), make([]ScannedOutput, 0, 8)
	gotCalls, gotOuts, ok := ScanOutputs(expr, calls, outs)
	if !ok || len(gotCalls) != 3 || len(gotOuts) != 1 || gotOuts[0].Name != "subnetId" {
		t.Fatalf("ScanOutputs: %v %v %v", gotCalls, gotOuts, ok)
	}
	if n := testing.AllocsPerRun(100, func() { ScanOutputs(expr, calls[:0], outs[:0]) }); n != 0 {
		t.Errorf("%v allocations a scan", n)
	}
}
