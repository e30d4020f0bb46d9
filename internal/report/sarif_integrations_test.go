package report

// Checks of the files that wire the SARIF and github outputs into other tools: the composite
// action (action.yml), the workflows of docs/github-code-scanning.md and the pre-commit hook
// manifest. They live at the repository root; the real pre-commit run is
// scripts/test-pre-commit.sh, the SARIF validator's scripts/validate-sarif.sh.

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var repoRoot = filepath.Join("..", "..")

// actionStep is a step of a composite action or of a workflow job; decoding with KnownFields
// catches misspelt keys.
type actionStep struct {
	Name            string            `yaml:"name"`
	ID              string            `yaml:"id"`
	If              string            `yaml:"if"`
	Uses            string            `yaml:"uses"`
	Run             string            `yaml:"run"`
	Shell           string            `yaml:"shell"`
	Env             map[string]string `yaml:"env"`
	With            map[string]string `yaml:"with"`
	ContinueOnError bool              `yaml:"continue-on-error"`
}

type actionFile struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Author      string            `yaml:"author"`
	Branding    map[string]string `yaml:"branding"`
	Inputs      map[string]struct {
		Description string `yaml:"description"`
		Required    bool   `yaml:"required"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

func readRepoFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// modulePath is the module line of go.mod: what go install installs.
func modulePath(t *testing.T) string {
	t.Helper()
	for line := range strings.Lines(string(readRepoFile(t, "go.mod"))) {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.TrimSpace(m)
		}
	}
	t.Fatal("go.mod has no module line")
	return ""
}

var (
	// contextRef finds the inputs and steps an expression refers to.
	contextRef = regexp.MustCompile(`\b(inputs|steps)\.([A-Za-z0-9_-]+)`)
	formatArg  = regexp.MustCompile(`aksnet-lint .*--format (\S+)`)
	yamlFence  = regexp.MustCompile("(?ms)^```yaml\n(.*?)^```")
)

func loadAction(t *testing.T) actionFile {
	t.Helper()
	var a actionFile
	dec := yaml.NewDecoder(strings.NewReader(string(readRepoFile(t, "action.yml"))))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

func TestActionYAML(t *testing.T) {
	a := loadAction(t)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml: name %q, runs.using %q, %d steps", a.Name, a.Runs.Using, len(a.Runs.Steps))
	}
	for _, in := range []string{"paths", "format", "fail-on", "config", "version"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("action.yml has no input %q", in)
		}
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %q has no description", name)
		}
	}
	if f := a.Inputs["format"].Default; !slices.Contains(Formats(), f) {
		t.Errorf("default format %q is not one of %v", f, Formats())
	}

	ids := map[string]bool{}
	install := false
	for i, s := range a.Runs.Steps {
		if (s.Uses == "") == (s.Run == "") {
			t.Errorf("step %d (%s): needs exactly one of uses and run", i, s.Name)
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %d (%s): a run step of a composite action needs a shell", i, s.Name)
		}
		// Inputs reach scripts through env, never pasted into the script (script injection).
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %d (%s): an expression inside run", i, s.Name)
		}
		if s.ID != "" {
			ids[s.ID] = true
		}
		if strings.Contains(s.Run, "go install") {
			install = true
			if !strings.Contains(s.Run, modulePath(t)+"/cmd/aksnet-lint@") {
				t.Errorf("the install step does not install %s/cmd/aksnet-lint", modulePath(t))
			}
		}
	}
	if !install {
		t.Error("no step runs go install")
	}
	// Every ${{ inputs.x }} and ${{ steps.y... }} names something that exists.
	var exprs []string
	for _, s := range a.Runs.Steps {
		exprs = append(exprs, s.If)
		for _, v := range s.Env {
			exprs = append(exprs, v)
		}
		for _, v := range s.With {
			exprs = append(exprs, v)
		}
	}
	for _, o := range a.Outputs {
		exprs = append(exprs, o.Value)
	}
	for _, e := range exprs {
		for _, m := range contextRef.FindAllStringSubmatch(e, -1) {
			switch _, in := a.Inputs[m[2]]; {
			case m[1] == "inputs" && !in:
				t.Errorf("%q refers to an undeclared input", e)
			case m[1] == "steps" && !ids[m[2]]:
				t.Errorf("%q refers to no step", e)
			}
		}
	}
}

// The action's steps are run, as the runner runs them, by TestActionRuns in
// cmd/aksnet-lint, against the linter built as the action builds it.

type workflow struct {
	Name        string            `yaml:"name"`
	On          yaml.Node         `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		RunsOn string       `yaml:"runs-on"`
		Steps  []actionStep `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestCodeScanningDocWorkflows parses every YAML block of docs/github-code-scanning.md: whole
// workflows must be complete, and step fragments must at least be steps.
func TestCodeScanningDocWorkflows(t *testing.T) {
	doc := string(readRepoFile(t, filepath.Join("docs", "github-code-scanning.md")))
	blocks := yamlFence.FindAllStringSubmatch(doc, -1)
	if len(blocks) < 3 {
		t.Fatalf("docs/github-code-scanning.md has %d YAML blocks, want the workflows", len(blocks))
	}
	formats := map[string]bool{}
	uploads := 0
	for i, b := range blocks {
		text := dedent(b[1])
		if !strings.HasPrefix(strings.TrimSpace(text), "name:") { // a fragment: a list of steps
			var steps []actionStep
			if err := yaml.Unmarshal([]byte(text), &steps); err != nil || len(steps) == 0 {
				t.Errorf("block %d: not a list of steps: %v\n%s", i, err, text)
			}
			continue
		}
		var w workflow
		dec := yaml.NewDecoder(strings.NewReader(text))
		dec.KnownFields(true)
		if err := dec.Decode(&w); err != nil {
			t.Errorf("block %d: %v\n%s", i, err, text)
			continue
		}
		if w.On.Kind == 0 || len(w.Jobs) == 0 || w.Permissions["contents"] != "read" {
			t.Errorf("block %d: a workflow needs on, jobs and contents: read", i)
		}
		for name, job := range w.Jobs {
			if job.RunsOn == "" || len(job.Steps) == 0 {
				t.Errorf("block %d, job %s: no runs-on or no steps", i, name)
			}
			for _, s := range job.Steps {
				if (s.Uses == "") == (s.Run == "") {
					t.Errorf("block %d, job %s, step %q: needs exactly one of uses and run", i, name, s.Name)
				}
				if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
					uploads++
					if w.Permissions["security-events"] != "write" {
						t.Errorf("block %d uploads SARIF without security-events: write", i)
					}
				}
				if strings.Contains(s.Run, "go install") && !strings.Contains(s.Run, modulePath(t)+"/cmd/aksnet-lint@") {
					t.Errorf("block %d installs something else than %s/cmd/aksnet-lint: %s", i, modulePath(t), s.Run)
				}
				if f := formatArg.FindStringSubmatch(s.Run); f != nil {
					formats[f[1]] = true
				}
			}
		}
	}
	if !formats["sarif"] || !formats["github"] || uploads == 0 {
		t.Errorf("the documented workflows run formats %v and upload SARIF %d times; want sarif with an upload, and github", formats, uploads)
	}
	for f := range formats {
		if !slices.Contains(Formats(), f) {
			t.Errorf("a documented workflow uses --format %s, which aksnet-lint does not have", f)
		}
	}
}

// dedent removes the indentation the first line has from every line.
func dedent(s string) string {
	first := s[:len(s)-len(strings.TrimLeft(s, " "))]
	var b strings.Builder
	for line := range strings.Lines(s) {
		b.WriteString(strings.TrimPrefix(line, first))
	}
	return b.String()
}

// TestPreCommitManifest checks .pre-commit-hooks.yaml; pre-commit itself validates it in
// scripts/test-pre-commit.sh, which also reads files and exclude as single lines.
func TestPreCommitManifest(t *testing.T) {
	data := readRepoFile(t, ".pre-commit-hooks.yaml")
	var hooks []struct {
		ID            string `yaml:"id"`
		Name          string `yaml:"name"`
		Description   string `yaml:"description"`
		Entry         string `yaml:"entry"`
		Language      string `yaml:"language"`
		Files         string `yaml:"files"`
		Exclude       string `yaml:"exclude"`
		PassFilenames *bool  `yaml:"pass_filenames"`
		RequireSerial *bool  `yaml:"require_serial"`
		MinimumPC     string `yaml:"minimum_pre_commit_version"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) != 2 {
		t.Fatalf("%d hooks, want aksnet-lint and aksnet-lint-system", len(hooks))
	}
	for i, want := range [][2]string{{"aksnet-lint", "golang"}, {"aksnet-lint-system", "system"}} {
		h := hooks[i]
		if h.ID != want[0] || h.Language != want[1] || h.Entry != "aksnet-lint --skip-non-templates" || h.Name == "" ||
			h.PassFilenames == nil || !*h.PassFilenames || h.RequireSerial == nil || *h.RequireSerial {
			t.Errorf("hook %d = %+v", i, h)
		}
		if h.Files != hooks[0].Files || h.Exclude != hooks[0].Exclude {
			t.Errorf("hook %s has other files or exclude patterns than aksnet-lint", h.ID)
		}
	}
	h := hooks[0]
	for _, key := range []string{"files", "exclude"} {
		if !regexp.MustCompile(`(?m)^  ` + key + `: \S.*$`).Match(data) {
			t.Errorf("%s is not written on one line, as scripts/test-pre-commit.sh reads it", key)
		}
	}
	// The patterns are Python regular expressions, matched with re.search; these stay within
	// what Go's regexp reads the same way.
	files, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatal(err)
	}
	exclude, err := regexp.Compile(h.Exclude)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"infra/aks.json":                  true,
		"infra/aks.parameters.json":       true,
		"main.jsonc":                      true,
		"bicep/out/Main.JSON":             true,
		"scripts/create-aks.sh":           true,
		"deploy.bash":                     true,
		"network.azcli":                   true,
		"docs/runbook.md":                 true,
		"README.markdown":                 true,
		"main.bicep":                      true,
		"infra/Prod.BicepParam":           true,
		"main.bicep.bak":                  false,
		"notes.txt":                       false,
		"json/readme":                     false,
		"a.json.bak":                      false,
		"package.json":                    false,
		"web/package-lock.json":           false,
		"tsconfig.build.json":             false,
		".vscode/settings.json":           false,
		".devcontainer/devcontainer.json": false,
		"node_modules/x/index.json":       false,
		"renovate.json":                   false,
		".eslintrc.json":                  false,
		"bicepconfig.json":                false,
		"infra/packages.json":             true,
		"infra/my-package.json":           true,
	} {
		if got := files.MatchString(path) && !exclude.MatchString(path); got != want {
			t.Errorf("hook runs on %s: %v, want %v", path, got, want)
		}
	}
}

