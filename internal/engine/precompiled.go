package engine

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/version"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/regocodec"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// PrecompiledFile is the built-in policies, compiled when the project is built:
// compiling them from source takes about 150 ms, most of a small run. It is written by
// `go test ./internal/engine -run TestPrecompiledIsFresh -update`, and that test fails
// when it is stale. A stale file is never used: New compiles from source instead.
const PrecompiledFile = "precompiled.bin"

//go:embed precompiled.bin
var precompiled []byte

const precompiledMagic = "AKSNETPC\x01\n"

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

// adoptAfter is the stage the adoption follows (a variable for a test).
var adoptAfter = ast.StageRemoveImports

// Precompile compiles the built-in policies from source and encodes the result, with
// the rule registry and the key of the sources it came from.
func Precompile() ([]byte, error) {
	key, err := sourceKey(policies.FS)
	if err != nil {
		return nil, err
	}
	compiler, rules, err := compileSources(Options{})
	if err != nil {
		return nil, err
	}
	mods, err := regocodec.Encode(compiler.Modules)
	if err != nil {
		return nil, err
	}
	reg, err := json.Marshal(rules)
	if err != nil {
		return nil, err
	}
	out := []byte(precompiledMagic + key + "\n")
	out = binary.AppendUvarint(out, uint64(len(reg)))
	out = append(out, reg...)
	return append(out, mods...), nil
}

// loadPrecompiled returns a compiler over the precompiled modules (without the review
// report's when noSummary is set), or an error when data is missing, stale (its key is
// not that of the embedded sources) or unreadable.
func loadPrecompiled(data []byte, noSummary bool) (*ast.Compiler, []finding.Rule, error) {
	rest, ok := bytes.CutPrefix(data, []byte(precompiledMagic))
	if !ok {
		return nil, nil, errors.New("precompiled policies: missing or of another format")
	}
	key, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return nil, nil, errors.New("precompiled policies: no key")
	}
	want, err := sourceKey(policies.FS)
	if err != nil {
		return nil, nil, err
	}
	if string(key) != want {
		return nil, nil, errors.New("precompiled policies: stale")
	}
	n, size := binary.Uvarint(rest)
	if size <= 0 || n > uint64(len(rest)-size) {
		return nil, nil, errors.New("precompiled policies: corrupt registry")
	}
	var rules []finding.Rule
	if err := json.Unmarshal(rest[size:size+int(n)], &rules); err != nil {
		return nil, nil, fmt.Errorf("precompiled policies: %w", err)
	}
	var keep func(string) bool
	if noSummary {
		keep = func(name string) bool { return !strings.HasPrefix(name, summaryModules) }
	}
	modules, err := regocodec.DecodeOnly(rest[size+int(n):], keep)
	if err != nil {
		return nil, nil, err
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
		})
	compiler.Compile(standIns)
	if compiler.Failed() {
		return nil, nil, fmt.Errorf("precompiled policies: %w", compiler.Errors)
	}
	// Should a later OPA drop or rename the stage the adoption runs after, the compiler
	// would hold the empty stand-ins and find nothing; refuse, and compile from source.
	for name, m := range modules {
		if compiler.Modules[name] != m {
			return nil, nil, fmt.Errorf("precompiled policies: the compiler did not adopt %s", name)
		}
	}
	return compiler, rules, nil
}

// sourceKey identifies everything the compiled form depends on: the policy sources, the
// document schema they are type-checked against, and the OPA and encoding versions.
func sourceKey(fsys fs.FS) (string, error) {
	h := sha256.New()
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
