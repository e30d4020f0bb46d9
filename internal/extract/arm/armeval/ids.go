package armeval

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
)

// Questions a reader of a Deployment asks about how a value is written, when the
// value itself is not enough: the names in a resource ID built by an expression, the
// key of a value not known statically, reference(X).property.

// ExprKey names a value not known statically by the expression that computes it
// (followed through variables and parameters): "?" and the normalized text, with the
// copy loop iteration, so that the declaration of a resource and an ID built from
// the same expression meet.
func (x *Deployment) ExprKey(v Value) string {
	r := x.resolve(v.t)
	var text string
	switch {
	case r.kind == tExpr || r.cur.n != nil:
		n := r.n
		if n == nil {
			n = r.cur.n
		}
		text = n.Source()
	default:
		text = r.cur.j.String()
		if armexpr.IsExpression(text) {
			text = text[1 : len(text)-1]
		}
	}
	text = normExpr(text) + r.f.path()
	owner, seen := x.unknownOwners[text]
	if !seen {
		put(&x.unknownOwners, text, r.s)
		owner = r.s
	}
	if owner != r.s && r.s != nil {
		text += "@" + itoa(r.s.id)
	}
	return "?" + text
}

// IDNames reads the name segments of a resource ID of type typ (for example
// ["vnet", "subnet"] for a subnet): from a string ID, a ResourceID, or,
// when the ID is not known, from the resourceId()/format()/concat() that
// builds it. ok is false when the value is not such an ID.
func (x *Deployment) IDNames(v Value, typ string) ([]Seg, bool) {
	want := strings.Count(typ, "/")
	switch id := v.V.(type) {
	case string:
		names, ok := idNames(id, typ)
		if !ok {
			return nil, false
		}
		out := make([]Seg, len(names))
		for i, n := range names {
			out[i] = Seg{V: n, t: v.t}
		}
		return out, true
	case armexpr.ResourceID:
		if !strings.EqualFold(id.Type, typ) || len(id.Names) != want {
			return nil, false
		}
		out := make([]Seg, len(id.Names))
		for i, n := range id.Names {
			out[i] = Seg{V: n, t: v.t}
		}
		return out, true
	case armexpr.Unknown:
		return x.idSegsFromTrace(x.resolve(v.t), typ, 0)
	}
	return nil, false
}

// idSegsFromTrace finds the name segments of an ID in the expression that
// builds it.
func (x *Deployment) idSegsFromTrace(t trace, typ string, depth int) ([]Seg, bool) {
	if t.kind != tExpr || depth > 4 {
		return nil, false
	}
	c, ok := t.n.(*armexpr.Call)
	if !ok {
		return nil, false
	}
	want := strings.Count(typ, "/")
	switch c.Key() {
	case "resourceid", "subscriptionresourceid", "extensionresourceid":
		ti := -1
		for i, a := range c.Args {
			if s, ok := x.evalNode(t.s, t.f, a).(string); ok && strings.Contains(s, "/") {
				if !strings.EqualFold(strings.Trim(s, "/"), typ) {
					return nil, false
				}
				ti = i
				break
			}
		}
		if ti < 0 {
			return nil, false
		}
		var out []Seg
		for _, a := range c.Args[ti+1:] {
			sg := Seg{V: x.evalNode(t.s, t.f, a), t: onNode(t, a)}
			if s, ok := sg.V.(string); ok && strings.Contains(s, "/") {
				for _, p := range strings.Split(s, "/") {
					out = append(out, Seg{V: p, t: sg.t})
				}
				continue
			}
			if _, ok := sg.V.(string); !ok {
				if parts := x.splitName(Value{V: sg.V, t: sg.t}); len(parts) > 1 {
					out = append(out, parts...)
					continue
				}
			}
			out = append(out, sg)
		}
		if len(out) != want {
			return nil, false
		}
		return out, true
	case "format", "concat":
		// format('{0}/subnets/{1}', <vnet ID>, name) and the concat form.
		var parts []Seg
		if c.Key() == "format" {
			parts = x.splitFormat(t, c)
		} else {
			parts = x.splitConcat(t, c)
		}
		if len(parts) < 3 {
			return nil, false
		}
		parentType := typ[:strings.LastIndexByte(typ, '/')]
		childType := typ[len(parentType)+1:]
		last, lastType := parts[len(parts)-1], parts[len(parts)-2]
		if tt, ok := lastType.V.(string); !ok || !strings.EqualFold(tt, childType) {
			return nil, false
		}
		head := parts[0]
		if len(parts) != 3 {
			return nil, false
		}
		var parent []Seg
		switch h := head.V.(type) {
		case armexpr.ResourceID:
			if !strings.EqualFold(h.Type, parentType) {
				return nil, false
			}
			for _, n := range h.Names {
				parent = append(parent, Seg{V: n, t: head.t})
			}
		case string:
			names, ok := idNames(h, parentType)
			if !ok {
				return nil, false
			}
			for _, n := range names {
				parent = append(parent, Seg{V: n, t: head.t})
			}
		default:
			p, ok := x.idSegsFromTrace(x.resolve(head.t), parentType, depth+1)
			if !ok {
				return nil, false
			}
			parent = p
		}
		out := append(parent, last)
		if len(out) != want {
			return nil, false
		}
		return out, true
	}
	return nil, false
}

