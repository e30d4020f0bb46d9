package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/report"
)

// helperEnv, when set, makes the test binary run the CLI with the JSON array of
// arguments it holds, in the working directory it is started in, and exit with its
// code: the way to run it with a secret in its own environment, which is what
// /proc/self/environ shows (os.Setenv does not change it).
const helperEnv = "AKSNET_LINT_TEST_HELPER_ARGS"

// secretEnv names the secret the runner holds in the tests below.
const secretEnv = "MY_SECRET"

func helper() bool {
	raw := os.Getenv(helperEnv)
	if raw == "" {
		return false
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(99)
	}
	// The test proves nothing unless the secret is where a hostile input would look.
	if env, err := os.ReadFile("/proc/self/environ"); err != nil || !strings.Contains(string(env), os.Getenv(secretEnv)) {
		fmt.Fprintln(os.Stderr, "helper: the secret is not in /proc/self/environ")
		os.Exit(98)
	}
	os.Exit(run(context.Background(), append([]string{"aksnet-lint"}, args...), os.Stdout, os.Stderr))
	return true
}

// runWithSecret runs the CLI in a child process whose environment holds secret.
func runWithSecret(t *testing.T, dir, secret string, args ...string) (string, int) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(args)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "-test.run=^$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), helperEnv+"="+string(raw), secretEnv+"="+secret, "NO_COLOR=")
	out, err := cmd.CombinedOutput() // the job log shows both
	if ctx.Err() != nil {
		t.Fatalf("aksnet-lint %q did not end: it blocked (a named pipe opened?)", args)
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code >= 98 {
		t.Fatalf("helper failed (%d): %s", code, out)
	}
	return string(out), code
}

