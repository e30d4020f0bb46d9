package armeval

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Override sets one parameter of the template itself (not of its nested deployments)
// to Value for one evaluation, in place of its default: a variant of the template
// (internal/lint/variants.go). A value set this way is written nowhere, so no
// location traces through it, and it is not checked against its declaration. An
// armexpr.Unknown value is a probe: every field it reaches becomes unknown.
type Override struct {
	Name  string
	Value any
}

// Bounded is a parameter of the template that declares what it allows: allowed
// values, a minimum or a maximum (Bicep's @allowed, @minValue and @maxValue compile
// to these).
type Bounded struct {
	Name    string
	Allowed []any // allowedValues, as plain values; nil when not declared
	// Min and Max are minValue and maxValue, when declared as integers.
	Min, Max *int64
	// Value is the parameter's value in this evaluation (default or parameter file).
	Value any
	// Pinned is set when the parameter file in use gives the value.
	Pinned bool
	// Read is set when an expression of the template read the parameter: one never
	// read cannot reach the document.
	Read bool
	// Decl is where the parameter is declared.
	Decl netdoc.Location
}

// maxBounded bounds the parameters Bounded lists: ARM allows 256.
const maxBounded = 256

// applyOverride sets the overridden parameter of the root scope s.
func (x *Deployment) applyOverride(s *scope) {
	o := x.opt.Override
	if o == nil {
		return
	}
	if p := s.params[strings.ToLower(o.Name)]; p != nil {
		p.file, p.overridden = gjson.Result{}, true
		p.done, p.v = true, o.Value
	}
}

// bounded lists the bounded parameters of the root scope s, after the walk (so that
// Read is known).
func (x *Deployment) bounded(s *scope) []Bounded {
	var out []Bounded
	// A declaration is read in one pass over its members, stepping over a large
	// defaultValue by the source's container index (paramDecl), not once per member.
	var decl paramDecl
	for _, name := range sortedParamNames(s) {
		if len(out) == maxBounded {
			break
		}
		p := s.params[name]
		decl.read(s.src, p.def)
		allowed := decl.get("allowedValues")
		minV, maxV := decl.get("minValue"), decl.get("maxValue")
		if !allowed.IsArray() && minV.Type != gjson.Number && maxV.Type != gjson.Number {
			continue
		}
		b := Bounded{Name: p.name, Read: x.read[name], Pinned: p.file.Exists(), Decl: s.src.Loc(p.def)}
		if allowed.IsArray() {
			b.Allowed, _ = plain(allowed).([]any)
		}
		if v, ok := number(minV).(int64); ok && minV.Type == gjson.Number {
			b.Min = &v
		}
		if v, ok := number(maxV).(int64); ok && maxV.Type == gjson.Number {
			b.Max = &v
		}
		if b.Read || b.Pinned {
			b.Value = s.paramValue(p)
		}
		out = append(out, b)
	}
	return out
}

// Probe is the value of an Override that finds the fields a parameter reaches: it is
// not known, so every field computed from it becomes unknown.
func Probe() any { return armexpr.Unknown{Reason: "the parameter is being probed for variants"} }
