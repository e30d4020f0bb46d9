package armexpr

import (
	"math"
	"strconv"
	"strings"
)

// maxRange is the largest count range() accepts, as in ARM.
const maxRange = 10000

func registerNumeric() {
	for _, op := range []string{"add", "sub", "mul", "div", "mod"} {
		register(op, fnSpec{min: 2, max: 2, fn: func(c *callCtx) any { return c.arith(op) }})
	}
	register("int", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		switch x := c.args[0].(type) {
		case string:
			n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
			if err != nil {
				return c.errf("cannot convert %q to an integer", x)
			}
			return n
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) || x > 9.2e18 || x < -9.2e18 {
				return c.errf("cannot convert %v to an integer", x)
			}
			return int64(x)
		}
		if n, ok := asInt(c.args[0]); ok {
			return n
		}
		return c.argErr(0, "a string or a number")
	}})
	register("float", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		if s, ok := c.args[0].(string); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				return c.errf("cannot convert %q to a number", s)
			}
			return f
		}
		if f, ok := asFloat(c.args[0]); ok {
			return f
		}
		return c.argErr(0, "a string or a number")
	}})
	register("min", fnSpec{min: 1, max: -1, fn: func(c *callCtx) any { return c.minMax(false) }})
	register("max", fnSpec{min: 1, max: -1, fn: func(c *callCtx) any { return c.minMax(true) }})
	register("range", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any {
		start, err := c.int(0)
		if err != nil {
			return err
		}
		count, err := c.int(1)
		if err != nil {
			return err
		}
		if count < 0 || count > maxRange {
			return c.errf("count %d is out of range (0 to %d)", count, maxRange)
		}
		if start+count > math.MaxInt32 || start < math.MinInt32 {
			return c.errf("start %d plus count %d is out of range", start, count)
		}
		out := make([]any, count)
		for i := range out {
			out[i] = start + int64(i)
		}
		return out
	}})
}

func (c *callCtx) arith(op string) any {
	a, err := c.int(0)
	if err != nil {
		return err
	}
	b, err := c.int(1)
	if err != nil {
		return err
	}
	var r int64
	switch op {
	case "add":
		r = a + b
		if (b > 0 && r < a) || (b < 0 && r > a) {
			return c.errf("integer overflow")
		}
	case "sub":
		r = a - b
		if (b < 0 && r < a) || (b > 0 && r > a) {
			return c.errf("integer overflow")
		}
	case "mul":
		if a != 0 && b != 0 {
			r = a * b
			if r/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
				return c.errf("integer overflow")
			}
		}
	case "div", "mod":
		if b == 0 {
			return c.errf("division by zero")
		}
		if a == math.MinInt64 && b == -1 {
			if op == "mod" {
				return int64(0)
			}
			return c.errf("integer overflow")
		}
		if op == "div" {
			r = a / b
		} else {
			r = a % b
		}
	}
	return r
}

func (c *callCtx) minMax(isMax bool) any {
	vals := c.args
	if len(c.args) == 1 {
		a, ok := c.args[0].([]any)
		if !ok {
			return c.argErr(0, "an array or integers")
		}
		vals = a
	}
	if len(vals) == 0 {
		return c.errf("needs at least one value")
	}
	var best any
	var bf float64
	for _, v := range vals {
		switch x := v.(type) {
		case Unknown:
			return c.unknownFrom(x)
		case ResourceID:
			return ridUnknown(c.node, x)
		}
		f, ok := asFloat(v)
		if !ok {
			return c.errf("needs numbers, found %s", TypeName(v))
		}
		if best == nil || (isMax && f > bf) || (!isMax && f < bf) {
			best, bf = v, f
		}
	}
	return best
}
