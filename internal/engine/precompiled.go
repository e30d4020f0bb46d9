package engine

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/version"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/precompiled"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// precompiledData is the built-in policies compiled when the project is built
// (internal/precompiled); a variable, so tests can hand New a stale form.
var precompiledData = precompiled.Data

const precompiledMagic = "AKSNETPC\x04\n"

// summaryModules is the name prefix of the review report's modules (Options.NoSummary).
const summaryModules = "policies/report/"

// runtimeStages are the compiler stages that build what the evaluator reads: the module
// and rule trees and the rule and comprehension indexes. Every other stage rewrites or
// checks modules, which the precompiled modules already went through in full, type
// checks included. Two more index stages are left out because only skipped stages read
// them: the dependency graph (recursion and type checks) and the local variable
// generator (rewrites; a query's compiler makes its own).
var runtimeStages = []ast.StageID{
	ast.StageSetModuleTree,
	ast.StageSetRuleTree,
	ast.StageBuildRuleIndices,
	ast.StageBuildComprehensionIndices,
}

// adoptStage runs first among the stages kept, and gives the compiler the decoded
// modules themselves. Compile deep-copies the modules it is given, which would double
// the cost of loading; the decoded modules are private to the compiler, so it is handed
// stand-ins to copy (a package each) and then the real modules.
const adoptStage = "AksnetAdoptDecodedModules"

// adoptAfter is the stage the adoption follows, and restoreAfter the stage the
// modules are given back after (variables for tests).
var (
	adoptAfter   = ast.StageRemoveImports
	restoreAfter = ast.StageBuildComprehensionIndices
)

// Stages around BuildComprehensionIndices that hand it only the rules it indexes.
const (
	narrowStage  = "AksnetNarrowToIndexedComprehensions"
	restoreStage = "AksnetRestoreModules"
)

// Precompile compiles the built-in policies from source and encodes the result, with
// the rule registry, the rule packages' guards (guards.go), the rules whose comprehensions the compiler indexed, and the key
// of the sources it came from.
func Precompile() ([]byte, error) {
	key, err := sourceKey(policies.FS)
	if err != nil {
		return nil, err
	}
	compiler, rules, err := compileSources(Options{})
	if err != nil {
		return nil, err
	}
	mods, err := precompiled.Encode(compiler.Modules)
	if err != nil {
		return nil, err
	}
	reg := encodeRegistry(rules)
	pkgs := make([]string, len(rules))
	for i, r := range rules {
		pkgs[i] = strings.TrimPrefix(r.Package, rulesRoot+".")
	}
	guards := encodeGuards(packageGuards(compiler, pkgs))
	indexed, err := json.Marshal(indexedRules(compiler))
	if err != nil {
		return nil, err
	}
	out := []byte(precompiledMagic + key + "\n")
	out = binary.AppendUvarint(out, uint64(len(reg)))
	out = append(out, reg...)
	out = binary.AppendUvarint(out, uint64(len(guards)))
	out = append(out, guards...)
	out = binary.AppendUvarint(out, uint64(len(indexed)))
	out = append(out, indexed...)
	return append(out, mods...), nil
}

// indexedRules lists, by module, the positions of the rules holding a comprehension
// the compiler indexed. Building those indexes walks every expression of every rule
// with variable sets: half of loading the policies, for a few rules' worth of result.
// A rule's indexes depend only on the rule and on the arity of the functions it calls,
// so handing the stage just these rules builds the same indexes.
func indexedRules(c *ast.Compiler) map[string][]int {
	out := map[string][]int{}
	for name, m := range c.Modules {
		for i, r := range m.Rules {
			found := false
			ast.WalkTerms(r, func(t *ast.Term) bool {
				found = found || c.ComprehensionIndex(t) != nil
				return found
			})
			if found {
				out[name] = append(out[name], i)
			}
		}
	}
	return out
}

// cutSection reads one length-prefixed section of the precompiled header.
func cutSection(data []byte, what string) (section, rest []byte, err error) {
	n, size := binary.Uvarint(data)
	if size <= 0 || n > uint64(len(data)-size) {
		return nil, nil, fmt.Errorf("precompiled policies: corrupt %s", what)
	}
	return data[size : size+int(n)], data[size+int(n):], nil
}

