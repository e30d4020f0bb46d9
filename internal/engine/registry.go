package engine

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

// rulesRoot is the package under which every rule package lives.
const rulesRoot = "data.aksnet.rules"

var validKinds = map[string]bool{"arm": true, "bicep": true, "azcli": true}

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
	if kinds, ok := a.Custom["kinds"].([]any); ok {
		for _, k := range kinds {
			if s, ok := k.(string); ok {
				r.Kinds = append(r.Kinds, s)
			}
		}
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
		return r, fmt.Errorf("%s: custom.kinds must list arm, bicep and/or azcli", r.ID)
	}
	for _, k := range r.Kinds {
		if !validKinds[k] {
			return r, fmt.Errorf("%s: unknown kind %q in custom.kinds", r.ID, k)
		}
	}
	return r, nil
}
