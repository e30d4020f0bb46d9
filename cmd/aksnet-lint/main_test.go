package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestMain runs from the repository root, so reported paths read testdata/... as a user
// running in a checkout would see them.
func TestMain(m *testing.M) {
	if helper() {
		return // the test binary ran as the CLI for a test (untrusted_test.go)
	}
	if err := os.Chdir("../.."); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// lintRun runs the CLI in-process and returns stdout, stderr and the exit code.
func lintRun(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"aksnet-lint"}, args...), &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

// golden compares got with the file, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/aksnet-lint -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update to accept):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// TestGoldenOK: every file under testdata/<kind>/ok produces no finding at all.
func TestGoldenOK(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/ok/*")
	if len(files) == 0 {
		t.Fatal("no ok cases found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, stderr, code := lintRun(t, "--format", "json", f)
			var rep struct {
				Findings []json.RawMessage `json:"findings"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("json output: %v\n%s%s", err, out, stderr)
			}
			if code != 0 || len(rep.Findings) != 0 {
				t.Errorf("exit %d, %d findings, want none:\n%s%s", code, len(rep.Findings), out, stderr)
			}
		})
	}
}

// TestGoldenErr: every case under testdata/<kind>/err prints the text report (and exit
// code) kept beside it in <case>.out.
func TestGoldenErr(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/err/*")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".out") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, stderr, code := lintRun(t, "--no-color", f)
			if strings.Contains(out, "no findings") {
				t.Errorf("an err case produced no finding:\n%s%s", out, stderr)
			}
			golden(t, strings.TrimSuffix(f, filepath.Ext(f))+".out", fmt.Sprintf("%s%s# exit %d\n", out, stderr, code))
		})
	}
	if n == 0 {
		t.Fatal("no err cases found")
	}
}

// TestExamples is the newcomer's first run: the shipped examples report located findings
// and exit 1.
func TestExamples(t *testing.T) {
	out, stderr, code := lintRun(t, "--no-color", "examples")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	golden(t, "testdata/examples.out", out+stderr)
}

func TestRulesListsCatalogFromMetadata(t *testing.T) {
	out, stderr, code := lintRun(t, "rules")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "testdata/rules.out", out)
	for _, id := range []string{"AKSNET102", "AKSNET108", "AKSNET301"} {
		if !strings.Contains(out, id) {
			t.Errorf("rules output lacks %s", id)
		}
	}
	out, _, code = lintRun(t, "rules", "--format", "json")
	var rules []struct{ ID, Level string }
	if err := json.Unmarshal([]byte(out), &rules); err != nil || code != 0 || len(rules) < 3 {
		t.Errorf("json: %v %d %d", err, code, len(rules))
	}
	out, _, _ = lintRun(t, "rules", "--format", "markdown")
	if !strings.Contains(out, "| [AKSNET102](https://learn.microsoft.com/") {
		t.Errorf("markdown: %s", out)
	}
}

func TestExtractPrintsDocumentAndLocations(t *testing.T) {
	out, stderr, code := lintRun(t, "extract", "testdata/arm/err/AKSNET901-unresolved-expression.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var docs []struct {
		Document struct {
			Defaulted  []string
			Unresolved []struct{ Pointer, Expression string }
		}
		Locations map[string]struct{ Line, Column int }
	}
	if err := json.Unmarshal([]byte(out), &docs); err != nil || len(docs) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	d := docs[0]
	if len(d.Document.Unresolved) != 2 || d.Document.Unresolved[0].Expression != "[parameters('serviceCidr')]" {
		t.Errorf("unresolved: %+v", d.Document.Unresolved)
	}
	if loc := d.Locations["/clusters/0/networkProfile/serviceCidrs/0"]; loc.Line != 11 || loc.Column != 102 {
		t.Errorf("location: %+v", loc)
	}
	_, stderr, code = lintRun(t, "extract", "testdata/arm/err/AKSNET902-malformed.json")
	if code != 2 || !strings.Contains(stderr, "AKSNET902-malformed.json:5:3") {
		t.Errorf("malformed: exit %d, %s", code, stderr)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{"testdata/arm/ok"}, 0},
		{"errors", []string{"testdata/arm/err/AKSNET301-max-pods-range.json"}, 1},
		{"notes below the default threshold", []string{"testdata/arm/err/AKSNET901-unresolved-expression.json"}, 0},
		{"notes at --fail-on note", []string{"--fail-on", "note", "testdata/arm/err/AKSNET901-unresolved-expression.json"}, 1},
		{"never", []string{"--fail-on", "never", "testdata/arm/err/AKSNET301-max-pods-range.json"}, 0},
		{"a broken file wins", []string{"testdata/arm/err/AKSNET301-max-pods-range.json", "testdata/arm/err/AKSNET902-malformed.json"}, 2},
		{"unknown format", []string{"--format", "xml", "testdata/arm/ok"}, 2},
		{"unknown fail-on", []string{"--fail-on", "fatal", "testdata/arm/ok"}, 2},
		{"missing config", []string{"--config", "does-not-exist.yaml", "testdata/arm/ok"}, 2},
		{"missing path", []string{"does-not-exist"}, 2},
		{"unknown flag", []string{"--frobnicate"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := lintRun(t, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.want, out, stderr)
			}
		})
	}
}

func TestBrokenFileDoesNotStopTheRun(t *testing.T) {
	out, _, code := lintRun(t, "--no-color", "testdata/arm/err/AKSNET902-malformed.json", "testdata/arm/err/AKSNET301-max-pods-range.json")
	if code != 2 || !strings.Contains(out, "[AKSNET902]") || !strings.Contains(out, "maxPods 251") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestConfigLevelsAndOutputFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  AKSNET301: warning\n  AKSNET901: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "out.json")
	_, stderr, code := lintRun(t, "--config", cfg, "--format", "json", "-o", report, "testdata/arm/err/AKSNET301-max-pods-range.json", "testdata/arm/err/AKSNET901-unresolved-expression.json")
	if code != 0 {
		t.Fatalf("exit %d (warnings are below --fail-on error): %s", code, stderr)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct{ RuleID, Level string }
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 2 {
		t.Fatalf("findings %+v", rep.Findings)
	}
	for _, f := range rep.Findings {
		if f.RuleID != "AKSNET301" || f.Level != "warning" {
			t.Errorf("finding %+v", f)
		}
	}
	if err := os.WriteFile(cfg, []byte("rules:\n  AKSNET999: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := lintRun(t, "--config", cfg, "testdata/arm/ok"); code != 2 || !strings.Contains(stderr, "unknown rule AKSNET999") {
		t.Errorf("unknown rule in config: exit %d %s", code, stderr)
	}
}

func TestInventoryCompletesBYOSubnets(t *testing.T) {
	out, _, code := lintRun(t, "--no-color", "testdata/inventory/byo-subnet.json")
	if code != 0 || strings.Contains(out, "AKSNET102") {
		t.Errorf("without inventory the BYO subnet has no prefix: exit %d\n%s", code, out)
	}
	out, stderr, code := lintRun(t, "--no-color", "--inventory", "testdata/inventory/vnets.json", "testdata/inventory/byo-subnet.json")
	if code != 1 {
		t.Errorf("exit %d: %s", code, stderr)
	}
	golden(t, "testdata/inventory/byo-subnet.out", out)
	if _, stderr, code := lintRun(t, "--inventory", "testdata/arm/err/AKSNET902-malformed.json", "testdata/arm/ok"); code != 2 || !strings.Contains(stderr, "inventory") {
		t.Errorf("bad inventory: exit %d %s", code, stderr)
	}
}

// TestInventoryCompletesPeerings: a peering to a VNet the script does not create is
// unknown alone (AKSNET105 not checked), and checked against the inventory's address
// space of that VNet, located in the inventory.
func TestInventoryCompletesPeerings(t *testing.T) {
	out, _, code := lintRun(t, "--no-color", "testdata/inventory/peered-hub.sh")
	if code != 0 || !strings.Contains(out, "AKSNET105 was not checked") {
		t.Errorf("without inventory the remote address space is not known: exit %d\n%s", code, out)
	}
	out, stderr, code := lintRun(t, "--no-color", "--inventory", "testdata/inventory/vnets.json", "testdata/inventory/peered-hub.sh")
	if code != 1 {
		t.Errorf("exit %d: %s", code, stderr)
	}
	golden(t, "testdata/inventory/peered-hub.out", out)
}

// TestTimings: --timings adds one line on standard error naming every phase, and
// changes nothing else.
func TestTimings(t *testing.T) {
	plain, _, code := lintRun(t, "--no-color", "testdata/arm/err/AKSNET301-max-pods-range.json")
	out, stderr, timedCode := lintRun(t, "--no-color", "--timings", "testdata/arm/err/AKSNET301-max-pods-range.json")
	if out != plain || timedCode != code {
		t.Errorf("--timings changed the report or the exit code (%d, %d)", code, timedCode)
	}
	re := regexp.MustCompile(`^timings: policies [0-9.]+ ms \(precompiled\), 1 file [0-9.]+ ms \(workers: reading and extracting [0-9.]+ ms, evaluating [0-9.]+ ms\), report [0-9.]+ ms; heap: (huge pages advised|small pages)\n$`)
	if !re.MatchString(stderr) {
		t.Errorf("stderr %q", stderr)
	}
	if _, stderr, _ := lintRun(t, "testdata/arm/ok"); stderr != "" {
		t.Errorf("without --timings, stderr %q", stderr)
	}
}

// TestBicepExtractAndSuppression: `extract main.bicep` prints a document located in the
// .bicep source, and an inline comment in Bicep suppresses the finding below it.
func TestBicepExtractAndSuppression(t *testing.T) {
	out, stderr, code := lintRun(t, "extract", "testdata/bicep/err/AKSNET102-service-cidr-overlaps-subnet.bicep")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var docs []struct {
		Document struct {
			Kind string
			File string
		}
		Locations map[string]struct {
			File         string
			Line, Column int
		}
	}
	if err := json.Unmarshal([]byte(out), &docs); err != nil || len(docs) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	d := docs[0]
	if d.Document.Kind != "bicep" {
		t.Errorf("kind %q, want bicep", d.Document.Kind)
	}
	loc := d.Locations["/clusters/0/networkProfile/serviceCidrs/0"]
	if !strings.HasSuffix(loc.File, ".bicep") || loc.Line != 33 || loc.Column != 20 {
		t.Errorf("service CIDR located at %+v, want the .bicep file at 33:20", loc)
	}
	out, stderr, code = lintRun(t, "--no-color", "testdata/bicep/suppress/suppressed-inline.bicep")
	if code != 0 || !strings.Contains(out, "1 suppressed") {
		t.Errorf("suppression: exit %d:\n%s%s", code, out, stderr)
	}
}

// TestBicepWalkSkipsCompiledJSON: a walk lints main.bicep and skips the main.json
// compiled from it with a note, so nothing is reported twice.
func TestBicepWalkSkipsCompiledJSON(t *testing.T) {
	out, stderr, _ := lintRun(t, "--no-color", "testdata/bicep/corpus/bicep__us-101-aks-vmss-systemassigned-identity")
	if !strings.Contains(out, "main.json:1:1: note: no rule checked the template main.json: compiled by Bicep from main.bicep, which is linted instead [AKSNET901]") {
		t.Errorf("no note on the compiled main.json:\n%s%s", out, stderr)
	}
	if strings.Contains(out, "main.json:2") {
		t.Errorf("a finding inside the compiled main.json:\n%s", out)
	}
}

// TestBicepConfigParameters: the configuration's parameters mapping pairs a .bicep file
// with a .bicepparam file and a JSON parameter file of other names.
func TestBicepConfigParameters(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tmpl, err := os.ReadFile("testdata/bicep/err/bicepparam-pairing/main.bicep")
	if err != nil {
		t.Fatal(err)
	}
	write("infra/aks.bicep", string(tmpl))
	write("infra/env/prod.bicepparam", "using '../aks.bicep'\nparam serviceCidr = '10.244.0.0/16'\nparam dnsServiceIP = '10.244.0.10'\n")
	write("infra/env/dev.json", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"serviceCidr": {"value": "10.244.0.0/16"}, "dnsServiceIP": {"value": "10.244.0.10"}}}`)
	write(".aksnet-lint.yaml", "parameters:\n  infra/aks.bicep:\n    - infra/env/prod.bicepparam\n    - infra/env/dev.json\n")
	t.Chdir(dir)
	out, stderr, code := lintRun(t, "--no-color", ".")
	// One mistake under two parameter files is one finding naming both (#20).
	if code != 1 || strings.Count(out, "[AKSNET104]") != 1 ||
		!strings.Contains(out, "(with parameter files dev.json and prod.bicepparam)") ||
		!strings.Contains(out, "infra/env/prod.bicepparam:2:21: note: value of parameter 'serviceCidr' in prod.bicepparam") ||
		!strings.Contains(out, "infra/env/dev.json:1:") {
		t.Errorf("exit %d:\n%s%s", code, out, stderr)
	}
}

// TestExtractPrintsThePolicyInput: what `aksnet-lint extract` prints as each document
// is the input the policies are evaluated with, inventory and connected networks
// included: a policy that returns its whole input as its message gives, for the same
// files and settings, the same JSON value.
func TestExtractPrintsThePolicyInput(t *testing.T) {
	dir := t.TempDir()
	echo := `# METADATA
# title: Echo
# description: Returns its input.
# custom:
#   id: ECHO001
#   name: echo
#   level: note
package aksnet.rules.echo

deny contains {"msg": json.marshal(input), "pointer": ""}
`
	if err := os.WriteFile(filepath.Join(dir, "echo.rego"), []byte(echo), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("connectedNetworks:\n  - name: on-premises\n    addressPrefixes: [172.16.0.0/12]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, files := range [][]string{
		{"--inventory", "testdata/inventory/vnets.json", "testdata/inventory/byo-subnet.json"},
		{"testdata/docs/project/infra/aks.json", "testdata/azcli/err/AKSNET301-max-pods-range.sh"},
	} {
		args := append([]string{"--config", cfg}, files...)
		printed, stderr, code := lintRun(t, append([]string{"extract"}, args...)...)
		if code != exitOK {
			t.Fatalf("extract %v: exit %d: %s", files, code, stderr)
		}
		var docs []struct{ Document any }
		if err := json.Unmarshal([]byte(printed), &docs); err != nil {
			t.Fatal(err)
		}
		linted, stderr, _ := lintRun(t, append([]string{"--format", "json", "--policy", dir}, args...)...)
		var rep struct {
			Findings []struct{ RuleID, Message string }
		}
		if err := json.Unmarshal([]byte(linted), &rep); err != nil {
			t.Fatalf("%v: %s%s", err, linted, stderr)
		}
		var evaluated []any
		for _, f := range rep.Findings {
			if f.RuleID == "ECHO001" {
				var in any
				if err := json.Unmarshal([]byte(f.Message), &in); err != nil {
					t.Fatal(err)
				}
				evaluated = append(evaluated, in)
			}
		}
		if len(evaluated) != len(docs) || len(docs) == 0 {
			t.Fatalf("%v: %d documents printed, %d evaluated", files, len(docs), len(evaluated))
		}
		for _, d := range docs {
			if !slices.ContainsFunc(evaluated, func(e any) bool { return reflect.DeepEqual(e, d.Document) }) {
				got, _ := json.MarshalIndent(d.Document, "", " ")
				want, _ := json.MarshalIndent(evaluated, "", " ")
				t.Errorf("%v: printed document is not an evaluated input:\n%s\nevaluated:\n%s", files, got, want)
			}
		}
	}
}

// TestExtractJoinsNetworksOfOtherFiles: extract runs the linter's pipeline, so a
// cluster's subnet declared in another file it is given is joined into the printed
// document, as the policies receive it; given alone, the subnet stays a reference.
func TestExtractJoinsNetworksOfOtherFiles(t *testing.T) {
	cluster, network := "testdata/repo/two-scripts/cluster.sh", "testdata/repo/two-scripts/network.sh"
	prefixes := func(args ...string) []string {
		t.Helper()
		out, stderr, code := lintRun(t, append([]string{"extract"}, args...)...)
		if code != 0 {
			t.Fatalf("extract %v: exit %d: %s", args, code, stderr)
		}
		var docs []struct {
			Document struct {
				File    string `json:"file"`
				Subnets []struct {
					Key             string   `json:"key"`
					AddressPrefixes []string `json:"addressPrefixes"`
				} `json:"subnets"`
			} `json:"document"`
		}
		if err := json.Unmarshal([]byte(out), &docs); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if d.Document.File != cluster {
				continue
			}
			for _, s := range d.Document.Subnets {
				if s.Key == "vnet-app/nodes" {
					return s.AddressPrefixes
				}
			}
		}
		t.Fatalf("extract %v: no subnet vnet-app/nodes in the document of %s:\n%s", args, cluster, out)
		return nil
	}
	if got := prefixes(cluster, network); !reflect.DeepEqual(got, []string{"10.20.0.0/26"}) {
		t.Errorf("with the network's file: prefixes %v, want [10.20.0.0/26] (joined from %s)", got, network)
	}
	if got := prefixes(cluster); len(got) != 0 {
		t.Errorf("alone: prefixes %v, want none (declared in another file)", got)
	}
}
