package armeval

import (
	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Value is a value read from a template, with the trace of where it is
// written. A JSON object or array is read lazily, member by member; an
// expression is evaluated as a whole when it is reached.
type Value struct {
	V      any
	lazy   bool // a JSON value not evaluated yet (t is on it)
	Absent bool // the property is not there (or is null)
	t      trace
}

// Body reads a resource object.
func (x *Deployment) Body(in *Resource) Value {
	return x.jsonVal(x.jsonTrace(in.sc, in.f, in.src, in.j))
}

func (x *Deployment) jsonVal(t trace) Value {
	switch t.kind {
	case tExpr, tDead: // tDead: an expression that does not parse
		v := x.evalString(t.s, t.f, t.src, t.j)
		if v == nil {
			return Value{Absent: true, t: t}
		}
		return Value{V: v, t: t}
	default: // a JSON value
	}
	if t.j.Type == gjson.Null {
		return Value{Absent: true, t: t}
	}
	if t.j.IsObject() || t.j.IsArray() {
		return Value{lazy: true, t: t}
	}
	return Value{V: x.evalJSON(t.s, t.f, t.src, t.j), t: t}
}

// Get reads property key.
func (x *Deployment) Get(v Value, key string) Value {
	if v.Absent {
		return v
	}
	if v.lazy {
		if !v.t.j.IsObject() {
			return Value{Absent: true, t: v.t}
		}
		// The object is indexed (or found in the cache) once for both lookups: Get is
		// the extractor's most frequent call (BenchmarkExtractHub).
		o := x.object(v.t.src, v.t.j)
		if v.t.s != nil {
			if c, ok := o.propertyCopy(key); ok {
				t := v.t
				name := getFold(c, "name").String()
				t.kind, t.ext = tCopy, &traceExt{cpy: c, name: name}
				t.cur = site{src: t.src, j: c}
				return Value{V: x.copyArray(t.s, t.f, t.src, c, name), t: t}
			}
		}
		child, ok := o.lookup(key)
		if !ok {
			return Value{Absent: true, t: v.t}
		}
		return x.jsonVal(x.enter(v.t, child))
	}
	switch m := v.V.(type) {
	case map[string]any:
		c, found, _ := armexpr.Lookup(m, key)
		if !found || c == nil {
			return Value{Absent: true, t: v.t}
		}
		return Value{V: c, t: x.descend(v.t, key)}
	case armexpr.Open:
		c, found, _ := armexpr.Lookup(m.Known, key)
		if !found {
			return Value{V: armexpr.Unknown{Reason: m.Reason}, t: x.descend(v.t, key)}
		}
		if c == nil {
			return Value{Absent: true, t: v.t}
		}
		return Value{V: c, t: x.descend(v.t, key)}
	case armexpr.Unknown, *armexpr.EvalError:
		return v
	}
	return Value{Absent: true, t: v.t}
}

// Path reads nested properties.
func (x *Deployment) Path(v Value, keys ...string) Value {
	for _, k := range keys {
		v = x.Get(v, k)
	}
	return v
}

// Elems reads the elements of an array (nil for anything else).
func (x *Deployment) Elems(v Value) []Value {
	if v.Absent {
		return nil
	}
	if v.lazy {
		if !v.t.j.IsArray() {
			return nil
		}
		// Counted first (a scan that skips the nested containers): a Value is large, and
		// growing the slice element by element dominated the allocations of extracting
		// a large VNet list (BenchmarkExtractHub).
		out := make([]Value, 0, x.Len(v))
		v.t.src.ForEach(v.t.j, func(_, e gjson.Result) bool {
			out = append(out, x.jsonVal(x.enter(v.t, e)))
			return true
		})
		return out
	}
	a, ok := v.V.([]any)
	if !ok {
		return nil
	}
	out := make([]Value, len(a))
	for i, e := range a {
		if e == nil {
			out[i] = Value{Absent: true, t: x.index(v.t, i)}
			continue
		}
		out[i] = Value{V: e, t: x.index(v.t, i)}
	}
	return out
}

// Len is the number of elements of an array (0 for anything else), without
// evaluating them.
func (x *Deployment) Len(v Value) int {
	if v.Absent {
		return 0
	}
	if v.lazy {
		if !v.t.j.IsArray() {
			return 0
		}
		n := 0
		v.t.src.ForEach(v.t.j, func(_, _ gjson.Result) bool {
			n++
			return true
		})
		return n
	}
	a, _ := v.V.([]any)
	return len(a)
}

// Evaluated evaluates v completely.
func (x *Deployment) Evaluated(v Value) any {
	if v.Absent {
		return nil
	}
	if v.lazy {
		return x.evalJSON(v.t.s, v.t.f, v.t.src, v.t.j)
	}
	return v.V
}

// IsArray reports whether v is an array (written as one, or evaluated to one).
func (v Value) IsArray() bool {
	if v.lazy {
		return v.t.j.IsArray()
	}
	_, ok := v.V.([]any)
	return ok && !v.Absent
}

// Problem returns the Unknown or error v is, if any (not looking inside).
func (v Value) Problem() (any, bool) {
	if v.Absent || v.lazy {
		return nil, false
	}
	switch p := v.V.(type) {
	case armexpr.Unknown, *armexpr.EvalError:
		return p, true
	case armexpr.ResourceID:
		return armexpr.Unknown{Reason: "resource ID " + p.Describe() + " depends on the deployment scope"}, true
	}
	return nil, false
}

// TypeName names the type of v for messages ("object" for an object not read yet).
func (v Value) TypeName() string {
	if v.lazy {
		return jsonKind(v.t.j)
	}
	return armexpr.TypeName(v.V)
}

func jsonKind(j gjson.Result) string {
	switch {
	case j.IsArray():
		return "array"
	case j.IsObject():
		return "object"
	}
	return j.Type.String()
}

// Int is v as an int, when it is an integral number within 32 bits.
func (v Value) Int() (int, bool) { return intOf(v.V) }

func intOf(v any) (int, bool) {
	switch n := v.(type) {
	case int64:
		if n > 1<<31 || n < -(1<<31) {
			return 0, false
		}
		return int(n), true
	case float64:
		if n != float64(int(n)) {
			return 0, false
		}
		return int(n), true
	}
	return 0, false
}

// Text is the text of the expression (or JSON value) where v is used, for messages.
func (v Value) Text() string {
	t := v.t
	st := t.cur
	if len(t.rel) > 0 {
		st = t.at
	}
	if st.n != nil {
		return clip(st.n.Source())
	}
	if st.j.Type == gjson.String {
		return clip(st.j.String())
	}
	return clip(st.j.Raw)
}

// Loc locates v where it is used, with related locations for the definitions it
// comes through (a variable, a parameter's default value, the parameter file entry,
// a nested deployment's output).
func (x *Deployment) Loc(v Value) netdoc.Located { return locate(x.resolve(v.t)) }

// AsSeg is v, evaluated, as a name segment.
func (x *Deployment) AsSeg(v Value) Seg { return Seg{V: x.Evaluated(v), t: v.t} }

// Value is the segment as a value, located where it is written.
func (sg Seg) Value() Value { return Value{V: sg.V, t: sg.t} }

// Loc locates the segment where it is written (not following it to its definition).
func (sg Seg) Loc() netdoc.Located { return locate(sg.t) }