// loadPrecompiled returns a compiler over the precompiled modules (without the review
// report's when noSummary is set), or an error when data is missing, stale (its key is
// not that of the embedded sources) or unreadable.
func loadPrecompiled(data []byte, noSummary bool) (*ast.Compiler, []finding.Rule, map[string]guard, error) {
	rest, ok := bytes.CutPrefix(data, []byte(precompiledMagic))
	if !ok {
		return nil, nil, nil, errors.New("precompiled policies: missing or of another format")
	}
	key, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return nil, nil, nil, errors.New("precompiled policies: no key")
	}
	reg, rest, err := cutSection(rest, "registry")
	if err != nil {
		return nil, nil, nil, err
	}
	guardData, rest, err := cutSection(rest, "guards")
	if err != nil {
		return nil, nil, nil, err
	}
	// The sources are hashed and the rule registry read while the modules are decoded
	// and compiled: on a small run the other core is idle then, and a stale file is
	// still refused before use.
	type side struct {
		key    string
		rules  []finding.Rule
		guards map[string]guard
		err    error
	}
	aside := make(chan side, 1)
	go func() {
		var s side
		if s.key, s.err = sourceKey(policies.FS); s.err == nil {
			if s.rules, s.err = decodeRegistry(reg); s.err == nil {
				s.guards, s.err = decodeGuards(guardData)
			}
		}
		aside <- s
	}()
	compiler, err := compilePrecompiled(rest, noSummary)
	got := <-aside
	switch {
	case got.err != nil:
		return nil, nil, nil, got.err
	case string(key) != got.key:
		return nil, nil, nil, errors.New("precompiled policies: stale")
	case err != nil:
		return nil, nil, nil, err
	}
	return compiler, got.rules, got.guards, nil
}

// compilePrecompiled reads the sections after the registry and compiles the modules.
func compilePrecompiled(rest []byte, noSummary bool) (*ast.Compiler, error) {
	idx, rest, err := cutSection(rest, "comprehension index list")
	if err != nil {
		return nil, err
	}
	var indexed map[string][]int
	if err := json.Unmarshal(idx, &indexed); err != nil {
		return nil, fmt.Errorf("precompiled policies: %w", err)
	}
	var keep func(string) bool
	if noSummary {
		keep = func(name string) bool { return !strings.HasPrefix(name, summaryModules) }
	}
	modules, err := precompiled.DecodeOnly(rest, keep)
	if err != nil {
		return nil, err
	}
	// BuildComprehensionIndices is handed only the rules it indexes (indexedRules), and
	// the compiler gets its modules back after.
	var full map[string]*ast.Module
	narrowed := make(map[string]*ast.Module, len(modules))
	for name, m := range modules {
		n := &ast.Module{Package: m.Package}
		for _, i := range indexed[name] {
			if i < 0 || i >= len(m.Rules) {
				return nil, fmt.Errorf("precompiled policies: %s has no rule %d", name, i)
			}
			n.Rules = append(n.Rules, m.Rules[i])
		}
		narrowed[name] = n
	}
	kept := append([]ast.StageID{adoptAfter}, runtimeStages...)
	skip := slices.DeleteFunc(ast.AllStages(), func(s ast.StageID) bool { return slices.Contains(kept, s) })
	standIns := make(map[string]*ast.Module, len(modules))
	for name, m := range modules {
		standIns[name] = &ast.Module{Package: m.Package}
	}
	compiler := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithEnablePrintStatements(false).
		WithSkipStages(skip...).
		WithStageAfter(string(adoptAfter), ast.CompilerStageDefinition{
			Name:       adoptStage,
			MetricName: "compile_stage_aksnet_adopt",
			Stage: func(c *ast.Compiler) *ast.Error {
				maps.Copy(c.Modules, modules)
				return nil
			},
		}).
		WithStageAfter(string(ast.StageBuildRuleIndices), ast.CompilerStageDefinition{
			Name:       narrowStage,
			MetricName: "compile_stage_aksnet_narrow",
			Stage: func(c *ast.Compiler) *ast.Error {
				full, c.Modules = c.Modules, narrowed
				return nil
			},
		}).
		WithStageAfter(string(restoreAfter), ast.CompilerStageDefinition{
			Name:       restoreStage,
			MetricName: "compile_stage_aksnet_restore",
			Stage: func(c *ast.Compiler) *ast.Error {
				if full != nil {
					c.Modules = full
				}
				return nil
			},
		})
	compiler.Compile(standIns)
	if compiler.Failed() {
		return nil, fmt.Errorf("precompiled policies: %w", compiler.Errors)
	}
	// Should a later OPA drop or rename the stage the adoption runs after, the compiler
	// would hold the empty stand-ins and find nothing; should it drop the stage the
	// modules are restored after, it would hold the narrowed ones. Refuse, and compile
	// from source.
	for name, m := range modules {
		if compiler.Modules[name] != m {
			return nil, fmt.Errorf("precompiled policies: the compiler did not adopt %s", name)
		}
	}
	return compiler, nil
}

