package report

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/lint"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// schemaPath is the OASIS SARIF 2.1.0 (errata 01) JSON schema, kept in the repository so that
// validation needs no network.
var schemaPath = filepath.Join("..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json")

const schemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri and uri-reference matter to code scanning
	if err := c.AddResource(schemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaID)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, out string) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

func TestSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)
	odd := fixture()
	odd.Findings = append(odd.Findings,
		finding.Finding{RuleID: "CUSTOM1", Rule: "custom-rule", Level: finding.Warning, Message: "from a user policy",
			Location: loc("docs/my file, v2.json", 2, 1, 0, 0)},
		finding.Finding{RuleID: "AKSNET201", Level: finding.Level("bogus"), Message: "no location at all"},
		finding.Finding{RuleID: "AKSNET201", Level: finding.Off, Message: "absolute path",
			Location: loc(filepath.Join(string(filepath.Separator), "abs", "x.json"), 1, 1, 1, 2)},
		finding.Finding{RuleID: "AKSNET301", Level: finding.Note, Message: "<script>&",
			Location:    loc("a:b/c.json", 2, 3, 1, 1), // an end before the start
			Suppression: &finding.Suppression{Kind: "config"}},
	)
	for name, r := range map[string]Report{
		"fixture":     fixture(),
		"odd":         odd,
		"empty":       {},
		"parse error": {Findings: []finding.Finding{{RuleID: "AKSNET902", Level: finding.Error, Message: "bad", Location: loc("x.json", 0, 0, 0, 0)}}},
	} {
		t.Run(name, func(t *testing.T) {
			if err := validateSARIF(t, sch, render(t, "sarif", r, testOptions())); err != nil {
				t.Errorf("output does not conform to the SARIF 2.1.0 schema:\n%v", err)
			}
		})
	}
	// The validator must be able to say no.
	bad := strings.Replace(render(t, "sarif", fixture(), testOptions()), `"startColumn": 26`, `"startColumn": 0`, 1)
	if err := validateSARIF(t, sch, bad); err == nil {
		t.Error("a region with startColumn 0 passed validation")
	}
}

