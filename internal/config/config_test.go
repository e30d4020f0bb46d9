package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// writeFile writes content to dir/name (creating directories) and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(content string) string { return writeFile(t, dir, "c.yaml", content) }
	c, err := Load(write("rules:\n  AKSNET110: off\n  AKSNET203: warning\nexclude:\n  - ./legacy/\ninclude: [infra/**]\n"+
		"connectedNetworks:\n  - name: on-premises\n    addressPrefixes: [192.168.0.0/16, 'fd00::/8']\n"+
		"parameters:\n  ./infra/main.json: [env/prod.json]\nmaxFileSize: 1024\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	if c.Rules["AKSNET110"] != "off" || c.Rules["AKSNET203"] != "warning" || c.MaxFileSize != 1024 ||
		c.ConnectedNetworks[0].Name != "on-premises" || c.ConnectedNetworks[0].AddressPrefixes[1] != "fd00::/8" {
		t.Errorf("%+v", c)
	}
	// Globs are cleaned: "./legacy/" is "legacy".
	if !slices.Equal(c.Exclude, []string{"legacy"}) || !slices.Equal(c.Include, []string{"infra/**"}) || !slices.Equal(c.Parameters["infra/main.json"], []string{"env/prod.json"}) {
		t.Errorf("globs %q %q %q", c.Exclude, c.Include, c.Parameters)
	}
	if c, err := Load(write(""), true); err != nil || len(c.Rules) != 0 {
		t.Errorf("empty file: %+v %v", c, err)
	}
	if c, err := Load(filepath.Join(dir, "none.yaml"), false); err != nil || c.File != "" {
		t.Errorf("missing default file: %+v %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, "none.yaml"), true); err == nil {
		t.Error("missing explicit file accepted")
	}
}

// TestLoadErrors: each mistake is refused with one message, file:line:col: what is
// wrong and what to write instead.
func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, content, want string }{
		{"unknown level", "rules:\n  AKSNET110: fatal\n", `c.yaml:2:14: rule AKSNET110: level "fatal" must be error, warning, note or off`},
		{"unknown key", "rulez: {}\n", "c.yaml:1:1: unknown key rulez in the configuration (did you mean rules?)"},
		{"misspelt key", "exlude: [a]\n", "c.yaml:1:1: unknown key exlude in the configuration (did you mean exclude?)"},
		{"key case", "maxfilesize: 10\n", "c.yaml:1:1: unknown key maxfilesize in the configuration (did you mean maxFileSize?)"},
		{"unknown key, nothing near", "severity: high\n", "c.yaml:1:1: unknown key severity in the configuration (known keys: connectedNetworks, deployments, exclude, ignore, include, maxFileSize, parameters, reportUnusedSuppressions, rules, timeout)"},
		{"unknown key in an entry", "ignore:\n  - paths: [a]\n    rules: [AKSNET110]\n    reasn: r\n", "c.yaml:4:5: unknown key reasn in an entry of ignore (did you mean reason?)"},
		{"a string for a list", "exclude: infra/**\n", `c.yaml:1:10: exclude must be a list of strings, not the string "infra/**": write [infra/**], or one line per entry starting with -`},
		{"a list for a mapping", "rules: [AKSNET110]\n", "c.yaml:1:8: rules must be a mapping from names to strings, not a list"},
		{"a string for a number", "maxFileSize: big\n", `c.yaml:1:14: maxFileSize must be a whole number, not the string "big"`},
		{"a mapping for a string", "ignore:\n  - paths: [a]\n    rules: [AKSNET110]\n    reason: {why: r}\n", "c.yaml:4:13: reason must be a string, not a mapping"},
		{"a list of lists", "include: [[a]]\n", "c.yaml:1:11: an entry of include must be a string, not a list"},
		{"a word for a bool", "reportUnusedSuppressions: no way\n", `c.yaml:1:27: reportUnusedSuppressions must be true or false, not the string "no way"`},
		{"a key twice", "exclude: [a]\nexclude: [b]\n", "c.yaml:2:1: exclude is given twice in the configuration (first at line 1)"},
		{"syntax", "rules: [\n", "c.yaml:1: did not find expected node content"},
		{"AKSNET902 in rules", "rules:\n  AKSNET902: off\n", "c.yaml:2:3: rules: AKSNET902 cannot be configured: a file that could not be read or parsed is always reported, at error level"},
		{"AKSNET902 in ignore", "ignore:\n  - paths: [a]\n    rules: [AKSNET110, AKSNET902]\n    reason: r\n", "c.yaml:3:24: ignore entry 1 (AKSNET110, AKSNET902): AKSNET902 cannot be ignored: a file that could not be read or parsed is always reported, at error level"},
		{"ignore without reason", "ignore:\n  - paths: [a/**]\n    rules: [AKSNET110]\n", "c.yaml:2:5: ignore entry 1 (AKSNET110) has no reason: say why these findings are accepted (reason: ...); reviewers read it in SARIF"},
		{"ignore with a blank reason", "ignore:\n  - paths: [a/**]\n    rules: [AKSNET110]\n    reason: ok\n  - paths: [b]\n    rules: [AKSNET1, X]\n    reason: '  '\n", "c.yaml:5:5: ignore entry 2 (AKSNET1, X) has no reason: say why these findings are accepted (reason: ...); reviewers read it in SARIF"},
		{"ignore without rules", "ignore:\n  - paths: [a/**]\n    reason: r\n", "c.yaml:2:5: ignore entry 1 has no rules: list the rule IDs it silences (AKSNET301)"},
		{"ignore without paths", "ignore:\n  - rules: [AKSNET110]\n    reason: r\n", "c.yaml:2:5: ignore entry 1 (AKSNET110) has no paths: list the files it applies to (globs such as legacy/**)"},
		{"ignore with a bad rule ID", "ignore:\n  - paths: [a]\n    rules: [aksnet110]\n    reason: r\n", `c.yaml:3:13: ignore entry 1 (aksnet110): "aksnet110" is not a rule ID (such as AKSNET301)`},
		{"bad glob", "exclude:\n  - ok/**\n  - 'a/[b'\n", `c.yaml:3:5: exclude: "a/[b" is not a valid glob`},
		{"empty glob", "include: ['']\n", "c.yaml:1:11: include: empty path"},
		{"backslashes", "exclude: ['legacy\\old']\n", `c.yaml:1:11: exclude: "legacy\\old": write paths with forward slashes`},
		{"outside", "include: [../other/**]\n", `c.yaml:1:11: include: "../other/**" is outside the directory of the config file; paths are relative to it`},
		{"absolute", "exclude: [/etc/**]\n", `c.yaml:1:11: exclude: "/etc/**" is outside the directory of the config file; paths are relative to it`},
		{"deployment without paths", "deployments:\n  - resourceGroup: rg\n", "c.yaml:2:5: deployments entry 1 has no paths: list the templates and scripts it deploys (globs such as network/**)"},
		{"deployment without scope", "deployments:\n  - paths: [a.json]\n", "c.yaml:2:5: deployments entry 1 names neither a resourceGroup nor a subscription"},
		{"deployment expression", "deployments:\n  - paths: [a.json]\n    resourceGroup: $RG\n", `c.yaml:3:5: deployments entry 1: resourceGroup "$RG" must be a name written out, not an expression`},
		{"deployment outside", "deployments:\n  - paths: [../a.json]\n    resourceGroup: rg\n", `c.yaml:2:13: deployments: "../a.json" is outside the directory of the config file; paths are relative to it`},
		{"connected without prefixes", "connectedNetworks:\n  - name: x\n", "c.yaml:2:5: connectedNetworks entry 1 needs a name and addressPrefixes"},
		{"connected bad prefix", "connectedNetworks:\n  - name: hub\n    addressPrefixes:\n      - 10.0.0.0/8\n      - 10.0.0/8\n", `c.yaml:5:9: connected network "hub": "10.0.0/8" is not an address range (write it as 10.0.0.0/8)`},
		{"parameters without files", "parameters:\n  main.json: []\n", "c.yaml:2:3: parameters: main.json lists no parameter file"},
		{"parameters glob file", "parameters:\n  main.json: [env/*.json]\n", `c.yaml:2:15: parameters: main.json: "env/*.json": parameter files are file names, not globs`},
		{"parameters duplicate after cleaning", "parameters:\n  main.json: [a.json]\n  ./main.json: [b.json]\n", "c.yaml:2:3: parameters: main.json is listed twice"},
		{"timeout not a duration", "timeout: 30\n", `c.yaml:1:1: timeout "30" must be a duration above 0, such as 30s or 2m`},
		{"timeout zero", "timeout: 0s\n", `c.yaml:1:1: timeout "0s" must be a duration above 0, such as 30s or 2m`},
		{"timeout over the ceiling", "timeout: 1h\n", "c.yaml:1:1: timeout 1h is over the ceiling of 10m0s"},
		{"negative size", "maxFileSize: -1\n", "c.yaml:1:1: maxFileSize -1 must be a number of bytes, at least 0 (0: the default, 10 MiB)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, "c.yaml", tt.content)
			_, err := Load(p, true)
			if err == nil {
				t.Fatalf("accepted; want %q", tt.want)
			}
			if got := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestHostBits: a connected network written with host bits set is read as the network
// it names, with a warning saying so.
func TestHostBits(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "c.yaml", "connectedNetworks:\n  - name: on-premises\n    addressPrefixes: [10.0.0.1/8, 192.168.0.0/16, \"fd00::1/64\"]\n")
	c, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		p + `:3:23: connected network "on-premises": 10.0.0.1/8 has host bits set; it is read as the network 10.0.0.0/8`,
		p + `:3:51: connected network "on-premises": fd00::1/64 has host bits set; it is read as the network fd00::/64`,
	}
	if !slices.Equal(c.Warnings, want) {
		t.Errorf("warnings:\n%q\nwant\n%q", c.Warnings, want)
	}
	if got := c.Connected()[0].AddressPrefixes; !slices.Equal(got, []string{"10.0.0.0/8", "192.168.0.0/16", "fd00::/64"}) {
		t.Errorf("prefixes %q", got)
	}
}

// TestStarter: the file init writes loads as an empty configuration, and with every
// commented setting uncommented it is still valid and sets every key, so the starter
// shows all of them.
func TestStarter(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, DefaultFile)
	if err := WriteStarter(p, false); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*c, Config{File: p, root: c.root, absDir: c.absDir, cwd: c.cwd}) {
		t.Errorf("the starter sets something: %+v", c)
	}
	if err := WriteStarter(p, false); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "--force") {
		t.Errorf("second write: %v", err)
	}
	if err := os.WriteFile(p, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteStarter(p, true); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(p); string(data) != string(Starter) {
		t.Error("--force did not overwrite")
	}

	// A commented setting is "#" before the line as it would be written; prose is "# ".
	setting := regexp.MustCompile(`(?m)^#(\S|  )`)
	uncommented := setting.ReplaceAllString(string(Starter), "$1")
	full, err := parse(filepath.Join(dir, "full.yaml"), []byte(uncommented))
	if err != nil {
		t.Fatalf("uncommented starter: %v\n%s", err, uncommented)
	}
	v := reflect.ValueOf(*full)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if tag := f.Tag.Get("yaml"); tag != "" && tag != "-" && v.Field(i).IsZero() {
			t.Errorf("the starter has no example of %s", tag)
		}
	}
}

