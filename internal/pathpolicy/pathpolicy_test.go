package pathpolicy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// tree makes base/root/{infra/main.json, infra/modules/vnet.json, shared/common.json},
// base/outside/secret.json, and links inside the root: one to a file outside, one to
// a file inside, one to a directory outside, and a named pipe.
func tree(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "root")
	outside = filepath.Join(base, "outside")
	write(t, filepath.Join(root, "infra", "main.json"), "{}")
	write(t, filepath.Join(root, "infra", "modules", "vnet.json"), "{}")
	write(t, filepath.Join(root, "shared", "common.json"), "{}")
	write(t, filepath.Join(root, ".git", "config"), "[http]\n\textraheader = AUTHORIZATION: basic hunter2\n")
	write(t, filepath.Join(outside, "secret.json"), `{"secret": "hunter2"}`)
	symlink(t, filepath.Join(outside, "secret.json"), filepath.Join(root, "infra", "out.json"))
	symlink(t, filepath.Join("modules", "vnet.json"), filepath.Join(root, "infra", "in.json"))
	symlink(t, outside, filepath.Join(root, "infra", "outdir"))
	symlink(t, "/proc/self/environ", filepath.Join(root, "infra", "environ"))
	mkfifo(t, filepath.Join(root, "infra", "pipe.json"))
	if err := os.Mkdir(filepath.Join(root, "infra", "dir.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root, outside
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// TestResolve: a reference is admitted only as a regular file inside the root, after
// ".." and symbolic links; every refusal says why, and nothing refused is opened (a
// named pipe opened for reading would block the test until its deadline).
func TestResolve(t *testing.T) {
	root, outside := tree(t)
	r, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	from := filepath.Join(root, "infra", "main.json")
	for _, tc := range []struct {
		ref  string
		want string // the path returned (relative to root), or "" when refused
		why  string // in the refusal
	}{
		{"modules/vnet.json", "infra/modules/vnet.json", ""},
		{"./modules/../modules/vnet.json", "infra/modules/vnet.json", ""},
		{"../shared/common.json", "shared/common.json", ""},
		{"in.json", "infra/in.json", ""}, // a link inside the root, to a file inside it
		{"../../outside/secret.json", "", "outside the root"},
		{"../..", "", "outside the root"},
		{"modules/../../../outside/secret.json", "", "outside the root"},
		{filepath.Join(outside, "secret.json"), "", "absolute path"},
		{filepath.Join(root, "shared", "common.json"), "", "absolute path"},
		{"/proc/self/environ", "", "absolute path"},
		{"/etc/passwd", "", "absolute path"},
		{"out.json", "", "symbolic link out of the root"},
		{"outdir/secret.json", "", "symbolic link out of the root"},
		{"environ", "", "system file"},
		{"pipe.json", "", "named pipe"},
		{"dir.json", "", "a directory"},
		{"missing.json", "", "does not exist"},
		{"../.git/config", "", "inside .git"},
		{"", "", "is empty"},
		{`modules\vnet.json`, "", "backslash"},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			var got string
			var err error
			done := make(chan struct{})
			go func() {
				got, err = r.Resolve(from, tc.ref)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Resolve blocked: it opened a named pipe")
			}
			if tc.want != "" {
				if err != nil || got != filepath.Join(root, filepath.FromSlash(tc.want)) {
					t.Fatalf("got %q, %v; want %s", got, err, tc.want)
				}
				return
			}
			var pe *Error
			if !errors.As(err, &pe) || pe.Ref != tc.ref || !strings.Contains(err.Error(), tc.why) {
				t.Fatalf("got %q, %v; want a refusal of %q saying %q", got, err, tc.ref, tc.why)
			}
		})
	}
}

