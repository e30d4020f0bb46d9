package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

// Bounds every hostile case must stay within (issue #8). maxCaseAlloc is the bytes
// allocated during the run (runtime.MemStats.TotalAlloc), which bounds the heap the
// case can have added at any moment; TestHostilePeakRSS checks the process's peak
// resident memory too. Wall time is not asserted here: on a loaded machine it measures
// the machine, so TestHostileInputs lifts the per-file budgets and only logs its time;
// budget_test.go checks that a budget ends a slow file, with maxCaseTime as its margin.
const (
	maxCaseTime  = 2 * time.Second
	maxCaseAlloc = 500 << 20
)

const goodTemplate = `{"resources": [{"type": "Microsoft.ContainerService/managedClusters", "name": "aks",
  "properties": {"agentPoolProfiles": [{"name": "system", "count": 1, "maxPods": 300}]}}]}`

// diag is a finding a case expects. at locates it by text instead of line:col: the
// first occurrence of at in the file gives the line and column.
type diag struct {
	file      string
	rule      string
	line, col int
	at        string
	msg       string
}

type hostileCase struct {
	name  string
	files map[string]string // written into the case's directory
	// fixtures are files of testdata/hostile copied into the case's directory.
	fixtures []string
	setup    func(t *testing.T, dir string)
	// named are the paths linted (relative to the case's directory); none: the directory.
	named []string
	opt   func(*Options, string)
	want  []diag
	// quiet are files that must give no finding at all.
	quiet []string
}

func clusterWith(networkProfile string) string {
	return `{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",
  "properties": {"networkProfile": ` + networkProfile + `,
    "agentPoolProfiles": [{"name": "system", "mode": "System", "count": 1}]}}`
}

// nestedDeploymentsJSON nests a cluster depth deployments deep on one line.
func nestedDeploymentsJSON(depth int, scope string) string {
	inner := clusterWith(`{"networkPlugin": "kubenet", "serviceCidr": "10.0.0.1/16"}`)
	for i := range depth {
		opts := ""
		if scope != "" {
			opts = `"expressionEvaluationOptions": {"scope": "` + scope + `"}, `
		}
		inner = fmt.Sprintf(`{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d%d", "properties": {%s"mode": "Incremental", "template": {"resources": [%s]}}}`, depth-1-i, opts, inner)
	}
	return `{"resources": [` + inner + `]}`
}

// nthBracket is the 1-based column of the n-th '[' or '{' of a one-line text
// without brackets inside strings.
func nthBracket(s string, n int) int {
	for i, c := range s {
		if c == '[' || c == '{' {
			if n--; n == 0 {
				return i + 1
			}
		}
	}
	return 0
}

