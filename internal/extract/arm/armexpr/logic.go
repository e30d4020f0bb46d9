package armexpr

import (
	"maps"
	"slices"
	"strings"
)

// tri is a three-valued truth.
type tri int8

const (
	triFalse tri = iota
	triTrue
	triUnknown
)

func registerLogic() {
	register("true", fnSpec{min: 0, max: 0, fn: func(*callCtx) any { return true }})
	register("false", fnSpec{min: 0, max: 0, fn: func(*callCtx) any { return false }})
	register("null", fnSpec{min: 0, max: 0, fn: func(*callCtx) any { return nil }})
	register("and", fnSpec{min: 2, max: -1, unknowns: true, fn: func(c *callCtx) any { return c.andOr(false) }})
	register("or", fnSpec{min: 2, max: -1, unknowns: true, fn: func(c *callCtx) any { return c.andOr(true) }})
	register("not", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		b, ok := c.args[0].(bool)
		if !ok {
			return c.argErr(0, "a bool")
		}
		return !b
	}})
	register("bool", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		switch x := c.args[0].(type) {
		case bool:
			return x
		case string:
			switch strings.ToLower(x) {
			case "true":
				return true
			case "false":
				return false
			}
			return c.errf("cannot convert %q to a bool", x)
		}
		if n, ok := asInt(c.args[0]); ok {
			return n != 0
		}
		return c.argErr(0, "a bool, a string or an integer")
	}})
	register("if", fnSpec{min: 3, max: 3, lazy: true, fn: fnIf})
	register("coalesce", fnSpec{min: 1, max: -1, lazy: true, fn: fnCoalesce})
	register("equals", fnSpec{min: 2, max: 2, unknowns: true, rids: true, fn: func(c *callCtx) any {
		t, u := c.ev.equal(c.args[0], c.args[1], 0)
		switch t {
		case triTrue:
			return true
		case triFalse:
			return false
		default: // triUnknown
		}
		return c.unknownFrom(u)
	}})
	register("empty", fnSpec{min: 1, max: 1, rids: true, fn: func(c *callCtx) any {
		switch x := c.args[0].(type) {
		case nil:
			return true
		case string:
			return x == ""
		case []any:
			return len(x) == 0
		case map[string]any:
			return len(x) == 0
		case ResourceID:
			return false
		}
		return c.argErr(0, "a string, an array, an object or null")
	}})
	for _, op := range []string{"less", "lessOrEquals", "greater", "greaterOrEquals"} {
		register(op, fnSpec{min: 2, max: 2, fn: func(c *callCtx) any { return c.compare(op) }})
	}
}

// andOr evaluates and (or: false) / or (or: true) over bool arguments: a
// deciding value wins over unknowns.
func (c *callCtx) andOr(or bool) any {
	var unk *Unknown
	for i, a := range c.args {
		switch x := a.(type) {
		case bool:
			if x == or {
				return or
			}
		case Unknown:
			if unk == nil {
				u := x
				unk = &u
			}
		default:
			return c.argErr(i, "a bool")
		}
	}
	if unk != nil {
		return c.unknownFrom(*unk)
	}
	return !or
}

func fnIf(c *callCtx) any {
	cond := c.eval(0)
	switch x := cond.(type) {
	case bool:
		if x {
			return c.eval(1)
		}
		return c.eval(2)
	case *EvalError:
		// The branches' common members do not depend on the condition.
		return c.eitherBranch(Failed(c.node.Args[0], x))
	case Unknown:
		if x.Reason == ReasonBudget {
			return x
		}
		return c.eitherBranch(x)
	}
	c.args = []any{cond}
	return c.argErr(0, "a bool")
}

