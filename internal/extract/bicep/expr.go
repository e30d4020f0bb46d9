package bicep

import (
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"path/filepath"
	"strconv"
	"strings"
	"unsafe"

	"gopkg.in/yaml.v3"
)

// maxInline bounds how deep user-defined functions are inlined into each other.
const maxInline = 16

// quote writes an ARM expression string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// unknownCall is an ARM expression whose value the evaluator reports as not known,
// with why: Bicep constructs that are not compiled here. The function's name is
// unknown<hash of why>, so that when the unknown value flows on (through
// variables, parameters, modules) and the ARM reader's reason names only the
// function, Extract still finds why in the compiled template (unknownReasons).
func unknownCall(why string) string {
	h := fnv.New64a()
	h.Write([]byte(why))
	return unknownNS + "." + unknownPrefix + strconv.FormatUint(h.Sum64(), 36) + "(" + quote(why) + ")"
}

const (
	unknownNS     = "bicep"
	unknownPrefix = "unknown"
)

// unknownReasons finds every unknownCall in a compiled template: by function name
// (lower case, as the ARM reader's UnknownFunctions is keyed), the reason it carries.
func unknownReasons(out []byte) map[string]string {
	const lead = unknownNS + "." + unknownPrefix
	// Read in place: out is not written after compilation.
	text := unsafe.String(unsafe.SliceData(out), len(out)) //nolint:gosec // G103: out is never written again
	reasons := map[string]string{}
	for i := strings.Index(text, lead); i >= 0; {
		rest := text[i:]
		n := len(lead)
		for n < len(rest) && isIdentPart(rest[n]) {
			n++
		}
		name := rest[:n]
		if _, seen := reasons[strings.ToLower(name)]; !seen {
			if why, ok := UnknownReason(rest); ok {
				// The template is JSON: the reason is as its writer escaped it.
				if u, err := strconv.Unquote(`"` + why + `"`); err == nil {
					why = u
				}
				reasons[strings.ToLower(name)] = why
			}
		}
		j := strings.Index(text[i+n:], lead)
		if j < 0 {
			break
		}
		i += n + j
	}
	return reasons
}

// UnknownReason extracts the reason of an unknownCall from an expression text, so
// that a note says it instead of "user-defined function ... is not resolved".
func UnknownReason(expr string) (string, bool) {
	const lead = unknownNS + "." + unknownPrefix
	i := strings.Index(expr, lead)
	if i < 0 {
		return "", false
	}
	rest := expr[i+len(lead):]
	for len(rest) > 0 && isIdentPart(rest[0]) {
		rest = rest[1:]
	}
	if !strings.HasPrefix(rest, "('") {
		return "", false
	}
	rest = rest[2:]
	var b strings.Builder
	for j := 0; j < len(rest); j++ {
		if rest[j] == '\'' {
			if j+1 < len(rest) && rest[j+1] == '\'' {
				b.WriteByte('\'')
				j++
				continue
			}
			return b.String(), true
		}
		b.WriteByte(rest[j])
	}
	return "", false
}

// walk visits an expression and its parts.
func walk(e Expr, fn func(Expr)) {
	var visit func(Expr, int)
	visit = func(e Expr, d int) {
		if e == nil || d > maxDepth*2 {
			return
		}
		fn(e)
		switch x := e.(type) {
		case *Str:
			for _, s := range x.Exprs() {
				visit(s, d+1)
			}
		case *Array:
			for _, s := range x.Items {
				visit(s, d+1)
			}
		case *Spread:
			visit(x.X, d+1)
		case *Object:
			for _, p := range x.Props {
				visit(p.Value, d+1)
			}
		case *Unary:
			visit(x.X, d+1)
		case *Binary:
			visit(x.L, d+1)
			visit(x.R, d+1)
		case *Ternary:
			visit(x.Cond, d+1)
			visit(x.Then, d+1)
			visit(x.Else, d+1)
		case *Call:
			visit(x.Recv, d+1)
			for _, s := range x.Args {
				visit(s, d+1)
			}
		case *Member:
			visit(x.X, d+1)
		case *Index:
			visit(x.X, d+1)
			visit(x.I, d+1)
		case *NonNull:
			visit(x.X, d+1)
		case *Paren:
			visit(x.X, d+1)
		case *For:
			visit(x.Iter, d+1)
			visit(x.Body, d+1)
		case *If:
			visit(x.Cond, d+1)
			visit(x.Body, d+1)
		case *Lambda:
			visit(x.Body, d+1)
		}
	}
	visit(e, 0)
}

