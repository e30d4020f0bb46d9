package lint

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

func readTestdata(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile("../../testdata/" + path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// variantLines lists the findings as "ruleID level parameter=value suppressed?".
func variantLines(out Outcome) []string {
	var s []string
	for _, f := range out.Findings {
		line := f.RuleID + " " + string(f.Level)
		if f.Variant != nil {
			line += fmt.Sprintf(" %s=%v", f.Variant.Parameter, f.Variant.Value)
		}
		if f.Suppression != nil {
			line += " suppressed"
		}
		s = append(s, line)
	}
	slices.Sort(s)
	return s
}

func TestVariants(t *testing.T) {
	eng := testEngine(t)
	count := readTestdata(t, "arm/err/variants-count-maximum.json")
	kubenet := readTestdata(t, "arm/err/variants-allowed-kubenet.json")
	// The same template whose default already exhausts the subnet: the variant's
	// finding is the run's, and is not repeated.
	already := strings.Replace(count, `"defaultValue": 3,`, `"defaultValue": 9,`, 1)
	pinned := `{"parameters": {"agentCount": {"value": 3}}}`
	tests := []struct {
		name   string
		config string
		files  map[string]string
		opt    Options
		want   []string
	}{
		{name: "the maximum of a count", files: map[string]string{"aks.json": count},
			want: []string{"AKSNET201 warning agentCount=50"}},
		{name: "an allowed value", files: map[string]string{"aks.json": kubenet},
			want: []string{"AKSNET112 warning networkPlugin=kubenet"}},
		{name: "bounds leave allowed values out", files: map[string]string{"aks.json": kubenet}, opt: Options{Variants: VariantsBounds}},
		{name: "bounds keep the maximum", files: map[string]string{"aks.json": count}, opt: Options{Variants: VariantsBounds},
			want: []string{"AKSNET201 warning agentCount=50"}},
		{name: "off", files: map[string]string{"aks.json": count}, opt: Options{Variants: VariantsOff}},
		{name: "off in the configuration", config: "variants: off\n", files: map[string]string{"aks.json": count}},
		{name: "the option wins over the configuration", config: "variants: off\n", files: map[string]string{"aks.json": count}, opt: Options{Variants: VariantsAll},
			want: []string{"AKSNET201 warning agentCount=50"}},
		{name: "a finding of the run is not repeated", files: map[string]string{"aks.json": already},
			want: []string{"AKSNET201 error"}},
		{name: "a parameter file pins the value", files: map[string]string{"aks.json": count, "aks.parameters.json": pinned}},
		{name: "a configured level is capped at warning", config: "rules:\n  AKSNET201: error\n", files: map[string]string{"aks.json": count},
			want: []string{"AKSNET201 warning agentCount=50"}},
		{name: "a configured lower level applies", config: "rules:\n  AKSNET201: note\n", files: map[string]string{"aks.json": count},
			want: []string{"AKSNET201 note agentCount=50"}},
		{name: "suppressed per parameter", config: "ignore:\n  - paths: [aks.json]\n    rules: [AKSNET201]\n    variants: [agentCount]\n    reason: capped by the pipeline\n",
			files: map[string]string{"aks.json": count}, want: []string{"AKSNET201 warning agentCount=50 suppressed"}},
		{name: "an entry for another parameter does not apply", config: "ignore:\n  - paths: [aks.json]\n    rules: [AKSNET201]\n    variants: [maxPods]\n    reason: r\n",
			files: map[string]string{"aks.json": count}, want: []string{"AKSNET201 warning agentCount=50"}},
		{name: "suppressed like any other", config: "ignore:\n  - paths: [aks.json]\n    rules: [AKSNET201]\n    reason: r\n",
			files: map[string]string{"aks.json": count}, want: []string{"AKSNET201 warning agentCount=50 suppressed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{".aksnet-lint.yaml": tt.config}
			for k, v := range tt.files {
				files[k] = v
			}
			opt := tt.opt
			opt.Config = project(t, files)
			opt.Paths = []string{"."}
			out, err := Run(context.Background(), eng, opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := variantLines(out); !slices.Equal(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVariantFinding: the message names the value, and the declaration is a related
// location.
func TestVariantFinding(t *testing.T) {
	cfg := project(t, map[string]string{"aks.json": readTestdata(t, "arm/err/variants-count-maximum.json")})
	out, err := Run(context.Background(), testEngine(t), Options{Config: cfg, Paths: []string{"aks.json"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 {
		t.Fatalf("%d findings, want 1", len(out.Findings))
	}
	f := out.Findings[0]
	if !strings.HasPrefix(f.Message, "if agentCount is 50 (its allowed maximum), node subnet ") || !strings.Contains(f.Message, "need 1550") {
		t.Errorf("message %q", f.Message)
	}
	last := f.Related[len(f.Related)-1]
	if last.Line != 5 || last.Message != "parameter 'agentCount' is declared here, with maxValue 50" {
		t.Errorf("related %+v", last)
	}
}

// TestVariantsCapped: at most maxVariants variants are evaluated, in the order
// written, and a note names where the others begin.
func TestVariantsCapped(t *testing.T) {
	// The cap is the subject, not the time budget: under -race on a loaded machine 32
	// evaluations can take longer than it.
	defer func(b time.Duration) { variantBudget = b }(variantBudget)
	variantBudget = time.Hour
	var allowed []string
	for v := range maxVariants + 4 {
		allowed = append(allowed, fmt.Sprint(10+v))
	}
	tmpl := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {
    "maxPods": {"type": "int", "defaultValue": 10, "allowedValues": [` + strings.Join(allowed, ", ") + `]}
  },
  "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",
    "properties": {"agentPoolProfiles": [{"name": "system", "count": 3, "maxPods": "[parameters('maxPods')]"}]}}]}`
	cfg := project(t, map[string]string{"aks.json": tmpl})
	out, err := Run(context.Background(), testEngine(t), Options{Config: cfg, Paths: []string{"aks.json"}})
	if err != nil {
		t.Fatal(err)
	}
	var notes []finding.Finding
	for _, f := range out.Findings {
		if f.RuleID == variantNoteID && strings.Contains(f.Message, "more variants") {
			notes = append(notes, f)
		}
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0].Message, "3 more variants of this template's parameter values were possible and not evaluated, from parameter 'maxPods' on (32 evaluated;") {
		t.Fatalf("notes %+v", notes)
	}
	if notes[0].Location.Line != 3 {
		t.Errorf("the note is at line %d, want the declaration of maxPods", notes[0].Location.Line)
	}
}

func TestCandidatesOf(t *testing.T) {
	i := func(v int64) *int64 { return &v }
	tests := []struct {
		name                     string
		b                        armeval.Bounded
		bounds, allowed, address bool
		want                     []any
	}{
		{name: "a count: its maximum", b: armeval.Bounded{Min: i(1), Max: i(50), Value: int64(3)}, bounds: true, want: []any{int64(50)}},
		{name: "a prefix length: its minimum", b: armeval.Bounded{Min: i(16), Max: i(28), Value: int64(24)}, bounds: true, address: true, want: []any{int64(16)}},
		{name: "the bound is the value of the run", b: armeval.Bounded{Max: i(50), Value: int64(50)}, bounds: true},
		{name: "allowed values but the run's, each once, case-insensitively", b: armeval.Bounded{Allowed: []any{"azure", "kubenet", "Kubenet", "none"}, Value: "Azure"}, allowed: true,
			want: []any{"kubenet", "none"}},
		{name: "the bound first, then the allowed values", b: armeval.Bounded{Allowed: []any{int64(30), int64(110), int64(250)}, Max: i(250), Value: int64(30)}, bounds: true, allowed: true,
			want: []any{int64(250), int64(110)}},
		{name: "no minimum for an address", b: armeval.Bounded{Max: i(28), Value: int64(24)}, bounds: true, address: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []any
			for _, c := range candidatesOf(tt.b, tt.bounds, tt.allowed, tt.address) {
				got = append(got, c.value)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("candidates %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsNetField(t *testing.T) {
	for ptr, want := range map[string]bool{
		"/clusters/0/networkProfile/podCidrs/0":  true,
		"/clusters/0/nodePools/1/count":          true,
		"/clusters/0/nodePools/1":                true,
		"/clusters/0/nodePools":                  true,
		"/subnets/2/addressPrefixes":             true,
		"/clusters/0/name":                       false,
		"/clusters/0/nodePools/0/vmSize":         false,
		"/routeTables/0/routes/0/addressPrefix":  false,
		"/networkSecurityGroups/0/rules/0/count": false,
	} {
		if got := isNetField(ptr); got != want {
			t.Errorf("isNetField(%q) = %v, want %v", ptr, got, want)
		}
	}
}