func TestPathsAreRelativeToTheConfigFile(t *testing.T) {
	root := t.TempDir()
	p := writeFile(t, root, "repo/.aksnet-lint.yaml", "include: [infra, scripts/**/*.sh]\nexclude: [infra/old]\n"+
		"ignore:\n  - paths: ['**/lab-*']\n    rules: [AKSNET301]\n    reason: lab\n")
	c, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "repo")
	tests := []struct {
		path                string
		excluded, included  bool
		ignored301, ignored bool
	}{
		{path: "infra/aks.json", included: true},
		{path: "infra/old/aks.json", excluded: true, included: true},
		{path: "infra/old", excluded: true, included: true},
		{path: "scripts/a/b.sh", included: true},
		{path: "scripts/b.json"},
		{path: "docs/lab-x.md", ignored301: true},
		{path: "../elsewhere/infra/aks.json"}, // outside the config's directory: no glob applies
	}
	for _, tt := range tests {
		abs := filepath.Join(repo, filepath.FromSlash(tt.path))
		_, ig := c.IgnoreFor(abs, "AKSNET301")
		_, other := c.IgnoreFor(abs, "AKSNET302")
		if c.Excluded(abs) != tt.excluded || c.Included(abs) != tt.included || ig != tt.ignored301 || other {
			t.Errorf("%s: excluded %v included %v ignored %v/%v", tt.path, c.Excluded(abs), c.Included(abs), ig, other)
		}
	}
	// Relative paths are read from the working directory (as it is when loading).
	t.Chdir(repo)
	if c, err = Load(DefaultFile, false); err != nil {
		t.Fatal(err)
	}
	if rel, ok := c.Rel("./infra/aks.json"); !ok || rel != "infra/aks.json" {
		t.Errorf("Rel from the working directory: %q %v", rel, ok)
	}
	// Without a file, paths are taken as given.
	none := &Config{Exclude: []string{"legacy"}}
	if !none.Excluded("./legacy/a.json") || none.Excluded("infra/a.json") || !none.Included("x") {
		t.Error("config without a file")
	}
}