var binaryFuncs = map[string]string{
	"&&": "and", "||": "or", "<": "less", "<=": "lessOrEquals", ">": "greater", ">=": "greaterOrEquals",
	"+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "??": "coalesce", "==": "equals",
}

// expr translates a Bicep expression into ARM expression text (without brackets).
func (fc *fileCtx) expr(e env, x Expr) string {
	return fc.exprD(e, x, 0)
}

// maxExprText bounds the text of one compiled expression: loop variables and inlined
// functions repeat the text they stand for, which nesting could make grow without end.
const maxExprText = 64 << 10

// maxExprDepth bounds the nesting of one translation (expressions, the names and IDs
// of the resources they refer to).
const maxExprDepth = 4 * maxDepth

func (fc *fileCtx) exprD(e env, x Expr, inl int) string {
	c := fc.c
	b := fc.appendExprD(c.takeExprBuf(), e, x, inl)
	s := string(b)
	c.putExprBuf(b)
	return s
}

// takeExprBuf is an empty buffer to translate into (compiler.exprBufs), given
// back by putExprBuf once its text is copied out.
func (c *compiler) takeExprBuf() []byte {
	if n := len(c.exprBufs); n > 0 {
		b := c.exprBufs[n-1][:0]
		c.exprBufs = c.exprBufs[:n-1]
		return b
	}
	return make([]byte, 0, 64)
}

func (c *compiler) putExprBuf(b []byte) {
	// Buffers past maxExprText are left to the collector.
	if cap(b) <= maxExprText {
		c.exprBufs = append(c.exprBufs, b)
	}
}

// appendExprD appends the translation of x to b: the translation of an
// expression is appended part by part, not built from the strings of its parts
// (BenchmarkRead1MB: an interpolated string was half a dozen allocations).
func (fc *fileCtx) appendExprD(b []byte, e env, x Expr, inl int) []byte {
	// A resource's name may refer to the resource (name: vnet.name): the
	// translation of one expression descends at most maxExprDepth levels.
	c := fc.c
	if c.exprDepth >= maxExprDepth {
		return append(b, unknownCall("the expression refers to itself or nests too deeply")...)
	}
	c.exprDepth++
	start := len(b)
	b = fc.appendExprText(b, e, x, inl)
	c.exprDepth--
	if len(b)-start > maxExprText {
		return append(b[:start], unknownCall("the expression is longer than "+itoa(maxExprText)+" bytes once compiled")...)
	}
	return b
}

// appendQuote appends s as an ARM string literal (quote); braces doubles its
// braces too, as a format() string's.
func appendQuote(b []byte, s string, braces bool) []byte {
	b = append(b, '\'')
	b = appendEscaped(b, s, braces)
	return append(b, '\'')
}

// appendEscaped appends the body of an ARM string literal: quotes doubled, and
// braces when it is a format() string. The text between two bytes to double is
// appended at once, not byte by byte (BenchmarkCompile1MBFile: an append a byte
// was most of translating a string).
func appendEscaped(b []byte, s string, braces bool) []byte {
	for len(s) > 0 {
		i := doubledIndex(s, braces)
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, s[i])
		s = s[i+1:]
	}
	return append(b, s...)
}

// doubledIndex is the index of the first byte of s that appendEscaped doubles, or
// -1.
func doubledIndex(s string, braces bool) int {
	if !braces {
		return strings.IndexByte(s, '\'')
	}
	for i := 0; i < len(s); i++ {
		if formatDoubled[s[i]] {
			return i
		}
	}
	return -1
}

// formatDoubled marks the bytes a format() string doubles.
var formatDoubled = [256]bool{'\'': true, '{': true, '}': true}

