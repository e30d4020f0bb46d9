package armeval

import (
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// ExprAt is a string value of a template at byte offset Off (its opening quote)
// whose text is Exprs[Text] of Preparse: an expression, "[" + Exprs[Text] + "]".
type ExprAt struct{ Off, Text int32 }

// Preparse parses, before a template is evaluated, the expressions that the
// front-end which wrote its text (internal/extract/bicep) wrote as string values:
// exprs are their texts between the brackets, each distinct, and at the values.
// Each text is parsed once however many values it is written in (a module's
// expressions are written again for every module that calls it the same way),
// and the evaluator finds the values parsed by their offsets, as it finds those
// it parsed itself (BenchmarkRead1MB in internal/extract/bicep). A value whose
// text is not "[" + exprs[Text] + "]" would be read wrongly: the front-end
// vouches for them (TestPreparsedAreWritten there).
//
// at in increasing offset order, as a writer records them, is kept as it is and
// searched (the caller does not change it afterwards): a map of every value was
// the largest allocation of preparing the 1 MB project (BenchmarkPhases1MB/prepare
// in internal/extract/bicep). Any other order is entered value by value.
func Preparse(src *jsonsrc.Source, exprs []string, at []ExprAt) {
	if len(at) == 0 {
		return
	}
	texts := make([]parsed, len(exprs))
	for i, e := range exprs {
		texts[i] = parseValue("[" + e + "]")
	}
	c := exprsOf(src)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pre == nil && ascending(at) {
		c.pre, c.preTexts = at, texts
		return
	}
	if len(c.m) == 0 {
		c.m = make(map[int]parsed, len(at))
	}
	for _, a := range at {
		if a.Off > 0 && int(a.Text) < len(texts) {
			c.m[int(a.Off)] = texts[a.Text]
		}
	}
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

// preparsed is the expression Preparse parsed for the value at off, if any. c.mu
// is held.
func (c *exprCache) preparsed(off int) (parsed, bool) {
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
		return parsed{}, false
	}
	return c.preTexts[at[i].Text], true
}
