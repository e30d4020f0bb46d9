package extract

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// prefixFilter excludes paths containing "/old" and includes paths containing "/infra".
type prefixFilter struct{ root string }

func (f prefixFilter) Excluded(p string) bool {
	return strings.Contains(filepath.ToSlash(strings.TrimPrefix(p, f.root)), "/old")
}

func (f prefixFilter) Included(p string) bool {
	return strings.HasPrefix(filepath.ToSlash(strings.TrimPrefix(p, f.root)), "/infra/")
}

func TestDiscoverFilter(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.json", template)
	write(t, dir, "infra/b.json", template)
	write(t, dir, "infra/old/c.json", template)
	write(t, dir, "infra/deep/d.sh", "az aks create\n")
	named := write(t, dir, "scripts/e.sh", "az aks create\n")
	namedOld := write(t, dir, "old/f.json", template)
	cands, errs := Discover([]string{dir, named, namedOld}, DiscoverOptions{Filter: prefixFilter{dir}, Exclude: []string{"**"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, c := range cands {
		rel, _ := filepath.Rel(dir, c.Path)
		if c.Explicit {
			rel += " (named)"
		}
		got = append(got, filepath.ToSlash(rel))
	}
	// The walk keeps the included files, not the excluded directory; a named file is
	// linted although not included, unless excluded. Filter replaces Exclude.
	want := []string{"infra/b.json", "infra/deep/d.sh", "scripts/e.sh (named)"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestUnlintable(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "aks.json", template)
	params := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`
	tests := []struct {
		name, content string
		want          bool
	}{
		{"tsconfig.json", "{\n  // JSONC\n  \"compilerOptions\": {},\n}", true},
		{"package.json", `{"name": "x"}`, true},
		{"list.jsonc", `[1, 2]`, true},
		{"aks.json", template, false},
		{"aks.parameters.json", params, false},      // linted with aks.json
		{"aks.prod.parameters.json", params, false}, // too
		{"main.parameters.json", params, true},      // of a main.bicep: nothing to pair with
		{"prod.json", params, true},                 // not named after a template
		{"broken.json", `{"resources": [`, false},   // reported, named or walked
		{"empty.json", "", false},
		{"create.sh", "az aks create", false},
		{"README.md", "# x", false},
	}
	for _, tt := range tests {
		c := Candidate{Path: filepath.Join(dir, tt.name), Explicit: true}
		if got := Unlintable(c.Path, []byte(tt.content), NewPairer(pathpolicy.Root{}, 0).Beside(c)); got != tt.want {
			t.Errorf("Unlintable(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestShellShebang(t *testing.T) {
	for head, want := range map[string]string{
		"#!/bin/sh\n":                  "sh",
		"#!/bin/bash -e\n":             "bash",
		"#!/usr/bin/zsh\n":             "zsh",
		"#!/bin/ksh\n":                 "ksh",
		"#!/bin/dash\n":                "dash",
		"#!/usr/bin/env bash\n":        "bash",
		"#!/usr/bin/env zsh\n":         "zsh",
		"#!/usr/bin/env ksh\n":         "ksh",
		"#!/usr/bin/env dash\n":        "dash",
		"#!/usr/bin/env -S bash -eu\n": "bash",
		"#!/usr/bin/env VAR=1 sh\n":    "sh",
		"#!/usr/bin/env python3\n":     "",
		"#!/usr/bin/bashdb\n":          "",
		"#!/usr/bin/env\n":             "",
		"# bash\n":                     "",
		"":                             "",
	} {
		if got := shellShebang([]byte(head)); got != want {
			t.Errorf("shellShebang(%q) = %q, want %q", head, got, want)
		}
	}
}

// TestNamedFileOfAnotherKind: a named file that is no input of ours is skipped with a
// NotInputError (a note), not read as JSON; one whose content is JSON still is.
func TestNamedFileOfAnotherKind(t *testing.T) {
	for name, content := range map[string]string{
		"deploy.ps1": "Write-Host hi\n", "main.tf": "resource \"x\" \"y\" {}\n", "values.yaml": "a: 1\n",
		"Dockerfile": "FROM x\n",
	} {
		_, err := File(Candidate{Path: name, Explicit: true}, []byte(content))
		var ni *NotInputError
		if !errors.As(err, &ni) || ni.Path != name {
			t.Errorf("%s: error %v, want NotInputError", name, err)
		}
	}
	if _, err := File(Candidate{Path: "template", Explicit: true}, []byte(template)); err != nil {
		t.Errorf("a template without .json: %v", err)
	}
	var ni *NotInputError
	if _, err := File(Candidate{Path: "broken.json", Explicit: true}, []byte("x")); err == nil || errors.As(err, &ni) {
		t.Errorf("a broken .json file: %v, want a parse error", err)
	}
	if res, err := File(Candidate{Path: "run", Explicit: true}, []byte("#!/usr/bin/env zsh\naz aks create -g rg -n a\n")); err != nil || len(res) != 1 {
		t.Errorf("a zsh script without extension: %v %v", res, err)
	}
	// a .zsh file without a shebang is read as zsh: $ARGS is every element of the array
	res, err := File(Candidate{Path: "run.zsh", Explicit: true}, []byte("ARGS=(--max-pods 40)\naz aks create -g rg -n a $ARGS\n"))
	if err != nil || len(res) != 1 || len(res[0].Doc.Clusters) != 1 {
		t.Fatalf("a .zsh script: %v %v", res, err)
	}
	if mp := res[0].Doc.Clusters[0].NodePools[0].MaxPods; mp == nil || *mp != 40 {
		t.Errorf("a .zsh script read as bash: maxPods %v", mp)
	}
}

// TestReadFileStatIsReadFile: given the os.Stat of the path, ReadFileStat reads and
// refuses as ReadFile does: a file, one over the limit, a directory, a missing file.
func TestReadFileStatIsReadFile(t *testing.T) {
	dir := t.TempDir()
	small := write(t, dir, "a.json", `{"a": 1}`)
	large := write(t, dir, "b.json", strings.Repeat(" ", 100))
	for _, path := range []string{small, large, dir, filepath.Join(dir, "missing.json")} {
		want, werr := ReadFile(path, 50)
		info, _ := os.Stat(path) // nil for the missing file: ReadFileStat asks itself
		got, gerr := ReadFileStat(path, info, 50)
		if string(got) != string(want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%s: ReadFileStat %q, %v; ReadFile %q, %v", path, got, gerr, want, werr)
		}
	}
}