func TestParameters(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "infra/main.json", "{}")
	writeFile(t, root, "infra/env/prod.json", "{}")
	writeFile(t, root, "infra/env/dev.json", "{}")
	writeFile(t, root, "modules/a/main.json", "{}")
	writeFile(t, root, "modules/b/main.json", "{}")
	writeFile(t, root, "shared.json", "{}")
	p := writeFile(t, root, ".aksnet-lint.yaml", "parameters:\n  infra/main.json: [infra/env/prod.json, infra/env/dev.json]\n  modules/*/main.json: [shared.json]\n  '**/main.json': [shared.json]\n")
	c, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	in := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	policy, err := pathpolicy.New(root)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.ParametersFor(in("infra/main.json")), []string{in("shared.json"), in("infra/env/prod.json"), in("infra/env/dev.json")}; !slices.Equal(got, want) {
		t.Errorf("ParametersFor infra/main.json = %q, want %q (entries in sorted order, files in listed order, no repeats)", got, want)
	}
	if got := c.ParametersFor(in("other.json")); got != nil {
		t.Errorf("unmapped template: %q", got)
	}
	if got, want := c.TemplatesFor(in("shared.json"), policy), []string{in("infra/main.json"), in("modules/a/main.json"), in("modules/b/main.json")}; !slices.Equal(got, want) {
		t.Errorf("TemplatesFor shared.json = %q, want %q", got, want)
	}
	if got, want := c.TemplatesFor(in("infra/env/dev.json"), policy), []string{in("infra/main.json")}; !slices.Equal(got, want) {
		t.Errorf("TemplatesFor dev.json = %q, want %q", got, want)
	}
	if got := c.TemplatesFor(in("infra/main.json"), policy); got != nil {
		t.Errorf("a file listed nowhere: %q", got)
	}
	if err := c.CheckParameterFiles(policy); err != nil {
		t.Error(err)
	}
	p = writeFile(t, root, ".aksnet-lint.yaml", "parameters:\n  infra/main.json:\n    - infra/env/prod.json\n    - infra/env/test.json\n")
	if c, err = Load(p, true); err != nil {
		t.Fatal(err)
	}
	if err := c.CheckParameterFiles(policy); err == nil || !strings.Contains(err.Error(), `.aksnet-lint.yaml:4:7: parameters: infra/main.json: parameter file "infra/env/test.json" does not exist`) {
		t.Errorf("missing parameter file: %v", err)
	}
}

