package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

const (
	toolName           = "aksnet-lint"
	toolInformationURI = "https://github.com/aksnet-lint/aksnet-lint"
	// srcRoot is the base of every relative artifact URI: the root of the linted tree, which is
	// the repository checkout when GitHub code scanning reads the log.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names our partial fingerprint; bump its version when its inputs change.
	fingerprintKey = "aksnetFingerprint/v1"
)

var ruleTags = []string{"aksnet-lint", "network"}

// writeSARIF writes one SARIF 2.1.0 run with GitHub code scanning in mind. go-sarif provides
// the object model. Its constructors set the arrays and -1 defaults the schema needs, so every
// object is built through one (a struct literal would marshal nil arrays as null).
func writeSARIF(w io.Writer, r Report, opt Options) error {
	run := sarif.NewRunWithInformationURI(toolName, toolInformationURI).WithColumnKind("unicodeCodePoints")
	if opt.ToolVersion != "" {
		run.Tool.Driver.WithVersion(opt.ToolVersion)
	}
	ruleIndex := addRules(run.Tool.Driver, r)
	inv := sarif.NewInvocation()
	for _, f := range r.Findings {
		if f.RuleID == parseErrorRule {
			inv.AddToolExecutionNotification(sarifNotification(f, ruleIndex[f.RuleID]))
			continue
		}
		run.AddResult(sarifResult(f, ruleIndex[f.RuleID]))
	}
	inv.WithExecutionSuccessful(len(inv.ToolExecutionNotifications) == 0)
	run.AddInvocation(inv)

	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarif.NewReport().AddRun(run))
}

// addRules adds a descriptor for every rule a finding uses, once each, in ID order, and
// returns each rule's index. A rule missing from the registry gets a minimal descriptor.
func addRules(driver *sarif.ToolComponent, r Report) map[string]int {
	registry := make(map[string]finding.Rule, len(r.Rules))
	for _, rule := range r.Rules {
		if _, dup := registry[rule.ID]; !dup {
			registry[rule.ID] = rule
		}
	}
	names := map[string]string{}
	var ids []string
	for _, f := range r.Findings {
		if _, seen := names[f.RuleID]; !seen {
			names[f.RuleID] = f.Rule
			ids = append(ids, f.RuleID)
		}
	}
	slices.Sort(ids)
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
		rule, ok := registry[id]
		if !ok {
			rule = finding.Rule{ID: id, Name: names[id]}
		}
		driver.AddRule(ruleDescriptor(rule))
	}
	return index
}

func ruleDescriptor(rule finding.Rule) *sarif.ReportingDescriptor {
	title := cmp.Or(rule.Title, rule.Name, rule.ID)
	desc := cmp.Or(rule.Description, title)
	text, markdown := desc, desc
	uri := rule.HelpURI()
	if uri != "" {
		text += "\n\nSee " + uri
		markdown += "\n\nSee [" + uri + "](" + uri + ")."
	}
	d := sarif.NewRule(rule.ID).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(title)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(desc)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(text).WithMarkdown(markdown)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(rule.Level))).
		WithProperties(sarif.NewPropertyBag().WithTags(slices.Clone(ruleTags)))
	if rule.Name != "" {
		d.WithName(rule.Name)
	}
	if uri != "" {
		d.WithHelpURI(uri)
	}
	return d
}

func sarifLevel(l finding.Level) string {
	switch l {
	case finding.Error, finding.Warning, finding.Note:
		return string(l)
	case finding.Off:
		return sarif.LevelNone
	}
	return sarif.LevelWarning
}

func sarifResult(f finding.Finding, ruleIndex int) *sarif.Result {
	res := sarif.NewRuleResult(f.RuleID).
		WithRuleIndex(ruleIndex).
		WithLevel(sarifLevel(f.Level)).
		WithMessage(sarif.NewTextMessage(cmp.Or(f.Message, f.RuleID))).
		WithPartialFingerprints(map[string]string{fingerprintKey: fingerprint(f)})
	if loc := primaryLocation(f); loc != nil {
		res.AddLocation(loc)
	}
	for i, rel := range f.Related {
		if rel.File == "" {
			continue
		}
		loc := sarif.NewLocation().WithID(i + 1).WithPhysicalLocation(physicalLocation(rel.Location))
		if rel.Message != "" {
			loc.WithMessage(sarif.NewTextMessage(rel.Message))
		}
		res.AddRelatedLocation(loc)
	}
	if s := f.Suppression; s != nil {
		sup := sarif.NewSuppression().WithKind(suppressionKind(s.Kind))
		if s.Justification != "" {
			sup.WithJustification(s.Justification)
		}
		res.AddSuppression(sup)
	}
	return res
}

