package precompiled

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// source uses every construct the encoder knows: rule kinds, else chains, every,
// some, with, comprehensions, objects, sets, negation and function heads.
const source = `package p

import rego.v1

default allow := false

allow if {
	some x in input.xs
	x.n > 1
	not deny
}

deny if input.bad == true

f(a, b) := a + b

g(x) := "big" if x > 10
else := "small"

obj := {"a": [1, 2.5, null], "b": {"c", "d"}, 1: true}

names contains n if some n in ["x", "y"]

cmp := {k: v | some k, v in input.o}
arr := [v | some v in input.a; v != "z"]
st := {v | some v in input.a}

all_pos if every v in input.nums { v > 0 }

mocked := r if {
	r := allow with input as {"xs": [{"n": 2}]}
}

parts[k] := v if { some k, v in input.parts }
`

func compiled(t *testing.T) map[string]*ast.Module {
	t.Helper()
	m, err := ast.ParseModuleWithOpts("p.rego", source, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	c := ast.NewCompiler()
	c.Compile(map[string]*ast.Module{"p.rego": m})
	if c.Failed() {
		t.Fatal(c.Errors)
	}
	return c.Modules
}

func TestRoundTrip(t *testing.T) {
	mods := compiled(t)
	data, err := Encode(mods)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(mods) {
		t.Fatalf("%d modules back, want %d", len(back), len(mods))
	}
	for name, m := range mods {
		got := back[name]
		if got == nil || !m.Equal(got) {
			t.Fatalf("%s differs after the round trip:\n%v\nwant:\n%v", name, got, m)
		}
		// Locations survive too: findings and errors point at policy lines.
		if got.Rules[0].Location.Row != m.Rules[0].Location.Row || got.Rules[0].Location.File != "p.rego" {
			t.Errorf("rule location %v, want %v", got.Rules[0].Location, m.Rules[0].Location)
		}
		for _, r := range got.Rules {
			if r.Module != got {
				t.Errorf("rule %v does not point back at its module", r.Head.Name)
			}
		}
	}
}

func TestEncodeRefusesUncompiled(t *testing.T) {
	m := ast.MustParseModule("package p\nimport data.q\nx := q.y\n")
	if _, err := Encode(map[string]*ast.Module{"p": m}); err == nil || !strings.Contains(err.Error(), "imports") {
		t.Fatalf("err = %v, want a refusal naming imports", err)
	}
}

// TestDecodeCorrupt: every truncation and a flipped byte at every position either
// decodes or fails with an error; none panics or hangs.
func TestDecodeCorrupt(t *testing.T) {
	data, err := Encode(compiled(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(nil); err == nil {
		t.Error("empty input decoded")
	}
	if _, err := Decode(append(data, 0)); err == nil {
		t.Error("trailing byte accepted")
	}
	for i := range data {
		if _, err := Decode(data[:i]); err == nil {
			t.Fatalf("truncation at %d of %d decoded", i, len(data))
		}
		flipped := append([]byte(nil), data...)
		flipped[i] ^= 0xff
		_, _ = Decode(flipped)
	}
}

func FuzzDecode(f *testing.F) {
	m, err := ast.ParseModuleWithOpts("p.rego", source, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		f.Fatal(err)
	}
	c := ast.NewCompiler()
	c.Compile(map[string]*ast.Module{"p.rego": m})
	data, err := Encode(c.Modules)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	// Whatever decodes is a module set the encoder writes back, and that encoding
	// decodes to the same modules and encodes to the same bytes (a round trip).
	f.Fuzz(func(t *testing.T, b []byte) {
		mods, err := Decode(b)
		if err != nil {
			return
		}
		enc, err := Encode(mods)
		if err != nil {
			t.Fatalf("decoded modules do not encode: %v", err)
		}
		back, err := Decode(enc)
		if err != nil {
			t.Fatalf("re-encoded modules do not decode: %v", err)
		}
		if len(back) != len(mods) {
			t.Fatalf("%d modules after the round trip, want %d", len(back), len(mods))
		}
		for name, m := range mods {
			if got := back[name]; got == nil || !m.Equal(got) {
				t.Fatalf("%s differs after the round trip", name)
			}
		}
		again, err := Encode(back)
		if err != nil || !bytes.Equal(again, enc) {
			t.Fatalf("encoding is not stable: %v", err)
		}
	})
}

// TestManyModulesOnWorkers: several modules, split among the decoding workers, come
// back whole; DecodeOnly skips the modules it is told to.
func TestManyModulesOnWorkers(t *testing.T) {
	mods := map[string]*ast.Module{}
	for i := range 9 {
		src := strings.Replace(source, "package p", "package p"+strings.Repeat("x", i), 1)
		name := "m" + strings.Repeat("x", i) + ".rego"
		m, err := ast.ParseModuleWithOpts(name, src, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		mods[name] = m
	}
	c := ast.NewCompiler()
	c.Compile(mods)
	if c.Failed() {
		t.Fatal(c.Errors)
	}
	data, err := Encode(c.Modules)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range c.Modules {
		if got := back[name]; got == nil || !m.Equal(got) {
			t.Errorf("%s differs after the round trip", name)
		}
	}
	some, err := DecodeOnly(data, func(name string) bool { return len(name) > len("mxxx.rego") })
	if err != nil {
		t.Fatal(err)
	}
	if len(some) != 5 || some["mxxxx.rego"] == nil || some["m.rego"] != nil {
		t.Errorf("DecodeOnly kept %d modules: %v", len(some), some)
	}
}

// TestCodecCoversEveryField: every exported field of every OPA AST struct the codec
// handles is either written or explained in fields, and fields names no field that is
// gone. An OPA upgrade that adds a field fails here instead of losing it silently.
func TestCodecCoversEveryField(t *testing.T) {
	for ty, known := range fields {
		have := map[string]bool{}
		for f := range ty.Fields() {
			if !f.IsExported() {
				continue
			}
			have[f.Name] = true
			if _, ok := known[f.Name]; !ok {
				t.Errorf("ast.%s.%s is not written by the codec: write it, or say why not in fields (fields.go)", ty.Name(), f.Name)
			}
		}
		for name := range known {
			if !have[name] {
				t.Errorf("fields names ast.%s.%s, which OPA no longer has", ty.Name(), name)
			}
		}
	}
}

// TestFieldsListsEveryStructEncoded: the structs of fields are those the encoded test
// modules hold, so a struct the codec starts to handle is listed too.
func TestFieldsListsEveryStructEncoded(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if v.Type().PkgPath() != reflect.TypeFor[ast.Term]().PkgPath() || seen[v.Type()] {
				return
			}
			seen[v.Type()] = true
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() && f.Name != "Module" {
					walk(v.Field(i))
				}
			}
		default: // scalars, maps (an Object's internals are unexported), funcs: no AST struct inside
		}
	}
	for _, m := range compiled(t) {
		walk(reflect.ValueOf(m))
	}
	for ty := range seen {
		if _, ok := fields[ty]; !ok {
			t.Errorf("the test modules hold ast.%s, which fields (fields.go) does not list", ty.Name())
		}
	}
}