func hostileCases() []hostileCase {
	nestedCalls := "[" + strings.Repeat("not(", 9999) + "true()" + strings.Repeat(")", 9999) + "]"
	longCalls := "[" + strings.Repeat("concat(", 10000) + "'x'" + strings.Repeat(")", 10000) + "]"
	deep1000 := nestedDeploymentsJSON(1000, "")
	// A value nested just under jsonsrc.MaxDepth around a string that fills the file:
	// lazy JSON access rescans the string at every level it descends.
	deepValue := func() string {
		depth := jsonsrc.MaxDepth - 4 // the template's own levels
		head := `{"variables": {"v": ` + strings.Repeat("[", depth) + `"`
		tail := `"` + strings.Repeat("]", depth) + `}, "resources": [` + clusterWith(`{"networkPlugin": "kubenet", "serviceCidr": "[string(variables('v'))]"}`) + `]}`
		return head + strings.Repeat("x", extract.DefaultMaxFileSize-len(head)-len(tail)) + tail
	}()
	atLimit := `{"resources": []}` + strings.Repeat(" ", extract.DefaultMaxFileSize-len(`{"resources": []}`))
	chain := map[string]string{}
	for i := range armeval.MaxDeploymentDepth + 2 {
		chain[fmt.Sprintf("d%d.json", i)] = fmt.Sprintf(`{"resources": [
  {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "link%d", "properties": {"mode": "Incremental", "templateLink": {"relativePath": "d%d.json"}}},
  {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "v%d", "properties": {"addressSpace": {"addressPrefixes": ["10.%d.0.0/16"]}}}]}`, i, i+1, i, i)
	}
	var invalidJSON, invalidScript []diag
	for _, v := range []string{"10.240.1.0/12", "10.240.0/22", "10.241.0.0/33", "172.16.0.0/-1", "0.0.0.0/0/0", "10.0.0.0.0/8", "10.2.0.1/16", "192.168.0.0/", "10.0.0.1/16", "10.0.0.300"} {
		invalidJSON = append(invalidJSON, diag{file: "invalid-address.json", rule: "AKSNET114", at: `"` + v + `"`, msg: v})
		if v != "172.16.0.0/-1" { // a peering's remote space comes from the remote VNet in the CLI
			invalidScript = append(invalidScript, diag{file: "invalid-address.sh", rule: "AKSNET114", at: " " + v, msg: v})
		}
	}
	for i := range invalidScript {
		invalidScript[i].at = strings.TrimPrefix(invalidScript[i].at, " ") // located at the value itself
	}

	// Linked templates that leave the root: each refused at its relativePath, unread.
	var escapeCases []hostileCase
	for _, e := range []struct{ rel, msg string }{
		{"../outside/evil.json", `"../outside/evil.json" is outside the root`},
		{"sub/../../outside/evil.json", "is outside the root"},
		{"/proc/self/environ", `"/proc/self/environ" is an absolute path`},
		{"/etc/passwd", "is an absolute path"},
		{"link-out.json", "is a symbolic link out of the root"},
		{"linkdir/evil.json", "is a symbolic link out of the root"},
		{"environ.json", "is a system file"},
		{"pipe.json", "is not a regular file (a named pipe)"},
	} {
		escapeCases = append(escapeCases, hostileCase{
			name:  "linked template " + e.rel,
			files: map[string]string{"linking.json": fmt.Sprintf(linkingTemplate, e.rel)},
			setup: escapes,
			want:  []diag{{file: "linking.json", rule: "AKSNET901", at: strconv.Quote(e.rel), msg: e.msg}},
			quiet: []string{"evil.json", "link-out.json", "environ.json", "pipe.json", "environ", "passwd"},
		})
	}

	return append(escapeCases, []hostileCase{
		// Files that cannot be read as what they claim to be.
		{name: "empty file", files: map[string]string{"empty.json": ""},
			want: []diag{{file: "empty.json", rule: ParseErrorID, line: 1, col: 1, msg: "the file is empty"}}},
		{name: "non-UTF-8 JSON", files: map[string]string{"latin1.json": "{\"resources\": [], \"x\": \"caf\xe9\"}"},
			want: []diag{{file: "latin1.json", rule: ParseErrorID, line: 1, col: 28, msg: "not UTF-8"}}},
		{name: "binary JSON", files: map[string]string{"bin.json": "\x00\x01\xff\xfebinary"},
			want: []diag{{file: "bin.json", rule: ParseErrorID, line: 1, col: 3, msg: "not UTF-8"}}},
		{name: "binary script", files: map[string]string{"tool.sh": "#!/bin/bash\n\x00\x01\xffaz aks create -n x\x00\n"},
			want: []diag{{file: "tool.sh", rule: ParseErrorID, line: 2, col: 3, msg: "invalid UTF-8"}}},
		{name: "byte order mark", files: map[string]string{"bom.json": "\xEF\xBB\xBF" + goodTemplate},
			want: []diag{{file: "bom.json", rule: "AKSNET301", at: "300", msg: "maxPods 300"}}},
		{name: "truncated JSON", files: map[string]string{"trunc.json": "{\n \"resources\": [\n  {\"type\": "},
			want: []diag{{file: "trunc.json", rule: ParseErrorID, line: 3, col: 12, msg: "unexpected end of file"}}},
		{name: "top-level array", files: map[string]string{"arr.json": "[1, 2]"}, named: []string{"arr.json"},
			want: []diag{{file: "arr.json", rule: ParseErrorID, line: 1, col: 1, msg: "found an array"}}},
		{name: "top-level scalar", files: map[string]string{"num.json": "42"}, named: []string{"num.json"},
			want: []diag{{file: "num.json", rule: ParseErrorID, line: 1, col: 1, msg: "found a number"}}},
		{name: "top-level array found by a walk is skipped", files: map[string]string{"arr.json": "[1, 2]"}, quiet: []string{"arr.json"}},
		{name: "file at the default size limit", files: map[string]string{"limit.json": atLimit}, quiet: []string{"limit.json"}},
		{name: "file one byte over the default size limit", files: map[string]string{"big.json": atLimit + " "},
			want: []diag{{file: "big.json", rule: ParseErrorID, line: 1, col: 1, msg: "file too large (10485761 bytes; the limit is 10485760)"}}},
		{name: "file over a configured size limit", files: map[string]string{"big.json": `{"resources": []}` + strings.Repeat(" ", 1008)},
			opt:  func(o *Options, _ string) { o.MaxFileSize = 1024 },
			want: []diag{{file: "big.json", rule: ParseErrorID, line: 1, col: 1, msg: "file too large (1025 bytes; the limit is 1024)"}}},
		{name: "JSON nested 100,000 deep", files: map[string]string{"deep.json": strings.Repeat("[", 100000) + strings.Repeat("]", 100000)},
			want: []diag{{file: "deep.json", rule: ParseErrorID, line: 1, col: jsonsrc.MaxDepth + 1, msg: "nested deeper than 128 levels"}}},

		// ARM templates that would make a naive evaluator loop, recurse or allocate.
		{name: "expression of 10,000 nested calls", files: map[string]string{"calls.json": `{"resources": [` + clusterWith(`{"networkPlugin": "kubenet", "serviceCidr": "`+nestedCalls+`"}`) + `]}`},
			want: []diag{{file: "calls.json", rule: "AKSNET901", at: `"[not(not(`, msg: "nested deeper than 256 levels"}}},
		{name: "expression of 10,000 nested calls over the length limit", files: map[string]string{"long.json": `{"resources": [` + clusterWith(`{"networkPlugin": "kubenet", "serviceCidr": "`+longCalls+`"}`) + `]}`},
			want: []diag{{file: "long.json", rule: "AKSNET901", at: `"[concat(`, msg: "longer than 65536 bytes"}}},
		{name: "variables in a cycle", files: map[string]string{"cycle.json": `{"variables": {"a": "[variables('b')]", "b": "[concat(variables('a'), '/16')]"},
 "resources": [` + clusterWith(`{"networkPlugin": "kubenet", "serviceCidr": "[variables('a')]"}`) + `]}`},
			want: []diag{{file: "cycle.json", rule: "AKSNET901", at: `"[variables('a')]"`, msg: "refers to itself"}}},
		{name: "variable referring to itself", files: map[string]string{"self.json": `{"variables": {"a": "[variables('a')]"},
 "resources": [` + clusterWith(`{"networkPlugin": "kubenet", "serviceCidr": "[variables('a')]"}`) + `]}`},
			want: []diag{{file: "self.json", rule: "AKSNET901", at: `"serviceCidr": |"[variables('a')]"`, msg: "refers to itself"}}},
		{name: "copy count of 1,000,000,000", files: map[string]string{"copy.json": `{"resources": [
 {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "[format('v{0}', copyIndex())]",
  "copy": {"name": "vnets", "count": 1000000000}, "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}]}`},
			want: []diag{{file: "copy.json", rule: "AKSNET901", at: "1000000000", msg: "exceeds ARM's limit of 800"}}},
		{name: "property copy count of 1,000,000,000", files: map[string]string{"propcopy.json": `{"resources": [
 {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "v", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/8"]},
  "copy": [{"name": "subnets", "count": 1000000000, "input": {"name": "[format('s{0}', copyIndex('subnets'))]", "properties": {"addressPrefix": "10.0.0.0/24"}}}]}}]}`},
			want: []diag{{file: "propcopy.json", rule: "AKSNET901", at: `{"name": "subnets"`, msg: "exceeds ARM's limit of 800"}}},
		{name: "value nested 124 deep in a 10 MB file", files: map[string]string{"deepvalue.json": deepValue},
			want: []diag{{file: "deepvalue.json", rule: "AKSNET901", at: `"serviceCidr": |"[string(`, msg: "value too large"}}},
		{name: "nested deployments 1,000 deep", files: map[string]string{"deep1000.json": deep1000},
			want: []diag{{file: "deep1000.json", rule: ParseErrorID, line: 1, col: nthBracket(deep1000, jsonsrc.MaxDepth+1), msg: "nested deeper than 128 levels"}}},
		{name: "nested deployments one past the depth limit", files: map[string]string{"deep11.json": nestedDeploymentsJSON(armeval.MaxDeploymentDepth+1, "inner")},
			want: []diag{{file: "deep11.json", rule: "AKSNET901", at: `"d10"`, msg: "nested deployments deeper than 10 levels are not followed"}}},
		{name: "linked templates one past the depth limit", files: chain, named: []string{"d0.json"},
			want: []diag{{file: "d10.json", rule: "AKSNET901", at: `"link10"`, msg: "nested deployments deeper than 10 levels are not followed"}}},
		{name: "parameter file whose template is missing", files: map[string]string{"lost.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`},
			named: []string{"lost.parameters.json"},
			want:  []diag{{file: "lost.parameters.json", rule: ParseErrorID, line: 1, col: 1, msg: "parameter file without a template: expected lost.json beside it"}}},
		{name: "parameter files that extend each other", files: map[string]string{"main.bicep": "param serviceCidr string = '10.0.0.0/16'\n",
			"a.bicepparam": "using 'main.bicep'\nextends 'b.bicepparam'\n", "b.bicepparam": "using none\nextends 'a.bicepparam'\n"},
			named: []string{"a.bicepparam"},
			want:  []diag{{file: "b.bicepparam", rule: ParseErrorID, line: 2, col: 9, msg: "parameter files extend each other in a cycle: a.bicepparam -> b.bicepparam -> a.bicepparam"}}},
		{name: "--parameters naming a missing file", files: map[string]string{"t.json": goodTemplate}, named: []string{"t.json"},
			opt:  func(o *Options, dir string) { o.Parameters = []string{filepath.Join(dir, "missing.parameters.json")} },
			want: []diag{{file: "missing.parameters.json", rule: ParseErrorID, line: 1, col: 1, msg: "no such file"}}},
		{name: "--parameters naming a directory", files: map[string]string{"t.json": goodTemplate}, named: []string{"t.json"},
			setup: func(t *testing.T, dir string) { mkdir(t, filepath.Join(dir, "p.parameters.json")) },
			opt:   func(o *Options, dir string) { o.Parameters = []string{filepath.Join(dir, "p.parameters.json")} },
			want:  []diag{{file: "p.parameters.json", rule: ParseErrorID, line: 1, col: 1, msg: "is a directory"}}},
		{name: "malformed CIDRs and IPs in every ARM field", fixtures: []string{"invalid-address.json"}, want: invalidJSON},
		{name: "malformed CIDRs and IPs in every az CLI flag", fixtures: []string{"invalid-address.sh"}, want: invalidScript},
		{name: "IPv6 where IPv4 belongs", fixtures: []string{"ipv6-in-ipv4-fields.json"}, want: []diag{
			{file: "ipv6-in-ipv4-fields.json", rule: "AKSNET116", at: `"fd00:1::/64"`, msg: "the VNet has no IPv6 address space"},
			{file: "ipv6-in-ipv4-fields.json", rule: "AKSNET117", at: `"fd10::/64"`, msg: "single-stack IPv4"},
			{file: "ipv6-in-ipv4-fields.json", rule: "AKSNET117", at: `"fd20::/108"`, msg: "single-stack IPv4"},
			{file: "ipv6-in-ipv4-fields.json", rule: "AKSNET108", at: `"fd20::10"`, msg: "is not an IPv4 address"},
			{file: "ipv6-in-ipv4-fields.json", rule: "AKSNET108", at: `"fd30::10"`, msg: "is not an IPv4 address"},
		}},

		// Scripts.
		{name: "unterminated quote", files: map[string]string{"quote.sh": "#!/bin/bash\naz aks create -n \"aks\n"},
			want: []diag{{file: "quote.sh", rule: ParseErrorID, line: 2, col: 18, msg: "without closing quote"}}},
		{name: "unterminated heredoc", files: map[string]string{"here.sh": "#!/bin/bash\ncat <<EOF\naz aks create -n x\n"},
			want: []diag{{file: "here.sh", rule: ParseErrorID, line: 2, col: 5, msg: "here-document"}}},
		{name: "command substitution 10,000 deep", files: map[string]string{"subst.sh": "#!/bin/bash\nX=" + strings.Repeat("$(", 10000) + "echo" + strings.Repeat(")", 10000) +
			"\naz aks create -n a --service-cidr \"$X\"\n"},
			want: []diag{{file: "subst.sh", rule: "AKSNET901", line: 3, col: 35, msg: "service"}}},
		{name: "script that creates no network", files: map[string]string{"build.sh": "#!/bin/bash\nmake all\n"}, quiet: []string{"build.sh"}},

		// The file system.
		{name: "symbolic link loop", setup: func(t *testing.T, dir string) {
			symlink(t, "loop-b.json", filepath.Join(dir, "loop-a.json"))
			symlink(t, "loop-a.json", filepath.Join(dir, "loop-b.json"))
		}, quiet: []string{"loop-a.json", "loop-b.json"}},
		{name: "symbolic link out of the linted root", setup: func(t *testing.T, dir string) {
			outside := filepath.Join(t.TempDir(), "outside.json")
			write(t, outside, goodTemplate)
			symlink(t, outside, filepath.Join(dir, "outside.json"))
			mkdir(t, filepath.Join(dir, "sub"))
			symlink(t, filepath.Dir(outside), filepath.Join(dir, "sub", "escape"))
		}, quiet: []string{"outside.json"}},
		{name: "unreadable file", files: map[string]string{"secret.json": goodTemplate}, setup: func(t *testing.T, dir string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads any file")
			}
			if err := os.Chmod(filepath.Join(dir, "secret.json"), 0); err != nil {
				t.Fatal(err)
			}
		}, want: []diag{{file: "secret.json", rule: ParseErrorID, line: 1, col: 1, msg: "permission denied"}}},
		{name: "named link to /proc/self/mem", setup: func(t *testing.T, dir string) {
			if _, err := os.Stat("/proc/self/mem"); err != nil {
				t.Skip("no /proc/self/mem here")
			}
			symlink(t, "/proc/self/mem", filepath.Join(dir, "mem.json"))
		}, named: []string{"mem.json"}, want: []diag{{file: "mem.json", rule: ParseErrorID, line: 1, col: 1, msg: "the path is a system file; it is never read"}}},
		// A hook names the files a pull request changed: a link among them is content.
		{name: "named link to /proc/self/environ", setup: func(t *testing.T, dir string) {
			symlink(t, "/proc/self/environ", filepath.Join(dir, "environ.json"))
		}, named: []string{"environ.json"}, want: []diag{{file: "environ.json", rule: ParseErrorID, line: 1, col: 1, msg: "the path is a system file; it is never read"}}},
		{name: "named link out of the root", setup: func(t *testing.T, dir string) {
			escapes(t, dir)
		}, named: []string{"link-out.json"}, want: []diag{{file: "link-out.json", rule: ParseErrorID, line: 1, col: 1, msg: "the path is a symbolic link out of the root"}}},
		{name: "named link to a named pipe", setup: func(t *testing.T, dir string) {
			mkfifo(t, filepath.Join(dir, "pipe"))
			symlink(t, "pipe", filepath.Join(dir, "pipe.json"))
		}, named: []string{"pipe.json"}, want: []diag{{file: "pipe.json", rule: ParseErrorID, line: 1, col: 1, msg: "the path is not a regular file (a named pipe)"}}},
		{name: "named path through a link out of the root", setup: func(t *testing.T, dir string) {
			escapes(t, dir)
		}, named: []string{"linkdir/evil.json"}, want: []diag{{file: "evil.json", rule: ParseErrorID, line: 1, col: 1, msg: "the path is a symbolic link out of the root"}}},
		{name: "named directory that is a link out of the root", setup: func(t *testing.T, dir string) {
			escapes(t, dir)
		}, named: []string{"linkdir/"}, want: []diag{{file: "linkdir", rule: ParseErrorID, line: 1, col: 1, msg: "the path is a symbolic link out of the root"}}},
		{name: "named link inside the root", setup: func(t *testing.T, dir string) {
			mkdir(t, filepath.Join(dir, "real"))
			write(t, filepath.Join(dir, "real", "t.json"), goodTemplate)
			symlink(t, filepath.Join("real", "t.json"), filepath.Join(dir, "alias.json"))
		}, named: []string{"alias.json"}, want: []diag{{file: "alias.json", rule: "AKSNET301", at: "300", msg: "maxPods 300"}}},
		{name: "directory named x.json", setup: func(t *testing.T, dir string) {
			mkdir(t, filepath.Join(dir, "x.json"))
			write(t, filepath.Join(dir, "x.json", "inner.json"), goodTemplate)
		}, named: []string{"x.json", "."}, want: []diag{
			{file: "x.json/inner.json", rule: "AKSNET301", at: "300", msg: "maxPods 300"},
		}},
	}...)
}

