package arm

import (
	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// val is a value read from a template, with the trace of where it is
// written. A JSON object or array is read lazily, member by member; an
// expression is evaluated as a whole when it is reached.
type val struct {
	v      any
	lazy   bool // a JSON value not evaluated yet (t is on it)
	absent bool // the property is not there (or is null)
	t      trace
}

// resourceVal starts reading a resource object.
func (x *extractor) resourceVal(in *inst) val {
	return x.jsonVal(x.jsonTrace(in.sc, in.f, in.src, in.j))
}

func (x *extractor) jsonVal(t trace) val {
	switch t.kind {
	case tExpr, tDead: // tDead: an expression that does not parse
		v := x.evalString(t.s, t.f, t.src, t.j)
		if v == nil {
			return val{absent: true, t: t}
		}
		return val{v: v, t: t}
	default: // a JSON value
	}
	if t.j.Type == gjson.Null {
		return val{absent: true, t: t}
	}
	if t.j.IsObject() || t.j.IsArray() {
		return val{lazy: true, t: t}
	}
	return val{v: x.evalJSON(t.s, t.f, t.src, t.j), t: t}
}

// get reads property key.
func (x *extractor) get(v val, key string) val {
	if v.absent {
		return v
	}
	if v.lazy {
		if v.t.s != nil {
			if c, ok := x.propertyCopy(v.t.src, v.t.j, key); ok {
				t := v.t
				t.kind, t.cpy, t.name = tCopy, c, getFold(c, "name").String()
				t.cur = site{src: t.src, j: c}
				return val{v: x.copyArray(t.s, t.f, t.src, c, t.name), t: t}
			}
		}
		child, ok := x.member(v.t.src, v.t.j, key)
		if !ok {
			return val{absent: true, t: v.t}
		}
		return x.jsonVal(x.enter(v.t, child))
	}
	switch m := v.v.(type) {
	case map[string]any:
		c, found, _ := armexpr.Lookup(m, key)
		if !found || c == nil {
			return val{absent: true, t: v.t}
		}
		return val{v: c, t: x.descend(v.t, key)}
	case armexpr.Open:
		c, found, _ := armexpr.Lookup(m.Known, key)
		if !found {
			return val{v: armexpr.Unknown{Reason: m.Reason}, t: x.descend(v.t, key)}
		}
		if c == nil {
			return val{absent: true, t: v.t}
		}
		return val{v: c, t: x.descend(v.t, key)}
	case armexpr.Unknown, *armexpr.EvalError:
		return v
	}
	return val{absent: true, t: v.t}
}

// path reads nested properties.
func (x *extractor) path(v val, keys ...string) val {
	for _, k := range keys {
		v = x.get(v, k)
	}
	return v
}

// elems reads the elements of an array (nil for anything else).
func (x *extractor) elems(v val) []val {
	if v.absent {
		return nil
	}
	if v.lazy {
		if !v.t.j.IsArray() {
			return nil
		}
		var out []val
		v.t.src.ForEach(v.t.j, func(_, e gjson.Result) bool {
			out = append(out, x.jsonVal(x.enter(v.t, e)))
			return true
		})
		return out
	}
	a, ok := v.v.([]any)
	if !ok {
		return nil
	}
	out := make([]val, len(a))
	for i, e := range a {
		if e == nil {
			out[i] = val{absent: true, t: x.index(v.t, i)}
			continue
		}
		out[i] = val{v: e, t: x.index(v.t, i)}
	}
	return out
}

// value evaluates v completely.
func (x *extractor) value(v val) any {
	if v.absent {
		return nil
	}
	if v.lazy {
		return x.evalJSON(v.t.s, v.t.f, v.t.src, v.t.j)
	}
	return v.v
}

// isArray and isObject report the shape of a value that is known.
func (x *extractor) isArray(v val) bool {
	if v.lazy {
		return v.t.j.IsArray()
	}
	_, ok := v.v.([]any)
	return ok && !v.absent
}

// problem returns the Unknown or error v is, if any (not looking inside).
func problem(v val) (any, bool) {
	if v.absent || v.lazy {
		return nil, false
	}
	switch p := v.v.(type) {
	case armexpr.Unknown, *armexpr.EvalError:
		return p, true
	case armexpr.ResourceID:
		return armexpr.Unknown{Reason: "resource ID " + p.Describe() + " depends on the deployment scope"}, true
	}
	return nil, false
}

func (x *extractor) loc(v val) netdoc.Located { return x.locate(x.resolve(v.t)) }