// sarifLog is the part of a SARIF log the tests look at.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID                   string `json:"id"`
					Name                 string `json:"name"`
					ShortDescription     struct{ Text string }
					FullDescription      struct{ Text string }
					Help                 struct{ Text, Markdown string }
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct{ Level string }
					Properties           struct{ Tags []string }
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results     []sarifResultJSON `json:"results"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level      string
				Message    struct{ Text string }
				Descriptor struct{ ID string }
				Locations  []sarifLocationJSON
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

type sarifResultJSON struct {
	RuleID              string `json:"ruleId"`
	RuleIndex           int    `json:"ruleIndex"`
	Level               string `json:"level"`
	Message             struct{ Text string }
	Locations           []sarifLocationJSON
	RelatedLocations    []sarifLocationJSON `json:"relatedLocations"`
	PartialFingerprints map[string]string   `json:"partialFingerprints"`
	Suppressions        []struct{ Kind, Justification string }
}

type sarifLocationJSON struct {
	ID               int `json:"id"`
	Message          struct{ Text string }
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region *struct {
			StartLine, StartColumn, EndLine, EndColumn int
		} `json:"region"`
	} `json:"physicalLocation"`
	LogicalLocations []struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
	} `json:"logicalLocations"`
}

func decodeSARIF(t *testing.T, r Report) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(render(t, "sarif", r, testOptions())), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFContent(t *testing.T) {
	r := fixture()
	log := decodeSARIF(t, r)
	run := log.Runs[0]
	if log.Version != "2.1.0" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("version %q, columnKind %q", log.Version, run.ColumnKind)
	}
	d := run.Tool.Driver
	if d.Name != "aksnet-lint" || d.Version != "1.2.3-test" || d.InformationURI != "https://github.com/aksnet-lint/aksnet-lint" {
		t.Errorf("driver = %q %q %q", d.Name, d.Version, d.InformationURI)
	}

	var ids []string
	for _, rule := range d.Rules {
		ids = append(ids, rule.ID)
	}
	if want := []string{"AKSNET102", "AKSNET201", "AKSNET301", "AKSNET902"}; !slices.Equal(ids, want) {
		t.Errorf("rules = %v, want %v (each used rule once, unused ones left out)", ids, want)
	}
	rule := d.Rules[0]
	if rule.Name != "service-cidr-overlaps-subnet" || rule.ShortDescription.Text != "Service CIDR overlaps a subnet" ||
		!strings.HasPrefix(rule.FullDescription.Text, "The service CIDR must not") ||
		rule.HelpURI != "https://learn.microsoft.com/azure/aks/configure-azure-cni" ||
		!strings.HasSuffix(rule.Help.Markdown, "See [https://learn.microsoft.com/azure/aks/configure-azure-cni](https://learn.microsoft.com/azure/aks/configure-azure-cni).") ||
		rule.DefaultConfiguration.Level != "error" || !slices.Equal(rule.Properties.Tags, []string{"aksnet-lint", "network"}) {
		t.Errorf("rule descriptor = %+v", rule)
	}

	// Every finding but the parse error is a result, suppressed ones included.
	if got, want := len(run.Results), len(r.Findings)-1; got != want {
		t.Fatalf("%d results, want %d", got, want)
	}
	for _, res := range run.Results {
		if res.RuleID == "AKSNET902" {
			t.Error("a parse error became a result")
		}
		if d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d, which is %s", res.RuleID, res.RuleIndex, d.Rules[res.RuleIndex].ID)
		}
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.Region == nil {
			t.Errorf("result %q has no located region", res.Message.Text)
		}
	}

	i := slices.IndexFunc(run.Results, func(res sarifResultJSON) bool {
		return res.RuleID == "AKSNET102" && res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "infra/aks.json"
	})
	if i < 0 {
		t.Fatal("no AKSNET102 result for infra/aks.json")
	}
	first := run.Results[i]
	pl := first.Locations[0].PhysicalLocation
	if pl.ArtifactLocation.URI != "infra/aks.json" || pl.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
		*pl.Region != (struct{ StartLine, StartColumn, EndLine, EndColumn int }{18, 26, 18, 55}) {
		t.Errorf("first result location = %+v %+v", pl.ArtifactLocation, *pl.Region)
	}
	if ll := first.Locations[0].LogicalLocations; len(ll) != 1 || ll[0].FullyQualifiedName != "clusters[aks-prod]/networkProfile/serviceCidrs/0" || ll[0].Name != "0" {
		t.Errorf("logical locations = %+v", ll)
	}
	if rl := first.RelatedLocations; len(rl) != 1 || rl[0].ID != 1 || rl[0].Message.Text != "value of parameter serviceCidr (its default)" ||
		rl[0].PhysicalLocation.Region.StartLine != 7 {
		t.Errorf("related locations = %+v", rl)
	}

	var suppressed []sarifResultJSON
	for _, res := range run.Results {
		if len(res.Suppressions) > 0 {
			suppressed = append(suppressed, res)
		}
	}
	if len(suppressed) != 1 || suppressed[0].Suppressions[0].Kind != "inSource" || suppressed[0].Suppressions[0].Justification != "sized on purpose" {
		t.Errorf("suppressed results = %+v", suppressed)
	}

	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 1 {
		t.Fatalf("invocations = %+v, want one, unsuccessful, with one notification", inv)
	}
	n := inv[0].ToolExecutionNotifications[0]
	if n.Level != "error" || n.Message.Text != "unexpected end of JSON input" || n.Descriptor.ID != "AKSNET902" ||
		len(n.Locations) != 1 || n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "infra/broken.json" {
		t.Errorf("notification = %+v", n)
	}
}

func TestSARIFNoFindings(t *testing.T) {
	out := render(t, "sarif", Report{Rules: registry(), Files: 3}, testOptions())
	for _, want := range []string{`"results": []`, `"rules": []`, `"executionSuccessful": true`} {
		if !strings.Contains(out, want) {
			t.Errorf("SARIF for no findings lacks %s", want)
		}
	}
}

func TestSARIFWholeFileFinding(t *testing.T) {
	r := Report{Findings: []finding.Finding{{RuleID: "AKSNET201", Level: finding.Warning, Message: "m",
		Location: loc(`infra\params.json`, 0, 0, 0, 0)}}}
	res := decodeSARIF(t, r).Runs[0].Results[0]
	pl := res.Locations[0].PhysicalLocation
	if filepath.Separator == '\\' && pl.ArtifactLocation.URI != "infra/params.json" {
		t.Errorf("uri = %q, want forward slashes", pl.ArtifactLocation.URI)
	}
	if pl.Region == nil || pl.Region.StartLine != 1 || pl.Region.StartColumn != 0 {
		t.Errorf("region = %+v, want startLine 1 only (code scanning requires a start line)", pl.Region)
	}
}

func TestArtifactURI(t *testing.T) {
	for _, tc := range []struct{ file, uri, base string }{
		{"infra/aks.json", "infra/aks.json", "%SRCROOT%"},
		{"./infra/../infra/aks.json", "infra/aks.json", "%SRCROOT%"},
		{"docs/my file.json", "docs/my%20file.json", "%SRCROOT%"},
		{"a:b/c.json", "./a:b/c.json", "%SRCROOT%"},
		{"/abs/x.json", "file:///abs/x.json", ""},
	} {
		if filepath.Separator == '\\' && strings.HasPrefix(tc.file, "/") {
			continue
		}
		uri, base := artifactURI(tc.file)
		if uri != tc.uri || base != tc.base {
			t.Errorf("artifactURI(%q) = %q, %q; want %q, %q", tc.file, uri, base, tc.uri, tc.base)
		}
	}
}

// shift moves every location of r down by n lines, as an edit above the findings would.
func shift(r Report, n int) Report {
	out := r
	out.Findings = nil
	move := func(l netdoc.Location) netdoc.Location {
		if l.Line > 0 {
			l.Line += n
		}
		if l.EndLine > 0 {
			l.EndLine += n
		}
		return l
	}
	for _, f := range r.Findings {
		f.Location = move(f.Location)
		f.Related = slices.Clone(f.Related)
		for i := range f.Related {
			f.Related[i].Location = move(f.Related[i].Location)
		}
		out.Findings = append(out.Findings, f)
	}
	return out
}

func fingerprints(t *testing.T, r Report) []string {
	t.Helper()
	var fps []string
	for _, res := range decodeSARIF(t, r).Runs[0].Results {
		fp := res.PartialFingerprints["aksnetFingerprint/v1"]
		if len(fp) != 32 || strings.Trim(fp, "0123456789abcdef") != "" {
			t.Errorf("fingerprint %q is not 32 hex digits", fp)
		}
		fps = append(fps, res.RuleID+" "+fp)
	}
	return fps
}

func TestSARIFFingerprintsStable(t *testing.T) {
	r := fixture()
	before := fingerprints(t, r)
	moved := shift(r, 10)
	if render(t, "sarif", moved, testOptions()) == render(t, "sarif", r, testOptions()) {
		t.Fatal("shifting the findings did not change the SARIF regions")
	}
	if after := fingerprints(t, moved); !slices.Equal(before, after) {
		t.Errorf("fingerprints changed when the findings moved down 10 lines:\nbefore %v\nafter  %v", before, after)
	}

	// What the fingerprint is made of does change it.
	base := r.Findings[0]
	for name, change := range map[string]func(*finding.Finding){
		"rule":             func(f *finding.Finding) { f.RuleID = "AKSNET103" },
		"file":             func(f *finding.Finding) { f.Location.File = "infra/other.json" },
		"logical location": func(f *finding.Finding) { f.LogicalLocation = "clusters[aks-dev]/networkProfile/serviceCidrs/0" },
		"variant":          func(f *finding.Finding) { f.Variant = &finding.Variant{Parameter: "agentCount", Value: int64(50)} },
	} {
		f := base
		change(&f)
		if fingerprint(f) == fingerprint(base) {
			t.Errorf("changing the %s did not change the fingerprint", name)
		}
	}
	noLogical := base
	noLogical.LogicalLocation = ""
	otherPointer := noLogical
	otherPointer.Pointer = "/clusters/1/networkProfile/serviceCidrs/0"
	if fingerprint(noLogical) == fingerprint(otherPointer) {
		t.Error("without a logical location the pointer does not count")
	}
	if fingerprint(base) != fingerprint(func() finding.Finding { f := base; f.Message = "reworded"; return f }()) {
		t.Error("rewording the message changed a fingerprint that has a logical location")
	}
}

// TestSARIFFromRealRuns validates what the whole pipeline emits for the golden error
// cases and the examples, parse errors included.
func TestSARIFFromRealRuns(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := lint.Run(context.Background(), eng, lint.Options{Paths: []string{"../../testdata/arm/err", "../../examples"}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Failed == 0 || len(out.Findings) < 5 {
		t.Fatalf("expected parse errors and findings, got %d failed, %d findings", out.Failed, len(out.Findings))
	}
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", Report{Findings: out.Findings, Rules: eng.Rules(), Files: out.Files}, Options{ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, sarifSchema(t), buf.String()); err != nil {
		t.Errorf("SARIF of a real run is invalid: %v", err)
	}
}

// TestSARIFUnknownsAreNotifications: an AKSNET901 note is a tool execution notification
// with its location, not a result (an alert), and leaves the run successful; GitHub
// annotations leave it out; the text report prints it after the findings.
func TestSARIFUnknownsAreNotifications(t *testing.T) {
	r := Report{Rules: registry(), Files: 1, Findings: []finding.Finding{
		{RuleID: "AKSNET901", Rule: "unresolved-value", Level: finding.Note, Message: "AKSNET201 was not checked",
			Location: loc("a.sh", 3, 5, 3, 9), LogicalLocation: "clusters[aks]/nodePools[system]/count"},
		{RuleID: "AKSNET201", Rule: "node-subnet-capacity", Level: finding.Error, Message: "too small", Location: loc("b.sh", 1, 1, 0, 0)},
	}}
	s := decodeSARIF(t, r)
	run := s.Runs[0]
	if len(run.Results) != 1 || run.Results[0].RuleID != "AKSNET201" {
		t.Fatalf("results = %+v, want only the AKSNET201 finding", run.Results)
	}
	inv := run.Invocations
	if len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 1 {
		t.Fatalf("invocations = %+v, want one successful invocation with one notification", inv)
	}
	n := inv[0].ToolExecutionNotifications[0]
	if n.Level != "note" || n.Descriptor.ID != "AKSNET901" || len(n.Locations) != 1 || n.Locations[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("notification = %+v, want a located note for AKSNET901", n)
	}
	if gh := render(t, "github", r, testOptions()); strings.Contains(gh, "AKSNET901") || !strings.Contains(gh, "AKSNET201") {
		t.Errorf("github output:\n%s\nwant the finding and no AKSNET901 annotation", gh)
	}
	text := render(t, "text", r, testOptions())
	if i, j := strings.Index(text, "[AKSNET201]"), strings.Index(text, "[AKSNET901]"); i < 0 || j < i {
		t.Errorf("text output:\n%s\nwant the note after the finding", text)
	}
	if !strings.Contains(text, "1 finding (1 error) in 1 file; 1 value not known statically left checks undone") {
		t.Errorf("text summary:\n%s\nwant the note counted apart", text)
	}
}

// TestSARIFSkippedFileIsANote: an AKSNET902 written as a note (a broken fixture
// skipped with --skip-non-templates, a file of another kind) keeps its level and does
// not fail the run; one at error level does.
func TestSARIFSkippedFileIsANote(t *testing.T) {
	for _, tc := range []struct {
		level      finding.Level
		want       string
		successful bool
	}{
		{finding.Note, "note", true},
		{finding.Error, "error", false},
	} {
		r := Report{Rules: registry(), Files: 1, Findings: []finding.Finding{
			{RuleID: "AKSNET902", Rule: "parse-error", Level: tc.level, Message: "fixtures/broken.json: skipped", Location: loc("fixtures/broken.json", 3, 1, 0, 0)},
		}}
		inv := decodeSARIF(t, r).Runs[0].Invocations
		if len(inv) != 1 || len(inv[0].ToolExecutionNotifications) != 1 {
			t.Fatalf("%s: invocations = %+v", tc.want, inv)
		}
		if n := inv[0].ToolExecutionNotifications[0]; n.Level != tc.want || inv[0].ExecutionSuccessful != tc.successful {
			t.Errorf("AKSNET902 at %s: notification level %q, executionSuccessful %v; want %q, %v", tc.want, n.Level, inv[0].ExecutionSuccessful, tc.want, tc.successful)
		}
	}
}

// TestFingerprintDecidingParameterFile: a finding whose value a parameter file set is
// another alert when another parameter file sets it; one the template makes alone keeps
// its fingerprint whichever parameter files it holds under.
func TestFingerprintDecidingParameterFile(t *testing.T) {
	base := finding.Finding{RuleID: "AKSNET301", Message: "m", Location: loc("aks.json", 16, 72, 0, 0), LogicalLocation: "clusters[aks]/nodePools[system]/maxPods"}
	set := func(files ...string) finding.Finding {
		f := base
		f.ParameterFiles = files
		for _, p := range files {
			f.Related = append(f.Related, netdoc.Related{Location: loc(p, 5, 27, 0, 0), Message: "parameter 'maxPods' is set in " + p})
		}
		return f
	}
	with := func(files ...string) finding.Finding {
		f := base
		f.ParameterFiles = files
		for _, p := range files {
			f.Related = append(f.Related, netdoc.Related{Location: loc(p, 4, 17, 0, 0), Message: "with parameter file " + p})
		}
		return f
	}
	if fingerprint(set("dev.json")) == fingerprint(set("prod.json")) {
		t.Error("a value set in dev.json and one set in prod.json share a fingerprint")
	}
	if fingerprint(set("dev.json", "prod.json")) == fingerprint(set("dev.json")) {
		t.Error("a value set in both files and one set in dev.json alone share a fingerprint")
	}
	if fingerprint(with("dev.json")) != fingerprint(base) || fingerprint(with("dev.json", "prod.json")) != fingerprint(base) {
		t.Error("a finding the template alone decides changed fingerprint with its parameter files")
	}
}

// TestSARIFVariant: a variant's finding carries its parameter and value as a result
// property, and each value is its own alert.
func TestSARIFVariant(t *testing.T) {
	base := finding.Finding{RuleID: "AKSNET201", Rule: "node-subnet-capacity", Level: finding.Warning, Message: "if agentCount is 50 (its allowed maximum), m",
		Location: loc("aks.json", 22, 68, 0, 0), LogicalLocation: "subnets[vnet-aks/snet-nodes]/addressPrefixes/0"}
	at := func(v any) finding.Finding {
		f := base
		f.Variant = &finding.Variant{Parameter: "agentCount", Value: v}
		return f
	}
	if fingerprint(at(int64(50))) == fingerprint(at(int64(40))) {
		t.Error("two values of a variant share a fingerprint")
	}
	out := render(t, "sarif", Report{Findings: []finding.Finding{at(int64(50))}, Rules: []finding.Rule{{ID: "AKSNET201", Name: "node-subnet-capacity", Level: finding.Error}}}, testOptions())
	if !strings.Contains(out, `"variant": {
              "parameter": "agentCount",
              "value": 50
            }`) {
		t.Errorf("no variant property:\n%s", out)
	}
	if err := validateSARIF(t, sarifSchema(t), out); err != nil {
		t.Errorf("invalid SARIF: %v", err)
	}
}