// appendExprText appends the translation of the expressions that are made of
// others; the rest are translated by exprText.
func (fc *fileCtx) appendExprText(b []byte, e env, x Expr, inl int) []byte {
	ex := func(b []byte, y Expr) []byte { return fc.appendExprD(b, e, y, inl) }
	switch v := x.(type) {
	case *Str:
		if len(v.Exprs()) == 0 {
			return appendQuote(b, v.Parts[0], false)
		}
		b = append(b, "format('"...)
		for i, p := range v.Parts {
			b = appendEscaped(b, p, true)
			if i < len(v.Exprs()) {
				b = append(b, '{')
				b = append(b, itoa(i)...)
				b = append(b, '}')
			}
		}
		b = append(b, '\'')
		for _, a := range v.Exprs() {
			b = append(b, ", "...)
			b = ex(b, a)
		}
		return append(b, ')')
	case *Num:
		return append(b, v.Text...)
	case *Lit:
		return append(append(b, v.Text...), "()"...)
	case *Paren:
		return ex(b, v.X)
	case *NonNull:
		return ex(b, v.X)
	case *Array:
		if hasSpread(v) {
			return appendSpread(b, v, ex)
		}
		b = append(b, "createArray("...)
		for i, it := range v.Items {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = ex(b, it)
		}
		return append(b, ')')
	case *Unary:
		switch v.Op {
		case "!":
			return append(ex(append(b, "not("...), v.X), ')')
		case "-":
			if n, ok := v.X.(*Num); ok {
				return append(append(b, '-'), n.Text...)
			}
			return append(ex(append(b, "sub(0, "...), v.X), ')')
		}
		return ex(b, v.X)
	case *Binary:
		switch v.Op {
		case "!=":
			b = ex(append(b, "not(equals("...), v.L)
			return append(ex(append(b, ", "...), v.R), "))"...)
		case "=~":
			b = ex(append(b, "equals(toLower("...), v.L)
			return append(ex(append(b, "), toLower("...), v.R), "))"...)
		case "!~":
			b = ex(append(b, "not(equals(toLower("...), v.L)
			return append(ex(append(b, "), toLower("...), v.R), ")))"...)
		}
		b = append(append(b, binaryFuncs[v.Op]...), '(')
		b = ex(b, v.L)
		return append(ex(append(b, ", "...), v.R), ')')
	case *Ternary:
		b = ex(append(b, "if("...), v.Cond)
		b = ex(append(b, ", "...), v.Then)
		return append(ex(append(b, ", "...), v.Else), ')')
	case *If:
		b = ex(append(b, "if("...), v.Cond)
		return append(ex(append(b, ", "...), v.Body), ", null())"...)
	case *Ident:
		return fc.appendIdent(b, e, v, inl)
	case *Member:
		return fc.appendMember(b, e, v, inl)
	}
	return append(b, fc.exprText(e, x, inl)...)
}

// exprText translates the expressions appendExprText does not.
func (fc *fileCtx) exprText(e env, x Expr, inl int) string {
	ex := func(y Expr) string { return fc.exprD(e, y, inl) }
	switch v := x.(type) {
	case *Object:
		var groups []string
		var cur []string
		flush := func() {
			if cur != nil {
				groups = append(groups, "createObject("+strings.Join(cur, ", ")+")")
				cur = nil
			}
		}
		cur = []string{}
		for _, p := range v.Props {
			if p.Spread() {
				flush()
				groups = append(groups, ex(p.Value))
				continue
			}
			if cur == nil {
				cur = []string{}
			}
			k := quote(p.Key())
			if p.KeyExpr() != nil {
				k = ex(p.KeyExpr())
			}
			cur = append(cur, k, ex(p.Value))
		}
		if len(groups) == 0 {
			return "createObject(" + strings.Join(cur, ", ") + ")"
		}
		if len(cur) > 0 {
			flush()
		}
		return "shallowMerge(createArray(" + strings.Join(groups, ", ") + "))"
	case *Index:
		if s, ok := fc.moduleOutputs(e, v.X, inl); ok {
			if v.Safe {
				return "tryGet(" + s + ", " + ex(v.I) + ").value"
			}
			return s + "[" + ex(v.I) + "].value"
		}
		if ri, re, _, ok := fc.resAccess(e, v); ok && !v.Safe {
			// One instance of a resource loop as a value (a scope:, a
			// resource-typed parameter): its name read with its loop's variables.
			return string(fc.appendRefOf(nil, re, ri, true))
		}
		if v.Safe {
			return "tryGet(" + ex(v.X) + ", " + ex(v.I) + ")"
		}
		return ex(v.X) + "[" + ex(v.I) + "]"
	case *Call:
		return fc.call(e, v, inl)
	case *Lambda:
		inner := e
		args := make([]string, 0, len(v.Params)+1)
		for _, p := range v.Params {
			inner = inner.with(p, "lambdaVariables("+quote(p)+")")
			args = append(args, quote(p))
		}
		return "lambda(" + strings.Join(append(args, fc.exprD(inner, v.Body, inl)), ", ") + ")"
	case *For:
		iter := ex(v.Iter)
		body := v.Body
		if f, ok := body.(*If); ok {
			iter = "filter(" + iter + ", lambda(" + quote(v.Item) + ", " + fc.exprD(e.with(v.Item, "lambdaVariables("+quote(v.Item)+")"), f.Cond, inl) + "))"
			body = f.Body
		}
		iv := "__i_" + v.Item
		inner := e.with(v.Item, iter+"[lambdaVariables("+quote(iv)+")]")
		if v.IndexVar != "" {
			inner = inner.with(v.IndexVar, "lambdaVariables("+quote(iv)+")")
		}
		return "map(range(0, length(" + iter + ")), lambda(" + quote(iv) + ", " + fc.exprD(inner, body, inl) + "))"
	}
	return unknownCall("an expression that is not compiled")
}

