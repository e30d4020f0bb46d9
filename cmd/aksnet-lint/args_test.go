package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
)

const badTemplate = "testdata/arm/err/AKSNET301-max-pods-range.json"

// cliCase is one command line and what it must print and exit with. Empty want
// fields are not checked; wantOut and wantErr are substrings unless exact is set.
type cliCase struct {
	name             string
	args             []string
	code             int
	wantOut, wantErr string
	exactErr         bool
	noStdout         bool
}

var cliCases = []cliCase{
	{name: "options after the paths", args: []string{badTemplate, "-f", "sarif", "-o", "-"}, code: 1, wantOut: `"version": "2.1.0"`},
	{name: "options before the paths", args: []string{"-f", "sarif", "-o", "-", badTemplate}, code: 1, wantOut: `"version": "2.1.0"`},
	{name: "options on both sides", args: []string{"--fail-on", "never", badTemplate, "--format=json"}, code: 0, wantOut: `"ruleId": "AKSNET301"`},
	{name: "-- ends the options", args: []string{"--no-color", "--", "-f"}, code: 2, wantOut: "-f:1:1: error: no such file or directory [AKSNET902]"},
	{name: "a path named like a command after --", args: []string{"--no-color", "--", "rules"}, code: 2, wantOut: "rules:1:1: error: no such file or directory [AKSNET902]"},
	{
		name: "unknown option, with its real dashes and a suggestion", args: []string{badTemplate, "--formt", "json"}, code: 2, noStdout: true, exactErr: true,
		wantErr: "aksnet-lint: unknown option --formt (did you mean --format?)\nRun 'aksnet-lint --help' for usage.\n",
	},
	{
		name: "unknown option without a near one", args: []string{"--frobnicate"}, code: 2, noStdout: true, exactErr: true,
		wantErr: "aksnet-lint: unknown option --frobnicate\nRun 'aksnet-lint --help' for usage.\n",
	},
	{
		name: "an option without its value", args: []string{badTemplate, "-o"}, code: 2, noStdout: true, exactErr: true,
		wantErr: "aksnet-lint: option -o needs a value\nRun 'aksnet-lint --help' for usage.\n",
	},
	{
		name: "unknown option of a command", args: []string{"rules", "--formta=json"}, code: 2, noStdout: true, exactErr: true,
		wantErr: "aksnet-lint: unknown option --formta (did you mean --format?)\nRun 'aksnet-lint rules --help' for usage.\n",
	},
	{
		name: "a bad boolean value", args: []string{"--no-color=maybe", badTemplate}, code: 2, noStdout: true, exactErr: true,
		wantErr: "aksnet-lint: invalid boolean value \"maybe\" for --no-color: parse error\nRun 'aksnet-lint --help' for usage.\n",
	},
	{
		name: "unknown --color", args: []string{"--color", "sometimes", badTemplate}, code: 2, noStdout: true, exactErr: true,
		wantErr: "aksnet-lint: unknown --color \"sometimes\" (want auto, always or never)\nRun 'aksnet-lint --help' for usage.\n",
	},
	{name: "help", args: []string{"help"}, code: 0, wantOut: "aksnet-lint completion bash|zsh|fish|pwsh"},
	{name: "--help after a path", args: []string{".", "--help"}, code: 0, wantOut: "GLOBAL OPTIONS"},
	{name: "help of a command", args: []string{"help", "rules"}, code: 0, wantOut: "aksnet-lint rules [--format text|json|markdown]"},
	{
		name: "help of no command", args: []string{"help", "lint"}, code: 2, noStdout: true, exactErr: true,
		wantErr: "aksnet-lint: no command lint (commands: rules, extract, init, version, completion)\nRun 'aksnet-lint --help' for usage.\n",
	},
	{name: "rules with its option after the command", args: []string{"rules", "-f", "json"}, code: 0, wantOut: `"id": "AKSNET301"`},
	{name: "completion bash", args: []string{"completion", "bash"}, code: 0, wantOut: "complete -o default -o bashdefault -F _aksnet_lint aksnet-lint"},
	{name: "completion zsh", args: []string{"completion", "zsh"}, code: 0, wantOut: "#compdef aksnet-lint"},
	{name: "completion fish", args: []string{"completion", "fish"}, code: 0, wantOut: `complete -c aksnet-lint -n "__fish_use_subcommand" -l format -x -a "text json sarif github markdown"`},
	{name: "completion pwsh", args: []string{"completion", "pwsh"}, code: 0, wantOut: "Register-ArgumentCompleter -Native -CommandName aksnet-lint"},
	{
		name: "completion of no shell", args: []string{"completion", "tcsh"}, code: 2, noStdout: true, exactErr: true,
		wantErr: "aksnet-lint: completion takes one shell: bash, zsh, fish, pwsh\nRun 'aksnet-lint completion --help' for usage.\n",
	},
	{name: "version", args: []string{"version"}, code: 0, wantOut: "aksnet-lint "},
}