// TestPreCommitDoc parses the YAML blocks of docs/pre-commit.md: the configuration, and the
// hook entries and settings shown as fragments.
func TestPreCommitDoc(t *testing.T) {
	doc := string(readRepoFile(t, filepath.Join("docs", "pre-commit.md")))
	blocks := yamlFence.FindAllStringSubmatch(doc, -1)
	if len(blocks) == 0 {
		t.Fatal("docs/pre-commit.md has no YAML")
	}
	type config struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Rev   string `yaml:"rev"`
			Hooks []struct {
				ID string `yaml:"id"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	var configs []config
	for i, b := range blocks {
		var v any
		if err := yaml.Unmarshal([]byte(dedent(b[1])), &v); err != nil {
			t.Errorf("block %d: %v\n%s", i, err, b[1])
		}
		if strings.HasPrefix(b[1], "repos:") {
			var c config
			if err := yaml.Unmarshal([]byte(b[1]), &c); err != nil {
				t.Errorf("block %d: %v", i, err)
			}
			configs = append(configs, c)
		}
	}
	// The set-up shows the aksnet-lint hook first; every configuration names this
	// repository, a rev, and one of its hooks.
	for i, c := range configs {
		if len(c.Repos) != 1 || c.Repos[0].Repo != "https://"+modulePath(t) || c.Repos[0].Rev == "" || len(c.Repos[0].Hooks) != 1 ||
			!slices.Contains([]string{"aksnet-lint", "aksnet-lint-system"}, c.Repos[0].Hooks[0].ID) || i == 0 && c.Repos[0].Hooks[0].ID != "aksnet-lint" {
			t.Errorf("documented configuration %d = %+v", i, c)
		}
	}
	if len(configs) == 0 {
		t.Error("docs/pre-commit.md shows no configuration")
	}
}