func (fc *fileCtx) appendIdent(b []byte, e env, v *Ident, inl int) []byte {
	if s, ok := e.lookup(v.Name); ok {
		return append(b, s...)
	}
	// A resource declared around the expression is the innermost scope's.
	if fc.nests {
		if ri := fc.nestedIn(fc.in, v.Name); ri != nil {
			return fc.appendRefOf(b, e, ri, true)
		}
	}
	if p, ok := fc.params[v.Name]; ok {
		if fc.isBase {
			// A base parameter file reads its own values, not those of the
			// files that override them (Bicep binds each file's own symbols).
			return fc.appendOwnValue(b, p, inl)
		}
		// An identifier has no quote to double (isIdentPart).
		return append(append(append(b, "parameters('"...), v.Name...), '\'', ')')
	}
	if _, ok := fc.vars[v.Name]; ok {
		name := fc.pvar + v.Name // a parameter file's, under its prefix
		return append(append(append(b, "variables('"...), name...), '\'', ')')
	}
	if ri, ok := fc.res[v.Name]; ok {
		return fc.appendRefOf(b, e, ri, true)
	}
	if from, ok := fc.imported[v.Name]; ok {
		return append(b, unknownCall(v.Name+" is imported from "+from+", which is not read")...)
	}
	fc.c.undeclared(fc, v)
	return append(b, unknownCall(v.Name+" is not declared")...)
}

// resAccess finds the resource (and the loop binding of an indexed one) an
// expression stands for: sym, sym[i], a::b.
func (fc *fileCtx) resAccess(e env, x Expr) (*resInfo, env, string, bool) {
	switch v := x.(type) {
	case *Ident:
		if _, shadow := e.lookup(v.Name); shadow {
			return nil, e, "", false
		}
		if fc.nests {
			if ri := fc.nestedIn(fc.in, v.Name); ri != nil {
				return ri, e, "", true
			}
		}
		if ri, ok := fc.res[v.Name]; ok {
			return ri, e, "", true
		}
	case *Member:
		if ri := fc.resourceIn(fc.in, v); ri != nil {
			return ri, e, "", true
		}
	case *NonNull:
		return fc.resAccess(e, v.X)
	case *Index:
		// sym[i] or parent::sym[i]: one instance of a resource loop.
		var ri *resInfo
		switch x := v.X.(type) {
		case *Ident:
			if _, shadow := e.lookup(x.Name); shadow {
				return nil, e, "", false
			}
			ri = fc.resourceIn(fc.in, x)
		case *Member:
			if strings.HasPrefix(x.Name, "::") {
				ri = fc.resourceIn(fc.in, x)
			}
		}
		if ri != nil && ri.loop != nil {
			i := fc.expr(e, v.I)
			saved := fc.enter(ri.r.Parent)
			iter := fc.expr(env{}, ri.loop.Iter)
			fc.in = saved
			ne := env{}.with(ri.loop.Item, iter+"["+i+"]")
			if ri.loop.IndexVar != "" {
				ne = ne.with(ri.loop.IndexVar, i)
			}
			return ri, ne, i, true
		}
	}
	return nil, e, "", false
}