// sourceKey identifies everything the compiled form depends on: the policy sources, the
// document schema they are type-checked against, and the OPA and encoding versions.
//
// It is the 64-bit xxHash of that stream (as a hash.Hash, whose Write never fails):
// the key only tells a precompiled form left stale by an edit from a fresh one
// (whoever can change the embedded sources can change the embedded form too), and
// SHA-256 was a large share of a one-file run (BenchmarkSourceKey).
func sourceKey(fsys fs.FS) (string, error) {
	var h hash.Hash = xxhash.New()
	buf := make([]byte, 32<<10)
	fmt.Fprintf(h, "opa %s\x00schema %d\x00", version.Version, len(netdoc.Schema))
	h.Write(netdoc.Schema)
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f, err := fsys.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "\x00%s\x00%d\x00", path, info.Size())
		// Streamed through one buffer: reading each file whole was a tenth of the
		// memory a load allocates.
		_, err = io.CopyBuffer(h, f, buf)
		return err
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// encodeRegistry writes the rule registry for the precompiled policies: the number of
// rules, then each rule's fields in the order of registryFields, a string as its length
// and bytes, a list as its length plus one (0: nil, which Kinds tells from empty) and
// its strings, a bool as a byte. Reading it is a few hundred allocations, where JSON
// was a twelfth of the instructions of a one-file run (BenchmarkNewPrecompiled).
func encodeRegistry(rules []finding.Rule) []byte {
	var out []byte
	str := func(s string) {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	list := func(l []string) {
		if l == nil {
			out = binary.AppendUvarint(out, 0)
			return
		}
		out = binary.AppendUvarint(out, uint64(len(l))+1)
		for _, s := range l {
			str(s)
		}
	}
	out = binary.AppendUvarint(out, uint64(len(rules)))
	for _, r := range rules {
		str(r.ID)
		str(r.Name)
		str(string(r.Level))
		str(r.Title)
		str(r.Description)
		list(r.Kinds)
		list(r.RelatedResources)
		str(r.Package)
		if r.Custom {
			out = append(out, 1)
		} else {
			out = append(out, 0)
		}
		list(r.Needs)
		str(r.Emitter)
		str(r.SecuritySeverity)
		str(r.Precision)
		list(r.Tags)
	}
	return out
}

// registryFields is the number of fields of finding.Rule encodeRegistry writes;
// TestRegistryCodecCoversEveryField fails when the struct has another number.
const registryFields = 14

// registryReader reads what encodeRegistry wrote; the first problem is kept in err
// and every later read gives a zero value.
type registryReader struct {
	data []byte
	err  error
}

func (r *registryReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	n, size := binary.Uvarint(r.data)
	if size <= 0 || n > uint64(len(r.data)) {
		r.err = errors.New("precompiled policies: corrupt registry")
		return 0
	}
	r.data = r.data[size:]
	return n
}

func (r *registryReader) str() string {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.data)) {
		r.err = errors.New("precompiled policies: corrupt registry")
		return ""
	}
	s := string(r.data[:n])
	r.data = r.data[n:]
	return s
}

func (r *registryReader) list() []string {
	n := r.uint()
	if n == 0 || r.err != nil {
		return nil
	}
	out := make([]string, 0, n-1) // n is at most the bytes left (uint)
	for range n - 1 {
		out = append(out, r.str())
	}
	return out
}

func (r *registryReader) bool() bool {
	if r.err == nil && len(r.data) == 0 {
		r.err = errors.New("precompiled policies: corrupt registry")
	}
	if r.err != nil {
		return false
	}
	b := r.data[0]
	r.data = r.data[1:]
	return b == 1
}

// decodeRegistry reads what encodeRegistry wrote.
func decodeRegistry(data []byte) ([]finding.Rule, error) {
	r := &registryReader{data: data}
	n := r.uint()
	rules := make([]finding.Rule, 0, n)
	for range n {
		if r.err != nil {
			break
		}
		// The calls run in the fields' lexical order, as the language defines.
		rules = append(rules, finding.Rule{
			ID:               r.str(),
			Name:             r.str(),
			Level:            finding.Level(r.str()),
			Title:            r.str(),
			Description:      r.str(),
			Kinds:            r.list(),
			RelatedResources: r.list(),
			Package:          r.str(),
			Custom:           r.bool(),
			Needs:            r.list(),
			Emitter:          r.str(),
			SecuritySeverity: r.str(),
			Precision:        r.str(),
			Tags:             r.list(),
		})
	}
	if r.err == nil && len(r.data) != 0 {
		r.err = errors.New("precompiled policies: corrupt registry (trailing bytes)")
	}
	if r.err != nil {
		return nil, r.err
	}
	return rules, nil
}
