package engine

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// rulesRoot is the package under which every rule package lives.
const rulesRoot = "data.aksnet.rules"

var ruleIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*[0-9]{3}$`)

// registry reads the rules from the package METADATA of the compiled modules. A package
// under aksnet.rules with no custom.id, or with an incomplete custom block, is an error:
// every rule must be describable in reports and SARIF.
func registry(c *ast.Compiler, custom map[string]bool) ([]finding.Rule, error) {
	var rules []finding.Rule
	seen := map[string]string{}
	var errs []string
	for _, ref := range c.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a.Scope != "package" {
			continue
		}
		pkg := ref.Path.String()
		if !strings.HasPrefix(pkg, rulesRoot+".") {
			continue
		}
		r, err := ruleFromAnnotations(pkg, a)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", a.Location, err))
			continue
		}
		if prev, dup := seen[r.ID]; dup {
			errs = append(errs, fmt.Sprintf("%s: rule id %s already used by %s", a.Location, r.ID, prev))
			continue
		}
		seen[r.ID] = pkg
		r.Custom = custom[a.Location.File]
		rules = append(rules, r)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("invalid rule metadata:\n  %s", strings.Join(errs, "\n  "))
	}
	return rules, nil
}

func ruleFromAnnotations(pkg string, a *ast.Annotations) (finding.Rule, error) {
	if strings.Count(strings.TrimPrefix(pkg, rulesRoot+"."), ".") != 0 {
		return finding.Rule{}, fmt.Errorf("rule package %s must sit directly under aksnet.rules", pkg)
	}
	str := func(k string) string { s, _ := a.Custom[k].(string); return s }
	r := finding.Rule{
		ID:          str("id"),
		Name:        str("name"),
		Level:       finding.Level(str("level")),
		Title:       a.Title,
		Description: strings.TrimSpace(a.Description),
		Package:     pkg,
	}
	for _, rr := range a.RelatedResources {
		r.RelatedResources = append(r.RelatedResources, rr.Ref.String())
	}
	strs := func(k string) []string {
		var out []string
		if list, ok := a.Custom[k].([]any); ok {
			for _, x := range list {
				if s, ok := x.(string); ok {
					out = append(out, s)
				}
			}
		}
		return out
	}
	// custom.kinds is optional: a rule without it applies to every input kind.
	r.Kinds = strs("kinds")
	_, listed := a.Custom["kinds"]
	if !listed {
		for _, k := range netdoc.Kinds {
			r.Kinds = append(r.Kinds, string(k))
		}
	}
	r.Needs = strs("needs")
	r.Tags = strs("tags")
	r.Emitter = str("emitter")
	r.Precision = str("precision")
	switch v := a.Custom["security_severity"].(type) {
	case string:
		r.SecuritySeverity = v
	case float64:
		r.SecuritySeverity = strconv.FormatFloat(v, 'f', 1, 64)
	case json.Number:
		r.SecuritySeverity = v.String()
	case int:
		r.SecuritySeverity = strconv.Itoa(v)
	}
	switch {
	case !ruleIDPattern.MatchString(r.ID):
		return r, fmt.Errorf("custom.id %q must look like AKSNET123 (letters then three digits)", r.ID)
	case r.Name == "":
		return r, fmt.Errorf("%s: custom.name is required", r.ID)
	case r.Level.Rank() == 0:
		return r, fmt.Errorf("%s: custom.level %q must be error, warning or note", r.ID, r.Level)
	case r.Title == "":
		return r, fmt.Errorf("%s: title is required", r.ID)
	case r.Description == "":
		return r, fmt.Errorf("%s: description is required", r.ID)
	case len(r.Kinds) == 0:
		return r, fmt.Errorf("%s: custom.kinds, when present, must list %s", r.ID, kindList())
	}
	for _, k := range r.Kinds {
		if !slices.Contains(netdoc.Kinds, netdoc.Kind(k)) {
			return r, fmt.Errorf("%s: unknown kind %q in custom.kinds", r.ID, k)
		}
	}
	for _, n := range r.Needs {
		if err := checkNeed(n); err != nil {
			return r, fmt.Errorf("%s: custom.needs %q: %w", r.ID, n, err)
		}
	}
	switch r.Precision {
	case "", "very-high", "high", "medium", "low":
	default:
		return r, fmt.Errorf("%s: custom.precision %q must be very-high, high, medium or low", r.ID, r.Precision)
	}
	return r, nil
}

// kindList is the input kinds as METADATA writes them: "arm, bicep or azcli".
func kindList() string {
	var ks []string
	for _, k := range netdoc.Kinds {
		ks = append(ks, string(k))
	}
	return strings.Join(ks[:len(ks)-1], ", ") + " and/or " + ks[len(ks)-1]
}
