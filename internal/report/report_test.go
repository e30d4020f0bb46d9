package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// registry is a small rule registry; AKSNET999 is used by no finding and must not appear in
// the SARIF rules.
func registry() []finding.Rule {
	return []finding.Rule{
		{ID: "AKSNET102", Name: "service-cidr-overlaps-subnet", Level: finding.Error,
			Title:            "Service CIDR overlaps a subnet",
			Description:      "The service CIDR must not overlap any subnet of the cluster's virtual network or of a connected network.",
			RelatedResources: []string{"https://learn.microsoft.com/azure/aks/configure-azure-cni"}},
		{ID: "AKSNET201", Name: "max-pods-exceeds-subnet", Level: finding.Warning,
			Title:            "Node pool outgrows its subnet",
			Description:      "With Azure CNI every pod takes an address of the node subnet: nodes × (maxPods + 1) must fit.",
			RelatedResources: []string{"https://learn.microsoft.com/azure/aks/azure-cni-overview"}},
		{ID: "AKSNET301", Name: "network-profile-review", Level: finding.Note,
			Title:       "Network profile worth a review",
			Description: "The network profile relies on defaults that are easy to outgrow."},
		{ID: "AKSNET902", Name: "parse-error", Level: finding.Error,
			Title:       "File could not be parsed",
			Description: "The file is not valid JSON, ARM template or shell script."},
		{ID: "AKSNET999", Name: "unused", Level: finding.Warning, Title: "Unused rule"},
	}
}

func loc(file string, line, col, endLine, endCol int) netdoc.Location {
	return netdoc.Location{File: file, Line: line, Column: col, EndLine: endLine, EndColumn: endCol}
}

// fixture is a fixed set of findings over the files under testdata/src.
func fixture() Report {
	findings := []finding.Finding{
		{RuleID: "AKSNET102", Rule: "service-cidr-overlaps-subnet", Level: finding.Error,
			Message:         "service CIDR 10.0.0.0/16 overlaps subnet aks-vnet/nodes (10.0.0.0/22); pick a range outside 10.0.0.0/8, e.g. 172.16.0.0/16",
			Location:        loc("infra/aks.json", 18, 26, 18, 55),
			Pointer:         "/clusters/0/networkProfile/serviceCidrs/0",
			LogicalLocation: "clusters[aks-prod]/networkProfile/serviceCidrs/0",
			Related: []netdoc.Related{{Location: loc("infra/aks.json", 7, 23, 7, 36),
				Message: "value of parameter serviceCidr (its default)"}}},
		{RuleID: "AKSNET201", Rule: "max-pods-exceeds-subnet", Level: finding.Warning,
			Message:         "node pool system: 3 nodes × (250 + 1) pods need 753 addresses, subnet aks-vnet/nodes has 1019",
			Location:        loc("infra/aks.json", 24, 24, 0, 0),
			Pointer:         "/clusters/0/nodePools/0/maxPods",
			LogicalLocation: "clusters[aks-prod]/nodePools[system]/maxPods"},
		{RuleID: "AKSNET301", Rule: "network-profile-review", Level: finding.Note,
			Message:         "network profile leaves outboundType and loadBalancerSku at their defaults",
			Location:        loc("infra/aks.json", 16, 9, 20, 10),
			Pointer:         "/clusters/0/networkProfile",
			LogicalLocation: "clusters[aks-prod]/networkProfile"},
		{RuleID: "AKSNET902", Rule: "parse-error", Level: finding.Error,
			Message:  "unexpected end of JSON input",
			Location: loc("infra/broken.json", 3, 1, 0, 0)},
		{RuleID: "AKSNET201", Rule: "max-pods-exceeds-subnet", Level: finding.Warning,
			Message:  "subnet aks-vnet/pods is 100% used:\nno room for surge nodes",
			Location: loc("infra/missing.json", 4, 2, 4, 9),
			Pointer:  "/subnets/1"},
		{RuleID: "AKSNET201", Rule: "max-pods-exceeds-subnet", Level: finding.Warning,
			Message:  "parameter file sets serviceCidr, which the template does not declare",
			Location: loc("infra/params.json", 0, 0, 0, 0),
			Pointer:  "/parameters/serviceCidr"},
		{RuleID: "AKSNET102", Rule: "service-cidr-overlaps-subnet", Level: finding.Error,
			Message:         "service CIDR 10.0.0.0/16 overlaps the virtual network address space 10.0.0.0/8",
			Location:        loc("scripts/create-aks.sh", 5, 32, 5, 43),
			Pointer:         "/clusters/0/networkProfile/serviceCidrs/0",
			LogicalLocation: "clusters[aks-été]/networkProfile/serviceCidrs/0"},
		{RuleID: "AKSNET301", Rule: "network-profile-review", Level: finding.Note,
			Message:         "node count 3 leaves no headroom for upgrades",
			Location:        loc("scripts/create-aks.sh", 6, 2, 6, 15),
			LogicalLocation: "clusters[aks-été]/nodePools[nodepool1]/count",
			Suppression:     &finding.Suppression{Kind: "inSource", Justification: "sized on purpose"}},
		{RuleID: "AKSNET201", Rule: "max-pods-exceeds-subnet", Level: finding.Warning,
			Message:         "node pool 東京pool: max pods 250 cannot fit the subnet",
			Location:        loc("scripts/create-aks.sh", 7, 78, 7, 81),
			LogicalLocation: "clusters[aks-été]/nodePools[東京pool]/maxPods",
			Related: []netdoc.Related{{Location: loc("scripts/create-aks.sh", 3, 1, 3, 13),
				Message: "resource group set here"}}},
	}
	finding.Sort(findings)
	return Report{Findings: findings, Rules: registry(), Files: 5}
}

