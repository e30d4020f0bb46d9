package arm

import (
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Readers of document fields. Each records the value's location, or an
// unresolved entry (once per pointer) when the value is not known
// statically; a value that is absent is neither.

// set records a known value's location.
func (x *extractor) set(pointer string, v val) {
	l := x.locate(x.resolve(v.t))
	x.locs.Set(pointer, l.Location, l.Related...)
}

// unresolved records that the value at pointer is not known: p is the
// Unknown or *EvalError, or a string saying what is wrong with the value.
func (x *extractor) unresolved(pointer string, v val, p any) {
	expr := x.useText(v.t)
	var reason string
	switch u := p.(type) {
	case armexpr.Unknown:
		reason = u.Reason
		if reason == "" {
			reason = "not known statically"
		}
		if u.Expr != "" && !strings.Contains(normExpr(expr), normExpr(u.Expr)) {
			reason += " (" + clipN(u.Expr, 120) + ")"
		}
	case *armexpr.EvalError:
		reason = "the expression fails: " + u.Func
		if u.Func != "" {
			reason += ": "
		}
		reason += u.Msg
	case armexpr.ResourceID:
		reason = "resource ID " + u.Describe() + " depends on the deployment scope"
	case string:
		reason = u
	}
	x.unresolvedAt(pointer, expr, reason, x.locate(x.resolve(v.t)))
}

func (x *extractor) unresolvedAt(pointer, expr, reason string, l netdoc.Located) {
	if x.unresolvedSeen[pointer] {
		return
	}
	x.unresolvedSeen[pointer] = true
	if expr == "" {
		expr = "(not written)"
	}
	x.doc.Unresolved = append(x.doc.Unresolved, netdoc.Unresolved{Pointer: pointer, Expression: expr, Reason: reason})
	if !l.IsZero() {
		x.locs.Set(pointer, l.Location, l.Related...)
	}
}

// useText is the text of the expression (or JSON value) a trace started at.
func (x *extractor) useText(t trace) string {
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

func clipN(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// asString classifies a value read as a string: the string, or what is
// wrong with it (an Unknown, an error, a message); both empty when absent.
func asString(v val) (string, any) {
	if v.absent {
		return "", nil
	}
	if p, bad := problem(v); bad {
		return "", p
	}
	if v.lazy {
		return "", "expected a string, found " + jsonKind(v.t.j)
	}
	s, ok := v.v.(string)
	if !ok {
		return "", "expected a string, found " + armexpr.TypeName(v.v)
	}
	return s, nil
}

// str reads a string; "" counts as absent.
func (x *extractor) str(v val, pointer string) (string, bool) {
	s, p := asString(v)
	if p != nil {
		x.unresolved(pointer, v, p)
		return "", false
	}
	if s == "" {
		return "", false
	}
	x.set(pointer, v)
	return s, true
}

// integer reads an integer.
func (x *extractor) integer(v val, pointer string) *int {
	if v.absent {
		return nil
	}
	if p, bad := problem(v); bad {
		x.unresolved(pointer, v, p)
		return nil
	}
	n, ok := intOf(v.v)
	if !ok || v.lazy {
		x.unresolved(pointer, v, "expected an integer, found "+typeOf(v))
		return nil
	}
	x.set(pointer, v)
	return &n
}

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

// boolean reads a bool (ARM also accepts "true"/"false").
func (x *extractor) boolean(v val, pointer string) *bool {
	if v.absent {
		return nil
	}
	if p, bad := problem(v); bad {
		x.unresolved(pointer, v, p)
		return nil
	}
	var b bool
	switch t := v.v.(type) {
	case bool:
		b = t
	case string:
		switch strings.ToLower(t) {
		case "true":
			b = true
		case "false":
		default:
			x.unresolved(pointer, v, "expected a bool, found "+strconv.Quote(t))
			return nil
		}
	default:
		x.unresolved(pointer, v, "expected a bool, found "+typeOf(v))
		return nil
	}
	x.set(pointer, v)
	return &b
}

// strs reads an array of strings; an element not known makes the whole
// array unresolved, since a rule over part of it could miss an overlap.
func (x *extractor) strs(v val, pointer string) []string {
	if v.absent {
		return nil
	}
	if p, bad := problem(v); bad {
		x.unresolved(pointer, v, p)
		return nil
	}
	if !x.isArray(v) {
		x.unresolved(pointer, v, "expected an array, found "+typeOf(v))
		return nil
	}
	els := x.elems(v)
	out := make([]string, 0, len(els))
	for _, e := range els {
		if e.absent {
			continue
		}
		if p, bad := problem(e); bad {
			x.unresolved(pointer, e, p)
			return nil
		}
		s, ok := e.v.(string)
		if !ok || e.lazy {
			x.unresolved(pointer, e, "expected a string, found "+typeOf(e))
			return nil
		}
		out = append(out, s)
	}
	x.set(pointer, v)
	for i, e := range els {
		if !e.absent {
			x.set(pointer+"/"+itoa(i), e)
		}
	}
	return out
}

// single reads a setting the newer API also takes as an array (podCidr /
// podCidrs): the array wins when both are written. The single form is
// located both at the setting and at its element 0.
func (x *extractor) single(props val, one, many, pointer string) []string {
	if arr := x.get(props, many); !arr.absent {
		return x.strs(arr, pointer)
	}
	v := x.get(props, one)
	s, p := asString(v)
	switch {
	case p != nil:
		x.unresolved(pointer, v, p)
		x.set(pointer+"/0", v)
		return nil
	case s == "":
		return nil
	}
	x.set(pointer, v)
	x.set(pointer+"/0", v)
	return []string{s}
}

func typeOf(v val) string {
	if v.lazy {
		return jsonKind(v.t.j)
	}
	return armexpr.TypeName(v.v)
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

func itoa(i int) string { return strconv.Itoa(i) }

func atoi(s string) (int, error) { return strconv.Atoi(strings.TrimSpace(s)) }