// linkingTemplate links the template at %s, which would give findings for cluster
// "evil" if it were read, and uses one of its outputs so that the refusal is a note.
const linkingTemplate = `{"resources": [
  {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "link",
   "properties": {"mode": "Incremental", "templateLink": {"relativePath": %q}}},
  {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",
   "properties": {"networkProfile": {"networkPlugin": "kubenet", "serviceCidr": "[reference('link').outputs.cidr.value]"},
     "agentPoolProfiles": [{"name": "system", "mode": "System", "count": 1}]}}]}`

// escapes makes what testdata/hostile/linked-escapes.json links to, beside and inside
// the case's directory (the root): a template outside it that would give findings for
// cluster "evil" if it were read, links inside the root to it, to its directory and to
// /proc/self/environ, and a named pipe, which would block the run if it were opened.
func escapes(t *testing.T, dir string) {
	outside := filepath.Join(filepath.Dir(dir), "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	evil := filepath.Join(outside, "evil.json")
	write(t, evil, strings.Replace(goodTemplate, `"aks"`, `"evil"`, 1))
	symlink(t, evil, filepath.Join(dir, "link-out.json"))
	symlink(t, outside, filepath.Join(dir, "linkdir"))
	symlink(t, "/proc/self/environ", filepath.Join(dir, "environ.json"))
	mkfifo(t, filepath.Join(dir, "pipe.json"))
}

// TestHostileInputs: each hostile input ends as its located diagnostic (or nothing,
// for what is deliberately not read), the run goes on and lints a good file beside
// it, Failed counts exactly the files that failed (exit code 2), and the run stays
// within maxCaseAlloc. Every hostile input must end in its own diagnostic, not in the
// per-file time budget (lifted here), so a slow machine cannot turn a case into an
// AKSNET902 "time budget exceeded".
func TestHostileInputs(t *testing.T) {
	eng := testEngine(t)
	for _, b := range []*time.Duration{&extractBudget, &evalBudget, &variantBudget} {
		saved := *b
		*b = 10 * time.Minute
		t.Cleanup(func() { *b = saved })
	}
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tc.files {
				write(t, filepath.Join(dir, name), content)
			}
			for _, name := range tc.fixtures {
				data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", name))
				if err != nil {
					t.Fatal(err)
				}
				write(t, filepath.Join(dir, name), string(data))
			}
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			good := filepath.Join(dir, "good.json")
			write(t, good, goodTemplate)
			opt := Options{Paths: []string{dir}, Root: dir}
			if len(tc.named) > 0 {
				opt.Paths = []string{good}
				for _, n := range tc.named {
					opt.Paths = append(opt.Paths, filepath.Join(dir, n))
				}
			}
			if tc.opt != nil {
				tc.opt(&opt, dir)
			}

			var out Outcome
			cost := measure(func() {
				var err error
				if out, err = Run(context.Background(), eng, opt); err != nil {
					t.Fatal(err)
				}
			})
			t.Logf("%v, %d KB allocated", cost.wall.Round(time.Millisecond), cost.alloc>>10)
			if cost.alloc > maxCaseAlloc {
				t.Errorf("allocated %d MB; the bound is %d MB", cost.alloc>>20, maxCaseAlloc>>20)
			}

			failed := map[string]bool{}
			for _, w := range tc.want {
				line, col := w.line, w.col
				if w.at != "" {
					line, col = position(t, filepath.Join(dir, w.file), w.at)
				}
				if !hasFinding(out.Findings, filepath.Base(w.file), w.rule, line, col, w.msg) {
					t.Errorf("no %s at %s:%d:%d containing %q; findings:\n%s", w.rule, w.file, line, col, w.msg, listFindings(out.Findings))
				}
				if w.rule == ParseErrorID {
					failed[filepath.Base(w.file)] = true
				}
			}
			for _, f := range out.Findings {
				if f.RuleID == ParseErrorID && !failed[filepath.Base(f.Location.File)] {
					t.Errorf("unexpected %s", describe(f))
				}
				for _, q := range tc.quiet {
					if filepath.Base(f.Location.File) == q {
						t.Errorf("finding for %s, which must not be read: %s", q, describe(f))
					}
				}
			}
			wantFailed := len(failed)
			if out.Failed != wantFailed {
				t.Errorf("Failed = %d, want %d (the exit code is 2 exactly when a file failed)", out.Failed, wantFailed)
			}
			if line, col := position(t, good, "300"); !hasFinding(out.Findings, "good.json", "AKSNET301", line, col, "maxPods 300") {
				t.Errorf("the good file beside it was not linted:\n%s", listFindings(out.Findings))
			}
		})
	}
}

