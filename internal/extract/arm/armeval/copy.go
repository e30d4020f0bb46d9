package armeval

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// isPropertyCopy reports whether a "copy" member is a property copy loop
// (an array of {name, count, input}).
func isPropertyCopy(v gjson.Result) bool {
	if !v.IsArray() {
		return false
	}
	ok := true
	v.ForEach(func(_, c gjson.Result) bool {
		ok = c.IsObject() && getFold(c, "name").Exists() && getFold(c, "input").Exists()
		return ok
	})
	return ok
}

// copyCount evaluates a copy loop's count: -1 when it is not known (or over
// ARM's limit), with the reason.
func (x *Deployment) copyCount(s *scope, f *frame, src *jsonsrc.Source, c gjson.Result) (int, string) {
	cnt := getFold(c, "count")
	if !cnt.Exists() {
		return -1, "the copy loop has no count"
	}
	v := x.evalJSON(s, f, src, cnt)
	switch n := v.(type) {
	case armexpr.Unknown:
		return -1, n.Reason
	case *armexpr.EvalError:
		return -1, "the count fails: " + n.Error()
	}
	n, ok := v.(int64)
	switch {
	case !ok:
		return -1, "the count is not an integer"
	case n < 0:
		return -1, "the count is negative"
	case n > maxCopy:
		return -1, "the count " + itoa(int(n)) + " exceeds ARM's limit of " + itoa(maxCopy)
	}
	return int(n), ""
}

// copyArray evaluates a copy loop's input count times (a property or
// variable copy loop).
func (x *Deployment) copyArray(s *scope, f *frame, src *jsonsrc.Source, c gjson.Result, name string) any {
	n, why := x.copyCount(s, f, src, c)
	if n < 0 {
		return armexpr.Unknown{Expr: clip(getFold(c, "count").String()), Reason: "copy loop " + quote(name) + ": " + why}
	}
	out := make([]any, 0, n)
	for i := range n {
		out = append(out, x.evalJSON(s, x.frame(name, i, false, f), src, getFold(c, "input")))
	}
	return out
}

type frameKey struct {
	name  string
	index int
	res   bool
	up    *frame
}

// frame returns the canonical frame of an iteration, so evaluations in it
// are cached once.
func (x *Deployment) frame(name string, index int, res bool, up *frame) *frame {
	k := frameKey{strings.ToLower(name), index, res, up}
	if f, ok := x.frames[k]; ok {
		return f
	}
	f := &frame{name: name, index: index, res: res, up: up}
	put(&x.frames, k, f)
	return f
}

// frame is an active copy loop iteration.
type frame struct {
	name  string // loop name
	index int    // -1: the count is not known
	res   bool   // a resource loop: copyIndex() without a name refers to it
	up    *frame
}

func (f *frame) find(loop string) *frame {
	for c := f; c != nil; c = c.up {
		if loop == "" && c.res || loop != "" && strings.EqualFold(c.name, loop) {
			return c
		}
	}
	if loop == "" {
		return f
	}
	return nil
}

func (f *frame) lookup(loop string) (int, bool) {
	c := f.find(loop)
	if c == nil {
		return 0, false
	}
	return c.index, true
}

// path is the iteration's indexes, outermost first ("" outside loops).
func (f *frame) path() string {
	if f == nil {
		return ""
	}
	return f.up.path() + "[" + itoa(f.index) + "]"
}
