package armexpr

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var handSeeds = []string{
	"concat('a', 'b')",
	"'it''s'",
	"-1",
	"parameters('obj').nested.x",
	"parameters('arr')[copyIndex()]",
	"if(equals(parameters('a'), 'x'), createObject('k', 1), null())",
	"map(range(0, 3), lambda('i', cidrSubnet('10.0.0.0/16', 24, lambdaVariables('i'))))",
	"reduce(createArray(1, 2), 0, lambda('a', 'b', add(lambdaVariables('a'), lambdaVariables('b'))))",
	"format('{0}/subnets/{1}', resourceId('Microsoft.Network/virtualNetworks', 'v'), 's')",
	"split(resourceId('Microsoft.Network/virtualNetworks', 'v'), '/')[8]",
	"union(createObject('a', createObject('b', 1)), json('{\"a\": {\"c\": 2}}'))",
	"ns.fn(1, 'x')",
	"tryGet(parameters('obj'), 'a', 0)",
}

// fuzzSeeds adds hand-written seeds and every distinct expression of the
// corpus templates.
func fuzzSeeds(f *testing.F) {
	for _, s := range handSeeds {
		f.Add(s)
	}
	for _, s := range corpusSeeds(f) {
		f.Add(s)
	}
}

// FuzzParse checks that Parse never panics, reports errors inside the text,
// and produces nodes whose spans are consistent within the limits.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("bad error %#v for %q", err, s)
			}
			return
		}
		if len(s) > MaxLength {
			t.Fatalf("accepted %d bytes", len(s))
		}
		depth := 0
		var walk func(m Node, d int)
		walk = func(m Node, d int) {
			depth = max(depth, d)
			if m.Pos() < 0 || m.End() > len(s) || m.Pos() > m.End() || s[m.Pos():m.End()] != m.Source() {
				t.Fatalf("span %d-%d %q inconsistent in %q", m.Pos(), m.End(), m.Source(), s)
			}
			switch x := m.(type) {
			case *Call:
				for _, a := range x.Args {
					walk(a, d+1)
				}
			case *Property:
				walk(x.Target, d+1)
			case *Index:
				walk(x.Target, d+1)
				walk(x.Index, d+1)
			case *Lambda:
				walk(x.Body, d+1)
			}
		}
		walk(n, 1)
		if depth > MaxDepth+1 {
			t.Fatalf("tree of depth %d accepted", depth)
		}
	})
}

// FuzzEval checks that evaluation never panics and stays within its budget.
func FuzzEval(f *testing.F) {
	fuzzSeeds(f)
	recoverPanics = false
	f.Cleanup(func() { recoverPanics = true })
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			return
		}
		budget := 20_000
		env := testEnv()
		env.Budget = &budget
		v := Eval(n, env)
		if budget < 0 {
			t.Fatalf("budget overdrawn: %d", budget)
		}
		if _, ok := v.(*Lambda); ok {
			t.Fatalf("a lambda escaped: %q", s)
		}
	})
}

func TestCorpusSeedsAvailable(t *testing.T) {
	if len(corpusSeeds(t)) < 500 {
		t.Errorf("only %d corpus expressions", len(corpusSeeds(t)))
	}
	if _, err := os.Stat(filepath.Join(corpusDir, "NOTICE")); err != nil {
		t.Error(err)
	}
	if !strings.HasSuffix(filepath.ToSlash(corpusDir), "testdata/corpus") {
		t.Error(corpusDir)
	}
}
