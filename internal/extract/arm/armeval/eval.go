package armeval

import (
	"errors"
	"strings"
	"sync"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

type nodeKey struct {
	src *jsonsrc.Source
	off int
}

type parsed struct {
	n   armexpr.Node
	err *armexpr.EvalError
}

type evalKey struct {
	s   *scope
	f   *frame
	src *jsonsrc.Source
	off int
}

// exprCache holds the parsed expressions of one source by offset. It lives with the
// source (jsonsrc.Source.Memo), so that a template extracted once per parameter file
// parses each expression once.
type exprCache struct {
	mu sync.Mutex
	m  map[int]parsed
	// pre are the values Preparse was given, in offset order, preExprs their
	// texts (ExprAt.Text) and preTexts those texts parsed, as they are first
	// read.
	pre      []ExprAt
	preExprs []string
	preTexts []preText
	// preBlock is, for each block of preBlockBytes bytes of the text, the index
	// in pre of the first value at or past the block's start (preIndex).
	preBlock []int32
	// validated is what validating the template found that does not depend on
	// the parameter values.
	validated *staticRecord
}

var memoMu sync.Mutex

func exprsOf(src *jsonsrc.Source) *exprCache {
	memoMu.Lock()
	defer memoMu.Unlock()
	if c, ok := src.Memo.(*exprCache); ok {
		return c
	}
	c := &exprCache{m: map[int]parsed{}}
	src.Memo = c
	return c
}

// parse parses the expression in a JSON string value, cached by position.
func (x *Deployment) parse(src *jsonsrc.Source, j gjson.Result) parsed {
	k := nodeKey{src, j.Index}
	if p, ok := x.parsed[k]; ok && j.Index > 0 {
		return p
	}
	var c *exprCache
	if j.Index > 0 {
		c = exprsOf(src)
		c.mu.Lock()
		var p parsed
		ok, text := false, -1
		if len(c.pre) > 0 {
			p, text, ok = c.preparsed(j.Index)
		}
		if !ok {
			p, ok = c.m[j.Index]
		}
		c.mu.Unlock()
		if text >= 0 {
			p = c.preParse(text, j.String())
		}
		if ok {
			put(&x.parsed, k, p)
			return p
		}
	}
	p := parseValue(j.String())
	if c != nil {
		put(&x.parsed, k, p)
		c.mu.Lock()
		c.m[j.Index] = p
		c.mu.Unlock()
	}
	return p
}

// parseValue parses the expression in a JSON string value.
func parseValue(s string) parsed {
	var p parsed
	n, err := armexpr.ParseString(s)
	if err != nil {
		var pe *armexpr.ParseError
		if !errors.As(err, &pe) {
			p.err = &armexpr.EvalError{Msg: err.Error(), Pos: -1}
		} else {
			p.err = &armexpr.EvalError{Msg: "syntax error: " + pe.Msg, Pos: pe.Offset}
		}
	} else {
		p.n = n
	}
	return p
}

// evalString evaluates a JSON string of scope s: an expression, or a
// literal ("[[" unescaped).
func (x *Deployment) evalString(s *scope, f *frame, src *jsonsrc.Source, j gjson.Result) any {
	str := j.String()
	if s == nil || !armexpr.IsExpression(str) {
		if s == nil {
			return str
		}
		return armexpr.Unescape(str)
	}
	k := evalKey{s, f, src, j.Index}
	if v, ok := x.evals[k]; ok && j.Index > 0 {
		return v
	}
	p := x.parse(src, j)
	var v any
	if p.err != nil {
		v = p.err
	} else {
		v = armexpr.Eval(p.n, s.env(f))
	}
	if j.Index > 0 {
		put(&x.evals, k, v)
	}
	return v
}

// evalNode evaluates one node of an expression of scope s.
func (x *Deployment) evalNode(s *scope, f *frame, n armexpr.Node) any {
	if s == nil {
		return armexpr.Unknown{Reason: "not an expression"}
	}
	return armexpr.Eval(n, s.env(f))
}

// evalJSON evaluates a JSON value of scope s (nil: a plain value) with its
// expressions, expression property names and property copy loops.
func (x *Deployment) evalJSON(s *scope, f *frame, src *jsonsrc.Source, j gjson.Result) any {
	if s == nil {
		return plain(j)
	}
	if x.budget <= 0 {
		return armexpr.Unknown{Expr: clip(j.Raw), Reason: armexpr.ReasonBudget}
	}
	x.budget--
	switch j.Type {
	case gjson.Null, gjson.False, gjson.True, gjson.Number:
		return plain(j) // a scalar holds no expression
	case gjson.String:
		return x.evalString(s, f, src, j)
	case gjson.JSON:
	}
	if j.IsArray() {
		out := []any{}
		src.ForEach(j, func(_, v gjson.Result) bool {
			out = append(out, x.evalJSON(s, f, src, v))
			return true
		})
		return out
	}
	out := map[string]any{}
	var fail any
	src.ForEach(j, func(k, v gjson.Result) bool {
		if strings.EqualFold(k.String(), "copy") && isPropertyCopy(v) {
			src.ForEach(v, func(_, c gjson.Result) bool {
				name := getFold(c, "name").String()
				out[name] = x.copyArray(s, f, src, c, name)
				return true
			})
			return true
		}
		key := x.evalString(s, f, src, k)
		ks, ok := key.(string)
		if !ok {
			fail = keyProblem(key, k.String())
			return false
		}
		out[ks] = x.evalJSON(s, f, src, v)
		return true
	})
	if fail != nil {
		return fail
	}
	return out
}

func keyProblem(key any, raw string) any {
	switch k := key.(type) {
	case armexpr.Unknown, *armexpr.EvalError:
		return k
	case armexpr.ResourceID:
		return armexpr.Unknown{Expr: raw, Reason: "property name " + k.Describe() + " depends on the deployment scope"}
	}
	return &armexpr.EvalError{Msg: "property name " + raw + " is not a string", Pos: -1}
}

// clip shortens an expression text for messages.
func clip(s string) string {
	const maxLen = 200
	if len(s) <= maxLen {
		return s
	}
	cut := maxLen
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