// eitherBranch is if() whose condition is not known (u says why): the value both
// branches agree on. Two objects agree member by member: a member both have with
// equal values is known, any other is Unknown (it may be absent), so that
// if(cond, createObject(...), createObject(...)) keeps what does not depend on cond.
func (c *callCtx) eitherBranch(u Unknown) any {
	a, b := c.eval(1), c.eval(2)
	if isStop(a) || isStop(b) {
		return c.unknownFrom(u)
	}
	if t, _ := c.ev.equal(a, b, 0); t == triTrue {
		return a
	}
	am, ok1 := a.(map[string]any)
	bm, ok2 := b.(map[string]any)
	if !ok1 || !ok2 {
		return c.unknownFrom(u)
	}
	return c.ev.agree(am, bm, c.unknownFrom(u), 0)
}

// agree merges the objects two branches give: members equal in both are kept,
// objects in both are merged member by member, anything else is unk.
func (ev *evaluator) agree(a, b map[string]any, unk Unknown, depth int) map[string]any {
	out := make(map[string]any, max(len(a), len(b)))
	for k, av := range a {
		bv, found, _ := Lookup(b, k)
		switch {
		case !found || depth >= maxValueDepth:
			out[k] = unk
		default:
			if t, _ := ev.equal(av, bv, depth+1); t == triTrue {
				out[k] = av
				continue
			}
			ao, ok1 := av.(map[string]any)
			bo, ok2 := bv.(map[string]any)
			if ok1 && ok2 {
				out[k] = ev.agree(ao, bo, unk, depth+1)
				continue
			}
			out[k] = unk
		}
	}
	for k := range b {
		if _, found, _ := Lookup(a, k); !found {
			out[k] = unk
		}
	}
	return out
}

// fnCoalesce returns the first argument that is not null. An unknown before
// it makes the result unknown (it may be null or not).
func fnCoalesce(c *callCtx) any {
	for i := range c.node.Args {
		v := c.eval(i)
		switch x := v.(type) {
		case nil:
			continue
		case *EvalError:
			return x
		case Unknown:
			return c.unknownFrom(x)
		}
		return v
	}
	return nil
}

func (c *callCtx) compare(op string) any {
	a, b := c.args[0], c.args[1]
	var cmp int
	switch {
	case isNumber(a) && isNumber(b):
		xi, aInt := asInt(a)
		yi, bInt := asInt(b)
		if aInt && bInt {
			cmp = cmpOrdered(xi, yi)
		} else {
			x, _ := asFloat(a)
			y, _ := asFloat(b)
			cmp = cmpOrdered(x, y)
		}
	default:
		x, ok1 := a.(string)
		y, ok2 := b.(string)
		if !ok1 || !ok2 {
			if !ok1 && !isNumber(a) {
				return c.argErr(0, "an integer or a string")
			}
			return c.argErr(1, "a value of the same type as argument 1")
		}
		cmp = strings.Compare(x, y)
	}
	switch op {
	case "less":
		return cmp < 0
	case "lessOrEquals":
		return cmp <= 0
	case "greater":
		return cmp > 0
	default:
		return cmp >= 0
	}
}