func TestMatchAny(t *testing.T) {
	for _, tt := range []struct {
		glob, path string
		want       bool
	}{
		{"legacy", "legacy/a.json", true},
		{"legacy/**", "legacy/a/b.json", true},
		{"legacy", "src/legacy/a.json", false},
		{"**/legacy", "src/legacy/a.json", true},
		{"*.json", "a.json", true},
		{"*.json", "infra/a.json", false},
		{"**/*.json", "infra/a.json", true},
		{"infra/*.sh", "infra/x/a.sh", false},
	} {
		if got := MatchAny([]string{tt.glob}, tt.path); got != tt.want {
			t.Errorf("MatchAny(%q, %q) = %v", tt.glob, tt.path, got)
		}
	}
}

// TestParameterFilesPolicy: a parameter file named in the configuration is read only
// when it is a regular file inside the root; otherwise the run stops with the
// position of the entry that names it, and the file is never opened (a named pipe
// opened for reading would block until the test's deadline).
func TestParameterFilesPolicy(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "repo")
	writeFile(t, root, "infra/aks.json", "{}")
	writeFile(t, root, "infra/ok.parameters.json", "{}")
	secret := writeFile(t, base, "outside/secret.json", `{"MY_SECRET": "hunter2"}`)
	if err := os.Symlink(secret, filepath.Join(root, "infra", "link.json")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	mkfifo(t, filepath.Join(root, "infra", "pipe.json"))
	policy, err := pathpolicy.New(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file, want string
	}{
		{"inside", "infra/ok.parameters.json", ""},
		{"dot-dot", "../outside/secret.json", `"../outside/secret.json" is outside the root`},
		{"dot-dot inside first", "infra/../../outside/secret.json", "is outside the root"},
		{"absolute outside", secret, "is an absolute path"},
		{"absolute inside", filepath.Join(root, "infra", "ok.parameters.json"), "is an absolute path"},
		{"proc", "/proc/self/environ", `"/proc/self/environ" is an absolute path`},
		{"symbolic link out", "infra/link.json", "is a symbolic link out of the root"},
		{"named pipe", "infra/pipe.json", "is not a regular file (a named pipe)"},
		{"missing", "infra/none.json", "does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := "# hostile\nparameters:\n  infra/aks.json:\n    - infra/ok.parameters.json\n    - " + strconv.Quote(tc.file) + "\n"
			c, err := Load(writeFile(t, root, ".aksnet-lint.yaml", cfg), true)
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- c.CheckParameterFiles(policy) }()
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("CheckParameterFiles blocked: it opened a named pipe")
			}
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			at := filepath.Join(root, ".aksnet-lint.yaml") + ":5:7: parameters: infra/aks.json: parameter file "
			if err == nil || !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant %s...%s", err, at, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Fatalf("the message quotes the file: %v", err)
			}
		})
	}
}

