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

// ruleDocBase is where the built-in rules' pages live in this repository.
const ruleDocBase = toolInformationURI + "/blob/main/docs/rules/"

// writeSARIF writes one SARIF 2.1.0 run with GitHub code scanning in mind, with the object
// model of sarif_model.go (which says why it is not a library's).
func writeSARIF(w io.Writer, r Report, opt Options) error {
	driver := sarifToolComponent{
		Name:           toolName,
		Version:        sarifToolVersion(opt.ToolVersion),
		InformationURI: toolInformationURI,
	}
	ruleIndex := addRules(&driver, r)
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	if opt.Root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: rootURI(opt.Root)}}
	}
	var inv sarifInvocation
	failed := false
	for _, f := range r.Findings {
		if isDiagnostic(f) {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, newNotification(f, ruleIndex[f.RuleID]))
			// A file that could not be read fails the run; a skipped one (a broken
			// fixture with --skip-non-templates, a file of another kind) is a note.
			if f.RuleID == parseErrorRule && f.Level == finding.Error {
				failed = true
			}
			continue
		}
		run.Results = append(run.Results, newResult(f, ruleIndex[f.RuleID]))
	}
	inv.ExecutionSuccessful = !failed
	run.Invocations = []sarifInvocation{inv}

	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifDocument{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifToolVersion makes the version comparable, as the SARIF validator asks (SARIF2005: it
// should start with a number): v1.2.3 becomes 1.2.3, and a version that does not start with
// a digit, such as devel, becomes 0.0.0-devel.
func sarifToolVersion(v string) string {
	if v == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(v, "v"); ok && startsWithDigit(rest) {
		return rest
	}
	if startsWithDigit(v) {
		return v
	}
	return "0.0.0-" + v
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// addRules adds a descriptor for every rule a finding uses, once each, in ID order, and
// returns each rule's index. A rule missing from the registry gets a minimal descriptor.
func addRules(driver *sarifToolComponent, r Report) map[string]int {
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
	driver.Rules = make([]sarifReportingDescriptor, 0, len(ids))
	for i, id := range ids {
		index[id] = i
		rule, ok := registry[id]
		if !ok {
			rule = finding.Rule{ID: id, Name: names[id]}
		}
		driver.Rules = append(driver.Rules, ruleDescriptor(rule))
	}
	return index
}

func ruleDescriptor(rule finding.Rule) sarifReportingDescriptor {
	title := cmp.Or(rule.Title, rule.Name, rule.ID)
	desc := cmp.Or(rule.Description, title)
	text, markdown := desc, desc
	uri := rule.HelpURI()
	if !rule.Custom && rule.Package != "" {
		uri = ruleDocBase + rule.ID + ".md"
	}
	if uri != "" {
		text += "\n\nSee " + uri
		markdown += "\n\nSee [" + uri + "](" + uri + ")."
	}
	return sarifReportingDescriptor{
		ID:                   rule.ID,
		Name:                 rule.Name,
		ShortDescription:     &sarifMultiformatMessage{Text: title},
		FullDescription:      &sarifMultiformatMessage{Text: desc},
		Help:                 &sarifMultiformatMessage{Text: text, Markdown: markdown},
		HelpURI:              uri,
		DefaultConfiguration: &sarifConfiguration{Level: sarifLevel(rule.Level)},
		Properties:           ruleProperties(rule),
	}
}

// ruleProperties are what GitHub code scanning reads of a rule: tags, precision and
// security-severity (a number from 0.0 to 10.0, as a string).
func ruleProperties(rule finding.Rule) *sarifPropertyBag {
	tags := slices.Clone(ruleTags)
	for _, t := range rule.Tags {
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return &sarifPropertyBag{Tags: tags, Precision: rule.Precision, SecuritySeverity: rule.SecuritySeverity}
}

func sarifLevel(l finding.Level) string {
	switch l {
	case finding.Error, finding.Warning, finding.Note:
		return string(l)
	case finding.Off:
		return levelNone
	}
	return levelWarning
}

func newResult(f finding.Finding, ruleIndex int) sarifResult {
	res := sarifResult{
		RuleID:              f.RuleID,
		RuleIndex:           ruleIndex,
		Level:               sarifLevel(f.Level),
		Message:             sarifMessage{Text: cmp.Or(f.Message, f.RuleID)},
		PartialFingerprints: map[string]string{fingerprintKey: fingerprint(f)},
	}
	if loc, ok := primaryLocation(f); ok {
		res.Locations = []sarifLocation{loc}
	}
	for i, rel := range f.Related {
		if rel.File == "" {
			continue
		}
		loc := sarifLocation{ID: i + 1, PhysicalLocation: physicalLocation(rel.Location)}
		if rel.Message != "" {
			loc.Message = &sarifMessage{Text: rel.Message}
		}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	if len(f.ParameterFiles) > 0 || len(f.Instances) > 0 || f.Variant != nil {
		res.Properties = &sarifResultProperties{ParameterFiles: f.ParameterFiles, Instances: f.Instances, Variant: f.Variant}
	}
	if s := f.Suppression; s != nil {
		res.Suppressions = []sarifSuppression{{Kind: suppressionKind(s.Kind), Justification: s.Justification}}
	}
	return res
}

// primaryLocation is where GitHub shows the alert. GitHub requires region.startLine, so a
// finding about a whole file (line 0) is anchored at the file's first line.
func primaryLocation(f finding.Finding) (sarifLocation, bool) {
	var loc sarifLocation
	if f.Location.File == "" && f.LogicalLocation == "" {
		return loc, false
	}
	if f.Location.File != "" {
		l := f.Location
		if l.Line < 1 {
			l = netdoc.Location{File: l.File, Line: 1}
		}
		loc.PhysicalLocation = physicalLocation(l)
	}
	if f.LogicalLocation != "" {
		name := f.LogicalLocation[strings.LastIndexByte(f.LogicalLocation, '/')+1:]
		loc.LogicalLocations = []sarifLogicalLocation{{Name: name, FullyQualifiedName: f.LogicalLocation}}
	}
	return loc, true
}

// physicalLocation converts a location; the region carries what is known of the span.
func physicalLocation(l netdoc.Location) *sarifPhysicalLocation {
	uri, base := artifactURI(l.File)
	p := &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uri, URIBaseID: base}}
	if l.Line < 1 {
		return p
	}
	region := &sarifRegion{StartLine: l.Line, StartColumn: max(l.Column, 0)}
	endLine := l.EndLine
	if endLine == 0 && l.EndColumn > 0 {
		endLine = l.Line
	}
	switch {
	case endLine > l.Line:
		region.EndLine, region.EndColumn = endLine, max(l.EndColumn, 0)
	case endLine == l.Line && l.Column > 0 && l.EndColumn > l.Column:
		region.EndLine, region.EndColumn = endLine, l.EndColumn
	}
	p.Region = region
	return p
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
// (or pointer; or, lacking both, the message), and the parameter files that decided the
// value (so that a mistake made in prod.parameters.json is another alert than the same
// one in dev.parameters.json, while one the template makes alone keeps its identity
// whatever the parameter files), and the variant's parameter and value (a mistake of
// agentCount 50 is another alert than the same one of the value given), hex, first 32
// digits.
func fingerprint(f finding.Finding) string {
	subject := cmp.Or(f.LogicalLocation, f.Pointer, f.Message)
	if d := decidingFiles(f); d != "" {
		subject += "\x00" + d
	}
	if v := f.Variant; v != nil {
		value, _ := json.Marshal(v.Value)
		subject += "\x00variant\x00" + v.Parameter + "\x00" + string(value)
	}
	sum := sha256.Sum256([]byte(f.RuleID + "\x00" + slashPath(f.Location.File) + "\x00" + subject))
	return hex.EncodeToString(sum[:])[:32]
}

// decidingFiles lists the parameter files a finding's value was set in: those of its
// related locations that are one of its parameter files and say more than that the
// pairing used it ("with parameter file x.json").
func decidingFiles(f finding.Finding) string {
	if len(f.ParameterFiles) == 0 {
		return ""
	}
	var files []string
	for _, r := range f.Related {
		if strings.HasPrefix(r.Message, "with parameter file") {
			continue
		}
		p := slashPath(r.File)
		for _, pf := range f.ParameterFiles {
			if slashPath(pf) == p && !slices.Contains(files, p) {
				files = append(files, p)
			}
		}
	}
	slices.Sort(files)
	return strings.Join(files, "\x00")
}

func suppressionKind(kind string) string {
	if kind == "inSource" {
		return kind
	}
	return "external"
}

// newNotification reports a file that could not be parsed, or a value not known
// statically that stopped some rules. It names its rule both as the
// descriptor and as the associated rule, which is listed in the driver's rules.
func newNotification(f finding.Finding, ruleIndex int) sarifNotification {
	n := sarifNotification{
		Level:          sarifLevel(f.Level),
		Message:        sarifMessage{Text: cmp.Or(f.Message, f.RuleID)},
		Descriptor:     &sarifDescriptorRef{ID: f.RuleID},
		AssociatedRule: &sarifDescriptorRefIndex{ID: f.RuleID, Index: ruleIndex},
	}
	if loc, ok := primaryLocation(f); ok && f.Location.File != "" {
		n.Locations = []sarifLocation{loc}
	}
	return n
}