type cost struct {
	wall  time.Duration
	alloc uint64
}

// measure runs f and returns its wall time and the bytes allocated meanwhile (an
// upper bound on how much it grew the heap).
func measure(f func()) cost {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	wall := time.Since(start)
	runtime.ReadMemStats(&after)
	return cost{wall: wall, alloc: after.TotalAlloc - before.TotalAlloc}
}

var sharedEngine struct {
	eng *engine.Engine
	err error
}

// testEngine compiles the built-in policies once for the package's tests.
func testEngine(t testing.TB) *engine.Engine {
	t.Helper()
	if sharedEngine.eng == nil && sharedEngine.err == nil {
		sharedEngine.eng, sharedEngine.err = engine.New(context.Background(), engine.Options{})
	}
	if sharedEngine.err != nil {
		t.Fatal(sharedEngine.err)
	}
	return sharedEngine.eng
}

// position is the 1-based line and column (in code points) of the first occurrence
// of text in the file; in "before|text", of text after the first before.
func position(t *testing.T, path, text string) (int, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, text, marked := strings.Cut(text, "|")
	if !marked {
		before, text = "", before
	}
	i := strings.Index(string(data), before+text)
	if i < 0 {
		t.Fatalf("%q is not in %s", before+text, path)
	}
	i += len(before)
	head := string(data[:i])
	line := strings.Count(head, "\n") + 1
	return line, len([]rune(head[strings.LastIndex(head, "\n")+1:])) + 1
}