// TestMaxFileSizeCeiling: a configuration may lower maxFileSize, never lift it past
// the ceiling.
func TestMaxFileSizeCeiling(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		size    int64
		wantErr bool
	}{{0, false}, {1024, false}, {MaxFileSizeCeiling, false}, {MaxFileSizeCeiling + 1, true}, {1 << 62, true}, {-1, true}} {
		_, err := Load(writeFile(t, dir, "c.yaml", "rules: {}\nmaxFileSize: "+strconv.FormatInt(tc.size, 10)+"\n"), true)
		if (err != nil) != tc.wantErr {
			t.Errorf("maxFileSize %d: err %v, want error %v", tc.size, err, tc.wantErr)
		}
		if tc.wantErr && tc.size > 0 && (err == nil || !strings.Contains(err.Error(), "c.yaml:2:1: maxFileSize") || !strings.Contains(err.Error(), "ceiling")) {
			t.Errorf("maxFileSize %d: %v", tc.size, err)
		}
	}
}

func TestDeploymentFor(t *testing.T) {
	c, err := parse("c.yaml", []byte("deployments:\n  - paths: [net/**]\n    resourceGroup: RG-Net\n    subscription: Sub1\n  - paths: [net/b.json, apps/*.sh]\n    resourceGroup: rg-b\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, rg, sub string }{
		{"net/a.json", "rg-net", "sub1"},
		{"net/b.json", "rg-net", "sub1"}, // the first entry that matches
		{"apps/x.sh", "rg-b", ""},
		{"other.json", "", ""},
	} {
		if rg, sub := c.DeploymentFor(tc.file); rg != tc.rg || sub != tc.sub {
			t.Errorf("DeploymentFor(%s) = %q, %q; want %q, %q", tc.file, rg, sub, tc.rg, tc.sub)
		}
	}
}

func TestTimeout(t *testing.T) {
	p := writeFile(t, t.TempDir(), "c.yaml", "timeout: 2m\n")
	c, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.EvalTimeout(); got != 2*time.Minute {
		t.Errorf("timeout %v, want 2m", got)
	}
	if got := (*Config)(nil).EvalTimeout(); got != 0 {
		t.Errorf("no configuration: timeout %v, want 0", got)
	}
}
