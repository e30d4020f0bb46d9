package armexpr

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on expressions. Beyond them Parse returns an error; nothing recurses
// deeper than MaxDepth.
const (
	// MaxDepth is the deepest nesting of function calls, property accesses
	// and index accesses in one expression: f(f(1)) has depth 2,
	// f(1).a[0] has depth 3.
	MaxDepth = 256
	// MaxLength is the longest expression text accepted, in bytes.
	MaxLength = 64 << 10
)

// Node is a node of a parsed expression.
type Node interface {
	// Pos and End are byte offsets of the node in the parsed text (for
	// ParseString and EvalString: in the JSON string value, brackets
	// included).
	Pos() int
	End() int
	// Source is the node's source text.
	Source() string
}

// Span locates a node; it is embedded in every node type.
type Span struct {
	Start, Stop int
	Raw         string
}

// Pos is the offset of the node's first byte.
func (s Span) Pos() int { return s.Start }

// End is the offset just past the node's last byte.
func (s Span) End() int { return s.Stop }

// Source is the node's text.
func (s Span) Source() string { return s.Raw }

// StringLit is a string literal ('abc'; a quote inside is doubled).
type StringLit struct {
	Span
	Value string
}

// IntLit is an integer literal, possibly negative.
type IntLit struct {
	Span
	Value int64
}

// BoolLit is the keyword true or false (the functions true() and false() are
// Calls).
type BoolLit struct {
	Span
	Value bool
}

// NullLit is the keyword null.
type NullLit struct {
	Span
}

// Call is a function call; Namespace is set for user-defined functions
// (ns.fn(...)).
type Call struct {
	Span
	Namespace string
	Name      string
	Args      []Node
	key       string // lower-case Name, set by the parser
}

// Key is the function name in lower case ("" for user-defined functions).
func (c *Call) Key() string {
	if c.Namespace != "" {
		return ""
	}
	if c.key == "" {
		return strings.ToLower(c.Name)
	}
	return c.key
}

// Property is target.name.
type Property struct {
	Span
	Target Node
	Name   string
}

// Index is target[index].
type Index struct {
	Span
	Target Node
	Index  Node
}

// Lambda is lambda('a', 'b', body).
type Lambda struct {
	Span
	Params []string
	Body   Node
}

// LambdaVar is lambdaVariables('a').
type LambdaVar struct {
	Span
	Name string
}

// ParseError is a syntax error at byte offset Offset of the parsed text.
type ParseError struct {
	Offset int
	Msg    string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("syntax error at offset %d: %s", e.Offset, e.Msg)
}