// appendRefOf appends reference() of a resource: its runtime properties, or with
// full the whole resource.
func (fc *fileCtx) appendRefOf(b []byte, e env, ri *resInfo, full bool) []byte {
	if ri.fc.resInCycle(ri.sym) {
		return append(b, unknownCall("the properties of "+ri.sym+" refer back to it (a cycle, which Bicep refuses)")...)
	}
	// The resource ID form, as classic compiled Bicep writes it: the ARM reader
	// follows it where it knows the resource (a principal ID of an identity).
	b = append(fc.appendResourceID(append(b, "reference("...), e, ri), ", "...)
	b = appendQuote(b, ri.ver, false)
	if full {
		return append(b, ", 'full')"...)
	}
	return append(b, ')')
}

// modAccess finds the module an expression stands for: mod or mod[i].
func (fc *fileCtx) modAccess(e env, x Expr) (*modInfo, string, bool) {
	switch v := x.(type) {
	case *Ident:
		if _, shadow := e.lookup(v.Name); shadow {
			return nil, "", false
		}
		mi, ok := fc.mods[v.Name]
		return mi, "", ok
	case *NonNull:
		return fc.modAccess(e, v.X)
	case *Index:
		if id, ok := v.X.(*Ident); ok {
			if _, shadow := e.lookup(id.Name); shadow {
				return nil, "", false
			}
			if mi, ok := fc.mods[id.Name]; ok {
				return mi, fc.expr(e, v.I), true
			}
		}
	}
	return nil, "", false
}

// moduleOutputs translates mod.outputs (ok false if x is not that).
func (fc *fileCtx) moduleOutputs(e env, x Expr, inl int) (string, bool) {
	m, ok := x.(*Member)
	if !ok || m.Name != "outputs" {
		return "", false
	}
	mi, idx, ok := fc.modAccess(e, m.X)
	if !ok {
		return "", false
	}
	if mi.registry != "" {
		return unknownCall("outputs of registry module " + mi.registry + " are not fetched"), true
	}
	if mi.missing != "" {
		// The why is on the module's own note; this one names the module.
		return unknownCall("outputs of module " + mi.sym + " are not known: its file cannot be read"), true
	}
	if fc.modInCycle(mi.sym) {
		return unknownCall("the outputs of module " + mi.sym + " refer back to it (a cycle, which Bicep refuses)"), true
	}
	if idx != "" {
		// One instance of a module loop, by its deployment name: the ARM reader
		// finds a deployment by name whatever its scope.
		return "reference(resourceId('Microsoft.Resources/deployments', " + fc.moduleInstanceName(mi, idx) + ")).outputs", true
	}
	return "reference(" + quote(mi.sym) + ").outputs", true
}

func (fc *fileCtx) appendMember(b []byte, e env, v *Member, inl int) []byte {
	if strings.HasPrefix(v.Name, "::") {
		if ri := fc.resourceIn(fc.in, v); ri != nil {
			return fc.appendRefOf(b, e, ri, true)
		}
		return append(b, unknownCall("nested resource "+v.Name[2:]+" is not declared")...)
	}
	if id, ok := v.X.(*Ident); ok && id.Name == "base" && fc.f.Extends != nil {
		if _, shadow := e.lookup("base"); !shadow {
			return fc.appendBase(b, v.Name, inl)
		}
	}
	if s, ok := fc.moduleOutputs(e, v.X, inl); ok {
		if v.Safe {
			return append(appendQuote(append(append(b, "tryGet("...), s+", "...), v.Name, false), ").value"...)
		}
		return append(appendMemberText(append(b, s...), v.Name), ".value"...)
	}
	if ri, re, _, ok := fc.resAccess(e, v.X); ok {
		switch v.Name {
		case "id":
			return fc.appendResourceID(b, re, ri)
		case "name":
			return fc.appendOwnName(b, re, ri)
		case "type":
			return appendQuote(b, ri.typ, false)
		case "apiVersion":
			return appendQuote(b, ri.ver, false)
		case "properties":
			return fc.appendRefOf(b, re, ri, false)
		}
		return appendMemberText(fc.appendRefOf(b, re, ri, true), v.Name)
	}
	if mi, idx, ok := fc.modAccess(e, v.X); ok && v.Name == "name" {
		return append(b, fc.moduleInstanceName(mi, idx)...)
	}
	if id, ok := v.X.(*Ident); ok && (id.Name == "sys" || id.Name == "az") {
		if _, shadow := e.lookup(id.Name); !shadow {
			return append(b, unknownCall(id.Name+"."+v.Name+" is not a value")...)
		}
	}
	if v.Safe {
		b = fc.appendExprD(append(b, "tryGet("...), e, v.X, inl)
		return append(appendQuote(append(b, ", "...), v.Name, false), ')')
	}
	return appendMemberText(fc.appendExprD(b, e, v.X, inl), v.Name)
}

