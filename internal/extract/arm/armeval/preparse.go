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
		c.preBlock = preIndex(at, len(src.JSON))
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

// preBlockBytes is the span of text one entry of exprCache.preBlock covers: a
// generator writes an expression value in a hundred bytes or two, so a value is
// found from its block's entry in a step or two, at 4 bytes an entry.
const preBlockBytes = 256

// preIndex is exprCache.preBlock of the values at (in increasing offset order) of
// a text of size bytes.
func preIndex(at []ExprAt, size int) []int32 {
	idx := make([]int32, size/preBlockBytes+1)
	// A step a value, not a test of the next value for each block and again
	// for each value (as jsonsrc's line index): blocks k from the one after
	// the previous value's to value i's are i's; next is block k's start.
	k, next := 0, 0
	for i, a := range at {
		for off := int(a.Off); next <= off && k < len(idx); k, next = k+1, next+preBlockBytes {
			idx[k] = int32(i) //nolint:gosec // G115: fewer values than bytes of text, bounded by the read limits
		}
	}
	for ; k < len(idx); k++ {
		idx[k] = int32(len(at)) //nolint:gosec // G115: as above
	}
	return idx
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
	// Called for every expression evaluated: found from its block's first value,
	// not by a binary search over all of them (BenchmarkRead1MBFile in
	// internal/extract/bicep).
	at := c.pre
	k := off / preBlockBytes
	if off < 0 || k >= len(c.preBlock) {
		return parsed{}, -1, false
	}
	i := int(c.preBlock[k])
	for i < len(at) && int(at[i].Off) < off {
		i++
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
// value is the string value read where the text was written, "[" + text + "]"
// as the front-end vouches: parsed as it is, as the values of any template are
// (gjson's string of a value with no escape is a slice of the text), not a
// concatenation of the text, which allocated and copied every parsed one
// (BenchmarkRead1MBFile in internal/extract/bicep). Any other value is not
// trusted: the text is parsed then.
func (c *exprCache) preParse(i int, value string) parsed {
	c.mu.Lock()
	e := c.preExprs[i]
	c.mu.Unlock()
	if !bracketed(value, e) {
		value = "[" + e + "]"
	}
	p := parseValue(value)
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &c.preTexts[i]
	if !t.done {
		t.p, t.done = p, true
	}
	return t.p
}

// bracketed reports whether value is "[" + e + "]".
func bracketed(value, e string) bool {
	return len(value) == len(e)+2 && value[0] == '[' && value[len(value)-1] == ']' && value[1:len(value)-1] == e
}