// TestResolveRelative: a reference from a file given relative to the working directory
// comes back in that form, and the root may be given through a symbolic link.
func TestResolveRelative(t *testing.T) {
	root, _ := tree(t)
	alias := filepath.Join(t.TempDir(), "alias")
	symlink(t, root, alias)
	t.Chdir(root)
	got, err := Resolve(alias, filepath.Join("infra", "main.json"), "../shared/common.json")
	if err != nil || got != filepath.Join("shared", "common.json") {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := Resolve(alias, filepath.Join("infra", "main.json"), "../../outside/secret.json"); err == nil {
		t.Fatal("a path outside the root through the alias was admitted")
	}
}

// TestRootItselfIsNoShield: with the root at /, a system file is still refused.
func TestRootItselfIsNoShield(t *testing.T) {
	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("no /proc here")
	}
	r, err := New("/")
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Check("/proc/self/environ"); err == nil || !strings.Contains(err.Error(), "system file") {
		t.Fatalf("got %v", err)
	}
	if _, err := r.ReadFile("/proc/self/environ", 1<<20); err == nil {
		t.Fatal("ReadFile read /proc/self/environ")
	}
}

// TestReadFile: reports read only regular files inside the root, up to a size.
func TestReadFile(t *testing.T) {
	root, outside := tree(t)
	r, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := r.ReadFile(filepath.Join(root, "infra", "in.json"), 10); err != nil || string(data) != "{}" {
		t.Errorf("inside: %q, %v", data, err)
	}
	for _, p := range []string{
		filepath.Join(outside, "secret.json"),
		filepath.Join(root, "infra", "out.json"),
		filepath.Join(root, "infra", "pipe.json"),
		filepath.Join(root, "infra", "environ"),
	} {
		if data, err := r.ReadFile(p, 1<<20); err == nil {
			t.Errorf("%s was read: %q", p, data)
		}
	}
	if _, err := r.ReadFile(filepath.Join(root, "infra", "main.json"), 1); err == nil {
		t.Error("a file over the limit was read")
	}
	if _, err := (Root{}).ReadFile(filepath.Join(root, "infra", "main.json"), 10); err == nil {
		t.Error("the zero Root admitted a file")
	}
}

// TestDefault: the root is the nearest directory holding .git (a directory or a
// linked work tree's file), else the start.
func TestDefault(t *testing.T) {
	base := t.TempDir()
	deep := filepath.Join(base, "repo", "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Default(deep); err != nil || got != deep {
		t.Fatalf("no .git: %q, %v", got, err)
	}
	write(t, filepath.Join(base, "repo", ".git"), "gitdir: /elsewhere\n")
	if got, err := Default(deep); err != nil || got != filepath.Join(base, "repo") {
		t.Fatalf("a .git file: %q, %v", got, err)
	}
	if err := os.MkdirAll(filepath.Join(base, "repo", "a", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Default(deep); err != nil || got != filepath.Join(base, "repo", "a") {
		t.Fatalf("a .git directory: %q, %v", got, err)
	}
}

func TestNew(t *testing.T) {
	root, _ := tree(t)
	if _, err := New(filepath.Join(root, "infra", "main.json")); err == nil {
		t.Error("a file was taken as a root")
	}
	if _, err := New(filepath.Join(root, "missing")); err == nil {
		t.Error("a missing directory was taken as a root")
	}
}

// TestAdmit: a path to lint written inside the root stays inside after links and is a
// file or a directory; one written outside it was typed by the user and is admitted.
func TestAdmit(t *testing.T) {
	root, outside := tree(t)
	r, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		why  string // "" when admitted
	}{
		{root, ""},
		{filepath.Join(root, "infra"), ""},
		{filepath.Join(root, "infra", "main.json"), ""},
		{filepath.Join(root, "infra", "in.json"), ""},
		{filepath.Join(root, "infra", "missing.json"), ""}, // reported when read
		{filepath.Join(outside, "secret.json"), ""},        // typed outside the root
		{filepath.Join(root, "infra", "out.json"), "symbolic link out of the root"},
		{filepath.Join(root, "infra", "outdir"), "symbolic link out of the root"},
		{filepath.Join(root, "infra", "outdir") + "/", "symbolic link out of the root"},
		{filepath.Join(root, "infra", "outdir", "secret.json"), "symbolic link out of the root"},
		{filepath.Join(root, "infra", "environ"), "system file"},
		{filepath.Join(root, "infra", "pipe.json"), "named pipe"},
	} {
		err := r.Admit(tc.path)
		switch {
		case tc.why == "" && err != nil:
			t.Errorf("%s: %v", tc.path, err)
		case tc.why != "" && (err == nil || !strings.Contains(err.Error(), tc.why)):
			t.Errorf("%s: %v, want %q", tc.path, err, tc.why)
		}
	}
}
