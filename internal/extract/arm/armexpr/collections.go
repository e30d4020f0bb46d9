package armexpr

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

func registerCollections() {
	register("createArray", fnSpec{min: 0, max: -1, unknowns: true, rids: true, members: true, fn: func(c *callCtx) any {
		if len(c.args) > MaxArrayLength {
			return c.tooLarge()
		}
		return append([]any{}, c.args...)
	}})
	register("createObject", fnSpec{min: 0, max: -1, unknowns: true, rids: true, members: true, fn: fnCreateObject})
	register("array", fnSpec{min: 1, max: 1, rids: true, fn: func(c *callCtx) any {
		if a, ok := c.args[0].([]any); ok {
			return a
		}
		return []any{c.args[0]}
	}})
	register("union", fnSpec{min: 1, max: -1, fn: func(c *callCtx) any { return c.setOp(true) }})
	register("intersection", fnSpec{min: 1, max: -1, fn: func(c *callCtx) any { return c.setOp(false) }})
	register("contains", fnSpec{min: 2, max: 2, unknowns: true, rids: true, fn: fnContains})
	register("length", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		switch x := c.args[0].(type) {
		case string:
			return int64(utf8.RuneCountInString(x))
		case []any:
			return int64(len(x))
		case map[string]any:
			return int64(len(x))
		}
		return c.argErr(0, "a string, an array or an object")
	}})
	register("first", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any { return c.firstLast(false) }})
	register("last", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any { return c.firstLast(true) }})
	register("skip", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any { return c.skipTake(true) }})
	register("take", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any { return c.skipTake(false) }})
	register("tryGet", fnSpec{min: 2, max: -1, fn: fnTryGet})
	register("tryIndexFromEnd", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any {
		a, err := c.array(0)
		if err != nil {
			return err
		}
		n, err := c.int(1)
		if err != nil {
			return err
		}
		if n < 1 || n > int64(len(a)) {
			return nil
		}
		return a[int64(len(a))-n]
	}})
	register("indexFromEnd", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any {
		a, err := c.array(0)
		if err != nil {
			return err
		}
		n, err := c.int(1)
		if err != nil {
			return err
		}
		if n < 1 || n > int64(len(a)) {
			return c.errf("index %d from the end is out of range (length %d)", n, len(a))
		}
		return a[int64(len(a))-n]
	}})
	register("shallowMerge", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		a, err := c.array(0)
		if err != nil {
			return err
		}
		out := map[string]any{}
		for _, e := range a {
			switch x := e.(type) {
			case map[string]any:
				for k, v := range x {
					setKey(out, k, v)
				}
			case nil:
			case Unknown:
				return c.unknownFrom(x)
			default:
				return c.errf("shallowMerge needs an array of objects, found %s", TypeName(e))
			}
		}
		return out
	}})
	register("flatten", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		a, err := c.array(0)
		if err != nil {
			return err
		}
		out := []any{}
		for _, e := range a {
			switch x := e.(type) {
			case []any:
				out = append(out, x...)
			case Unknown:
				return c.unknownFrom(x)
			default:
				return c.errf("flatten needs an array of arrays, found %s", TypeName(e))
			}
			if len(out) > MaxArrayLength {
				return c.tooLarge()
			}
		}
		return out
	}})
	register("join", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any {
		a, err := c.array(0)
		if err != nil {
			return err
		}
		d, err := c.str(1)
		if err != nil {
			return err
		}
		parts := make([]string, len(a))
		size := 0
		for i, e := range a {
			switch x := e.(type) {
			case Unknown:
				return c.unknownFrom(x)
			case ResourceID:
				return ridUnknown(c.node.Args[0], x)
			}
			s, ok := scalarText(e)
			if !ok {
				return c.errf("join needs an array of strings, found %s", TypeName(e))
			}
			size += len(s) + len(d)
			if size > MaxStringLength {
				return c.tooLarge()
			}
			parts[i] = s
		}
		return strings.Join(parts, d)
	}})
	register("items", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		o, err := c.object(0)
		if err != nil {
			return err
		}
		out := make([]any, 0, len(o))
		for _, k := range slices.Sorted(maps.Keys(o)) {
			out = append(out, map[string]any{"key": k, "value": o[k]})
		}
		return out
	}})
	register("objectKeys", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		o, err := c.object(0)
		if err != nil {
			return err
		}
		out := make([]any, 0, len(o))
		for _, k := range slices.Sorted(maps.Keys(o)) {
			out = append(out, k)
		}
		return out
	}})
}

// setKey stores v under k, replacing a key equal ignoring case.
func setKey(m map[string]any, k string, v any) {
	if old, found, _ := lookupKey(m, k); found && old != k {
		delete(m, old)
	}
	m[k] = v
}

// fnCreateObject builds an object member by member. ARM rejects an odd number of
// arguments; the pairs before the last argument are still read, so that the rest of a
// template is checked (Check reports the call).
func fnCreateObject(c *callCtx) any {
	out := make(map[string]any, len(c.args)/2)
	for i := 0; i+1 < len(c.args); i += 2 {
		switch k := c.args[i].(type) {
		case string:
			setKey(out, k, c.args[i+1])
		case Unknown:
			return c.unknownFrom(k)
		case ResourceID:
			return c.unknownFrom(ridUnknown(c.node.Args[i], k))
		default:
			return c.argErr(i, "a string (a property name)")
		}
	}
	return out
}