// TestNothingReadIsLeaked: a pull request from a fork controls every file of the
// repository, the configuration included. With a secret in the runner's environment
// and in files outside the repository (and in a credentials file an earlier step
// left in the work tree), hostile configurations and templates point every path they
// can at them: "..", absolute paths, /proc/self/environ, symbolic links out of the
// repository, a named pipe. In every output format the secret appears nowhere, in
// the report or in the messages; each run ends (no named pipe is opened).
func TestNothingReadIsLeaked(t *testing.T) {
	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("no /proc/self/environ here")
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	secret := "hunter2-" + hex.EncodeToString(b[:])

	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	outside := filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(repo, ".git"), filepath.Join(repo, "infra"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	put := func(path, content string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	// Outside the repository: a template and a parameter file that carry the secret
	// in values that would reach messages, and a first line that would be quoted.
	secretTemplate := `{"resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "` + secret + `",
  "properties": {"networkProfile": {"serviceCidr": "` + secret + `"}, "agentPoolProfiles": [{"name": "system", "count": 1, "maxPods": 300}]},
  "outputs": {"cidr": {"type": "string", "value": "` + secret + `"}}}]}`
	put(filepath.Join(outside, "evil.json"), secretTemplate)
	put(filepath.Join(outside, "secret.parameters.json"), `{"`+secret+`": 1, "parameters": {"serviceCidr": {"value": "`+secret+`"}}}`)
	put(filepath.Join(outside, "secret.txt"), secret+"\n")
	// Inside: a credentials file an earlier step wrote into the work tree (not a lint
	// input), links out, a named pipe, and a template that links to all of them.
	put(filepath.Join(repo, "gha-creds.json"), `{"private_key": "`+secret+`"}`)
	put(filepath.Join(repo, "creds.txt"), secret+"\n")
	put(filepath.Join(repo, ".git", "config"), "[http]\n\textraheader = AUTHORIZATION: basic "+secret+"\n") // actions/checkout's token
	link(filepath.Join(outside, "evil.json"), filepath.Join(repo, "infra", "link-out.json"))
	link(filepath.Join(outside, "secret.parameters.json"), filepath.Join(repo, "infra", "link.parameters.json"))
	link("/proc/self/environ", filepath.Join(repo, "infra", "environ.json"))
	link(outside, filepath.Join(repo, "infra", "outdir"))
	if err := syscall.Mkfifo(filepath.Join(repo, "infra", "pipe.json"), 0o600); err != nil {
		t.Fatal(err)
	}
	var deps []string
	for i, rel := range []string{"../../outside/evil.json", "/proc/self/environ", filepath.Join(outside, "evil.json"), "link-out.json", "environ.json", "outdir/evil.json", "pipe.json", "../gha-creds.json", "../creds.txt", "../.git/config"} {
		deps = append(deps, fmt.Sprintf(`{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "link%d",
    "properties": {"mode": "Incremental", "templateLink": {"relativePath": %q}}}`, i, rel))
	}
	put(filepath.Join(repo, "infra", "aks.json"), `{"parameters": {"serviceCidr": {"type": "string", "defaultValue": "10.0.0.0/16"}},
 "resources": [`+strings.Join(deps, ",\n  ")+`,
  {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",
   "properties": {"networkProfile": {"networkPlugin": "kubenet", "serviceCidr": "[parameters('serviceCidr')]", "podCidr": "[reference('link0').outputs.cidr.value]", "dnsServiceIP": "[reference('link4').outputs.cidr.value]"},
     "agentPoolProfiles": [{"name": "system", "mode": "System", "count": 1, "maxPods": 300}]}}]}`)

	scenarios := []struct {
		name   string
		config string // .aksnet-lint.yaml; "" for none
		args   []string
		code   int
	}{
		{"parameters: /proc/self/environ", "parameters:\n  infra/aks.json: [/proc/self/environ]\n", nil, exitFailure},
		{"parameters: ..", "parameters:\n  infra/aks.json: [../outside/secret.parameters.json]\n", nil, exitFailure},
		{"parameters: absolute", "parameters:\n  infra/aks.json: [" + filepath.Join(outside, "secret.parameters.json") + "]\n", nil, exitFailure},
		{"parameters: link out", "parameters:\n  infra/aks.json: [infra/link.parameters.json]\n", nil, exitFailure},
		{"parameters: link to environ", "parameters:\n  infra/aks.json: [infra/environ.json]\n", nil, exitFailure},
		{"parameters: named pipe", "parameters:\n  infra/aks.json: [infra/pipe.json]\n", nil, exitFailure},
		{"parameters: a credentials file", "parameters:\n  infra/aks.json: [gha-creds.json]\n", nil, exitFailure},
		{"parameters: a text file", "parameters:\n  infra/aks.json: [creds.txt]\n", nil, exitFailure},
		{"parameters: .git/config", "parameters:\n  infra/aks.json: [.git/config]\n", nil, exitFailure},
		{"maxFileSize lifted", "maxFileSize: 1099511627776\n", nil, exitFailure},
		{"linked templates", "rules:\n  AKSNET901: error\n", nil, exitFindings},
		{"named links", "", []string{"infra/aks.json", "infra/environ.json", "infra/link-out.json", "infra/outdir/evil.json", "gha-creds.json", "creds.txt"}, exitFailure},
		{"walked", "include: ['**']\n", []string{"."}, exitFindings},
	}
	for _, sc := range scenarios {
		for _, format := range report.Formats() {
			t.Run(sc.name+"/"+format, func(t *testing.T) {
				cfg := filepath.Join(repo, ".aksnet-lint.yaml")
				_ = os.Remove(cfg)
				if sc.config != "" {
					put(cfg, sc.config)
				}
				args := append([]string{"--format", format}, sc.args...)
				if sc.args == nil {
					args = append(args, "infra/aks.json")
				}
				out, code := runWithSecret(t, repo, secret, args...)
				if strings.Contains(out, secret) || strings.Contains(out, secretEnv+"=") {
					t.Fatalf("the secret leaked:\n%s", out)
				}
				if code != sc.code {
					t.Errorf("exit %d, want %d:\n%s", code, sc.code, out)
				}
				if len(strings.TrimSpace(out)) == 0 {
					t.Error("no output: the run proved nothing")
				}
			})
		}
	}
}

// TestExtractHoldsToTheRoot: the extract command reads a named path inside the root
// only when it stays there after links, as linting does (it runs the same pipeline,
// and reports the refusal as linting does).
func TestExtractHoldsToTheRoot(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/proc/self/environ", filepath.Join(dir, "env.json")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	out, errOut, code := lintRun(t, "extract", "env.json")
	if code != exitFailure || !strings.Contains(errOut, `env.json:1:1: the path is a system file; it is never read`) || strings.TrimSpace(out) != "[]" {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
}
