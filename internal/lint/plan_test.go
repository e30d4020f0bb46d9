package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
)

// A template whose maxPods comes from a parameter: each parameter file gives its own
// AKSNET301 finding (or none), so the findings tell which pairings were linted.
const paramTemplate = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"maxPods": {"type": "int", "defaultValue": 30}},
  "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",
    "properties": {"agentPoolProfiles": [{"name": "system", "count": 3, "maxPods": "[parameters('maxPods')]"}]}}]}`

func paramFile(maxPods string) string {
	return `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {"maxPods": {"value": ` + maxPods + `}}}`
}

// project writes files (slash paths) under a new directory, makes it the working
// directory, and loads its .aksnet-lint.yaml.
func project(t *testing.T, files map[string]string) *config.Config {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	cfg, err := config.Load(config.DefaultFile, false)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// summary lists the findings as "file ruleID message-excerpt", and the suppressed ones
// with a leading "suppressed ".
func summary(out Outcome) []string {
	var s []string
	for _, f := range out.Findings {
		line := filepath.ToSlash(f.Location.File) + " " + f.RuleID
		if f.RuleID == "AKSNET301" {
			line += " " + strings.Fields(f.Message)[1] // the maxPods value
		}
		if f.Suppression != nil {
			line = "suppressed " + line
		}
		s = append(s, line)
	}
	return s
}

func TestConfigDrivesTheRun(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	layout := map[string]string{
		".aksnet-lint.yaml": "include: [infra]\nexclude: [infra/legacy]\n" +
			"parameters:\n  infra/aks.json: [infra/env/prod.json, infra/env/lab.json]\n",
		"infra/aks.json":            paramTemplate,
		"infra/aks.parameters.json": paramFile("260"), // the convention, replaced by the mapping
		"infra/env/prod.json":       paramFile("300"),
		"infra/env/lab.json":        paramFile("400"),
		"infra/legacy/old.json":     paramTemplate,
		"scripts/create.sh":         "az aks create -n aks -g rg --max-pods 500\n",
		"package.json":              `{"name": "x"}`,
	}
	tests := []struct {
		name  string
		paths []string
		opt   Options
		want  []string
	}{
		{name: "walk: include, exclude, mapping", paths: []string{"."},
			want: []string{"infra/aks.json AKSNET301 300", "infra/aks.json AKSNET301 400"}},
		{name: "named files are linted whether included or not", paths: []string{"scripts/create.sh"},
			want: []string{"scripts/create.sh AKSNET301 500"}},
		{name: "named excluded files are not", paths: []string{"infra/legacy/old.json"}},
		{name: "a named mapped parameter file is linted with its template", paths: []string{"infra/env/prod.json"},
			want: []string{"infra/aks.json AKSNET301 300"}},
		{name: "template and parameter file both named: each pairing once", paths: []string{"infra/env/prod.json", "infra/aks.json", "./infra/env/prod.json"},
			want: []string{"infra/aks.json AKSNET301 300", "infra/aks.json AKSNET301 400"}},
		{name: "--parameters wins over the mapping", paths: []string{"infra/aks.json"}, opt: Options{Parameters: []string{"infra/aks.parameters.json"}},
			want: []string{"infra/aks.json AKSNET301 260"}},
		{name: "a named non-template is reported", paths: []string{"package.json"},
			want: []string{"package.json AKSNET902"}},
		{name: "or skipped with SkipNonTemplates", paths: []string{"package.json", "infra/env/prod.json"}, opt: Options{SkipNonTemplates: true},
			want: []string{"infra/aks.json AKSNET301 300"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.Config = project(t, layout)
			opt.Paths = tt.paths
			out, err := Run(context.Background(), eng, opt)
			if err != nil {
				t.Fatal(err)
			}
			got := summary(out)
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConfigErrorsFoundWhenLinting(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, config, want string }{
		{"unknown rule", "rules:\n  AKSNET110: off\n  AKSNET999: off\n", ".aksnet-lint.yaml:3:3: rules: unknown rule AKSNET999 (aksnet-lint rules lists them)"},
		{"unknown ignored rule", "ignore:\n  - paths: [a]\n    rules: [AKSNET110, AKSNET998]\n    reason: r\n", ".aksnet-lint.yaml:3:24: ignore entry 1: unknown rule AKSNET998 (aksnet-lint rules lists them)"},
		{"missing parameter file", "parameters:\n  aks.json:\n    - env/prod.json\n", `.aksnet-lint.yaml:3:7: parameters: aks.json: parameter file "env/prod.json" does not exist`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := project(t, map[string]string{".aksnet-lint.yaml": tt.config})
			_, err := Run(context.Background(), eng, Options{Config: cfg, Paths: []string{"."}})
			if err == nil || err.Error() != tt.want {
				t.Errorf("%v, want %s", err, tt.want)
			}
		})
	}
}

// TestSkipNonTemplates: what --skip-non-templates skips when a file is named, and what it
// still reports.
func TestSkipNonTemplates(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := project(t, map[string]string{
		"tsconfig.json":           "{\n  // JSONC\n  \"compilerOptions\": {\"strict\": true,},\n}\n",
		"main.parameters.json":    paramFile("300"), // of a main.bicep: no template to pair with
		"broken.json":             `{"resources": [`,
		"aks.json":                paramTemplate,
		"aks.parameters.json":     paramFile("300"),
		"orphan.parameters.json":  `{"parameters": {}}`,
		"notes.md":                "no az here\n",
		"settings.jsonc":          "[1, 2]",
		"infra/not-a-template.sh": "echo hello\n",
	})
	named := []string{"tsconfig.json", "main.parameters.json", "broken.json", "aks.parameters.json", "orphan.parameters.json", "settings.jsonc", "notes.md"}
	out, err := Run(context.Background(), eng, Options{Config: cfg, Paths: named, SkipNonTemplates: true})
	if err != nil {
		t.Fatal(err)
	}
	got := summary(out)
	slices.Sort(got)
	// The malformed file is reported, as a walk reports it; the parameter file with a
	// template is linted with it.
	if want := []string{"aks.json AKSNET301 300", "broken.json AKSNET902"}; !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if out.Files != 3 { // broken.json, aks.json with its parameters, notes.md (named, so extracted)
		t.Errorf("%d files linted, want 3", out.Files)
	}
}

// TestLargestFirst: a few files are read largest first, ties and unreadable ones in
// file order; past sortBySizeUpTo files, in file order.
func TestLargestFirst(t *testing.T) {
	dir := t.TempDir()
	small, big, also := filepath.Join(dir, "small.json"), filepath.Join(dir, "big.json"), filepath.Join(dir, "also-small.json")
	write(t, small, "{}")
	write(t, big, strings.Repeat(" ", 1000)+"{}")
	write(t, also, "{}")
	cands := []extract.Candidate{{Path: small}, {Path: filepath.Join(dir, "missing.json")}, {Path: big}, {Path: also}}
	if got, want := largestFirst(cands), []int{2, 0, 3, 1}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	many := make([]extract.Candidate, sortBySizeUpTo+1)
	for i := range many {
		many[i] = extract.Candidate{Path: filepath.Join(dir, "missing.json")}
	}
	many[len(many)-1] = extract.Candidate{Path: big}
	if got := largestFirst(many); got[0] != 0 || got[len(got)-1] != len(many)-1 {
		t.Errorf("%d files: order starts %v, want file order", len(many), got[:3])
	}
}

// TestSourceLines: with SourceLines, a run keeps the lines its findings point at, as the
// file has them, and the text report needs to read no file.
func TestSourceLines(t *testing.T) {
	path := "../../testdata/arm/err/AKSNET301-max-pods-range.json"
	out, err := Run(context.Background(), testEngine(t), Options{Paths: []string{path}, SourceLines: true})
	if err != nil || len(out.Findings) == 0 {
		t.Fatalf("%d findings, err %v", len(out.Findings), err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, f := range out.Findings {
		got, ok := out.Lines.Line(f.Location.File, f.Location.Line)
		if !ok || got != strings.TrimSuffix(lines[f.Location.Line-1], "\r") {
			t.Errorf("line %d of %s: kept %q (%v), want %q", f.Location.Line, f.Location.File, got, ok, lines[f.Location.Line-1])
		}
	}
	if out, _ := Run(context.Background(), testEngine(t), Options{Paths: []string{path}}); out.Lines != nil {
		t.Error("lines kept without SourceLines")
	}
}

// TestSkipBrokenNonTemplates: with --skip-non-templates, walked or named JSON that does
// not parse and shows no sign of a template is an AKSNET902 note at the parse error,
// and the run does not fail for it; a broken template is still an error.
func TestSkipBrokenNonTemplates(t *testing.T) {
	eng := testEngine(t)
	dir := t.TempDir()
	for _, sub := range []string{"fixtures", "infra"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "fixtures", "broken.json"), "{\"name\": \"x\",\n  \"broken\": \n}\n")
	write(t, filepath.Join(dir, "infra", "aks.json"), "{\"resources\": [\n  {\"type\": \n]}\n")
	note := `invalid JSON: invalid character '}' looking for beginning of value; no sign of a template (no deployment $schema, no "resources" key): skipped (--skip-non-templates)`
	for _, tt := range []struct {
		name  string
		paths []string
		skip  bool
		want  []string
		fail  int
	}{
		{"walked, skipping", []string{dir}, true, []string{"fixtures/broken.json:3:1 note " + note, "infra/aks.json:3:1 error invalid JSON: invalid character ']' looking for beginning of value"}, 1},
		{"named, skipping", []string{filepath.Join(dir, "fixtures", "broken.json")}, true, []string{"fixtures/broken.json:3:1 note " + note}, 0},
		{"named, not skipping", []string{filepath.Join(dir, "fixtures", "broken.json")}, false, []string{"fixtures/broken.json:3:1 error invalid JSON: invalid character '}' looking for beginning of value"}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Run(context.Background(), eng, Options{Paths: tt.paths, SkipNonTemplates: tt.skip})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range out.Findings {
				rel, _ := filepath.Rel(dir, f.Location.File)
				got = append(got, fmt.Sprintf("%s:%d:%d %s %s", filepath.ToSlash(rel), f.Location.Line, f.Location.Column, f.Level, f.Message))
			}
			if !slices.Equal(got, tt.want) || out.Failed != tt.fail {
				t.Errorf("failed %d, findings:\n%s\nwant failed %d:\n%s", out.Failed, strings.Join(got, "\n"), tt.fail, strings.Join(tt.want, "\n"))
			}
		})
	}
}
