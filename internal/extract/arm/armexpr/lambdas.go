package armexpr

import (
	"maps"
	"slices"
	"sort"
)

func registerLambdas() {
	register("map", fnSpec{min: 2, max: 2, lambdas: true, fn: func(c *callCtx) any {
		arr, l, stop := c.arrayAndLambda(1, 1, 2)
		if stop != nil {
			return stop
		}
		out := make([]any, len(arr))
		for i, e := range arr {
			v := c.apply(l, e, int64(i))
			if isStop(v) {
				if u, ok := v.(Unknown); ok && u.Reason != ReasonBudget {
					// An unknown element keeps the array's shape.
					out[i] = v
					continue
				}
				return v
			}
			out[i] = v
		}
		return out
	}})
	register("filter", fnSpec{min: 2, max: 2, lambdas: true, fn: func(c *callCtx) any {
		arr, l, stop := c.arrayAndLambda(1, 1, 2)
		if stop != nil {
			return stop
		}
		out := []any{}
		for i, e := range arr {
			v := c.apply(l, e, int64(i))
			switch x := v.(type) {
			case bool:
				if x {
					out = append(out, e)
				}
			case Unknown:
				return c.unknownFrom(x)
			case *EvalError:
				return x
			default:
				return errAt(l.Body, c.name, "the predicate must return a bool, not %s", TypeName(v))
			}
		}
		return out
	}})
	register("reduce", fnSpec{min: 3, max: 3, lambdas: true, fn: func(c *callCtx) any {
		arr, l, stop := c.arrayAndLambda(2, 2, 3)
		if stop != nil {
			return stop
		}
		acc := c.args[1]
		for i, e := range arr {
			acc = c.apply(l, acc, e, int64(i))
			if isStop(acc) {
				if u, ok := acc.(Unknown); ok {
					return c.unknownFrom(u)
				}
				return acc
			}
		}
		return acc
	}})
	register("sort", fnSpec{min: 2, max: 2, lambdas: true, fn: func(c *callCtx) any {
		arr, l, stop := c.arrayAndLambda(1, 2, 2)
		if stop != nil {
			return stop
		}
		out := append([]any{}, arr...)
		var fail any
		sort.SliceStable(out, func(i, j int) bool {
			if fail != nil {
				return false
			}
			v := c.apply(l, out[i], out[j])
			b, ok := v.(bool)
			if !ok {
				switch x := v.(type) {
				case Unknown:
					fail = c.unknownFrom(x)
				case *EvalError:
					fail = x
				default:
					fail = errAt(l.Body, c.name, "the comparison must return a bool, not %s", TypeName(v))
				}
				return false
			}
			return b
		})
		if fail != nil {
			return fail
		}
		return out
	}})
	register("toObject", fnSpec{min: 2, max: 3, lambdas: true, fn: func(c *callCtx) any {
		arr, keyFn, stop := c.arrayAndLambda(1, 1, 1)
		if stop != nil {
			return stop
		}
		var valFn *Lambda
		if len(c.args) == 3 {
			l, ok := c.args[2].(*Lambda)
			if !ok || len(l.Params) != 1 {
				return c.argErr(2, "a lambda with one parameter")
			}
			valFn = l
		}
		out := map[string]any{}
		for _, e := range arr {
			k := c.apply(keyFn, e)
			ks, stop := c.keyOf(k, keyFn)
			if stop != nil {
				return stop
			}
			v := e
			if valFn != nil {
				v = c.apply(valFn, e)
				if x, ok := v.(*EvalError); ok {
					return x
				}
			}
			setKey(out, ks, v)
		}
		return out
	}})
	register("groupBy", fnSpec{min: 2, max: 2, lambdas: true, fn: func(c *callCtx) any {
		arr, keyFn, stop := c.arrayAndLambda(1, 1, 1)
		if stop != nil {
			return stop
		}
		out := map[string]any{}
		for _, e := range arr {
			ks, stop := c.keyOf(c.apply(keyFn, e), keyFn)
			if stop != nil {
				return stop
			}
			k, found, _ := lookupKey(out, ks)
			if !found {
				k = ks
			}
			g, _ := out[k].([]any)
			out[k] = append(g, e)
		}
		return out
	}})
	register("mapValues", fnSpec{min: 2, max: 2, lambdas: true, fn: func(c *callCtx) any {
		obj, ok := c.args[0].(map[string]any)
		if !ok {
			return c.argErr(0, "an object")
		}
		l, ok := c.args[1].(*Lambda)
		if !ok || len(l.Params) != 1 {
			return c.argErr(1, "a lambda with one parameter")
		}
		out := make(map[string]any, len(obj))
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			v := c.apply(l, obj[k])
			if x, ok := v.(*EvalError); ok {
				return x
			}
			out[k] = v
		}
		return out
	}})
}

// arrayAndLambda checks map-like arguments: an array first, a lambda with
// minP to maxP parameters at argument li.
func (c *callCtx) arrayAndLambda(li, minP, maxP int) ([]any, *Lambda, any) {
	arr, ok := c.args[0].([]any)
	if !ok {
		return nil, nil, c.argErr(0, "an array")
	}
	l, ok := c.args[li].(*Lambda)
	if !ok {
		return nil, nil, c.argErr(li, "a lambda")
	}
	if len(l.Params) < minP || len(l.Params) > maxP {
		return nil, nil, errAt(l, c.name, "the lambda must have %s", paramCount(minP, maxP))
	}
	return arr, l, nil
}

func paramCount(minP, maxP int) string {
	if minP == maxP {
		if minP == 1 {
			return "1 parameter"
		}
		return itoa(minP) + " parameters"
	}
	return itoa(minP) + " or " + itoa(maxP) + " parameters"
}

func itoa(n int) string {
	return string(rune('0' + n))
}

// keyOf checks a lambda's result used as an object key.
func (c *callCtx) keyOf(k any, l *Lambda) (string, any) {
	switch x := k.(type) {
	case string:
		return x, nil
	case Unknown:
		return "", c.unknownFrom(x)
	case *EvalError:
		return "", x
	case ResourceID:
		return "", c.unknownFrom(ridUnknown(l.Body, x))
	}
	return "", errAt(l.Body, c.name, "the key must be a string, not %s", TypeName(k))
}

// apply evaluates a lambda with its parameters bound to args (extra args,
// such as the index, are dropped when the lambda does not take them).
func (c *callCtx) apply(l *Lambda, args ...any) any {
	if !c.ev.step() {
		return c.ev.exhausted(l)
	}
	saved := len(c.ev.vars)
	for i, p := range l.Params {
		if i < len(args) {
			c.ev.vars = append(c.ev.vars, lambdaBinding{name: p, value: args[i]})
		}
	}
	v := c.ev.eval(l.Body)
	c.ev.vars = c.ev.vars[:saved]
	if _, ok := v.(*Lambda); ok {
		return errAt(l.Body, c.name, "a lambda can only be an argument of map, filter, reduce, sort, toObject, groupBy or mapValues")
	}
	return v
}
