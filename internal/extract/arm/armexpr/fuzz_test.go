package armexpr

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
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
	"concat(\n  'a',\n\t'b'\r\n)",
	"union(createObject('a', 1, 'b', parameters('nope')), if(parameters('u'), createObject('c', 2), createObject('c', 3)))",
	"json('{\"a\": \"line1\nline2\"}')",
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

// FuzzMembers checks member-wise evaluation: whatever two expressions A and B are,
// createObject('a', A, 'b', B) keeps each member as A and B evaluate alone (an error
// becomes an Unknown of that member only), and if() over a condition not known keeps
// the member both branches agree on.
func FuzzMembers(f *testing.F) {
	for _, s := range handSeeds {
		f.Add(s, "parameters('nope')")
		f.Add("1", s)
	}
	f.Add("parameters('u')", "createArray(1,\n 2)")
	recoverPanics = false
	f.Cleanup(func() { recoverPanics = true })
	f.Fuzz(func(t *testing.T, a, b string) {
		na, errA := Parse(a)
		nb, errB := Parse(b)
		if errA != nil || errB != nil || strings.ContainsAny(a+b, "\x00") {
			return
		}
		alone := func(n Node) any {
			budget := 20_000
			env := testEnv()
			env.Budget = &budget
			return Eval(n, env)
		}
		va, vb := alone(na), alone(nb)
		if isBudget(va) || isBudget(vb) {
			return
		}
		whole := "createObject('a', " + a + ", 'b', " + b + ")"
		n, err := Parse(whole)
		if err != nil {
			return // past the parser's limits
		}
		budget := 100_000
		env := testEnv()
		env.Budget = &budget
		got, ok := Eval(n, env).(map[string]any)
		if !ok {
			return // a lambda argument, or the budget
		}
		for k, want := range map[string]any{"a": va, "b": vb} {
			v := got[k]
			if e, isErr := want.(*EvalError); isErr {
				if u, isUnk := v.(Unknown); !isUnk || !strings.HasPrefix(u.Reason, ReasonFails) {
					t.Fatalf("%s: member %s = %#v, want the Unknown of %v", whole, k, v, e)
				}
				continue
			}
			if _, isLambda := want.(*Lambda); isLambda {
				continue
			}
			if !reflect.DeepEqual(v, want) {
				t.Fatalf("%s: member %s = %#v, alone %#v", whole, k, v, want)
			}
		}
		branches := "if(parameters('u'), createObject('k', " + a + ", 'x', 1), createObject('k', " + b + ", 'x', 1))"
		if n, err := Parse(branches); err == nil {
			budget := 100_000
			env := testEnv()
			env.Budget = &budget
			if m, ok := Eval(n, env).(map[string]any); ok && m["x"] != int64(1) {
				t.Fatalf("%s: x = %#v, want 1", branches, m["x"])
			}
		}
	})
}

func isBudget(v any) bool {
	u, ok := v.(Unknown)
	return ok && u.Reason == ReasonBudget
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

// FuzzCIDR checks parseCidr, cidrSubnet and cidrHost against net/netip: they never
// panic, accept exactly the CIDRs netip parses, and every address or subnet they
// return lies inside the given range (cidrHost never returns the network address,
// nor for IPv4 the broadcast address). Values are passed as parameters so that any
// string reaches the functions unescaped.
func FuzzCIDR(f *testing.F) {
	for _, s := range []string{"10.0.0.0/16", "10.0.0.1/16", "192.168.0.0/31", "10.0.0.5/32", "0.0.0.0/0",
		"fd00::/8", "2001:db8::1/128", "::/0", "::ffff:10.0.0.0/104", "10.0.0/16", "10.0.0.0/33", "1.2.3.4", ""} {
		f.Add(s, int64(24), int64(3))
	}
	f.Add("10.144.0.0/20", int64(20), int64(0))
	f.Add("10.0.0.0/8", int64(32), int64(16777215))
	f.Add("10.0.0.0/8", int64(-1), int64(-1))
	f.Add("fd00::/8", int64(128), int64(1<<62))
	f.Fuzz(func(t *testing.T, cidr string, bits, index int64) {
		params := map[string]any{"c": cidr, "b": bits, "i": index}
		env := &Env{Parameter: func(name string) (any, bool) { v, ok := params[name]; return v, ok }}
		p, perr := netip.ParsePrefix(cidr)
		p = p.Masked()

		parsed := EvalString("[parseCidr(parameters('c'))]", env)
		m, ok := parsed.(map[string]any)
		if ok != (perr == nil) {
			t.Fatalf("parseCidr(%q) = %#v; netip: %v", cidr, parsed, perr)
		}
		if ok {
			for _, k := range []string{"network", "firstUsable", "lastUsable"} {
				a, err := netip.ParseAddr(fmt.Sprint(m[k]))
				if err != nil || !p.Contains(a) {
					t.Fatalf("parseCidr(%q).%s = %v, outside %s", cidr, k, m[k], p)
				}
			}
		}

		sub := EvalString("[cidrSubnet(parameters('c'), parameters('b'), parameters('i'))]", env)
		if s, ok := sub.(string); ok {
			sp, err := netip.ParsePrefix(s)
			if err != nil || int64(sp.Bits()) != bits || sp != sp.Masked() || !p.Contains(sp.Addr()) || sp.Bits() < p.Bits() {
				t.Fatalf("cidrSubnet(%q, %d, %d) = %q, not a /%d inside %s", cidr, bits, index, s, bits, p)
			}
		} else if _, isErr := sub.(*EvalError); !isErr {
			t.Fatalf("cidrSubnet(%q, %d, %d) = %#v, want a string or an error", cidr, bits, index, sub)
		}

		host := EvalString("[cidrHost(parameters('c'), parameters('i'))]", env)
		if s, ok := host.(string); ok {
			a, err := netip.ParseAddr(s)
			if err != nil || !p.Contains(a) || a == p.Addr() {
				t.Fatalf("cidrHost(%q, %d) = %q, not a host of %s", cidr, index, s, p)
			}
			if last := lastAddr(p); a.Is4() && a == last {
				t.Fatalf("cidrHost(%q, %d) = %q, the broadcast address", cidr, index, s)
			}
		} else if _, isErr := host.(*EvalError); !isErr {
			t.Fatalf("cidrHost(%q, %d) = %#v, want a string or an error", cidr, index, host)
		}
	})
}

// lastAddr is the last address of p, computed independently of cidr.go.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := range b {
		hostBits := max(0, min(8, (i+1)*8-p.Bits()))
		b[i] |= byte(1<<hostBits - 1)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}
