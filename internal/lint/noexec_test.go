package lint

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestNothingReachesOut lints templates, a parameter file, a script and a runbook
// full of what would run commands, fetch URIs or read outside the linted tree if it
// were executed or followed: listKeys, listSecrets, reference() of URIs, templateLink
// and parametersLink URIs, template specs, deploymentScripts, linked templates outside
// the root, Key Vault references, command substitutions, backticks, eval, source,
// /dev/tcp, pipes into sh. It asserts that
//
//   - no TCP connection reaches a local listener that every URI and /dev/tcp path in
//     the inputs names, and that HTTP_PROXY, HTTPS_PROXY and ALL_PROXY point at, so a
//     Go HTTP client sending any request anywhere would be seen too (a direct dial to
//     another host, or a DNS lookup, would not: TestNoNetworkOrExecImports covers
//     those statically);
//   - no marker file appears (every shell construct would create it);
//   - nothing of a template outside the linted root is read.
func TestNothingReachesOut(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var connections []string
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 256)
			_ = c.SetReadDeadline(time.Now().Add(time.Second))
			n, _ := c.Read(buf)
			mu.Lock()
			connections = append(connections, strings.SplitN(string(buf[:n]), "\n", 2)[0])
			mu.Unlock()
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	addr := ln.Addr().String()
	host, port, _ := net.SplitHostPort(addr)
	for _, v := range []string{"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"} {
		t.Setenv(v, "http://"+addr)
	}
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")

	base := t.TempDir()
	root := filepath.Join(base, "root")
	outside := filepath.Join(base, "outside")
	mkdir(t, root)
	mkdir(t, outside)
	marker := filepath.Join(base, "MARKER")
	// A template the linked deployments point at: were it read, its cluster "evil"
	// would give findings.
	write(t, filepath.Join(outside, "evil.json"), strings.Replace(goodTemplate, `"aks"`, `"evil"`, 1))
	replace := strings.NewReplacer("LISTENER_HOST", host, "LISTENER_PORT", port, "LISTENER", addr, "MARKER", marker, "OUTSIDE", outside)
	fixtures := filepath.Join("..", "..", "testdata", "hostile", "no-exec")
	entries, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(fixtures, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(root, e.Name()), replace.Replace(string(data)))
	}
	t.Chdir(base) // relative markers ("touch MARKER" with the path replaced) land here too

	out, err := Run(context.Background(), testEngine(t), Options{Paths: []string{root}, Root: root, KeepDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the listener record a late connection
	mu.Lock()
	if len(connections) > 0 {
		t.Errorf("%d connection(s) reached the listener: %q", len(connections), connections)
	}
	mu.Unlock()
	// The method can see what it looks for: a Go HTTP request to any host reaches the
	// listener through the proxy variables.
	if resp, err := http.Get("http://aksnet-lint-canary.invalid/sanity"); err == nil {
		resp.Body.Close()
	}
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	if len(connections) != 1 || !strings.Contains(connections[0], "aksnet-lint-canary.invalid/sanity") {
		t.Errorf("the listener did not see the canary request (saw %q): the test cannot detect a connection", connections)
	}
	mu.Unlock()
	if _, err := os.Stat(marker); err == nil {
		t.Error("the marker file exists: a command was executed")
	}
	linted := map[string]bool{}
	for _, d := range out.Documents {
		linted[filepath.Base(d.Doc.File)] = true
	}
	for _, f := range []string{"template.json", "deploy.sh", "runbook.md"} {
		if !linted[f] {
			t.Errorf("%s was not linted (documents: %v); the test would prove nothing", f, linted)
		}
	}
	for _, f := range out.Findings {
		if strings.Contains(f.Message, `cluster "evil"`) || strings.HasPrefix(f.Location.File, outside) {
			t.Errorf("a template outside the linted root was read: %s", describe(f))
		}
		if f.RuleID == ParseErrorID {
			t.Errorf("unexpected %s", describe(f))
		}
	}
}

// forbiddenImports are the packages through which code could run a command or open a
// connection. OPA's network built-ins are compiled in but removed from the
// capabilities (internal/engine tests that policies using them are rejected).
var forbiddenImports = map[string]bool{"os/exec": true, "net": true, "net/http": true, "net/rpc": true, "net/smtp": true, "plugin": true, "syscall": true}

// syscallAllowed is the one use of syscall allowed, by file: the start-up advice that
// puts the heap on huge pages (internal/hugeheap) calls madvise, and may name nothing
// else of the package (checkSyscallUses).
var syscallAllowed = map[string]map[string]bool{
	filepath.Join("..", "..", "internal", "hugeheap", "hugeheap_linux.go"): {"Syscall": true, "SYS_MADVISE": true, "MADV_HUGEPAGE": true, "ENOMEM": true},
}

// TestNoNetworkOrExecImports: no package of aksnet-lint imports what could execute or
// connect, so nothing in an input can make it do either.
func TestNoNetworkOrExecImports(t *testing.T) {
	files := 0
	for _, dir := range []string{"cmd", "internal", "policies"} {
		err := filepath.WalkDir(filepath.Join("..", "..", dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return err
			}
			files++
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if p == "syscall" && syscallAllowed[path] != nil && imp.Name == nil {
					checkSyscallUses(t, path, f, syscallAllowed[path])
					continue
				}
				if forbiddenImports[p] {
					t.Errorf("%s imports %s", path, p)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 50 {
		t.Errorf("only %d Go files audited", files)
	}
}

// checkSyscallUses fails for every name of package syscall that f uses beyond allowed.
func checkSyscallUses(t *testing.T, path string, f *ast.File, allowed map[string]bool) {
	t.Helper()
	uses := 0
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && isSyscall(call.Fun, "Syscall") {
			if len(call.Args) == 0 || !isSyscall(call.Args[0], "SYS_MADVISE") {
				t.Errorf("%s: syscall.Syscall makes a call other than madvise", path)
			}
		}
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "syscall" {
			uses++
			if !allowed[sel.Sel.Name] {
				t.Errorf("%s uses syscall.%s; it may use only %v", path, sel.Sel.Name, slices.Sorted(maps.Keys(allowed)))
			}
		}
		return true
	})
	if uses == 0 {
		t.Errorf("%s imports syscall but the audit saw no use of it", path)
	}
}

// isSyscall reports whether e is syscall.name.
func isSyscall(e ast.Expr, name string) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "syscall" && sel.Sel.Name == name
}