// primaryLocation is where GitHub shows the alert. GitHub requires region.startLine, so a
// finding about a whole file (line 0) is anchored at the file's first line.
func primaryLocation(f finding.Finding) *sarif.Location {
	if f.Location.File == "" && f.LogicalLocation == "" {
		return nil
	}
	loc := sarif.NewLocation()
	if f.Location.File != "" {
		l := f.Location
		if l.Line < 1 {
			l = netdoc.Location{File: l.File, Line: 1}
		}
		loc.WithPhysicalLocation(physicalLocation(l))
	}
	if f.LogicalLocation != "" {
		name := f.LogicalLocation[strings.LastIndexByte(f.LogicalLocation, '/')+1:]
		loc.AddLogicalLocation(sarif.NewLogicalLocation().
			WithName(name).
			WithFullyQualifiedName(f.LogicalLocation))
	}
	return loc
}

// physicalLocation converts a location; the region carries what is known of the span.
func physicalLocation(l netdoc.Location) *sarif.PhysicalLocation {
	uri, base := artifactURI(l.File)
	artifact := sarif.NewArtifactLocation().WithURI(uri)
	if base != "" {
		artifact.WithURIBaseID(base)
	}
	p := sarif.NewPhysicalLocation().WithArtifactLocation(artifact)
	if l.Line < 1 {
		return p
	}
	region := sarif.NewRegion().WithStartLine(l.Line)
	if l.Column > 0 {
		region.WithStartColumn(l.Column)
	}
	endLine := l.EndLine
	if endLine == 0 && l.EndColumn > 0 {
		endLine = l.Line
	}
	switch {
	case endLine > l.Line:
		region.WithEndLine(endLine)
		if l.EndColumn > 0 {
			region.WithEndColumn(l.EndColumn)
		}
	case endLine == l.Line && l.Column > 0 && l.EndColumn > l.Column:
		region.WithEndLine(endLine).WithEndColumn(l.EndColumn)
	}
	return p.WithRegion(region)
}

// artifactURI turns a file path into a URI: relative paths (the normal case) become
// forward-slash URIs under %SRCROOT%, absolute ones file: URIs with no base.
func artifactURI(file string) (uri, base string) {
	p := slashPath(file)
	if filepath.IsAbs(file) || path.IsAbs(p) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/...
		}
		return (&url.URL{Scheme: "file", Path: p}).String(), ""
	}
	return (&url.URL{Path: p}).String(), srcRoot
}

func slashPath(file string) string {
	p := filepath.ToSlash(file)
	if p == "" {
		return p
	}
	return path.Clean(p)
}

// fingerprint identifies a result across runs without line numbers, so that an edit elsewhere
// in the file does not turn it into a new alert: sha256 of rule, file and the logical location
// (or pointer; or, lacking both, the message), hex, first 32 digits.
func fingerprint(f finding.Finding) string {
	subject := cmp.Or(f.LogicalLocation, f.Pointer, f.Message)
	sum := sha256.Sum256([]byte(f.RuleID + "\x00" + slashPath(f.Location.File) + "\x00" + subject))
	return hex.EncodeToString(sum[:])[:32]
}

func suppressionKind(kind string) string {
	if kind == "inSource" {
		return kind
	}
	return "external"
}

// sarifNotification reports a file that could not be parsed. It names its rule both as the
// descriptor and as the associated rule, which is listed in the driver's rules.
func sarifNotification(f finding.Finding, ruleIndex int) *sarif.Notification {
	n := sarif.NewNotification().
		WithLevel(sarif.LevelError).
		WithMessage(sarif.NewTextMessage(cmp.Or(f.Message, f.RuleID))).
		WithDescriptor(sarif.NewReportingDescriptorReference().WithID(f.RuleID)).
		WithAssociatedRule(sarif.NewReportingDescriptorReference().WithID(f.RuleID).WithIndex(ruleIndex))
	if f.Location.File != "" {
		n.AddLocation(sarif.NewLocation().WithPhysicalLocation(physicalLocation(f.Location)))
	}
	return n
}
