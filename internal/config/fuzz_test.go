package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// fuzzTree makes a root with templates and parameter files, a link out of it, a link
// to /proc/self/environ and a named pipe, and a file outside it.
func fuzzTree(f *testing.F) (root string) {
	base, err := os.MkdirTemp("", "aksnet-config-fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { os.RemoveAll(base) })
	root = filepath.Join(base, "repo")
	for _, p := range []string{"infra/aks.json", "infra/aks.parameters.json", "infra/env/prod.json", "modules/a/main.json", "shared.json"} {
		path := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(base, "outside"), 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, "outside", "secret.json"), []byte("{}"), 0o644); err != nil {
		f.Fatal(err)
	}
	for target, link := range map[string]string{
		filepath.Join(base, "outside", "secret.json"): "infra/link.json",
		filepath.Join(base, "outside"):                "infra/outdir",
		"/proc/self/environ":                          "infra/environ.json",
	} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			f.Fatal(err)
		}
	}
	mkfifoF(f, filepath.Join(root, "infra", "pipe.json"))
	return root
}

// FuzzLoad: any configuration text either loads or is refused with an error naming the
// file; never a panic or a hang. What loads keeps maxFileSize within its ceiling, its
// parameter files pass the path policy only when each is a regular file inside the
// root after links, the templates its globs pair with are inside the root, and its
// globs match any path without failing. A named pipe in the root would block the
// target if anything opened it.
func FuzzLoad(f *testing.F) {
	root := fuzzTree(f)
	policy, err := pathpolicy.New(root)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(Starter)
	for _, seed := range []string{
		"parameters:\n  infra/aks.json: [/proc/self/environ]\n",
		"parameters:\n  infra/aks.json: [../outside/secret.json, infra/link.json]\n",
		"parameters:\n  infra/aks.json: [infra/pipe.json]\n  '**/main.json': [shared.json]\n",
		"parameters:\n  'modules/*/main.json': [infra/outdir/secret.json, infra/environ.json]\n",
		"parameters:\n  '{infra,modules}/**': [infra/env/prod.json]\n",
		"include: ['**/*.json', 'infra/[a-z]*']\nexclude: ['**/old/**', '{a,{b,{c,d}}}']\n",
		"ignore:\n  - paths: ['**']\n    rules: [AKSNET301]\n    reason: x\n",
		"maxFileSize: 33554432\n",
		"maxFileSize: 33554433\n",
		"maxFileSize: -1\n",
		"maxFileSize: 1e309\n",
		"maxFileSize: 0x7fffffffffffffff\n",
		"connectedNetworks:\n  - name: x\n    addressPrefixes: [10.0.0.0/8, 'fd00::/8']\n",
		"rules: {AKSNET110: off}\n&a [*a]: 1\n",
	} {
		f.Add([]byte(seed))
	}
	file := filepath.Join(root, DefaultFile)
	probes := []string{"infra/aks.json", "infra/env/prod.json", "modules/a/main.json", "shared.json", "infra/link.json", "../outside/secret.json", "a/b/c/d/e/f/g/h.json"}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang (a named pipe opened, a glob gone exponential) ends the worker with the
		// stacks, and the fuzzer keeps the input: go test alone would only time out.
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				buf := make([]byte, 1<<20)
				panic(fmt.Sprintf("a configuration took over 10 s:\n%s", buf[:runtime.Stack(buf, true)]))
			}
		}()
		if len(data) > 64<<10 {
			return // a configuration is a short file; the YAML decoder's own size is not in question
		}
		c, err := parse(file, data)
		if err != nil {
			if !strings.Contains(err.Error(), DefaultFile) {
				t.Fatalf("an error that does not name the file: %v", err)
			}
			return
		}
		if c.MaxFileSize < 0 || c.MaxFileSize > MaxFileSizeCeiling {
			t.Fatalf("maxFileSize %d loaded", c.MaxFileSize)
		}
		if err := c.CheckParameterFiles(policy); err == nil {
			for _, files := range c.Parameters {
				for _, p := range files {
					assertInside(t, root, filepath.Join(root, filepath.FromSlash(p)))
				}
			}
		} else if !strings.Contains(err.Error(), DefaultFile+":") {
			t.Fatalf("a refusal without its position: %v", err)
		}
		for _, p := range probes {
			abs := filepath.Join(root, filepath.FromSlash(p))
			c.Excluded(abs)
			c.Included(abs)
			c.IgnoreFor(abs, "AKSNET301")
			c.ParametersFor(abs)
			for _, tmpl := range c.TemplatesFor(abs, policy) {
				assertInside(t, root, tmpl)
			}
		}
	})
}

// assertInside fails unless path is a regular file inside root after links.
func assertInside(t *testing.T, root, path string) {
	t.Helper()
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		t.Fatalf("%s admitted: %v", path, err)
	}
	realRoot, _ := filepath.EvalSymlinks(root)
	info, err := os.Lstat(real)
	if err != nil || !info.Mode().IsRegular() || !strings.HasPrefix(real, realRoot+string(filepath.Separator)) || bytes.Contains([]byte(real), []byte("/outside/")) {
		t.Fatalf("%s admitted, which is %s", path, real)
	}
}
