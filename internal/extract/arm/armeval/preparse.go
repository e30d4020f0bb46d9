package armeval

import (
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// ExprAt is a string value of a template at byte offset Off (its opening quote)
// whose text is Exprs[Text] of Preparse: an expression, "[" + Exprs[Text] + "]".
type ExprAt struct{ Off, Text int32 }

// Preparse gives the evaluator, before a template is evaluated, the expressions
// that the front-end which wrote its text (internal/extract/bicep) wrote as string
// values: exprs are their texts between the brackets, each distinct, and at the
// values. Each text is parsed once however many values it is written in (a
// module's expressions are written again for every module that calls it the same
// way), and the evaluator finds the values by their offsets, as it finds those it
// parsed itself (BenchmarkRead1MB in internal/extract/bicep). A text is parsed
// when a value of it is first evaluated, not here: evaluation reads only some of
// the values (BenchmarkRead1MBFile there: in one file most texts are distinct,
// and most were parsed for nothing). A value whose
// text is not "[" + exprs[Text] + "]" would be read wrongly: the front-end
// vouches for them (TestPreparsedAreWritten there).
//
// at in increasing offset order, as a writer records them, is kept as it is, with
// exprs, and searched (the caller changes neither afterwards): a map of every
// value was the largest allocation of preparing the 1 MB project
// (BenchmarkPhases1MB/prepare in internal/extract/bicep). Any other order is
// entered value by value, each text parsed once there.
func Preparse(src *jsonsrc.Source, exprs []string, at []ExprAt) {
	if len(at) == 0 {
		return
	}
	c := exprsOf(src)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pre == nil && ascending(at) {
		c.pre, c.preExprs, c.preTexts = at, exprs, make([]preText, len(exprs))
		return
	}
	// Any other order: entered value by value, each text parsed once here.
	texts := make([]preText, len(exprs))
	if len(c.m) == 0 {
		c.m = make(map[int]parsed, len(at))
	}
	for _, a := range at {
		if a.Off > 0 && int(a.Text) < len(texts) {
			t := &texts[a.Text]
			if !t.done {
				t.p, t.done = parseValue("["+exprs[a.Text]+"]"), true
			}
			c.m[int(a.Off)] = t.p
		}
	}
}

// preText is a text of Preparse, parsed once done.
type preText struct {
	p    parsed
	done bool
}

// ascending reports whether the offsets of at strictly increase.
func ascending(at []ExprAt) bool {
	for i := 1; i < len(at); i++ {
		if at[i].Off <= at[i-1].Off {
			return false
		}
	}
	return true
}

// preparsed is the expression Preparse was given for the value at off, if any:
// parsed (done), or the index of its text in c.preTexts, to parse (preParse).
// c.mu is held.
func (c *exprCache) preparsed(off int) (p parsed, text int, ok bool) {
	// A binary search written out: called for every expression evaluated.
	at := c.pre
	i, hi := 0, len(at)
	for i < hi {
		h := int(uint(i+hi) >> 1) //nolint:gosec // G115: a sum of two lengths
		if int(at[h].Off) < off {
			i = h + 1
		} else {
			hi = h
		}
	}
	if i == len(at) || int(at[i].Off) != off || int(at[i].Text) >= len(c.preTexts) {
		return parsed{}, -1, false
	}
	text = int(at[i].Text)
	t := &c.preTexts[text]
	if !t.done {
		return parsed{}, text, true
	}
	return t.p, -1, true
}

// preParse parses text i of Preparse, c.mu not held: two evaluations that
// meet it at once both parse it, to the same tree, and the first kept stays.
func (c *exprCache) preParse(i int) parsed {
	c.mu.Lock()
	e := c.preExprs[i]
	c.mu.Unlock()
	p := parseValue("[" + e + "]")
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &c.preTexts[i]
	if !t.done {
		t.p, t.done = p, true
	}
	return t.p
}