func hasFinding(fs []finding.Finding, file, rule string, line, col int, msg string) bool {
	for _, f := range fs {
		if filepath.Base(f.Location.File) == file && f.RuleID == rule && f.Location.Line == line && f.Location.Column == col && strings.Contains(f.Message, msg) {
			return true
		}
	}
	return false
}

func describe(f finding.Finding) string {
	msg := f.Message
	if len(msg) > 160 {
		msg = msg[:160] + "..."
	}
	return fmt.Sprintf("%s:%d:%d: %s %s", filepath.Base(f.Location.File), f.Location.Line, f.Location.Column, f.RuleID, msg)
}

func listFindings(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + describe(f) + "\n")
	}
	return b.String()
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, path string) {
	t.Helper()
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestHostileConfigPaths: a configuration that comes with a pull request names, as a
// parameter file, a path out of the root (through "..", an absolute path or a symbolic
// link), /proc/self/environ or a named pipe. The run stops before reading any input
// with an error at the line and column of the entry, and nothing is opened: a named
// pipe opened for reading would block the run until the test's deadline. Neither the
// error nor anything else quotes the file.
func TestHostileConfigPaths(t *testing.T) {
	eng := testEngine(t)
	for _, tc := range []struct{ name, param, want string }{
		{"dot-dot", "../outside/secret.parameters.json", "is outside the root"},
		{"dot-dot through a directory", "infra/../../outside/secret.parameters.json", "is outside the root"},
		{"absolute", "OUTSIDE/secret.parameters.json", "is an absolute path"},
		{"proc", "/proc/self/environ", "is an absolute path"},
		{"symbolic link out", "infra/link.parameters.json", "is a symbolic link out of the root"},
		{"symbolic link to proc", "infra/environ.parameters.json", "is a system file"},
		{"named pipe", "infra/pipe.parameters.json", "is not a regular file (a named pipe)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			root := filepath.Join(base, "repo")
			outside := filepath.Join(base, "outside")
			mkdir(t, root)
			mkdir(t, outside)
			mkdir(t, filepath.Join(root, "infra"))
			secret := filepath.Join(outside, "secret.parameters.json")
			write(t, secret, `{"parameters": {"MY_SECRET": {"value": "hunter2"}}}`)
			write(t, filepath.Join(root, "infra", "aks.json"), goodTemplate)
			symlink(t, secret, filepath.Join(root, "infra", "link.parameters.json"))
			symlink(t, "/proc/self/environ", filepath.Join(root, "infra", "environ.parameters.json"))
			mkfifo(t, filepath.Join(root, "infra", "pipe.parameters.json"))
			param := strings.ReplaceAll(tc.param, "OUTSIDE", outside)
			write(t, filepath.Join(root, ".aksnet-lint.yaml"), "# from the pull request\nparameters:\n  infra/aks.json: [\""+param+"\"]\n")
			t.Chdir(root)
			cfg, err := config.Load(".aksnet-lint.yaml", true)
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := Run(context.Background(), eng, Options{Paths: []string{"infra/aks.json"}, Config: cfg, Root: root})
				done <- err
			}()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the run blocked: it opened the named pipe")
			}
			want := `.aksnet-lint.yaml:3:20: parameters: infra/aks.json: parameter file "` + param + `" ` + tc.want
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("got %v\nwant %s...", err, want)
			}
			if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "MY_SECRET") {
				t.Fatalf("the error quotes the file: %v", err)
			}
		})
	}
}