// equal compares two values deeply (strings case-sensitively, numbers by
// value, object property names exactly), three-valued. On triUnknown the
// Unknown says why.
func (ev *evaluator) equal(a, b any, depth int) (tri, Unknown) {
	if !ev.step() {
		return triUnknown, Unknown{Reason: ReasonBudget}
	}
	if depth > maxValueDepth {
		return triUnknown, Unknown{Reason: "values nested too deeply to compare"}
	}
	if u, ok := a.(Unknown); ok {
		return triUnknown, u
	}
	if u, ok := b.(Unknown); ok {
		return triUnknown, u
	}
	if o, ok := a.(Open); ok {
		return triUnknown, Unknown{Reason: o.Reason}
	}
	if o, ok := b.(Open); ok {
		return triUnknown, Unknown{Reason: o.Reason}
	}
	if ra, ok := a.(ResourceID); ok {
		return ridEqual(ra, b)
	}
	if rb, ok := b.(ResourceID); ok {
		return ridEqual(rb, a)
	}
	if isNumber(a) || isNumber(b) {
		if !isNumber(a) || !isNumber(b) {
			return triFalse, Unknown{}
		}
		xi, ok1 := asInt(a)
		yi, ok2 := asInt(b)
		if ok1 && ok2 {
			return boolTri(xi == yi), Unknown{}
		}
		x, _ := asFloat(a)
		y, _ := asFloat(b)
		return boolTri(x == y), Unknown{}
	}
	switch x := a.(type) {
	case nil:
		return boolTri(b == nil), Unknown{}
	case bool:
		y, ok := b.(bool)
		return boolTri(ok && x == y), Unknown{}
	case string:
		y, ok := b.(string)
		return boolTri(ok && x == y), Unknown{}
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return triFalse, Unknown{}
		}
		f := fold3{decisive: triFalse, res: triTrue}
		for i := range x {
			if f.add(ev.equal(x[i], y[i], depth+1)) {
				break
			}
		}
		return f.res, f.unk
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return triFalse, Unknown{}
		}
		f := fold3{decisive: triFalse, res: triTrue}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			yv, found := y[k]
			if !found {
				if _, ci, _ := lookupKey(y, k); ci {
					// Same key in another case: ARM's comparison of
					// property names is not documented.
					f.add(triUnknown, Unknown{Reason: "property names differ only in case"})
					continue
				}
				return triFalse, Unknown{}
			}
			if f.add(ev.equal(x[k], yv, depth+1)) {
				break
			}
		}
		return f.res, f.unk
	}
	return triFalse, Unknown{}
}

func cmpOrdered[T int64 | float64](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// fold3 combines three-valued results, as "all" (decisive triFalse) or "any"
// (decisive triTrue) does: a decisive result settles it; an unknown from the spent
// budget settles it as unknown; any other unknown is kept, the first one, unless a
// decisive result follows.
type fold3 struct {
	decisive, res tri
	unk           Unknown
}

// add folds one result in and reports whether the fold is settled.
func (f *fold3) add(t tri, u Unknown) bool {
	switch {
	case t == f.decisive:
		f.res, f.unk = t, Unknown{}
		return true
	case t == triUnknown && u.Reason == ReasonBudget:
		f.res, f.unk = triUnknown, u
		return true
	case t == triUnknown && f.res != triUnknown:
		f.res, f.unk = triUnknown, u
	}
	return false
}

func boolTri(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// ridEqual compares a ResourceID with another value.
func ridEqual(r ResourceID, b any) (tri, Unknown) {
	unk := Unknown{Reason: "resource ID " + r.Describe() + " depends on the deployment scope"}
	switch y := b.(type) {
	case ResourceID:
		if !strings.EqualFold(r.Type, y.Type) || len(r.Names) != len(y.Names) {
			return triFalse, Unknown{}
		}
		for i := range r.Names {
			if !strings.EqualFold(r.Names[i], y.Names[i]) {
				return triFalse, Unknown{}
			}
		}
		if r.Kind == y.Kind && strings.EqualFold(r.Subscription, y.Subscription) && strings.EqualFold(r.ResourceGroup, y.ResourceGroup) {
			if r.Kind != KindExtension {
				return triTrue, Unknown{}
			}
			return ridParentEqual(r.Parent, y.Parent, unk)
		}
		return triUnknown, unk
	case string:
		if strings.HasSuffix(strings.ToLower(y), "/"+strings.ToLower(r.Suffix())) {
			return triUnknown, unk
		}
		return triFalse, Unknown{}
	}
	return triFalse, Unknown{}
}

func ridParentEqual(a, b any, unk Unknown) (tri, Unknown) {
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return boolTri(strings.EqualFold(x, y)), Unknown{}
		}
	case ResourceID:
		return ridEqual(x, b)
	}
	return triUnknown, unk
}