// appendBase appends base.name in a parameter file that extends another: the
// value the nearest base file sets the parameter name to.
func (fc *fileCtx) appendBase(b []byte, name string, inl int) []byte {
	if fc.base == nil {
		return append(b, unknownCall("base."+name+" comes from "+fc.unreadBase)...)
	}
	o, p, unread := override(fc.base, name)
	switch {
	case p != nil:
		return o.appendOwnValue(b, p, inl)
	case unread != "":
		return append(b, unknownCall("base."+name+" comes from "+unread)...)
	}
	return append(b, unknownCall("base."+name+" is not set by the base parameter file")...)
}

// appendOwnValue appends the value a parameter file sets p to, read in the file.
func (fc *fileCtx) appendOwnValue(b []byte, p *Param, inl int) []byte {
	if inl >= maxInline {
		return append(b, unknownCall("parameter "+p.Name+" of "+filepath.Base(fc.f.Path)+" refers to itself")...)
	}
	if u := fc.unknownValue(p.Default); u != "" {
		return append(b, unknownCall(u)...)
	}
	return fc.appendExprD(b, env{}, p.Default, inl+1)
}

// hasSpread reports whether an array has a ...X item.
func hasSpread(a *Array) bool {
	for _, it := range a.Items {
		if _, ok := it.(*Spread); ok {
			return true
		}
	}
	return false
}

// appendSpread appends an array with ...X items as Bicep compiles it: the
// flattened list of each spread's array and of each run of other items.
func appendSpread(b []byte, a *Array, ex func([]byte, Expr) []byte) []byte {
	b = append(b, "flatten(createArray("...)
	run := false // a createArray( of plain items is open
	for i, it := range a.Items {
		s, spread := it.(*Spread)
		switch {
		case spread && run:
			b = append(b, "), "...)
			run = false
		case spread && i > 0, !spread && run:
			b = append(b, ", "...)
		case !spread && i > 0:
			b = append(b, ", createArray("...)
			run = true
		case !spread:
			b = append(b, "createArray("...)
			run = true
		}
		if spread {
			b = ex(b, s.X)
		} else {
			b = ex(b, it)
		}
	}
	if run {
		b = append(b, ')')
	}
	return append(b, "))"...)
}

func memberText(name string) string { return string(appendMemberText(nil, name)) }

func appendMemberText(b []byte, name string) []byte {
	for i := 0; i < len(name); i++ {
		if !isIdentPart(name[i]) {
			return append(appendQuote(append(b, '['), name, false), ']')
		}
	}
	return append(append(b, '.'), name...)
}

func (fc *fileCtx) call(e env, v *Call, inl int) string {
	args := func() []string {
		out := make([]string, len(v.Args))
		for i, a := range v.Args {
			out[i] = fc.exprD(e, a, inl)
		}
		return out
	}
	if v.Recv != nil {
		if ri, re, _, ok := fc.resAccess(e, v.Recv); ok {
			return v.Name + "(" + strings.Join(append([]string{fc.resourceID(re, ri), quote(ri.ver)}, args()...), ", ") + ")"
		}
		if _, ok := fc.imported[v.NS]; ok {
			return unknownCall(v.NS + "." + v.Name + "() is imported, which is not read")
		}
		return unknownCall("method " + v.Name + "() is not compiled")
	}
	if v.NS == "" {
		if fn, ok := fc.funcs[v.Name]; ok {
			if inl >= maxInline || len(fn.Params) != len(v.Args) {
				return unknownCall("function " + v.Name + " is not inlined")
			}
			// The function's own environment, bound in one list.
			fe := env{vars: make([]binding, 0, len(fn.Params))}
			for i, p := range fn.Params {
				// No parentheses: ARM expressions have no operators to group, and
				// its parser refuses them.
				fe.vars = append(fe.vars, binding{p, fc.exprD(e, v.Args[i], inl)})
			}
			// A user function sees only its parameters (and other functions).
			return fc.exprD(fe, fn.Body, inl+1)
		}
		if from, ok := fc.imported[v.Name]; ok {
			return unknownCall(v.Name + "() is imported from " + from + ", which is not read")
		}
	}
	switch v.Name {
	case "any":
		if len(v.Args) == 1 {
			return fc.exprD(e, v.Args[0], inl)
		}
	case "loadJsonContent", "loadTextContent", "loadFileAsBase64", "loadYamlContent":
		return fc.load(e, v)
	case "readEnvironmentVariable":
		return unknownCall("readEnvironmentVariable() is read where the deployment runs")
	case "getSecret":
		return unknownCall("getSecret() reads a Key Vault secret")
	case "externalInput":
		return unknownCall("externalInput() is supplied where the deployment runs")
	}
	return v.Name + "(" + strings.Join(args(), ", ") + ")"
}

