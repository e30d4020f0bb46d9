package armeval

import (
	"reflect"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// resolve follows a trace through references (parameters, variables,
// if, coalesce, tryGet, property and index access, outputs) until it sits
// on a JSON value, a constructor (createObject, createArray, union,
// concat, ...) or a computed value.
func (x *Deployment) resolve(t trace) trace {
	for range maxTraceSteps {
		if t.kind != tExpr {
			return t
		}
		next, moved := x.resolveStep(t)
		if !moved {
			return next
		}
		t = next
	}
	return dead(t)
}

func (x *Deployment) resolveStep(t trace) (trace, bool) {
	switch n := t.n.(type) {
	case *armexpr.Call:
		return x.resolveCall(t, n)
	case *armexpr.Property:
		target := x.resolve(onNode(t, n.Target))
		if target.kind == tDead && len(target.rel) == len(t.rel) {
			return dead(t), false
		}
		return stayIfLost(t, x.descend(target, n.Name))
	case *armexpr.Index:
		idx := x.evalNode(t.s, t.f, n.Index)
		target := x.resolve(onNode(t, n.Target))
		if target.kind == tDead && len(target.rel) == len(t.rel) {
			return dead(t), false
		}
		switch i := idx.(type) {
		case int64:
			return stayIfLost(t, x.index(target, int(i)))
		case string:
			return stayIfLost(t, x.descend(target, i))
		}
		return dead(t), false
	}
	return t, false
}

func (x *Deployment) resolveCall(t trace, n *armexpr.Call) (trace, bool) {
	lit := func(i int) (string, bool) {
		if i >= len(n.Args) {
			return "", false
		}
		s, ok := n.Args[i].(*armexpr.StringLit)
		if !ok {
			return "", false
		}
		return s.Value, true
	}
	switch n.Key() {
	case "parameters":
		name, ok := lit(0)
		if !ok || len(n.Args) != 1 {
			return dead(t), false
		}
		p := t.s.param(name)
		if p == nil {
			return dead(t), false
		}
		src, msg, ok := t.s.paramSource(p)
		if !ok {
			if p.file.Exists() || p.passed.Exists() || p.hasPassed || p.overridden {
				return dead(t), false
			}
			t.note = &relSite{site: site{src: t.s.src, j: p.def}, msg: "parameter " + quote(p.name) + " is declared here without a value"}
			return dead(t), false
		}
		return jump(t, src, msg), true
	case "variables":
		name, ok := lit(0)
		if !ok || len(n.Args) != 1 {
			return dead(t), false
		}
		if c, ok := lookupLower(t.s.copyVars, name); ok {
			target := trace{kind: tCopy, s: t.s, src: t.s.src, j: c, ext: &traceExt{cpy: c, name: getFold(c, "name").String()}}
			target.cur = site{src: t.s.src, j: c}
			return jump(t, target, "variable "+quote(name)), true
		}
		raw, ok := lookupLower(t.s.vars, name)
		if !ok {
			return dead(t), false
		}
		return jump(t, x.jsonTrace(t.s, nil, t.s.src, raw), "variable "+quote(name)), true
	case "if":
		if len(n.Args) != 3 {
			return dead(t), false
		}
		switch c := x.evalNode(t.s, t.f, n.Args[0]).(type) {
		case bool:
			if c {
				return onNode(t, n.Args[1]), true
			}
			return onNode(t, n.Args[2]), true
		}
		return dead(t), false
	case "coalesce":
		for _, a := range n.Args {
			switch x.evalNode(t.s, t.f, a).(type) {
			case nil:
				continue
			case armexpr.Unknown, *armexpr.EvalError:
				return dead(t), false
			}
			return onNode(t, a), true
		}
		return dead(t), false
	case "tryget":
		if len(n.Args) < 2 {
			return dead(t), false
		}
		cur := x.resolve(onNode(t, n.Args[0]))
		for _, a := range n.Args[1:] {
			switch k := x.evalNode(t.s, t.f, a).(type) {
			case string:
				cur = x.resolve(x.descend(cur, k))
			case int64:
				cur = x.resolve(x.index(cur, int(k)))
			default:
				return dead(t), false
			}
		}
		if cur.kind == tDead && len(cur.rel) == len(t.rel) {
			return dead(t), false
		}
		return cur, true
	case "first", "last":
		if len(n.Args) != 1 {
			return dead(t), false
		}
		v, ok := x.evalNode(t.s, t.f, n.Args[0]).([]any)
		if !ok || len(v) == 0 {
			return dead(t), false
		}
		i := 0
		if n.Key() == "last" {
			i = len(v) - 1
		}
		return x.index(x.resolve(onNode(t, n.Args[0])), i), true
	case "reference":
		if len(n.Args) == 0 {
			return dead(t), false
		}
		arg := x.evalNode(t.s, t.f, n.Args[0])
		dep := x.findDeployment(t.s, arg)
		if dep == nil {
			in := x.declaredInst(t.s, arg)
			if in == nil || in.dep != nil || in.existing {
				return dead(t), false
			}
			// The declared properties (or, with 'Full', the whole resource).
			j := in.j
			if len(n.Args) < 3 {
				j = x.field(in.src, in.j, "properties")
			}
			return jump(t, x.jsonTrace(in.sc, in.f, in.src, j), "as declared in "+in.typText), true
		}
		t.kind, t.ext = tDeployment, &traceExt{dep: dep}
		return t, false
	}
	return t, false
}

// stayIfLost keeps a trace on an access node when following it led nowhere
// (no definition reached), so that it names the whole access.
func stayIfLost(t, next trace) (trace, bool) {
	if next.kind == tDead && len(next.rel) == len(t.rel) && next.note == nil {
		return dead(t), false
	}
	return next, true
}

// descend moves a trace to property key of the value it is on.
func (x *Deployment) descend(t trace, key string) trace {
	t = x.resolve(t)
	switch t.kind {
	case tJSON:
		if !t.j.IsObject() {
			return dead(t)
		}
		// The object is indexed (or found in the cache) once for both lookups.
		o := x.object(t.src, t.j)
		if t.s != nil {
			if c, ok := o.propertyCopy(key); ok {
				t.kind, t.ext = tCopy, &traceExt{cpy: c, name: getFold(c, "name").String()}
				t.cur = site{src: t.src, j: c}
				return t
			}
		}
		child, ok := o.lookup(key)
		if !ok {
			return dead(t)
		}
		return x.enter(t, child)
	case tExpr:
		c, ok := t.n.(*armexpr.Call)
		if !ok {
			return dead(t)
		}
		switch c.Key() {
		case "createobject":
			hit := -1
			for i := 0; i+1 < len(c.Args); i += 2 {
				k, ok := x.evalNode(t.s, t.f, c.Args[i]).(string)
				if !ok {
					return dead(t) // a name not known could be key
				}
				if strings.EqualFold(k, key) {
					hit = i + 1
				}
			}
			if hit > 0 {
				return onNode(t, c.Args[hit])
			}
		case "union":
			// The last object with the property wins, merged with the
			// objects before it; an argument not known could have it.
			var parts []trace
			var vals []map[string]any
			for _, a := range c.Args {
				m, ok := x.evalNode(t.s, t.f, a).(map[string]any)
				if !ok {
					return dead(t)
				}
				parts = append(parts, onNode(t, a))
				vals = append(vals, m)
			}
			return x.mergeDescend(t, parts, vals, key)
		case "shallowmerge":
			if len(c.Args) == 1 {
				arg := x.resolve(onNode(t, c.Args[0]))
				if a, ok := arg.n.(*armexpr.Call); ok && arg.kind == tExpr && a.Key() == "createarray" {
					for i := len(a.Args) - 1; i >= 0; i-- {
						m, ok := x.evalNode(arg.s, arg.f, a.Args[i]).(map[string]any)
						if !ok {
							if x.evalNode(arg.s, arg.f, a.Args[i]) == nil {
								continue
							}
							return dead(t)
						}
						if _, found, _ := armexpr.Lookup(m, key); found {
							return x.descend(onNode(arg, a.Args[i]), key)
						}
					}
				}
			}
		}
		return dead(t)
	case tMerge:
		return x.mergeDescend(t, t.ext.parts, t.ext.pvals, key)
	case tDeployment:
		if strings.EqualFold(key, "outputs") {
			t.kind = tOutputs
			return t
		}
		return dead(t)
	case tOutputs:
		d := t.ext.dep
		out, ok := x.member(d.src, x.field(d.src, d.tmpl, "outputs"), key)
		if !ok {
			return dead(t)
		}
		target := x.jsonTrace(d.inner, d.innerFrame(), d.inner.src, out)
		return jump(t, target, "output "+quote(key)+" of nested deployment "+d.inner.label())
	default: // tDead, tCopy: no properties to follow
	}
	return dead(t)
}

// mergeDescend descends into the property key of objects merged by
// union(): the last one with it wins; when its value is an object, the
// objects of the ones before it (up to one that is not an object) are
// merged into it.
func (x *Deployment) mergeDescend(t trace, parts []trace, vals []map[string]any, key string) trace {
	var cands []trace
	var cvals []any
	for i, m := range vals {
		if v, found, _ := armexpr.Lookup(m, key); found {
			cands = append(cands, parts[i])
			cvals = append(cvals, v)
		}
	}
	if len(cands) == 0 {
		return dead(t)
	}
	last := len(cands) - 1
	first := last
	for first > 0 {
		if _, isMap := cvals[first].(map[string]any); !isMap {
			break
		}
		if _, isMap := cvals[first-1].(map[string]any); !isMap {
			break
		}
		first--
	}
	if first == last {
		return x.descend(cands[last], key)
	}
	out := x.descend(cands[last], key)
	ext := &traceExt{}
	for i := first; i <= last; i++ {
		ext.parts = append(ext.parts, x.descend(cands[i], key))
		ext.pvals = append(ext.pvals, cvals[i].(map[string]any))
	}
	m := trace{kind: tMerge, s: out.s, f: out.f, src: out.src, j: out.j, n: out.n, ext: ext, at: out.at, cur: out.cur, rel: out.rel}
	return m
}

// index moves a trace to element i of the array it is on.
func (x *Deployment) index(t trace, i int) trace {
	t = x.resolve(t)
	switch t.kind {
	case tJSON:
		if !t.j.IsArray() {
			return dead(t)
		}
		el := t.j.Get(itoa(i))
		if !el.Exists() {
			return dead(t)
		}
		return x.enter(t, el)
	case tCopy:
		t.f = x.frame(t.ext.name, i, false, t.f)
		return x.enter(t, getFold(t.ext.cpy, "input"))
	case tExpr:
		c, ok := t.n.(*armexpr.Call)
		if !ok {
			return dead(t)
		}
		switch c.Key() {
		case "createarray":
			if i < len(c.Args) {
				return onNode(t, c.Args[i])
			}
		case "array":
			if len(c.Args) == 1 {
				if _, isArr := x.evalNode(t.s, t.f, c.Args[0]).([]any); isArr {
					return x.index(onNode(t, c.Args[0]), i)
				}
				if i == 0 {
					return onNode(t, c.Args[0])
				}
			}
		case "union":
			// Arrays: elements in order, without repeats.
			var seen []any
			for _, a := range c.Args {
				v, isArr := x.evalNode(t.s, t.f, a).([]any)
				if !isArr {
					return dead(t)
				}
				for j, e := range v {
					if containsValue(seen, e) {
						continue
					}
					if len(seen) == i {
						return x.index(onNode(t, a), j)
					}
					seen = append(seen, e)
				}
			}
		case "concat":
			off := 0
			for _, a := range c.Args {
				v, isArr := x.evalNode(t.s, t.f, a).([]any)
				if !isArr {
					continue
				}
				if i < off+len(v) {
					return x.index(onNode(t, a), i-off)
				}
				off += len(v)
			}
		}
	default: // tDead, tDeployment, tOutputs, tMerge: no elements to follow
	}
	return dead(t)
}

// objIndex is the members of one JSON object, read once.
type objIndex struct {
	keys   []string
	vals   []gjson.Result
	exact  map[string]int // first member of each name, for objects past indexFrom
	copies []gjson.Result // its property copy loops
}

// indexFrom is the member count from which lookups use a map: below it a scan of the
// names is faster than building one, and most ARM objects are that small.
const indexFrom = 16

// object indexes a JSON object of src (cached by position).
func (x *Deployment) object(src *jsonsrc.Source, obj gjson.Result) *objIndex {
	k := nodeKey{src, obj.Index}
	if o, ok := x.objs[k]; ok && obj.Index > 0 {
		return o
	}
	// Members are gathered in the evaluator's scratch slices and copied out at their
	// size: one allocation each instead of a doubling series per object.
	keys, vals := x.scratchKeys[:0], x.scratchVals[:0]
	src.ForEach(obj, func(k, v gjson.Result) bool {
		keys = append(keys, k.String())
		vals = append(vals, v)
		return true
	})
	x.scratchKeys, x.scratchVals = keys, vals
	o := &objIndex{keys: slices.Clone(keys), vals: slices.Clone(vals)}
	if len(o.keys) >= indexFrom {
		o.exact = make(map[string]int, len(o.keys))
		for i, key := range o.keys {
			if _, dup := o.exact[key]; !dup {
				o.exact[key] = i
			}
		}
	}
	if c, ok := o.lookup("copy"); ok && isPropertyCopy(c) {
		src.ForEach(c, func(_, el gjson.Result) bool {
			o.copies = append(o.copies, el)
			return true
		})
	}
	if obj.Index > 0 {
		x.objs[k] = o
	}
	return o
}

// lookup finds the first member named key, else the one member whose name equals key
// ignoring case; when several do, none (ARM would not know which either).
func (o *objIndex) lookup(key string) (gjson.Result, bool) {
	if o.exact != nil {
		if i, ok := o.exact[key]; ok {
			return o.vals[i], true
		}
	} else if i := slices.Index(o.keys, key); i >= 0 {
		return o.vals[i], true
	}
	found := -1
	for i, name := range o.keys {
		if strings.EqualFold(name, key) {
			if found >= 0 {
				return gjson.Result{}, false
			}
			found = i
		}
	}
	if found < 0 {
		return gjson.Result{}, false
	}
	return o.vals[found], true
}

// member finds a property of a JSON object: the exact name first, else the
// one name equal ignoring case.
func (x *Deployment) member(src *jsonsrc.Source, obj gjson.Result, key string) (gjson.Result, bool) {
	if !obj.IsObject() {
		return gjson.Result{}, false
	}
	return x.object(src, obj).lookup(key)
}

// field reads a member of a JSON object of src (case-insensitively, as ARM
// reads property names), indexing the object once.
func (x *Deployment) field(src *jsonsrc.Source, obj gjson.Result, key string) gjson.Result {
	v, _ := x.member(src, obj, key)
	return v
}

// propertyCopy finds the property copy loop named key in the object.
func (o *objIndex) propertyCopy(key string) (gjson.Result, bool) {
	for _, el := range o.copies {
		if strings.EqualFold(getFold(el, "name").String(), key) {
			return el, true
		}
	}
	return gjson.Result{}, false
}

func containsValue(list []any, v any) bool {
	for _, e := range list {
		if reflect.DeepEqual(e, v) {
			return true
		}
	}
	return false
}

// getFold reads the member at path (names separated by '.', none containing one) of
// a JSON value as ARM reads property names: the exact name first, else the one name
// equal ignoring case.
func getFold(r gjson.Result, path string) gjson.Result {
	for name := range strings.SplitSeq(path, ".") {
		if !r.IsObject() {
			return gjson.Result{}
		}
		key := name
		if strings.ContainsAny(key, ".*?|#@\\!=<>%") {
			key = gjsonEscape(key)
		}
		if v := r.Get(key); v.Exists() {
			r = v
			continue
		}
		var hit gjson.Result
		n := 0
		r.ForEach(func(k, v gjson.Result) bool {
			if strings.EqualFold(k.Str, name) {
				hit = v
				n++
			}
			return n < 2
		})
		if n != 1 {
			return gjson.Result{}
		}
		r = hit
	}
	return r
}