// IsExpression reports whether a JSON string value is an ARM expression:
// it starts with '[' and ends with ']' and does not start with the "[["
// escape.
func IsExpression(s string) bool {
	return len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' && s[1] != '['
}

// Unescape returns the literal value of a non-expression JSON string:
// "[[x]" is the literal "[x]". Other strings are returned unchanged.
func Unescape(s string) string {
	if len(s) >= 3 && s[0] == '[' && s[1] == '[' && s[len(s)-1] == ']' {
		return s[1:]
	}
	return s
}

// Parse parses the text of an expression without its brackets
// ("concat('a', 'b')"). Offsets in nodes and errors are relative to s.
func Parse(s string) (Node, error) {
	return parse(s, 0)
}

// ParseString parses a JSON string value that IsExpression ("[concat(...)]").
// Offsets in nodes and errors are relative to the string value, so the
// opening bracket is offset 0.
func ParseString(s string) (Node, error) {
	if !IsExpression(s) {
		return nil, &ParseError{Offset: 0, Msg: "not an expression (must be enclosed in [ ])"}
	}
	return parse(s[1:len(s)-1], 1)
}

func parse(s string, base int) (Node, error) {
	if len(s) > MaxLength {
		return nil, &ParseError{Offset: base + MaxLength, Msg: fmt.Sprintf("expression longer than %d bytes", MaxLength)}
	}
	p := &parser{src: s, base: base}
	p.skipSpace()
	if p.pos >= len(s) {
		return nil, p.errf(p.pos, "empty expression")
	}
	n, _, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(s) {
		return nil, p.errf(p.pos, "unexpected %s after the expression", p.describe())
	}
	return n, nil
}

type parser struct {
	src  string
	base int
	pos  int
}

func (p *parser) errf(pos int, format string, args ...any) error {
	return &ParseError{Offset: p.base + pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) span(start int) Span {
	return Span{Start: p.base + start, Stop: p.base + p.pos, Raw: p.src[start:p.pos]}
}

func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of expression"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// expr parses a primary expression and its .prop / [index] accessors.
// depth is the number of calls and accessors that enclose it; height is the
// nesting depth of the returned subtree.
func (p *parser) expr(depth int) (Node, int, error) {
	if depth >= MaxDepth {
		return nil, 0, p.errf(p.pos, "expression nested deeper than %d levels", MaxDepth)
	}
	start := p.pos
	n, height, err := p.primary(depth)
	if err != nil {
		return nil, 0, err
	}
	for {
		save := p.pos
		p.skipSpace()
		switch p.peek() {
		case '.':
			p.pos++
			p.skipSpace()
			if !isIdentStart(p.peek()) {
				return nil, 0, p.errf(p.pos, "expected a property name after '.', found %s", p.describe())
			}
			name := p.ident()
			height++
			if depth+height > MaxDepth {
				return nil, 0, p.errf(start, "expression nested deeper than %d levels", MaxDepth)
			}
			n = &Property{Span: p.span(start), Target: n, Name: name}
		case '[':
			p.pos++
			p.skipSpace()
			idx, h, err := p.expr(depth + height + 1)
			if err != nil {
				return nil, 0, err
			}
			p.skipSpace()
			if p.peek() != ']' {
				return nil, 0, p.errf(p.pos, "expected ']', found %s", p.describe())
			}
			p.pos++
			height = max(height, h) + 1
			if depth+height > MaxDepth {
				return nil, 0, p.errf(start, "expression nested deeper than %d levels", MaxDepth)
			}
			n = &Index{Span: p.span(start), Target: n, Index: idx}
		default:
			p.pos = save
			return n, height, nil
		}
	}
}

func (p *parser) ident() string {
	start := p.pos
	for p.pos < len(p.src) && isIdentChar(p.src[p.pos]) {
		p.pos++
	}
	return p.src[start:p.pos]
}

func (p *parser) primary(depth int) (Node, int, error) {
	start := p.pos
	c := p.peek()
	switch {
	case c == '\'':
		return p.stringLit()
	case isDigit(c) || c == '-' && p.pos+1 < len(p.src) && isDigit(p.src[p.pos+1]):
		p.pos++
		for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
			p.pos++
		}
		text := p.src[start:p.pos]
		v, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return nil, 0, p.errf(start, "integer %s out of range", text)
		}
		if p.pos < len(p.src) && (isIdentChar(p.src[p.pos]) || p.src[p.pos] == '.' && p.pos+1 < len(p.src) && isDigit(p.src[p.pos+1])) {
			return nil, 0, p.errf(p.pos, "invalid number %s", strconv.Quote(p.src[start:min(p.pos+1, len(p.src))]))
		}
		return &IntLit{Span: p.span(start), Value: v}, 1, nil
	case isIdentStart(c):
		return p.callOrKeyword(depth)
	case c == 0:
		return nil, 0, p.errf(p.pos, "unexpected end of expression")
	}
	return nil, 0, p.errf(p.pos, "unexpected %s", p.describe())
}

func (p *parser) stringLit() (Node, int, error) {
	start := p.pos
	p.pos++ // opening quote
	// Most literals have no doubled quote: their value is a slice of the
	// expression's text (which is already a slice of the template's, as gjson
	// leaves strings without escapes), not a copy (BenchmarkReadDir's memory
	// profile).
	if i := strings.IndexByte(p.src[p.pos:], '\''); i >= 0 && (p.pos+i+1 >= len(p.src) || p.src[p.pos+i+1] != '\'') {
		v := p.src[p.pos : p.pos+i]
		p.pos += i + 1
		return &StringLit{Span: p.span(start), Value: v}, 1, nil
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(p.src[p.pos:], '\'')
		if i < 0 {
			return nil, 0, p.errf(start, "unterminated string literal")
		}
		b.WriteString(p.src[p.pos : p.pos+i])
		p.pos += i + 1
		if p.pos < len(p.src) && p.src[p.pos] == '\'' {
			b.WriteByte('\'')
			p.pos++
			continue
		}
		return &StringLit{Span: p.span(start), Value: b.String()}, 1, nil
	}
}

