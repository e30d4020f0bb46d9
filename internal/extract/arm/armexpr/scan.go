package armexpr

import "strings"

// ScannedCall is a call Scan found: its span in the JSON string value (brackets
// included, as ParseString's offsets), namespace and name, argument count, and the
// first argument when it is a string literal without doubled quotes.
type ScannedCall struct {
	Span      Span
	Namespace string
	Name      string
	Args      int
	Lit       string
	HasLit    bool
}

// Scan reads a JSON string value that IsExpression without building a tree: it
// reports each call to fn and returns true only when the expression is certainly
// one ParseString accepts and has no property access named outputs (which needs the
// tree to check). On false, nothing is known: parse it. It is many times faster than
// ParseString, for reading every expression of a template once.
func Scan(s string, fn func(ScannedCall)) bool {
	calls, ok := ScanCalls(s, nil)
	if ok {
		for _, c := range calls {
			fn(c)
		}
	}
	return ok
}

// ScanCalls is Scan appending the calls to calls (reused by a caller that scans many
// expressions, so that scanning allocates nothing); they mean something only when it
// returns true.
func ScanCalls(s string, calls []ScannedCall) ([]ScannedCall, bool) {
	if !IsExpression(s) || len(s)-2 > MaxLength {
		return calls, false
	}
	sc := scanner{src: s[1 : len(s)-1], calls: calls}
	sc.space()
	if !sc.expr(0) {
		return sc.calls, false
	}
	sc.space()
	return sc.calls, sc.pos == len(sc.src)
}

// scanDepth is the nesting Scan reads; deeper expressions are left to the parser,
// whose depth rule is exact.
const scanDepth = MaxDepth / 4

type scanner struct {
	src   string
	pos   int
	calls []ScannedCall
	// withOuts: outs gathers reference(...).outputs.name accesses instead of
	// refusing every property named outputs (ScanOutputs). The slice is held by
	// value: a pointer to ScanOutputs' argument moved it to the heap, an
	// allocation a scan (BenchmarkReadDir's memory profile).
	withOuts bool
	outs     []ScannedOutput
}

// ScannedOutput is reference(...).outputs.name, as ScanOutputs found it: the call, the
// output's name, and the span of the whole access (as the parser's Property).
type ScannedOutput struct {
	Call Span
	Name string
	Span Span
}

// ScanOutputs is ScanCalls that also reads the property accesses named outputs: each
// reference(...).outputs.name is appended to outs (the parser's tree has the same
// Property of a Property of that Call), any other is read as a property like another.
func ScanOutputs(s string, calls []ScannedCall, outs []ScannedOutput) ([]ScannedCall, []ScannedOutput, bool) {
	if !IsExpression(s) || len(s)-2 > MaxLength {
		return calls, outs, false
	}
	sc := scanner{src: s[1 : len(s)-1], calls: calls, withOuts: true, outs: outs}
	sc.space()
	if !sc.expr(0) {
		return sc.calls, sc.outs, false
	}
	sc.space()
	return sc.calls, sc.outs, sc.pos == len(sc.src)
}