// setOp is union (true) or intersection (false) of arrays or objects.
func (c *callCtx) setOp(union bool) any {
	switch c.args[0].(type) {
	case []any:
		var out []any
		for i, a := range c.args {
			arr, ok := a.([]any)
			if !ok {
				return c.argErr(i, "an array (all arguments must be arrays or all objects)")
			}
			if !union && i > 0 {
				var kept []any
				for _, e := range out {
					t, u := c.ev.contains3(arr, e, 0)
					switch t {
					case triUnknown:
						return c.unknownFrom(u)
					case triTrue:
						kept = append(kept, e)
					default: // triFalse: dropped
					}
				}
				out = kept
				continue
			}
			for _, e := range arr {
				t, u := c.ev.contains3(out, e, 0)
				switch t {
				case triUnknown:
					return c.unknownFrom(u)
				case triFalse:
					if len(out) >= MaxArrayLength {
						return c.tooLarge()
					}
					out = append(out, e)
				default: // triTrue: already in out
				}
			}
		}
		if out == nil {
			out = []any{}
		}
		return out
	case map[string]any:
		var out map[string]any
		for i, a := range c.args {
			obj, ok := a.(map[string]any)
			if !ok {
				return c.argErr(i, "an object (all arguments must be arrays or all objects)")
			}
			if i == 0 {
				out = copyObject(obj)
				continue
			}
			if union {
				out = mergeObjects(out, obj, 0)
				continue
			}
			kept := map[string]any{}
			for k, v := range out {
				w, found, _ := Lookup(obj, k)
				if !found {
					continue
				}
				t, u := c.ev.equal(v, w, 0)
				switch t {
				case triUnknown:
					return c.unknownFrom(u)
				case triTrue:
					kept[k] = v
				default: // triFalse: dropped
				}
			}
			out = kept
		}
		return out
	}
	return c.argErr(0, "an array or an object")
}

func copyObject(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// mergeObjects is union's object merge: later values win, nested objects are
// merged.
func mergeObjects(a, b map[string]any, depth int) map[string]any {
	out := copyObject(a)
	for k, v := range b {
		old, found, _ := lookupKey(out, k)
		if found && depth < maxValueDepth {
			if ao, ok := out[old].(map[string]any); ok {
				if bo, ok := v.(map[string]any); ok {
					delete(out, old)
					out[k] = mergeObjects(ao, bo, depth+1)
					continue
				}
			}
		}
		setKey(out, k, v)
	}
	return out
}

// contains3 reports whether arr contains v.
func (ev *evaluator) contains3(arr []any, v any, depth int) (tri, Unknown) {
	f := fold3{decisive: triTrue, res: triFalse}
	for _, e := range arr {
		if f.add(ev.equal(e, v, depth)) {
			break
		}
	}
	return f.res, f.unk
}

func fnContains(c *callCtx) any {
	item := c.args[1]
	switch x := c.args[0].(type) {
	case Unknown:
		return x
	case ResourceID:
		return ridUnknown(c.node.Args[0], x)
	case []any:
		t, u := c.ev.contains3(x, item, 0)
		switch t {
		case triTrue:
			return true
		case triFalse:
			return false
		default: // triUnknown
		}
		return c.unknownFrom(u)
	case string, map[string]any:
		var s string
		switch y := item.(type) {
		case Unknown:
			return y
		case ResourceID:
			return ridUnknown(c.node.Args[1], y)
		default:
			var ok bool
			if s, ok = scalarText(item); !ok {
				return c.argErr(1, "a string")
			}
		}
		if str, ok := x.(string); ok {
			return strings.Contains(str, s)
		}
		_, found, ambiguous := Lookup(x.(map[string]any), s)
		return found || ambiguous
	}
	return c.argErr(0, "a string, an array or an object")
}

func (c *callCtx) firstLast(last bool) any {
	switch x := c.args[0].(type) {
	case []any:
		if len(x) == 0 {
			return nil
		}
		if last {
			return x[len(x)-1]
		}
		return x[0]
	case string:
		if x == "" {
			return ""
		}
		if last {
			_, n := utf8.DecodeLastRuneInString(x)
			return x[len(x)-n:]
		}
		_, n := utf8.DecodeRuneInString(x)
		return x[:n]
	}
	return c.argErr(0, "an array or a string")
}

func (c *callCtx) skipTake(skip bool) any {
	n, err := c.int(1)
	if err != nil {
		return err
	}
	clamp := func(l int) int {
		switch {
		case n < 0:
			return 0
		case n > int64(l):
			return l
		}
		return int(n)
	}
	switch x := c.args[0].(type) {
	case []any:
		k := clamp(len(x))
		if skip {
			return append([]any{}, x[k:]...)
		}
		return append([]any{}, x[:k]...)
	case string:
		runes := []rune(x)
		k := clamp(len(runes))
		if skip {
			return string(runes[k:])
		}
		return string(runes[:k])
	}
	return c.argErr(0, "an array or a string")
}

// fnTryGet reads obj.k1.k2... (or array indexes), giving null for anything
// missing.
func fnTryGet(c *callCtx) any {
	cur := c.args[0]
	for i, k := range c.args[1:] {
		switch x := cur.(type) {
		case nil:
			return nil
		case map[string]any:
			s, ok := k.(string)
			if !ok {
				return c.argErr(i+1, "a string (a property name)")
			}
			v, found, ambiguous := Lookup(x, s)
			if ambiguous {
				return c.unknown("several properties match %q ignoring case", s)
			}
			if !found {
				return nil
			}
			cur = v
		case []any:
			n, ok := asInt(k)
			if !ok {
				return c.argErr(i+1, "an integer (an array index)")
			}
			if n < 0 || n >= int64(len(x)) {
				return nil
			}
			cur = x[n]
		case Unknown:
			return c.unknownFrom(x)
		default:
			return c.errf("cannot read property %v of a value of type %s", k, TypeName(cur))
		}
	}
	return cur
}