func (tc cliCase) check(t *testing.T, out, stderr string, code int) {
	t.Helper()
	if code != tc.code {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, stderr)
	}
	if !strings.Contains(out, tc.wantOut) {
		t.Errorf("stdout lacks %q:\n%s", tc.wantOut, out)
	}
	if tc.noStdout && out != "" {
		t.Errorf("stdout must stay empty on a usage error, got:\n%s", out)
	}
	if tc.exactErr && stderr != tc.wantErr || !tc.exactErr && !strings.Contains(stderr, tc.wantErr) {
		t.Errorf("stderr:\n%q\nwant:\n%q", stderr, tc.wantErr)
	}
}

func TestCommandLine(t *testing.T) {
	for _, tc := range cliCases {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := lintRun(t, tc.args...)
			tc.check(t, out, stderr, code)
		})
	}
}

// TestCommandLineBinary runs the same command lines through a built binary, as a shell
// or CI passes them, and checks that version and --version print the same line with the
// commit the build recorded.
func TestCommandLineBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := builtBinary(t)
	for _, tc := range cliCases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, tc.args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			tc.check(t, stdout.String(), stderr.String(), code)
		})
	}
	version, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	flag, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(version, flag) {
		t.Errorf("version %q, --version %q", version, flag)
	}
	// Go stamps the commit only in a checkout whose .git is a directory (not in a git
	// worktree); TestVersionLine covers the line's form.
	if info, err := os.Stat(".git"); err == nil && info.IsDir() && !bytes.Contains(version, []byte("(commit ")) {
		t.Errorf("a VCS-stamped build's version names no commit: %q", version)
	}
}

func TestVersionLine(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "62a8a8aabc8d84341293169e545bfe8877128250"}, {Key: "vcs.modified", Value: "true"},
	}}
	if got, want := versionLineOf(bi), "aksnet-lint v0.4.0 (commit 62a8a8aabc8d84341293169e545bfe8877128250, modified) go1.26.8"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	bi = &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}
	if got, want := versionLineOf(bi), "aksnet-lint devel go1.26.8"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

var (
	buildOnce sync.Once
	buildPath string
	buildErr  error
)

// builtBinary builds the linter once per test run, with the VCS stamp.
func builtBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "aksnet-lint-bin")
		if err != nil {
			buildErr = err
			return
		}
		buildPath = filepath.Join(dir, "aksnet-lint")
		out, err := exec.Command("go", "build", "-buildvcs=true", "-o", buildPath, "./cmd/aksnet-lint").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildPath
}