func (p *parser) callOrKeyword(depth int) (Node, int, error) {
	start := p.pos
	name := p.ident()
	save := p.pos
	p.skipSpace()
	namespace := ""
	if p.peek() == '.' {
		// ns.fn( is a user-defined function; anything else after a bare
		// identifier is an error below.
		q := p.pos + 1
		for q < len(p.src) && (p.src[q] == ' ' || p.src[q] == '\t' || p.src[q] == '\n' || p.src[q] == '\r') {
			q++
		}
		if q < len(p.src) && isIdentStart(p.src[q]) {
			r := q
			for r < len(p.src) && isIdentChar(p.src[r]) {
				r++
			}
			s := r
			for s < len(p.src) && (p.src[s] == ' ' || p.src[s] == '\t' || p.src[s] == '\n' || p.src[s] == '\r') {
				s++
			}
			if s < len(p.src) && p.src[s] == '(' {
				namespace = name
				name = p.src[q:r]
				p.pos = s
			}
		}
	}
	if p.peek() != '(' {
		p.pos = save
		switch strings.ToLower(name) {
		case "true", "false":
			if namespace == "" {
				return &BoolLit{Span: p.span(start), Value: strings.EqualFold(name, "true")}, 1, nil
			}
		case "null":
			if namespace == "" {
				return &NullLit{Span: p.span(start)}, 1, nil
			}
		}
		p.skipSpace()
		return nil, 0, p.errf(p.pos, "expected '(' after function name %s, found %s", name, p.describe())
	}
	p.pos++ // (
	// The arguments are gathered on the stack and copied once: most calls have
	// one to four, and growing a slice from nil took up to three allocations
	// (BenchmarkReadDir's memory profile).
	var argBuf [4]Node
	gathered := argBuf[:0]
	height := 0
	p.skipSpace()
	if p.peek() != ')' {
		for {
			p.skipSpace()
			a, h, err := p.expr(depth + 1)
			if err != nil {
				return nil, 0, err
			}
			gathered = append(gathered, a)
			height = max(height, h)
			p.skipSpace()
			if p.peek() == ',' {
				p.pos++
				continue
			}
			if p.peek() != ')' {
				return nil, 0, p.errf(p.pos, "expected ',' or ')' in the arguments of %s, found %s", name, p.describe())
			}
			break
		}
	}
	p.pos++ // )
	// args are on the stack: newCall copies them into the node
	args := gathered
	sp := p.span(start)
	height++
	if namespace == "" {
		// EqualFold, not a switch on the lower-cased name: that was an allocation
		// for every mixed-case call (resourceId).
		switch {
		case strings.EqualFold(name, "lambda"):
			if len(args) < 2 {
				return nil, 0, p.errf(start, "lambda needs at least one parameter name and a body")
			}
			params := make([]string, len(args)-1)
			for i, a := range args[:len(args)-1] {
				s, ok := a.(*StringLit)
				if !ok {
					return nil, 0, p.errf(a.Pos()-p.base, "a lambda parameter name must be a string literal")
				}
				params[i] = s.Value
			}
			return &Lambda{Span: sp, Params: params, Body: args[len(args)-1]}, height, nil
		case strings.EqualFold(name, "lambdavariables"):
			if len(args) != 1 {
				return nil, 0, p.errf(start, "lambdaVariables expects 1 argument, got %d", len(args))
			}
			s, ok := args[0].(*StringLit)
			if !ok {
				return nil, 0, p.errf(args[0].Pos()-p.base, "the argument of lambdaVariables must be a string literal")
			}
			return &LambdaVar{Span: sp, Name: s.Value}, height, nil
		}
	}
	call := newCall(args)
	call.Span, call.Namespace, call.Name = sp, namespace, name
	if namespace == "" {
		call.key = functionKey(name)
	}
	return call, height, nil
}

// callWithArgs is a call with room for its arguments, made in one allocation: most
// calls have one to three, and a node and its own slice were two
// (BenchmarkReadDir's memory profile).
type callWithArgs struct {
	call Call
	args [3]Node
}

// newCall is a call node holding a copy of args (nil when there are none).
func newCall(args []Node) *Call {
	n := len(args)
	switch {
	case n == 0:
		return &Call{}
	case n <= len(callWithArgs{}.args):
		cw := &callWithArgs{}
		copy(cw.args[:], args)
		cw.call.Args = cw.args[:n:n]
		return &cw.call
	}
	return &Call{Args: append(make([]Node, 0, n), args...)}
}

// Walk calls fn for n and, while fn returns true, for its descendants in
// source order.
func Walk(n Node, fn func(Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	switch x := n.(type) {
	case *Call:
		for _, a := range x.Args {
			Walk(a, fn)
		}
	case *Property:
		Walk(x.Target, fn)
	case *Index:
		Walk(x.Target, fn)
		Walk(x.Index, fn)
	case *Lambda:
		Walk(x.Body, fn)
	}
}

// References lists the names of the parameters and variables an expression
// reads with a literal name (parameters('x'), variables('y')), in order of
// first use.
func References(n Node) (params, vars []string) {
	seen := map[string]bool{}
	Walk(n, func(m Node) bool {
		c, ok := m.(*Call)
		if !ok || c.Namespace != "" || len(c.Args) != 1 {
			return true
		}
		lit, ok := c.Args[0].(*StringLit)
		if !ok {
			return true
		}
		switch c.Key() {
		case "parameters":
			if k := "p:" + strings.ToLower(lit.Value); !seen[k] {
				seen[k] = true
				params = append(params, lit.Value)
			}
		case "variables":
			if k := "v:" + strings.ToLower(lit.Value); !seen[k] {
				seen[k] = true
				vars = append(vars, lit.Value)
			}
		}
		return true
	})
	return params, vars
}
