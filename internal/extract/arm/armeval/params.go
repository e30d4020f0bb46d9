package armeval

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Params is a parameter file: plain values by parameter name. Its values are
// never evaluated ("[x]" in a parameter file is the string "[x]").
type Params struct {
	src     *jsonsrc.Source
	root    gjson.Result
	entries map[string]gjson.Result // lower-case name -> entry object
	keys    map[string]gjson.Result // lower-case name -> the name as written
}

// ParseParams reads a parsed parameter file.
func ParseParams(src *jsonsrc.Source, root gjson.Result) (*Params, error) {
	if !root.IsObject() {
		return nil, jsonsrc.TopLevelError(src, root)
	}
	ps := getFold(root, "parameters")
	p := &Params{src: src, root: ps, entries: map[string]gjson.Result{}, keys: map[string]gjson.Result{}}
	if !ps.Exists() {
		return p, nil
	}
	if !ps.IsObject() {
		return nil, &netdoc.SourceError{Location: src.Loc(ps), Msg: "parameters must be an object"}
	}
	ps.ForEach(func(k, v gjson.Result) bool {
		name := strings.ToLower(k.String())
		if _, dup := p.entries[name]; !dup {
			p.entries[name] = v
			p.keys[name] = k
		}
		return true
	})
	return p, nil
}

// File is the parameter file's path.
func (p *Params) File() string { return p.src.File }

// Anchor is where the parameter file's parameters are (its start when it has none).
func (p *Params) Anchor() netdoc.Location {
	if l := p.src.Loc(p.root); !l.IsZero() {
		return l
	}
	return p.src.At(0, 0)
}

// param is a parameter of a template scope and where its value comes from.
type param struct {
	name string       // as declared
	def  gjson.Result // the declaration
	// Exactly one source applies, in this order.
	file   gjson.Result // the parameter file's entry
	passed gjson.Result // the nested deployment's entry (evaluated in the outer scope)
	// passedValue is an entry of a parameters object written as one
	// expression: its value, with passedSite the expression.
	passedValue any
	hasPassed   bool
	// overridden is set for the parameter of a variant (Options.Override): its
	// value is written nowhere.
	overridden bool

	done bool
	busy bool
	v    any
}

// value is the parameter's value: from the parameter file, the nested
// deployment, the default, null for a nullable parameter, else Unknown.
func (s *scope) paramValue(p *param) any {
	if p.done {
		return p.v
	}
	if p.busy {
		return armexpr.Unknown{Reason: "parameter " + quote(p.name) + " refers to itself"}
	}
	p.busy = true
	v := s.computeParam(p)
	p.busy, p.done, p.v = false, true, v
	return v
}

func (s *scope) computeParam(p *param) any {
	switch {
	case p.file.Exists():
		if getFold(p.file, "reference").Exists() && !getFold(p.file, "value").Exists() {
			return armexpr.Unknown{Reason: "parameter " + quote(p.name) + " is a Key Vault reference"}
		}
		v := getFold(p.file, "value")
		if !v.Exists() {
			return armexpr.Unknown{Reason: "the parameter file gives no value for " + quote(p.name)}
		}
		return plain(v)
	case p.hasPassed:
		return p.passedValue
	case p.passed.Exists():
		outer := s.parent
		entry := outer.x.evalJSON(outer, s.dep.f, s.dep.src, p.passed)
		switch e := entry.(type) {
		case map[string]any:
			if v, ok, _ := armexpr.Lookup(e, "value"); ok {
				return v
			}
			if _, ok, _ := armexpr.Lookup(e, "reference"); ok {
				return armexpr.Unknown{Reason: "parameter " + quote(p.name) + " is a Key Vault reference"}
			}
			return armexpr.Unknown{Reason: "no value is passed for parameter " + quote(p.name)}
		case armexpr.Unknown, *armexpr.EvalError:
			return e
		}
		return &armexpr.EvalError{Func: "parameters", Msg: "the value passed for parameter " + quote(p.name) + " is not an object with a value", Pos: -1}
	}
	if d := getFold(p.def, "defaultValue"); d.Exists() {
		return s.x.evalJSON(s, nil, s.src, d)
	}
	if s.nullable(p.def) {
		return nil
	}
	return armexpr.Unknown{Reason: "parameter " + quote(p.name) + " has no value"}
}

// nullable reports whether a declaration (or the user-defined type it
// refers to) is nullable.
func (s *scope) nullable(def gjson.Result) bool {
	for range 8 {
		if getFold(def, "nullable").Bool() {
			return true
		}
		ref := def.Get(`\$ref`).String()
		name, ok := strings.CutPrefix(ref, "#/definitions/")
		if !ok {
			return false
		}
		def = getFold(getFold(s.tmpl, "definitions"), name)
	}
	return false
}

// sourceTrace is where a parameter's value is written, with the message of
// the related location; ok is false when no value is written.
func (s *scope) paramSource(p *param) (trace, string, bool) {
	x := s.x
	switch {
	case p.overridden:
		return trace{}, "", false
	case p.file.Exists():
		v := getFold(p.file, "value")
		if !v.Exists() {
			return trace{}, "", false
		}
		return x.jsonTrace(nil, nil, x.opt.Params.src, v), "parameter " + quote(p.name) + " is set in " + filepath.Base(x.opt.Params.src.File), true
	case p.hasPassed:
		return trace{}, "", false
	case p.passed.Exists():
		t := x.jsonTrace(s.parent, s.dep.f, s.dep.src, p.passed)
		t = x.descend(t, "value")
		if t.kind == tDead {
			return trace{}, "", false
		}
		return t, "value passed to parameter " + quote(p.name) + " of nested deployment " + s.label(), true
	}
	if d := getFold(p.def, "defaultValue"); d.Exists() {
		return x.jsonTrace(s, nil, s.src, d), "default value of parameter " + quote(p.name), true
	}
	return trace{}, "", false
}

// plain converts parameter-file JSON to a value without evaluating anything.
func plain(r gjson.Result) any {
	switch r.Type {
	case gjson.Null:
		return nil
	case gjson.False:
		return false
	case gjson.True:
		return true
	case gjson.Number:
		return number(r)
	case gjson.String:
		return r.String()
	case gjson.JSON:
	}
	if r.IsArray() {
		out := []any{}
		r.ForEach(func(_, v gjson.Result) bool {
			out = append(out, plain(v))
			return true
		})
		return out
	}
	out := map[string]any{}
	r.ForEach(func(k, v gjson.Result) bool {
		out[k.String()] = plain(v)
		return true
	})
	return out
}

// number is a JSON number as an int64 when integral, else float64.
func number(r gjson.Result) any {
	raw := r.Raw
	if !strings.ContainsAny(raw, ".eE") {
		if i := r.Int(); fmt.Sprint(i) == raw {
			return i
		}
	}
	return armexpr.Normalize(r.Float())
}

func quote(s string) string { return "'" + s + "'" }

// gjsonEscape escapes a key for a gjson path.
func gjsonEscape(k string) string {
	var b strings.Builder
	for _, r := range k {
		switch r {
		case '.', '*', '?', '|', '#', '@', '\\', '!', '=', '<', '>', '%':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