func (sc *scanner) space() {
	for sc.pos < len(sc.src) {
		switch sc.src[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

func (sc *scanner) peek() byte {
	if sc.pos < len(sc.src) {
		return sc.src[sc.pos]
	}
	return 0
}

func (sc *scanner) ident() string {
	start := sc.pos
	for sc.pos < len(sc.src) && isIdentChar(sc.src[sc.pos]) {
		sc.pos++
	}
	return sc.src[start:sc.pos]
}

// expr reads a primary expression and its accessors.
func (sc *scanner) expr(depth int) bool {
	if depth >= scanDepth {
		return false
	}
	start, before := sc.pos, len(sc.calls)
	if !sc.primary(depth) {
		return false
	}
	// ref is the primary when it is a call of reference with arguments: the target
	// of the outputs ScanOutputs reads.
	ref := -1
	if n := len(sc.calls); n > before && sc.calls[n-1].Span.Start == 1+start && sc.calls[n-1].Namespace == "" &&
		sc.calls[n-1].Args > 0 && len(sc.calls[n-1].Name) == len("reference") && strings.EqualFold(sc.calls[n-1].Name, "reference") {
		ref = n - 1
	}
	accessors, outputs := 0, false
	for {
		save := sc.pos
		sc.space()
		switch sc.peek() {
		case '.':
			sc.pos++
			sc.space()
			if !isIdentStart(sc.peek()) {
				return false
			}
			id := sc.ident()
			isOutputs := len(id) == len("outputs") && strings.EqualFold(id, "outputs")
			if isOutputs && !sc.withOuts {
				return false
			}
			if outputs && accessors == 1 {
				sc.outs = append(sc.outs, ScannedOutput{Call: sc.calls[ref].Span, Name: id,
					Span: Span{Start: 1 + start, Stop: 1 + sc.pos, Raw: sc.src[start:sc.pos]}})
			}
			outputs = isOutputs && accessors == 0 && ref >= 0
			accessors++
			depth++
		case '[':
			sc.pos++
			sc.space()
			if !sc.expr(depth + 1) {
				return false
			}
			sc.space()
			if sc.peek() != ']' {
				return false
			}
			sc.pos++
			accessors++
			depth++
		default:
			sc.pos = save
			return depth < scanDepth
		}
	}
}

func (sc *scanner) primary(depth int) bool {
	c := sc.peek()
	switch {
	case c == '\'':
		_, _, ok := sc.stringLit()
		return ok
	case isDigit(c) || c == '-' && sc.pos+1 < len(sc.src) && isDigit(sc.src[sc.pos+1]):
		start := sc.pos
		sc.pos++
		for sc.pos < len(sc.src) && isDigit(sc.src[sc.pos]) {
			sc.pos++
		}
		if sc.pos-start > 18 {
			return false // maybe out of range: the parser decides
		}
		return sc.pos >= len(sc.src) || !isIdentChar(sc.src[sc.pos]) && sc.src[sc.pos] != '.'
	case isIdentStart(c):
		return sc.call(depth)
	}
	return false
}

// stringLit reads a string literal; plain is false when it doubles a quote.
func (sc *scanner) stringLit() (string, bool, bool) {
	sc.pos++
	start := sc.pos
	plain := true
	for {
		i := strings.IndexByte(sc.src[sc.pos:], '\'')
		if i < 0 {
			return "", false, false
		}
		sc.pos += i + 1
		if sc.pos < len(sc.src) && sc.src[sc.pos] == '\'' {
			plain = false
			sc.pos++
			continue
		}
		return sc.src[start : sc.pos-1], plain, true
	}
}

func (sc *scanner) call(depth int) bool {
	start := sc.pos
	name := sc.ident()
	save := sc.pos
	sc.space()
	namespace := ""
	if sc.peek() == '.' {
		q := sc.pos + 1
		for q < len(sc.src) && (sc.src[q] == ' ' || sc.src[q] == '\t' || sc.src[q] == '\n' || sc.src[q] == '\r') {
			q++
		}
		if q < len(sc.src) && isIdentStart(sc.src[q]) {
			r := q
			for r < len(sc.src) && isIdentChar(sc.src[r]) {
				r++
			}
			s := r
			for s < len(sc.src) && (sc.src[s] == ' ' || sc.src[s] == '\t' || sc.src[s] == '\n' || sc.src[s] == '\r') {
				s++
			}
			if s < len(sc.src) && sc.src[s] == '(' {
				namespace, name = name, sc.src[q:r]
				sc.pos = s
			}
		}
	}
	if sc.peek() != '(' {
		sc.pos = save
		return namespace == "" && isKeyword(name)
	}
	if namespace == "" && (len(name) == len("lambda") || len(name) == len("lambdaVariables")) &&
		(strings.EqualFold(name, "lambda") || strings.EqualFold(name, "lambdaVariables")) {
		return false // their argument rules are the parser's
	}
	sc.pos++ // (
	call := ScannedCall{Namespace: namespace, Name: name}
	sc.space()
	litEnd := -1 // where the first argument's string literal ends
	if sc.peek() != ')' {
		for {
			sc.space()
			if call.Args == 0 && sc.peek() == '\'' {
				save := sc.pos
				lit, plain, ok := sc.stringLit()
				if !ok || !plain {
					return false // a doubled quote: the parser reads the name
				}
				call.Lit, call.HasLit = lit, plain
				litEnd = sc.pos
				sc.pos = save // read again as an expression: it may have accessors
			}
			if !sc.expr(depth + 1) {
				return false
			}
			if call.Args == 0 && sc.pos != litEnd {
				call.HasLit = false // the literal has accessors: not a plain name
			}
			call.Args++
			if call.Args > 1 {
				call.HasLit = false
			}
			sc.space()
			if sc.peek() == ',' {
				sc.pos++
				continue
			}
			if sc.peek() != ')' {
				return false
			}
			break
		}
	}
	sc.pos++ // )
	call.Span = Span{Start: 1 + start, Stop: 1 + sc.pos, Raw: sc.src[start:sc.pos]}
	if !call.HasLit {
		call.Lit = ""
	}
	sc.calls = append(sc.calls, call)
	return true
}

// isKeyword reports whether name is true, false or null, ignoring case.
func isKeyword(name string) bool {
	switch len(name) {
	case len("true"):
		return strings.EqualFold(name, "true") || strings.EqualFold(name, "null")
	case len("false"):
		return strings.EqualFold(name, "false")
	}
	return false
}

// Raw is the call's text.
func (c ScannedCall) Raw() string { return c.Span.Raw }

// CheckCall is Check for one call: what ARM rejects whatever the values, or "".
func CheckCall(c ScannedCall) string {
	return checkArity(c.Namespace, c.Name, c.Args)
}