// load inlines a load*Content call: the file's content, read through the loader.
func (fc *fileCtx) load(e env, v *Call) string {
	if len(v.Args) == 0 {
		return unknownCall(v.Name + "() without a path")
	}
	s, ok := v.Args[0].(*Str)
	if !ok || len(s.Exprs()) > 0 {
		return unknownCall(v.Name + "() of a path that is not a literal string")
	}
	c := fc.c
	if c.load == nil {
		return unknownCall(v.Name + "(" + quote(s.Parts[0]) + ") is not read")
	}
	key := [2]string{fc.f.Path, v.Name + "\x00" + s.Parts[0]}
	if len(v.Args) == 1 {
		if text, ok := c.loaded[key]; ok {
			return text
		}
	}
	_, data, err := c.read(fc.f.Path, s.Parts[0])
	if err != nil {
		c.note(fc, v, "/load/"+s.Parts[0], v.Name+"("+quote(s.Parts[0])+")", s.Parts[0]+" cannot be read: "+err.Error())
		return unknownCall(s.Parts[0] + " cannot be read")
	}
	switch v.Name {
	case "loadTextContent":
		c.loaded[key] = quote(string(data))
		return c.loaded[key]
	case "loadFileAsBase64":
		return quote(base64.StdEncoding.EncodeToString(data))
	case "loadJsonContent", "loadYamlContent":
		var anyv any
		if v.Name == "loadJsonContent" {
			if err := json.Unmarshal(data, &anyv); err != nil {
				return unknownCall(s.Parts[0] + " is not JSON")
			}
		} else if err := yaml.Unmarshal(data, &anyv); err != nil {
			// yaml.v3 refuses documents that expand aliases without bound.
			return unknownCall(s.Parts[0] + " is not YAML: " + err.Error())
		}
		compact, err := json.Marshal(anyv)
		if err != nil {
			// A YAML mapping with keys that are not strings, or a value JSON cannot hold.
			return unknownCall(s.Parts[0] + " has a value that is not JSON: " + err.Error())
		}
		out := "json(" + quote(string(compact)) + ")"
		c.loaded[key] = out
		if len(v.Args) >= 2 {
			// A JSONPath selection: only the $.a.b form is followed.
			if p, ok := v.Args[1].(*Str); ok && len(p.Exprs()) == 0 {
				path := strings.TrimPrefix(p.Parts[0], "$")
				for _, seg := range strings.Split(strings.TrimPrefix(path, "."), ".") {
					if seg == "" {
						continue
					}
					if strings.ContainsAny(seg, "[]*?()@") {
						return unknownCall("the JSONPath " + p.Parts[0] + " is not followed")
					}
					out += memberText(seg)
				}
			} else {
				return unknownCall("the JSONPath is not a literal string")
			}
		}
		return out
	}
	return unknownCall(v.Name + "() is not read")
}

// moduleInstanceName is the deployment name of a module, or of instance idx of a
// module loop.
func (fc *fileCtx) moduleInstanceName(mi *modInfo, idx string) string {
	ne := env{}
	if idx != "" && mi.loop != nil {
		iter := fc.expr(env{}, mi.loop.Iter)
		ne = env{}.with(mi.loop.Item, iter+"["+idx+"]")
		if mi.loop.IndexVar != "" {
			ne = ne.with(mi.loop.IndexVar, idx)
		}
	}
	if nm := objProp(mi.body, "name"); nm != nil {
		return fc.expr(ne, nm)
	}
	return fc.moduleName(ne, mi)
}
