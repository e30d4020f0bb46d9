package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// forbiddenBuiltins reach outside the process (network, environment); no policy, built-in
// or user, may call them on untrusted input.
var forbiddenBuiltins = map[string]bool{
	"http.send":          true,
	"net.lookup_ip_addr": true,
	"opa.runtime":        true,
}

// Capabilities are OPA's capabilities for this version minus the forbidden built-ins.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !forbiddenBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	return caps
}

// SchemaSet maps schema.netdoc to the network document schema, for the policies'
// `schemas` annotations.
func SchemaSet() (*ast.SchemaSet, error) {
	var schema any
	if err := jsonUnmarshal(netdoc.Schema, &schema); err != nil {
		return nil, fmt.Errorf("network document schema: %w", err)
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.MustParseRef("schema.netdoc"), schema)
	return ss, nil
}

// NewCompiler returns the compiler every policy is compiled with, in the engine and in
// the Rego tests: restricted capabilities, type-checked against the document schema.
func NewCompiler() (*ast.Compiler, error) {
	ss, err := SchemaSet()
	if err != nil {
		return nil, err
	}
	return ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithSchemas(ss).
		WithUseTypeCheckAnnotations(true).
		WithEnablePrintStatements(false), nil
}

// ParseFS parses every .rego file of fsys (tests included when withTests) into modules
// keyed by "prefix/path".
func ParseFS(fsys fs.FS, prefix string, withTests bool) (map[string]*ast.Module, error) {
	modules := map[string]*ast.Module{}
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".rego") || (!withTests && strings.HasSuffix(path, "_test.rego")) {
			return nil
		}
		src, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		name := prefix + "/" + path
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return v0Hint(name, string(src), err)
		}
		modules[name] = m
		return nil
	})
	return modules, err
}

// ParseDir parses the user policies under dir (symlinks are not followed out of it).
func ParseDir(dir string) (map[string]*ast.Module, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("policy directory: %s is not a directory", dir)
	}
	return ParseFS(os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir)), false)
}
