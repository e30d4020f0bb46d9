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
	if len(c.m) == 0 {
		c.m = make(map[int]parsed, len(at))
	}
	for _, a := range at {
		if a.Off > 0 && int(a.Text) < len(texts) {
			c.m[int(a.Off)] = texts[a.Text]
		}
	}
}
