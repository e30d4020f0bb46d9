// Package finding holds the model shared by the engine and the reports: rules (read from
// policy METADATA) and the findings they produce.
package finding

import (
	"cmp"
	"slices"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Level is a finding's severity, named as in SARIF.
type Level string

// Levels, from most to least severe. Off disables a rule.
const (
	Error   Level = "error"
	Warning Level = "warning"
	Note    Level = "note"
	Off     Level = "off"
)

// Rank orders levels: error 3, warning 2, note 1, anything else 0.
func (l Level) Rank() int {
	switch l {
	case Error:
		return 3
	case Warning:
		return 2
	case Note:
		return 1
	default:
		return 0
	}
}

// ParseLevel accepts error, warning, note and off.
func ParseLevel(s string) (Level, bool) {
	switch l := Level(s); l {
	case Error, Warning, Note, Off:
		return l, true
	}
	return "", false
}

// Rule is one entry of the rule registry, built from a policy package's METADATA.
type Rule struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	Level            Level    `json:"level"`
	Title            string   `json:"title"`
	Description      string   `json:"description"`
	Kinds            []string `json:"kinds"`
	RelatedResources []string `json:"relatedResources,omitempty"`
	// Package is the Rego package path the rule lives in (data.aksnet.rules.x).
	Package string `json:"package"`
	// Custom is true for rules loaded with --policy.
	Custom bool `json:"custom,omitempty"`
	// Needs are the document fields the rule reads (METADATA custom.needs), as JSON
	// pointer patterns (/clusters/*/nodePools/*/count): an unresolved value under one of
	// them stopped the rule, and gets an AKSNET901 note naming it.
	Needs []string `json:"needs,omitempty"`
	// Emitter is "engine" for a diagnostic the engine raises rather than a deny rule.
	Emitter string `json:"emitter,omitempty"`
	// SecuritySeverity, Precision and Tags describe the rule to GitHub code scanning
	// (METADATA custom.security_severity, custom.precision, custom.tags).
	SecuritySeverity string   `json:"securitySeverity,omitempty"`
	Precision        string   `json:"precision,omitempty"`
	Tags             []string `json:"tags,omitempty"`
}

// HelpURI is the rule's primary documentation link, if any.
func (r Rule) HelpURI() string {
	if len(r.RelatedResources) > 0 {
		return r.RelatedResources[0]
	}
	return ""
}

// Finding is one reported problem.
type Finding struct {
	RuleID   string          `json:"ruleId"`
	Rule     string          `json:"rule"`
	Level    Level           `json:"level"`
	Message  string          `json:"message"`
	Location netdoc.Location `json:"location"`
	// Pointer is the JSON pointer into the network document the finding is about.
	Pointer string `json:"pointer,omitempty"`
	// LogicalLocation names the finding's subject by keys, not indexes
	// (clusters[aks-prod]/nodePools[system]/maxPods); it is stable across unrelated edits.
	LogicalLocation string           `json:"logicalLocation,omitempty"`
	Related         []netdoc.Related `json:"related,omitempty"`
	// ParameterFiles are the parameter files under which the finding holds, when the
	// template was linted with several (one finding for all of them).
	ParameterFiles []string `json:"parameterFiles,omitempty"`
	// Instances are the copies or module deployments the finding applies to, when one
	// source location gave it for several.
	Instances []string `json:"instances,omitempty"`
	// Variant is set for a finding that holds only when one parameter of the template
	// takes another value it allows (docs/usage.md, Variants).
	Variant *Variant `json:"variant,omitempty"`
	// Suppression is set when an ignore entry or inline comment silenced the finding.
	Suppression *Suppression `json:"suppression,omitempty"`
}

// Variant is the parameter value a finding holds under.
type Variant struct {
	Parameter string `json:"parameter"`
	Value     any    `json:"value"`
}

// Suppression records why a finding was silenced.
type Suppression struct {
	Kind          string `json:"kind"` // "inSource" or "external"
	Justification string `json:"justification"`
}

// Sort orders findings deterministically: file, line, column, rule, message.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Location.File, b.Location.File),
			cmp.Compare(a.Location.Line, b.Location.Line),
			cmp.Compare(a.Location.Column, b.Location.Column),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
