package lint

import (
	"context"
	"net/netip"
	"testing"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// cidrQuery asks the Rego address helpers (policies/lib/addressing.rego) what they
// make of one string: AKSNET114 reports what cidr_problem describes, and every other
// address rule guards with valid_cidr.
const cidrQuery = `
valid := [true | data.aksnet.lib.addressing.valid_cidr(input.v)]
problem := [p | p := data.aksnet.lib.addressing.cidr_problem(input.v)]
family := [f | f := data.aksnet.lib.addressing.family(input.v)]
ip := [true | data.aksnet.lib.addressing.ip_address(input.v)]
`

// FuzzRegoCIDR is a differential fuzz of the Rego CIDR helpers against net/netip,
// through OPA with the engine's compiler and capabilities. The Rego side is fuzzed
// (rather than a Go CIDR helper: the extractors pass address strings through
// unparsed) because it decides AKSNET114 and guards every other address rule.
// Invariants: exactly one of valid_cidr and cidr_problem holds, with one message (no
// value slips past both, none gets two); a valid CIDR parses with netip, has no host
// bits and its family is right; a CIDR netip parses in canonical form is valid.
func FuzzRegoCIDR(f *testing.F) {
	for _, s := range []string{"10.0.0.0/16", "10.0.0.1/16", "192.168.0/16", "10.1.0.256", "10.0.0.10", "fd00::/8",
		"fd00::1/64", "2001:DB8::/32", "::ffff:10.0.0.0/104", "::/0", "0.0.0.0/0", "10.0.0.0/33", "010.0.0.0/8",
		"10.0.0.0/08", "fe80::1%eth0/64", "fd00::/064", "1.2.3.4/24/1", "", " 10.0.0.0/8", "AzureCloud", "*"} {
		f.Add(s)
	}
	modules, err := engine.ParseFS(policies.FS, "policies", false)
	if err != nil {
		f.Fatal(err)
	}
	compiler, err := engine.NewCompiler()
	if err != nil {
		f.Fatal(err)
	}
	if compiler.Compile(modules); compiler.Failed() {
		f.Fatal(compiler.Errors)
	}
	query, err := rego.New(rego.Query(cidrQuery), rego.Compiler(compiler), rego.Capabilities(engine.Capabilities())).PrepareForEval(context.Background())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // documents hold JSON strings, always UTF-8
		}
		rs, err := query.Eval(context.Background(), rego.EvalInput(map[string]any{"v": s}))
		if err != nil {
			t.Fatalf("%q: %v", s, err) // a conflict: a helper gave two different answers
		}
		if len(rs) != 1 {
			t.Fatalf("%q: %d results", s, len(rs))
		}
		b := rs[0].Bindings
		valid, problems, families := len(b["valid"].([]any)) > 0, b["problem"].([]any), b["family"].([]any)
		if valid == (len(problems) > 0) || len(problems) > 1 {
			t.Fatalf("%q: valid_cidr %v, cidr_problem %v: want exactly one", s, valid, problems)
		}
		p, perr := netip.ParsePrefix(s)
		if valid {
			if perr != nil || p != p.Masked() {
				t.Fatalf("%q is valid_cidr, but netip: %v (masked %s)", s, perr, p.Masked())
			}
			want := "IPv6"
			if p.Addr().Is4() {
				want = "IPv4"
			}
			if len(families) != 1 || families[0] != want {
				t.Fatalf("%q: family %v, want %s", s, families, want)
			}
		}
		if perr == nil && p == p.Masked() && p.String() == s && !p.Addr().Is4In6() && !valid {
			t.Fatalf("%q is a canonical CIDR, but cidr_problem says it %v", s, problems)
		}
	})
}