// TestOutputDashIsStdout: -o - writes no file named "-".
func TestOutputDashIsStdout(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	abs := filepath.Join(wd, badTemplate)
	t.Chdir(dir)
	out, _, code := lintRun(t, "-f", "json", "-o", "-", abs)
	if code != 1 || !json.Valid([]byte(out)) {
		t.Errorf("exit %d, stdout:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Error(`-o - created a file named "-"`)
	}
}

// TestColor: --color=always colours a report written to a file; --no-color and
// --color=never win over it; auto leaves a file plain.
func TestColor(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args  []string
		color bool
	}{
		{[]string{"--color=always"}, true},
		{[]string{"--color", "always", "--no-color"}, false},
		{[]string{"--color=never"}, false},
		{[]string{}, false},
	} {
		file := filepath.Join(dir, "report.txt")
		args := append([]string{badTemplate, "-o", file}, tc.args...)
		if _, stderr, code := lintRun(t, args...); code != 1 {
			t.Fatalf("%v: exit %d %s", tc.args, code, stderr)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(data, []byte("\x1b[")); got != tc.color {
			t.Errorf("%v: colour %v, want %v", tc.args, got, tc.color)
		}
	}
}

// TestBashCompletion sources the bash script and completes a few command lines.
func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script, _, code := lintRun(t, "completion", "bash")
	if code != 0 {
		t.Fatal(code)
	}
	for _, tc := range []struct{ line, want string }{
		{"aksnet-lint --for", "--format"},
		{"aksnet-lint --format sa", "sarif"},
		{"aksnet-lint --color al", "always"},
		{"aksnet-lint ru", "rules"},
		{"aksnet-lint completion f", "fish"},
		{"aksnet-lint help ex", "extract"},
		{"aksnet-lint init --fo", "--force"},
	} {
		sh := script + "\nCOMP_WORDS=(" + tc.line + ")\n"
		if strings.HasSuffix(tc.line, " ") {
			sh += "COMP_WORDS+=('')\n"
		}
		sh += "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_aksnet_lint\necho \"${COMPREPLY[*]}\"\n"
		out, err := exec.Command("bash", "-c", sh).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.line, err, out)
		}
		if strings.TrimSpace(string(out)) != tc.want {
			t.Errorf("%q completes to %q, want %q", tc.line, strings.TrimSpace(string(out)), tc.want)
		}
	}
}

// TestOtherShellCompletions: the zsh script parses (zsh -n), and fish completes with its
// script; each is skipped on a machine without the shell.
func TestOtherShellCompletions(t *testing.T) {
	dir := t.TempDir()
	script := func(shell string) string {
		out, _, code := lintRun(t, "completion", shell)
		if code != 0 {
			t.Fatalf("completion %s: exit %d", shell, code)
		}
		p := filepath.Join(dir, "completion."+shell)
		if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("zsh", func(t *testing.T) {
		if _, err := exec.LookPath("zsh"); err != nil {
			t.Skip("no zsh")
		}
		if out, err := exec.Command("zsh", "-n", script("zsh")).CombinedOutput(); err != nil {
			t.Errorf("zsh -n: %v\n%s", err, out)
		}
	})
	t.Run("fish", func(t *testing.T) {
		if _, err := exec.LookPath("fish"); err != nil {
			t.Skip("no fish")
		}
		p := script("fish")
		for line, want := range map[string]string{
			"aksnet-lint --format s":     "sarif",
			"aksnet-lint completion f":   "fish",
			"aksnet-lint ru":             "rules",
			"aksnet-lint --fail-on warn": "warning",
		} {
			out, err := exec.Command("fish", "--no-config", "-c", "source "+p+"; complete -C '"+line+"'").CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != want {
				t.Errorf("fish completes %q to %q (%v), want %q", line, out, err, want)
			}
		}
	})
}

// TestSARIFFromASubfolder: run from a subfolder of the checkout, with the default root
// (the enclosing git work tree) and with --root, SARIF names files from the root.
func TestSARIFFromASubfolder(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(".git"); err != nil {
		t.Skip("not a git checkout: the default root is the working directory")
	}
	t.Chdir(filepath.Join("testdata", "arm"))
	for _, args := range [][]string{{}, {"--root", "../.."}} {
		out, stderr, code := lintRun(t, append(args, "-f", "sarif", "err/AKSNET301-max-pods-range.json", "../azcli/err/AKSNET301-max-pods-range.sh")...)
		if code != 1 {
			t.Fatalf("%v: exit %d %s", args, code, stderr)
		}
		var log struct {
			Runs []struct {
				OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
				Results            []struct {
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						} `json:"physicalLocation"`
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil {
			t.Fatal(err)
		}
		root, _ := filepath.EvalSymlinks(wd)
		if got := log.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file://"+filepath.ToSlash(root)+"/" {
			t.Errorf("%v: %%SRCROOT%% %q", args, got)
		}
		uris := map[string]bool{}
		for _, r := range log.Runs[0].Results {
			a := r.Locations[0].PhysicalLocation.ArtifactLocation
			if a.URIBaseID != "%SRCROOT%" {
				t.Errorf("%v: %+v", args, a)
			}
			uris[a.URI] = true
		}
		if !uris["testdata/arm/err/AKSNET301-max-pods-range.json"] || !uris["testdata/azcli/err/AKSNET301-max-pods-range.sh"] || len(uris) != 2 {
			t.Errorf("%v: URIs %v", args, uris)
		}
	}
}