func readSource(p string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "src", filepath.FromSlash(p)))
}

func testOptions() Options {
	return Options{ToolVersion: "1.2.3-test", ReadFile: readSource}
}

func render(t *testing.T, format string, r Report, opt Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, r, opt); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.String()
}

// golden compares got with the named file under testdata/golden, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(run go test ./internal/report -update to accept)", path, i+1, gl, wl)
		}
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		golden, format string
		color          bool
	}{
		{"report.txt", "text", false},
		{"report.color.txt", "text", true},
		{"report.json", "json", false},
		{"report.sarif", "sarif", false},
		{"report.github.txt", "github", false},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			opt := testOptions()
			opt.Color = tc.color
			got := render(t, tc.format, fixture(), opt)
			golden(t, tc.golden, got)
			if again := render(t, tc.format, fixture(), opt); again != got {
				t.Errorf("%s output is not deterministic", tc.format)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	for _, format := range Formats() {
		if err := Write(&bytes.Buffer{}, format, Report{}, Options{}); err != nil {
			t.Errorf("Write(%q) on an empty report: %v", format, err)
		}
	}
	err := Write(&bytes.Buffer{}, "xml", Report{}, Options{})
	if err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("Write(xml) = %v, want an unknown format error", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	for _, format := range Formats() {
		if err := Write(failingWriter{}, format, fixture(), testOptions()); err == nil {
			t.Errorf("Write(%s) to a failing writer returned nil", format)
		}
	}
}

func TestJSONEmpty(t *testing.T) {
	got := render(t, "json", Report{Files: 2}, Options{ToolVersion: "dev"})
	want := `{
  "version": "dev",
  "files": 2,
  "findings": [],
  "summary": {
    "error": 0,
    "warning": 0,
    "note": 0,
    "suppressed": 0,
    "unknown": 0
  }
}
`
	if got != want {
		t.Errorf("json for no findings:\n%s\nwant:\n%s", got, want)
	}
}

func TestSummaryLine(t *testing.T) {
	f := func(l finding.Level, suppressed bool) finding.Finding {
		x := finding.Finding{Level: l}
		if suppressed {
			x.Suppression = &finding.Suppression{Kind: "external"}
		}
		return x
	}
	unknown := finding.Finding{RuleID: unresolvedRule, Level: finding.Note}
	for _, tc := range []struct {
		fs    []finding.Finding
		files int
		want  string
	}{
		{nil, 4, "no findings in 4 files"},
		{nil, 1, "no findings in 1 file"},
		{[]finding.Finding{f(finding.Note, true)}, 0, "no findings in 0 files; 1 suppressed"},
		{[]finding.Finding{f(finding.Error, false)}, 1, "1 finding (1 error) in 1 file"},
		{[]finding.Finding{f(finding.Error, false), f(finding.Error, false), f(finding.Warning, false), f(finding.Note, true)}, 4,
			"3 findings (2 errors, 1 warning) in 4 files; 1 suppressed"},
		{[]finding.Finding{f(finding.Warning, false), f(finding.Note, false), f(finding.Note, false)}, 2,
			"3 findings (1 warning, 2 notes) in 2 files"},
		// Values not known statically are counted apart from the findings.
		{[]finding.Finding{unknown, unknown}, 1, "0 findings in 1 file; 2 values not known statically left checks undone"},
		{[]finding.Finding{f(finding.Error, false), unknown}, 1, "1 finding (1 error) in 1 file; 1 value not known statically left checks undone"},
	} {
		if got := summarize(tc.fs).line(tc.files); got != tc.want {
			t.Errorf("summary line = %q, want %q", got, tc.want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100% used", "100%25 used", "100%25 used"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"},
	} {
		if got := escapeData(tc.in); got != tc.data {
			t.Errorf("escapeData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := escapeProperty(tc.in); got != tc.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
}

func TestGitHubProperties(t *testing.T) {
	for _, tc := range []struct {
		f    finding.Finding
		want string
	}{
		{finding.Finding{RuleID: "AKSNET102", Rule: "service-cidr-overlaps-subnet", Level: finding.Error,
			Message: "m", Location: loc("a,b.json", 3, 5, 3, 9)},
			"::error file=a%2Cb.json,line=3,col=5,endColumn=9,title=AKSNET102 (service-cidr-overlaps-subnet)::m"},
		{finding.Finding{RuleID: "AKSNET201", Level: finding.Warning, Message: "m", Location: loc("x.json", 3, 5, 6, 2)},
			"::warning file=x.json,line=3,endLine=6,title=AKSNET201::m"},
		{finding.Finding{RuleID: "AKSNET301", Level: finding.Note, Message: "m", Location: loc("x.json", 0, 0, 0, 0)},
			"::notice file=x.json,title=AKSNET301::m"},
		{finding.Finding{Level: finding.Error, Message: "m"}, "::error::m"},
	} {
		got := strings.TrimSuffix(render(t, "github", Report{Findings: []finding.Finding{tc.f}}, Options{}), "\n")
		if got != tc.want {
			t.Errorf("github command:\n got %s\nwant %s", got, tc.want)
		}
	}
}

// TestReadFileDefault checks that a nil ReadFile reads from disk.
func TestReadFileDefault(t *testing.T) {
	path := filepath.Join("testdata", "src", "infra", "aks.json")
	r := Report{Findings: []finding.Finding{{RuleID: "AKSNET201", Level: finding.Warning, Message: "m",
		Location: loc(path, 24, 24, 0, 0)}}}
	got := render(t, "text", r, Options{})
	if !strings.Contains(got, "\"maxPods\": 250\n") {
		t.Errorf("no snippet read from disk:\n%s", got)
	}
}