// idNames parses a resource ID string (full, or relative
// "Microsoft.Network/virtualNetworks/v/subnets/s") of type typ.
func idNames(id, typ string) ([]string, bool) {
	tsegs := strings.Split(typ, "/")
	parts := strings.Split(strings.Trim(id, "/"), "/")
	// Find the provider namespace, then alternate type/name.
	start := -1
	for i := len(parts) - 1; i >= 0; i-- {
		if strings.EqualFold(parts[i], tsegs[0]) && (i == 0 || strings.EqualFold(parts[i-1], "providers")) {
			start = i
			break
		}
	}
	if start < 0 || len(parts)-start != 2*(len(tsegs)-1)+1 {
		return nil, false
	}
	var names []string
	for k := 1; k < len(tsegs); k++ {
		if !strings.EqualFold(parts[start+2*k-1], tsegs[k]) || parts[start+2*k] == "" {
			return nil, false
		}
		names = append(names, parts[start+2*k])
	}
	return names, true
}

// ReferenceArg is X when v is written reference(X).<property> (directly or through
// variables), X evaluated and located where it is written.
func (x *Deployment) ReferenceArg(v Value, property string) (Value, bool) {
	t := v.t
	for range maxTraceSteps {
		if t.kind != tExpr {
			return Value{}, false
		}
		if c, ok := t.n.(*armexpr.Call); ok && c.Key() == "variables" {
			t = x.resolve(t)
			continue
		}
		break
	}
	p, ok := t.n.(*armexpr.Property)
	if !ok || !strings.EqualFold(p.Name, property) {
		return Value{}, false
	}
	c, ok := p.Target.(*armexpr.Call)
	if !ok || c.Key() != "reference" || len(c.Args) == 0 {
		return Value{}, false
	}
	return Value{V: x.evalNode(t.s, t.f, c.Args[0]), t: onNode(t, c.Args[0])}, true
}

// ScopeFunction is "resourcegroup" or "subscription" when v is written
// resourceGroup().id or subscription().id (not known as strings: they are the
// deployment's), else "".
func (x *Deployment) ScopeFunction(v Value) string {
	if t := x.resolve(v.t); t.kind == tExpr {
		if p, ok := t.n.(*armexpr.Property); ok && strings.EqualFold(p.Name, "id") {
			if c, ok := p.Target.(*armexpr.Call); ok && len(c.Args) == 0 {
				switch c.Key() {
				case "resourcegroup", "subscription":
					return c.Key()
				}
			}
		}
	}
	return ""
}

// BuiltSegments are the '/'-separated segments of a string built by concat() or
// format(), as far as each is known, when v is written so; else nil.
func (x *Deployment) BuiltSegments(v Value) []Seg {
	t := x.resolve(v.t)
	c, ok := t.n.(*armexpr.Call)
	if t.kind != tExpr || !ok {
		return nil
	}
	switch c.Key() {
	case "concat":
		return x.splitConcat(t, c)
	case "format":
		return x.splitFormat(t, c)
	}
	return nil
}

// InOwnResourceGroup reports an ID not known statically that is written
// resourceId('<type>', ...) with the type first: an ID in the deployment's own
// resource group, whatever the names.
func (x *Deployment) InOwnResourceGroup(v Value) bool {
	t := x.resolve(v.t)
	if t.kind != tExpr {
		return false
	}
	if c, ok := t.n.(*armexpr.Call); ok && c.Key() == "resourceid" && len(c.Args) > 0 {
		if s, ok := x.evalNode(t.s, t.f, c.Args[0]).(string); ok && strings.Contains(s, "/") {
			return true
		}
	}
	return false
}

// EachKey calls fn with each property name of the object v, until fn returns false:
// the names as written when the object is written as JSON in the template (each
// evaluated, since a name may be an expression, and located where it is written),
// else the names of the evaluated object, sorted, located at the object. It reports
// whether v is such an object (false, without calling fn, for an absent value).
func (x *Deployment) EachKey(v Value, fn func(Value) bool) bool {
	// The names of a JSON object are read where they are written: a name whose
	// full value is not known (a resource ID of the deployment's scope) makes the
	// evaluated object unknown.
	obj := v.t
	if !v.lazy {
		obj = x.resolve(v.t)
	}
	m, isMap := v.V.(map[string]any)
	switch {
	case v.Absent:
		return false
	case obj.kind == tJSON && obj.j.IsObject() && obj.s != nil:
		obj.src.ForEach(obj.j, func(k, _ gjson.Result) bool {
			return fn(Value{V: x.evalString(obj.s, obj.f, obj.src, k), t: x.enter(obj, k)})
		})
		return true
	case isMap:
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !fn(Value{V: k, t: v.t}) {
				break
			}
		}
		return true
	}
	return false
}

// Reason says why a value is not known: p is what Problem returns, or a string
// saying what is wrong with the value; expr is the text where the value is used
// (Value.Text), which the reason does not repeat.
func Reason(p any, expr string) string {
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
	return reason
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

func itoa(i int) string { return strconv.Itoa(i) }

func atoi(s string) (int, error) { return strconv.Atoi(strings.TrimSpace(s)) }
