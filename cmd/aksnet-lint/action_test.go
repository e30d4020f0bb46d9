package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The composite action is run here as the runner would run it, step by step, with a
// fake GitHub environment: every run: step with bash, in a workspace of its own, with
// the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY; the uses: steps (setup-go, cache,
// the SARIF upload) are recorded with the inputs they would get, not run.

type actionDef struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Steps []struct {
			Name  string            `yaml:"name"`
			ID    string            `yaml:"id"`
			If    string            `yaml:"if"`
			Uses  string            `yaml:"uses"`
			Run   string            `yaml:"run"`
			Shell string            `yaml:"shell"`
			Env   map[string]string `yaml:"env"`
			With  map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// actionRun is the record of one run of the action.
type actionRun struct {
	outputs  map[string]map[string]string // step id -> outputs
	used     map[string]map[string]string // uses: -> its with:, for the steps that would run
	skipped  []string                     // names of the steps whose if: was false
	logs     map[string]string            // step name -> stdout and stderr
	codes    map[string]int               // step name -> exit code
	summary  string                       // what the steps wrote to their summaries
	failedAt string                       // the first step that failed
}

type actionEnv struct {
	inputs    map[string]string
	event     string // GITHUB_EVENT_NAME
	eventJSON string
	actor     string
	// override replaces step env values (the summary limit); extra is added to every
	// step's environment; path prepends to PATH.
	override, extra map[string]string
	path            string
}

var exprRe = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// runAction runs action.yml in workspace with the given environment.
func runAction(t *testing.T, workspace, temp string, env actionEnv) actionRun {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionDef
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	eventPath := filepath.Join(temp, "event.json")
	if err := os.WriteFile(eventPath, []byte(env.eventJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	r := actionRun{outputs: map[string]map[string]string{}, used: map[string]map[string]string{}, logs: map[string]string{}, codes: map[string]int{}}
	lookup := func(ref string) string {
		parts := strings.Split(ref, ".")
		switch {
		case len(parts) == 2 && parts[0] == "inputs":
			if v, ok := env.inputs[parts[1]]; ok {
				return v
			}
			if in, ok := a.Inputs[parts[1]]; ok {
				return in.Default
			}
		case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
			return r.outputs[parts[1]][parts[3]]
		case ref == "runner.os":
			return "Linux"
		case ref == "runner.arch":
			return "X64"
		}
		t.Fatalf("action.yml: the test does not know %q", ref)
		return ""
	}
	// eval reads the expressions action.yml uses: operands (a context or a 'literal')
	// compared with == or !=, joined by &&.
	eval := func(expr string) string {
		operand := func(s string) string {
			s = strings.TrimSpace(s)
			if strings.HasPrefix(s, "'") && strings.HasSuffix(s, "'") {
				return s[1 : len(s)-1]
			}
			return lookup(s)
		}
		all := "true"
		for _, term := range strings.Split(expr, "&&") {
			var v string
			if a, b, ok := strings.Cut(term, "!="); ok {
				v = fmt.Sprint(operand(a) != operand(b))
			} else if a, b, ok := strings.Cut(term, "=="); ok {
				v = fmt.Sprint(operand(a) == operand(b))
			} else {
				v = operand(term)
			}
			if !strings.Contains(expr, "&&") && !strings.Contains(expr, "=") {
				return v
			}
			if v != "true" {
				all = "false"
			}
		}
		return all
	}
	subst := func(s string) string {
		return exprRe.ReplaceAllStringFunc(s, func(m string) string { return eval(exprRe.FindStringSubmatch(m)[1]) })
	}
	for _, s := range a.Runs.Steps {
		if s.If != "" && eval(s.If) != "true" {
			r.skipped = append(r.skipped, s.Name)
			continue
		}
		if s.Uses != "" {
			with := map[string]string{}
			for k, v := range s.With {
				with[k] = subst(v)
			}
			r.used[strings.Split(s.Uses, "@")[0]] = with
			continue
		}
		if s.Shell != "bash" {
			t.Fatalf("step %s: shell %q", s.Name, s.Shell)
		}
		output, summary := filepath.Join(temp, "output"), filepath.Join(temp, "summary")
		for _, f := range []string{output, summary} {
			if err := os.WriteFile(f, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", s.Run)
		cmd.Dir = workspace
		cmd.Env = []string{"HOME=" + os.Getenv("HOME"), "PATH=" + env.path + os.Getenv("PATH"), "GOPROXY=off",
			"RUNNER_TEMP=" + temp, "GITHUB_OUTPUT=" + output, "GITHUB_STEP_SUMMARY=" + summary,
			"GITHUB_ACTION_PATH=" + root, "GITHUB_WORKSPACE=" + workspace, "GITHUB_REPOSITORY=org/infra",
			"GITHUB_EVENT_NAME=" + env.event, "GITHUB_EVENT_PATH=" + eventPath, "GITHUB_ACTOR=" + env.actor}
		for _, k := range []string{"GOFLAGS", "GOPATH", "GOCACHE", "GOMODCACHE", "TMPDIR"} {
			if v := os.Getenv(k); v != "" {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
		}
		for k, v := range env.extra {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		for k, v := range s.Env {
			if o, ok := env.override[k]; ok {
				v = o
			}
			cmd.Env = append(cmd.Env, k+"="+subst(v))
		}
		out, _ := cmd.CombinedOutput()
		r.logs[s.Name], r.codes[s.Name] = string(out), cmd.ProcessState.ExitCode()
		if r.codes[s.Name] != 0 && r.failedAt == "" {
			r.failedAt = s.Name
		}
		if s.ID != "" {
			r.outputs[s.ID] = readOutputs(t, output)
		}
		sum, _ := os.ReadFile(summary)
		r.summary += string(sum)
		if r.codes[s.Name] != 0 {
			break // a failed step ends the job
		}
	}
	return r
}

// readOutputs reads a GITHUB_OUTPUT file: name=value lines.
func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			out[k] = v
		}
	}
	return out
}

// actionWorkspace is a repository with a template that has a mistake (AKSNET301) and a
// configuration, with a space in its name, that turns the rule off.
func actionWorkspace(t *testing.T) string {
	t.Helper()
	ws := t.TempDir()
	for name, content := range map[string]string{
		"infra/aks.json":        string(mustRead(t, badTemplate)),
		"ci/quiet config.yaml":  "rules:\n  AKSNET301: off\n",
		"fixtures/package.json": `{"name": "x"}`,
	} {
		p := filepath.Join(ws, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestActionRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the linter as the action does")
	}
	for _, tool := range []string{"bash", "jq", "xargs", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s (GitHub's runners have it)", tool)
		}
	}
	temp := t.TempDir() // shared: the build step's output is reused, as on one runner
	push := actionEnv{event: "push", eventJSON: `{}`, actor: "someone"}

	t.Run("push: SARIF uploaded, summary written, the verdict fails", func(t *testing.T) {
		env := push
		env.inputs = map[string]string{"paths": "infra fixtures", "markdown-summary": "true"}
		r := runAction(t, actionWorkspace(t), temp, env)
		if r.failedAt != "Verdict" || r.codes["Verdict"] != 1 {
			t.Fatalf("failed at %q (%v)\n%s", r.failedAt, r.codes, r.logs[r.failedAt])
		}
		if r.outputs["go"]["setup"] != "false" || !contains(r.skipped, "Set up Go") {
			t.Errorf("with Go %s on PATH, setup-go ran: %v", "1.21+", r.outputs["go"])
		}
		key := r.used["actions/cache"]["key"]
		if !regexp.MustCompile(`^aksnet-lint-Linux-X64-gosum-[0-9a-f]{32}$`).MatchString(key) || !strings.Contains(r.used["actions/cache"]["path"], r.outputs["cache"]["gomodcache"]) {
			t.Errorf("cache: %v", r.used["actions/cache"])
		}
		if !strings.HasPrefix(r.logs["Build aksnet-lint"], "aksnet-lint ") {
			t.Errorf("build: %s", r.logs["Build aksnet-lint"])
		}
		lint := r.outputs["lint"]
		if lint["exit-code"] != "1" || lint["sarif-file"] != "aksnet-lint.sarif" || lint["upload"] != "true" {
			t.Errorf("lint outputs %v\n%s", lint, r.logs["Lint"])
		}
		upload := r.used["github/codeql-action/upload-sarif"]
		if upload == nil || upload["sarif_file"] != "aksnet-lint.sarif" || upload["category"] != "aksnet-lint" {
			t.Errorf("upload: %v", upload)
		}
		if strings.Contains(r.logs["Lint"], "::error file=") {
			t.Errorf("annotations written beside an upload:\n%s", r.logs["Lint"])
		}
		if !strings.Contains(r.summary, "AKSNET301") || !strings.HasPrefix(r.summary, "#") {
			t.Errorf("summary:\n%s", r.summary)
		}
	})

	t.Run("a fork's pull request: no upload, a notice, annotations", func(t *testing.T) {
		env := actionEnv{event: "pull_request", actor: "contributor", inputs: map[string]string{"paths": "infra"},
			eventJSON: `{"pull_request": {"head": {"repo": {"full_name": "contributor/infra"}}, "base": {"repo": {"full_name": "org/infra"}}}}`}
		r := runAction(t, actionWorkspace(t), temp, env)
		if r.used["github/codeql-action/upload-sarif"] != nil || !contains(r.skipped, "Upload to code scanning") {
			t.Errorf("uploaded from a fork")
		}
		log := r.logs["Lint"]
		if !strings.Contains(log, "::notice title=aksnet-lint::SARIF upload skipped: this pull request comes from a fork") ||
			!regexp.MustCompile(`(?m)^::error file=infra/aks.json,line=\d+,.*AKSNET301`).MatchString(log) {
			t.Errorf("lint log:\n%s", log)
		}
		if r.outputs["lint"]["exit-code"] != "1" || r.codes["Verdict"] != 1 {
			t.Errorf("the verdict of a fork's pull request: %v %v", r.outputs["lint"], r.codes)
		}
	})

	t.Run("the same repository's pull request uploads", func(t *testing.T) {
		env := actionEnv{event: "pull_request", actor: "member", inputs: map[string]string{"paths": "infra"},
			eventJSON: `{"pull_request": {"head": {"repo": {"full_name": "org/infra"}}}}`}
		r := runAction(t, actionWorkspace(t), temp, env)
		if r.used["github/codeql-action/upload-sarif"] == nil || strings.Contains(r.logs["Lint"], "::notice") {
			t.Errorf("no upload from the repository's own branch:\n%s", r.logs["Lint"])
		}
	})

	t.Run("args are passed as written", func(t *testing.T) {
		env := push
		env.inputs = map[string]string{"paths": "infra fixtures/package.json", "format": "text",
			"args": `--config "ci/quiet config.yaml"  --skip-non-templates`}
		r := runAction(t, actionWorkspace(t), temp, env)
		if r.failedAt != "" || r.outputs["lint"]["exit-code"] != "0" {
			t.Errorf("failed at %q, lint %v\n%s", r.failedAt, r.outputs["lint"], r.logs["Lint"])
		}
		env.inputs["args"] = `--config "ci/quiet config.yaml`
		r = runAction(t, actionWorkspace(t), temp, env)
		if r.failedAt != "Lint" || !strings.Contains(r.logs["Lint"], "::error title=aksnet-lint::args: unbalanced quotes") {
			t.Errorf("unbalanced quotes: failed at %q\n%s", r.failedAt, r.logs["Lint"])
		}
		env.inputs["args"] = `--policy $(touch pwned)`
		ws := actionWorkspace(t)
		r = runAction(t, ws, temp, env)
		if _, err := os.Stat(filepath.Join(ws, "pwned")); err == nil {
			t.Error("args were expanded by a shell")
		}
		if r.outputs["lint"]["exit-code"] != "2" || !strings.Contains(r.logs["Lint"], "$(touch") {
			t.Errorf("--policy '$(touch' should be a missing directory: %v\n%s", r.outputs["lint"], r.logs["Lint"])
		}
	})

	t.Run("a summary over the limit is cut with a note", func(t *testing.T) {
		env := push
		env.inputs = map[string]string{"paths": "infra", "format": "github", "markdown-summary": "true"}
		env.override = map[string]string{"SUMMARY_LIMIT": "1500"}
		r := runAction(t, actionWorkspace(t), temp, env)
		if n := len(r.summary); n > 1500 || n < 1000 {
			t.Errorf("summary of %d bytes, want at most 1500 and most of them", n)
		}
		if !strings.HasSuffix(r.summary, "GitHub shows at most 1500 bytes of a step summary. The full report: `aksnet-lint --format markdown`.\n") {
			t.Errorf("summary ends:\n%s", r.summary[max(0, len(r.summary)-300):])
		}
		if strings.Count(r.summary, "\n```")%2 != 0 {
			t.Errorf("a code fence left open:\n%s", r.summary)
		}
	})

	t.Run("an explicit version is what go install installs; an old Go gets setup-go", func(t *testing.T) {
		fake := t.TempDir()
		real, err := exec.LookPath("go")
		if err != nil {
			t.Fatal(err)
		}
		bin := filepath.Join(temp, "aksnet-lint-bin", "aksnet-lint")
		script := fmt.Sprintf(`#!/usr/bin/env bash
if [ "$1" = install ]; then printf '%%s\n' "$@" >%q; cp %q "$GOBIN/aksnet-lint.new" && mv "$GOBIN/aksnet-lint.new" "$GOBIN/aksnet-lint"; exit 0; fi
if [ "$1 $2" = "env GOVERSION" ] && [ -n "${FAKE_GOVERSION:-}" ]; then echo "$FAKE_GOVERSION"; exit 0; fi
exec %q "$@"
`, filepath.Join(fake, "install-args"), bin, real)
		if err := os.WriteFile(filepath.Join(fake, "go"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		env := push
		env.path = fake + string(os.PathListSeparator)
		env.inputs = map[string]string{"paths": "infra", "version": "v9.9.9", "upload": "false"}
		r := runAction(t, actionWorkspace(t), temp, env)
		args := string(mustRead(t, filepath.Join(fake, "install-args")))
		if !strings.Contains(args, "github.com/aksnet-lint/aksnet-lint/cmd/aksnet-lint@v9.9.9\n") {
			t.Errorf("go install %s", args)
		}
		if r.used["actions/cache"]["key"] != "aksnet-lint-Linux-X64-version-v9.9.9" || r.used["github/codeql-action/upload-sarif"] != nil {
			t.Errorf("cache %v, upload %v", r.used["actions/cache"], r.used["github/codeql-action/upload-sarif"])
		}
		env.extra = map[string]string{"FAKE_GOVERSION": "go1.20.14"}
		r = runAction(t, actionWorkspace(t), temp, env)
		if r.outputs["go"]["setup"] != "true" || r.used["actions/setup-go"] == nil {
			t.Errorf("Go 1.20 on PATH: setup %q, setup-go %v", r.outputs["go"]["setup"], r.used["actions/setup-go"])
		}
	})
}
