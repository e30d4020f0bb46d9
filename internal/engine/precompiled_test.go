package engine

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/precompiled"
)

var update = flag.Bool("update", false, "rewrite the precompiled policies ("+precompiledPath+")")

// precompiledPath is where TestPrecompiledIsFresh -update writes the precompiled
// policies (go generate ./... runs it).
var precompiledPath = filepath.Join("..", "precompiled", precompiled.File)

// TestPrecompiledIsFresh fails when the policies changed and the precompiled form was
// not rewritten; New would then compile from source on every run (correct, but slow).
func TestPrecompiledIsFresh(t *testing.T) {
	want, err := Precompile()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(precompiledPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(precompiledData, want) {
		t.Fatalf("internal/precompiled/%s is stale: run go generate ./...", precompiled.File)
	}
	if _, _, _, err := loadPrecompiled(precompiledData, false); err != nil {
		t.Fatal(err)
	}
}

// afterKey is where the sections after the key line of data start.
func afterKey(t *testing.T, data []byte) int {
	t.Helper()
	i := bytes.IndexByte(data[len(precompiledMagic):], '\n')
	if !bytes.HasPrefix(data, []byte(precompiledMagic)) || i < 8 {
		t.Fatalf("no key line in the precompiled policies")
	}
	return len(precompiledMagic) + i + 1
}

func TestPrecompiledRejectsStaleOrCorrupt(t *testing.T) {
	end := afterKey(t, precompiledData)
	for name, data := range map[string][]byte{
		"empty":       nil,
		"other key":   append([]byte(precompiledMagic+"0000\n"), precompiledData[end:]...),
		"truncated":   precompiledData[:len(precompiledData)/2],
		"no registry": precompiledData[:end],
	} {
		if _, _, _, err := loadPrecompiled(data, false); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

// TestNewUsesPrecompiled: the default engine has the same rules either way.
func TestNewUsesPrecompiled(t *testing.T) {
	fast, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	slow, err := New(context.Background(), Options{FromSource: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(fast.Rules()) == 0 || len(fast.Rules()) != len(slow.Rules()) {
		t.Fatalf("%d rules precompiled, %d from source", len(fast.Rules()), len(slow.Rules()))
	}
	for i, r := range fast.Rules() {
		if s := slow.Rules()[i]; s.ID != r.ID || s.Description != r.Description || s.Level != r.Level {
			t.Errorf("rule %d: precompiled %+v, from source %+v", i, r, s)
		}
	}
}

// TestPrecompiledCompilerIndexesEveryRule: the compiler over the precompiled modules
// holds the decoded modules themselves (not the stand-ins it was handed), and its rule
// tree has every rule the compiler from source has.
func TestPrecompiledCompilerIndexesEveryRule(t *testing.T) {
	fast, slow := bothCompilers(t)
	count := func(c *ast.Compiler) (modules, rules, indexed int) {
		for _, m := range c.Modules {
			modules++
			rules += len(m.Rules)
		}
		c.RuleTree.DepthFirst(func(n *ast.TreeNode) bool {
			indexed += len(n.Values)
			return false
		})
		return modules, rules, indexed
	}
	fm, fr, fi := count(fast)
	sm, sr, si := count(slow)
	if fm != sm || fr != sr || fi != si || fr == 0 {
		t.Fatalf("precompiled: %d modules, %d rules, %d in the rule tree; from source: %d, %d, %d", fm, fr, fi, sm, sr, si)
	}
	for name, m := range fast.Modules {
		if len(m.Rules) != len(slow.Modules[name].Rules) {
			t.Errorf("%s: %d rules precompiled, %d from source", name, len(m.Rules), len(slow.Modules[name].Rules))
		}
	}
}

// TestPrecompiledRefusesMissingStages: if a stage loading hooks onto never runs (a
// later OPA without it), loading fails, so New compiles from source: without the
// adoption the compiler would evaluate empty stand-ins, without the restore only the
// rules narrowed for the comprehension index stage.
func TestPrecompiledRefusesMissingStages(t *testing.T) {
	for name, stage := range map[string]*ast.StageID{"adoption": &adoptAfter, "restore": &restoreAfter} {
		t.Run(name, func(t *testing.T) {
			saved := *stage
			t.Cleanup(func() { *stage = saved })
			*stage = ast.StageID("NoSuchStage")
			if _, _, _, err := loadPrecompiled(precompiledData, false); err == nil || !strings.Contains(err.Error(), "did not adopt") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// TestPrecompiledComprehensionIndexes: the compiler over the precompiled modules, whose
// index stage saw only the rules listed as indexed, has the same comprehension indexes,
// with the same keys, as the compiler from source; and there are some to compare.
func TestPrecompiledComprehensionIndexes(t *testing.T) {
	fast, slow := bothCompilers(t)
	indexes := func(c *ast.Compiler) (out []string) {
		for _, name := range slices.Sorted(maps.Keys(c.Modules)) {
			ast.WalkTerms(c.Modules[name], func(term *ast.Term) bool {
				if !ast.IsComprehension(term.Value) {
					return false
				}
				if ix := c.ComprehensionIndex(term); ix != nil {
					out = append(out, fmt.Sprintf("%s %v: %v", name, term.Location, ix.Keys))
				} else {
					out = append(out, fmt.Sprintf("%s %v: none", name, term.Location))
				}
				return false
			})
		}
		return out
	}
	f, s := indexes(fast), indexes(slow)
	if !slices.Equal(f, s) {
		t.Fatalf("precompiled indexes differ from source's:\nprecompiled %q\nfrom source %q", f, s)
	}
	n := 0
	for _, line := range f {
		if !strings.HasSuffix(line, ": none") {
			n++
		}
	}
	if n < 10 {
		t.Errorf("only %d indexed comprehensions among %d: the test compares too little", n, len(f))
	}
	t.Logf("%d comprehensions, %d indexed", len(f), n)
	if testing.Verbose() {
		for _, line := range f {
			t.Log(line)
		}
	}
}

// bothCompilers returns the compiler over the precompiled modules and the compiler
// from source, to compare.
func bothCompilers(t *testing.T) (fast, slow *ast.Compiler) {
	t.Helper()
	fast, _, _, err := loadPrecompiled(precompiledData, false)
	if err != nil {
		t.Fatal(err)
	}
	slow, _, err = compileSources(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return fast, slow
}

// TestFallbackWarns: when the precompiled policies cannot be used, New compiles from
// source and says so on one line; when they can, or when it was asked to compile from
// source, it says nothing.
func TestFallbackWarns(t *testing.T) {
	var quiet bytes.Buffer
	if _, err := New(context.Background(), Options{Warnings: &quiet}); err != nil || quiet.Len() != 0 {
		t.Fatalf("fresh precompiled policies: err %v, warning %q", err, quiet.String())
	}
	if _, err := New(context.Background(), Options{FromSource: true, Warnings: &quiet}); err != nil || quiet.Len() != 0 {
		t.Fatalf("FromSource: err %v, warning %q", err, quiet.String())
	}
	saved := precompiledData
	t.Cleanup(func() { precompiledData = saved })
	precompiledData = append([]byte(precompiledMagic+"0000\n"), saved[afterKey(t, saved):]...) // another key: stale
	var warn bytes.Buffer
	eng, err := New(context.Background(), Options{Warnings: &warn})
	if err != nil {
		t.Fatal(err)
	}
	if eng.Precompiled() {
		t.Error("a stale precompiled form was used")
	}
	got := warn.String()
	if strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "\n") || !strings.Contains(got, "warning") || !strings.Contains(got, "stale") || !strings.Contains(got, "go generate") {
		t.Errorf("warning = %q, want one line naming the cause and go generate", got)
	}
}

// TestSourceKeySeesEveryChange: the key of the policy sources changes with one byte of
// a policy, with a policy renamed, added or removed, and not with a test file.
func TestSourceKeySeesEveryChange(t *testing.T) {
	base := fstest.MapFS{
		"a/one.rego":      {Data: []byte("package aksnet.rules.one\n\ndeny contains 1 if false\n")},
		"b/two.rego":      {Data: []byte("package aksnet.lib.two\n\nx := 1\n")},
		"b/two_test.rego": {Data: []byte("package aksnet.lib.two_test\n")},
	}
	edit := func(f func(fstest.MapFS)) fstest.MapFS {
		out := maps.Clone(base)
		f(out)
		return out
	}
	want, err := sourceKey(base)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		fsys fstest.MapFS
		same bool
	}{
		"unchanged": {edit(func(fstest.MapFS) {}), true},
		"a test":    {edit(func(m fstest.MapFS) { m["b/two_test.rego"] = &fstest.MapFile{Data: []byte("package x\n")} }), true},
		"one byte": {edit(func(m fstest.MapFS) {
			m["b/two.rego"] = &fstest.MapFile{Data: []byte("package aksnet.lib.two\n\nx := 2\n")}
		}), false},
		"renamed": {edit(func(m fstest.MapFS) { m["b/three.rego"] = m["b/two.rego"]; delete(m, "b/two.rego") }), false},
		"added":   {edit(func(m fstest.MapFS) { m["c.rego"] = &fstest.MapFile{Data: []byte("package c\n")} }), false},
		"removed": {edit(func(m fstest.MapFS) { delete(m, "a/one.rego") }), false},
		"moved across": {edit(func(m fstest.MapFS) {
			m["a/one.rego"] = &fstest.MapFile{Data: []byte("package aksnet.rules.one\n\ndeny contains 1 if false")}
			m["b/two.rego"] = &fstest.MapFile{Data: []byte("\npackage aksnet.lib.two\n\nx := 1\n")}
		}), false},
	} {
		got, err := sourceKey(c.fsys)
		if err != nil {
			t.Fatal(err)
		}
		if (got == want) != c.same {
			t.Errorf("%s: key %s, unchanged %s", name, got, want)
		}
	}
}

// TestRegistryCodecCoversEveryField: a rule with every field set, each to its own
// value, reads back the same; so do the built-in rules and a rule of zero values with
// empty (not nil) lists. A field added to finding.Rule and not to the codec fails here.
func TestRegistryCodecCoversEveryField(t *testing.T) {
	typ := reflect.TypeFor[finding.Rule]()
	if typ.NumField() != registryFields {
		t.Fatalf("finding.Rule has %d fields, the registry codec writes %d: add the new ones to encodeRegistry and decodeRegistry", typ.NumField(), registryFields)
	}
	var full finding.Rule
	v := reflect.ValueOf(&full).Elem()
	for i := range typ.NumField() {
		f := v.Field(i)
		name := typ.Field(i).Name
		switch f.Kind() {
		case reflect.String:
			f.SetString(name + " value")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{name + " 1", name + " 2"}))
		default:
			t.Fatalf("field %s of kind %s: teach the codec and this test", name, f.Kind())
		}
	}
	builtin, err := New(context.Background(), Options{FromSource: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, rules := range map[string][]finding.Rule{
		"every field": {full},
		"empty lists": {{Kinds: []string{}, Needs: []string{}, Tags: []string{}, RelatedResources: []string{}}},
		"built-in":    builtin.Rules(),
		"none":        {},
	} {
		got, err := decodeRegistry(encodeRegistry(rules))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, rules) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", name, got, rules)
		}
	}
}

// TestRegistryCodecRefusesCorrupt: every cut of an encoded registry, and one with a
// byte after it, is refused without a panic.
func TestRegistryCodecRefusesCorrupt(t *testing.T) {
	data := encodeRegistry([]finding.Rule{{ID: "AKSNET001", Kinds: []string{"arm"}, Custom: true}, {ID: "AKSNET002"}})
	for n := range len(data) {
		if _, err := decodeRegistry(data[:n]); err == nil {
			t.Errorf("cut at %d of %d: read", n, len(data))
		}
	}
	if _, err := decodeRegistry(append(slices.Clone(data), 0)); err == nil {
		t.Error("a trailing byte: read")
	}
	if _, err := decodeRegistry([]byte{0xff, 0xff, 0xff, 0xff, 0x0f}); err == nil {
		t.Error("a count past the data: read")
	}
}
