package bicep

import (
	"slices"
	"strings"
	"unsafe"
)

// maxDepth bounds the nesting of expressions and types, so that hostile input cannot
// exhaust the stack.
const maxDepth = 100

// maxTokens bounds the tokens of one file.
const maxTokens = 4 << 20

// maxSource bounds the size of one file: offsets fit in 30 bits (the read limits
// are far lower), and Prop keeps flags above them.
const maxSource = propEnd

// SyntaxError is a parse failure at a byte offset.
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string { return e.Msg }

// bail unwinds the parser on the first error.
type bail struct{ err *SyntaxError }

type parser struct {
	// toks is the window of tokens the parser reads, toks[i] the current one:
	// the lexer fills it as the parser advances (refill at lim).
	toks []token
	i    int
	lim  int
	lx   *lexer
	// ntoks are the tokens lexed (maxTokens) but the end of the file; eof: the
	// end of the file is in the window; lexFailed: the error is the lexer's.
	ntoks     int
	eof       bool
	lexFailed bool
	// src and alts are the source and the lexer's alts, for the tokens' texts
	// (tokenText).
	src   string
	alts  []string
	depth int
	param bool // a .bicepparam file
	f     *File
	// The nodes come from slabs, and the parser's stacks are kept with them.
	*nodes
}

// nodes are the slabs of a syntax tree's nodes. A module's tree is dropped once
// its template is compiled, and its slabs, cleared, hold the next module's tree
// (compiler.takeNodes): a project's modules are read into memory the cache still
// holds, not into new memory each (BenchmarkRead1MB).
type nodes struct {
	strs    slab[strNode]
	interps slab[interpStr]
	idents  slab[Ident]
	objects slab[Object]
	members slab[Prop]
	// exprs and strParts are the slabs of arrays' items, calls' arguments and
	// interpolations' holes, and of interpolated strings' parts.
	exprs    slab[Expr]
	strParts slab[string]
	// The other nodes an expression or a declaration is made of.
	nums      slab[Num]
	lits      slab[Lit]
	arrays    slab[Array]
	calls     slab[Call]
	accesses  slab[Member]
	indexes   slab[Index]
	unaries   slab[Unary]
	binaries  slab[Binary]
	ternaries slab[Ternary]
	parens    slab[Paren]
	fors      slab[For]
	ifs       slab[If]
	types     slab[Type]
	decos     slab[Decorator]
	decLists  slab[*Decorator]
	params    slab[Param]
	vars      slab[Var]
	resources slab[Resource]
	outputs   slab[Output]

	// The parser's stacks: the members of the objects, the items of the arrays
	// (and arguments, and interpolations' holes), the parts of the interpolated
	// strings and the decorators being read. Kept with the slabs, and so reused
	// by the next tree. What is popped is not cleared: the next push writes
	// over it, and reset clears each stack whole (a clear an object cost some
	// twenty instructions, BenchmarkParse1MBFile).
	props []Prop
	items []Expr
	parts []string
	decs  []*Decorator

	// lists are the arrays of the file's lists of declarations: the File's
	// lists are these, capped, and the next tree's grow into them again.
	lists fileLists
	// win is the parser's window of tokens, for the next tree's parse.
	win []token
}

// clearAll is s emptied, with its whole array cleared: what it held is not
// kept alive by it, nor read again.
func clearAll[T any](s []T) []T {
	clear(s[:cap(s)])
	return s[:0]
}

// use starts f's lists in the arrays of l: a project's modules' lists grow into
// the arrays of the module read before, not from nothing each.
func (l *fileLists) use(f *File) {
	f.Order, f.Params, f.Vars, f.Resources = l.order[:0], l.params[:0], l.vars[:0], l.resources[:0]
	f.Modules, f.Outputs, f.Funcs, f.Imports = l.modules[:0], l.outputs[:0], l.funcs[:0], l.imports[:0]
}

// keep takes back the arrays f's lists grew into, and caps the lists: an append
// to one cannot write into the next tree's.
func (l *fileLists) keep(f *File) {
	f.Order = keepList(&l.order, f.Order)
	f.Params = keepList(&l.params, f.Params)
	f.Vars = keepList(&l.vars, f.Vars)
	f.Resources = keepList(&l.resources, f.Resources)
	f.Modules = keepList(&l.modules, f.Modules)
	f.Outputs = keepList(&l.outputs, f.Outputs)
	f.Funcs = keepList(&l.funcs, f.Funcs)
	f.Imports = keepList(&l.imports, f.Imports)
}

// keepList keeps list's array in *buf and returns list capped, or nil if empty.
func keepList[T any](buf *[]T, list []T) []T {
	*buf = list[:0]
	if len(list) == 0 {
		return nil
	}
	return list[:len(list):len(list)]
}

// fileLists are the lists of a file's declarations.
type fileLists struct {
	order     []any
	params    []*Param
	vars      []*Var
	resources []*Resource
	modules   []*Module
	outputs   []*Output
	funcs     []*Func
	imports   []*Import
}

// reset clears every node handed out, and the stacks and lists, for a new tree
// to use them.
func (n *nodes) reset() {
	n.props = clearAll(n.props)
	n.items = clearAll(n.items)
	n.parts = clearAll(n.parts)
	n.decs = clearAll(n.decs)
	l := &n.lists
	l.order = clearAll(l.order)
	l.params = clearAll(l.params)
	l.vars = clearAll(l.vars)
	l.resources = clearAll(l.resources)
	l.modules = clearAll(l.modules)
	l.outputs = clearAll(l.outputs)
	l.funcs = clearAll(l.funcs)
	l.imports = clearAll(l.imports)
	n.strs.reset()
	n.interps.reset()
	n.idents.reset()
	n.objects.reset()
	n.members.reset()
	n.exprs.reset()
	n.strParts.reset()
	n.nums.reset()
	n.lits.reset()
	n.arrays.reset()
	n.calls.reset()
	n.accesses.reset()
	n.indexes.reset()
	n.unaries.reset()
	n.binaries.reset()
	n.ternaries.reset()
	n.parens.reset()
	n.fors.reset()
	n.ifs.reset()
	n.types.reset()
	n.decos.reset()
	n.decLists.reset()
	n.params.reset()
	n.vars.reset()
	n.resources.reset()
	n.outputs.reset()
}

// slab hands out values of T from chunks: a file's syntax tree lives as long as
// its nodes, and one allocation a chunk replaces one a node (BenchmarkRead1MB).
// chunks are every chunk it made, the first used of them handed out since the
// last reset.
type slab[T any] struct {
	buf    []T
	chunks [][]T
	used   int
	// made are the values the chunks hold, all of them.
	made int
}

// slabFirst and slabChunk are the least capacity of a slab's first chunk and of
// its third and later ones (the second has twice the first's): a file with few
// values of a type leaves little of its chunks unused. Later chunks grow with
// the slab, to an eighth of what its chunks hold (up to the largest size
// class): a large file makes few chunks, and leaves at most about an eighth of
// them unused, its values not counted before it is parsed
// (BenchmarkRead1MBFile). A take of up to slabFirst values fits any chunk.
const (
	slabFirst = 16
	slabChunk = 64
)

// chunk is an empty chunk: the next made before, or a new one.
func (s *slab[T]) chunk() []T {
	if s.used == len(s.chunks) {
		var zero T
		n := max(slabChunk, min(s.made/8, maxSmallAlloc/int(unsafe.Sizeof(zero))))
		if k := len(s.chunks); k < 2 {
			n = slabFirst << k
		}
		// With the whole size class its bytes fall in, which make would leave
		// unused: append rounds a capacity up to it (a Prop chunk of 64 is 3,584
		// bytes in a class of 4,096, which holds 73).
		c := slices.Grow([]T(nil), n)
		s.made += cap(c)
		s.chunks = append(s.chunks, c)
	}
	s.used++
	return s.chunks[s.used-1][:0]
}

// maxSmallAlloc is the Go runtime's largest allocation in a size class.
const maxSmallAlloc = 32 << 10

// reset clears the chunks handed out since the last reset, whole: a value left
// from the last tree would be read as part of the next.
func (s *slab[T]) reset() {
	for _, c := range s.chunks[:s.used] {
		clear(c[:cap(c)])
	}
	s.used = 0
	s.buf = nil
}

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = s.chunk()
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// put is a new value v.
func (s *slab[T]) put(v T) *T {
	x := s.new()
	*x = v
	return x
}

// take returns n zero values, with no room to grow into the next ones.
func (s *slab[T]) take(n int) []T {
	if cap(s.buf)-len(s.buf) < n {
		if n > slabFirst {
			return make([]T, n)
		}
		s.buf = s.chunk()
	}
	start := len(s.buf)
	s.buf = s.buf[:start+n]
	return s.buf[start : start+n : start+n]
}

// window is the capacity of the parser's window of tokens: the lexer fills it
// as the parser reads, so that no file has a buffer of all its tokens
// (BenchmarkRead1MBFile: a 1 MB file's was 2.5 MB).
const window = 512

// Parse reads a .bicep (or, with param set, a .bicepparam) file.
func Parse(path, src string, param bool) (f *File, err error) {
	return parse(path, src, param, &nodes{})
}

// parse is Parse with the tree's nodes taken from nd, whose slabs are cleared
// (nodes.reset) or new.
func parse(path, src string, param bool, nd *nodes) (f *File, err error) {
	if len(src) > maxSource {
		return nil, &SyntaxError{Msg: "file too large: more than " + itoa(maxSource>>20) + " MiB"}
	}
	// The line starts sized from a count of the line ends (a vector scan): an
	// estimate from the size grew once a file and dropped its first table
	// (BenchmarkRead1MB: 0.9 MB/op of line tables, now 0.4).
	lx := &lexer{src: src, lines: newLineTable(len(src), strings.Count(src, "\n"))}
	if cap(nd.win) < window {
		nd.win = make([]token, 0, window)
	}
	p := &parser{toks: nd.win[:0], src: src, lx: lx, param: param, nodes: nd, f: &File{Path: path, Src: src, Types: map[string]*Type{}}}
	// For the next tree's parse; a window grown by a long look-ahead is kept
	// too. Tokens hold no pointers: nothing to clear.
	defer func() { nd.win = p.toks[:0] }()
	nd.lists.use(p.f)
	if err := p.start(); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bail)
			if !ok {
				panic(r)
			}
			f, err = nil, b.err
			if !p.lexFailed {
				// An error of the lexer, or too many tokens, further on is the
				// error, as when the whole file was lexed before it was parsed.
				if lerr := p.drain(); lerr != nil {
					err = lerr
				}
			}
		}
	}()
	p.file()
	nd.lists.keep(p.f)
	lx.lines.finish(len(src))
	p.f.lines = lx.lines
	return p.f, nil
}

// start fills the window with the first tokens.
func (p *parser) start() *SyntaxError {
	if err := p.fill(); err != nil {
		return err
	}
	p.setLim()
	return nil
}

// fill lexes tokens into the window until it is full or holds the end of the
// file. The error is the lexer's, or that the file has too many tokens.
func (p *parser) fill() *SyntaxError {
	lx := p.lx
	// At most one token past maxTokens: the batch ends at the one that is too
	// many, before any error of the lexer after it.
	buf := p.toks[:min(cap(p.toks), len(p.toks)+maxTokens+1-p.ntoks)]
	from := len(p.toks)
	n := lx.lex(buf, from)
	p.toks, p.alts = buf[:n], lx.alts
	if n == from {
		return nil
	}
	switch buf[n-1].kind() { //nolint:exhaustive // other tokens go on
	case tBad:
		return &SyntaxError{Pos: lx.errPos, Msg: lx.err}
	case tEOF:
		p.eof = true
		n--
	}
	if p.ntoks += n - from; p.ntoks > maxTokens {
		return &SyntaxError{Pos: int(buf[n-1].pos), Msg: "file too large: more than " + itoa(maxTokens) + " tokens"}
	}
	return nil
}

// setLim sets the offset at which advancing refills the window: while the file
// goes on, the current token and the two after it are in the window (alone,
// peekAt); once its end is, the window ends as the file does, and advancing
// past its last token (the end of the file) keeps the parser at it (atLim).
func (p *parser) setLim() {
	p.lim = len(p.toks) - 2
	if p.eof {
		p.lim = len(p.toks)
	}
}

// refill moves the tokens from the one before the current (the end of what was
// read) to the window's start, and lexes more after them.
func (p *parser) refill() {
	if from := p.i - 1; from > 0 {
		n := copy(p.toks, p.toks[from:])
		p.toks = p.toks[:n]
		p.i -= from
	}
	p.more()
}

// more lexes more tokens into the window, grown if it is full (a look-ahead).
func (p *parser) more() {
	if len(p.toks) == cap(p.toks) {
		p.toks = slices.Grow(p.toks, len(p.toks))
	}
	if err := p.fill(); err != nil {
		p.lexFailed = true
		panic(bail{err})
	}
	p.setLim()
}

// drain lexes the rest of the file after a syntax error: the lexer's error, or
// that of too many tokens, if there is one.
func (p *parser) drain() *SyntaxError {
	for !p.eof {
		p.toks = p.toks[:0]
		if err := p.fill(); err != nil {
			return err
		}
	}
	return nil
}

// text is the text of t, a token of p.
func (p *parser) text(t token) string { return tokenText(p.src, p.alts, t) }

// piece is the text of t, a string piece of p.
func (p *parser) piece(t token) string { return pieceText(p.src, p.alts, t) }

// word is the text of t, an identifier, number or operator of p.
func (p *parser) word(t token) string { return p.src[t.pos:t.end] }

// at is the source's byte at off, a token's offset (within the source), for a
// Prop's key: found without the slice's bounds test (BenchmarkParse1MBFile).
func (p *parser) at(off int32) *byte {
	return (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(p.src)), off)) //nolint:gosec // G103: off is a token's, within the source
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekAt(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) advance() token {
	t := p.toks[p.i]
	p.i++
	if p.i >= p.lim {
		p.atLim()
	}
	return t
}

// atLim is advance's slow path: the window refilled, or the parser kept at the
// end of the file (advance does not move past it). One test in advance for
// both: it stays within the inliner's budget (go build -gcflags=-m=2).
//
//go:noinline
func (p *parser) atLim() {
	if !p.eof {
		p.refill()
	} else if p.i >= len(p.toks) {
		p.i = len(p.toks) - 1
	}
}

// skipNL skips a line end: the lexer returns no line end after another (nor
// first), so one is all there is to skip, read inline.
func (p *parser) skipNL() {
	if kind(p.toks[p.i].ka) == tNewline {
		if p.i++; p.i >= p.lim {
			p.atLim()
		}
	}
}

func (p *parser) is(text string) bool {
	t := &p.toks[p.i]
	return t.ka == punctKA(text)
}

func (p *parser) isWord(w string) bool {
	t := &p.toks[p.i]
	return t.kind() == tIdent && p.src[t.pos:t.end] == w
}

func (p *parser) failAt(t token, expected string) {
	panic(bail{&SyntaxError{Pos: int(t.pos), Msg: "expected " + expected + ", found " + p.describeTok(t)}})
}

func (p *parser) describeTok(t token) string {
	switch t.kind() {
	case tEOF:
		return "end of file"
	case tNewline:
		return "end of line"
	case tIdent:
		return "'" + p.text(t) + "'"
	case tNumber:
		return "number " + p.text(t)
	case tString, tStringLeft:
		return "a string"
	case tStringMid, tStringRight:
		return "'}'"
	case tPunct, tBad:
	}
	return "'" + p.text(t) + "'"
}

func (p *parser) expect(text string) token {
	if !p.is(text) {
		p.failAt(p.peek(), "'"+text+"'")
	}
	return p.advance()
}

func (p *parser) ident(what string) token {
	t := p.peek()
	if t.kind() != tIdent {
		p.failAt(t, what)
	}
	return p.advance()
}

func (p *parser) endOfStatement() {
	t := p.peek()
	if t.kind() != tNewline && t.kind() != tEOF {
		p.failAt(t, "a new line after the declaration")
	}
	p.skipNL()
}

// enter counts a level of nesting, and fails past maxDepth (tooDeep, out of
// line: enter is inlined). Its leave is called on the way out, not deferred: a
// failure unwinds the whole parse (bail), and the depth is not read again
// (BenchmarkParse1MBFile).
func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.tooDeep()
	}
}

func (p *parser) tooDeep() {
	panic(bail{&SyntaxError{Pos: int(p.peek().pos), Msg: "expression nested more than " + itoa(maxDepth) + " levels deep"}})
}

func (p *parser) leave() { p.depth-- }

func (p *parser) file() {
	p.skipNL()
	for p.peek().kind() != tEOF {
		decs := p.decorators()
		t := p.peek()
		if t.kind() != tIdent {
			p.failAt(t, "a declaration (param, var, resource, module, output, ...)")
		}
		switch p.text(t) {
		case "targetScope":
			p.advance()
			p.expect("=")
			p.f.TargetScope = p.expr()
		case "param":
			p.paramDecl(decs)
		case "var":
			p.varDecl(decs)
		case "resource":
			r := p.resourceDecl(decs, nil)
			p.f.Resources = append(p.f.Resources, r)
			p.f.Order = append(p.f.Order, r)
		case "module":
			p.moduleDecl(decs)
		case "output":
			p.outputDecl(decs)
		case "type":
			p.advance()
			n := p.ident("a type name")
			p.expect("=")
			p.f.Types[p.text(n)] = p.typeExpr()
		case "func":
			p.funcDecl()
		case "import", "extension", "provider":
			p.importDecl()
		case "metadata", "assert":
			p.advance()
			p.ident("a name")
			p.expect("=")
			p.expr()
		case "using":
			p.advance()
			if p.isWord("none") {
				p.advance()
				p.f.UsingNone = true
			} else {
				p.f.Using = p.plainString("the path of the template ('main.bicep')")
				if p.isWord("with") {
					p.advance()
					p.expr()
				}
			}
		case "extends":
			p.advance()
			p.f.Extends = p.plainString("the path of the base parameter file")
		default:
			p.failAt(t, "a declaration (param, var, resource, module, output, ...)")
		}
		p.endOfStatement()
	}
}

func (p *parser) decorators() []*Decorator {
	if !p.is("@") {
		return nil
	}
	// Gathered on the parser's stack, as an object's members: a decorator's
	// arguments may hold objects with decorated members.
	base := len(p.decs)
	for p.is("@") {
		at := p.advance()
		d := p.decos.new()
		d.pos = at.pos
		n := p.ident("a decorator name")
		d.Name = p.text(n)
		if p.is(".") {
			p.advance()
			d.NS = d.Name
			d.Name = p.text(p.ident("a decorator name"))
		}
		if p.is("(") {
			d.Args, d.end = p.args()
		} else {
			d.end = n.end
		}
		p.decs = append(p.decs, d)
		p.skipNL()
	}
	out := p.decLists.take(len(p.decs) - base)
	copy(out, p.decs[base:])
	p.decs = p.decs[:base]
	return out
}

func (p *parser) paramDecl(decs []*Decorator) {
	start := p.advance()
	n := p.ident("a parameter name")
	pd := p.params.put(Param{Name: p.text(n), NamePos: int(n.pos), Decorators: decs})
	pd.pos = start.pos
	if !p.is("=") && !p.param {
		if p.isWord("resource") {
			p.advance()
			s := p.plainString("a resource type")
			pd.Type = p.types.put(Type{Kind: "string", Resource: s.Parts[0]})
		} else {
			pd.Type = p.typeExpr()
		}
	}
	if p.is("=") {
		p.advance()
		pd.Default = p.expr()
	} else if p.param {
		p.failAt(p.peek(), "'=' and the parameter's value")
	}
	pd.end = p.toks[p.i-1].end
	p.f.Params = append(p.f.Params, pd)
	p.f.Order = append(p.f.Order, pd)
}

func (p *parser) varDecl(decs []*Decorator) {
	start := p.advance()
	n := p.ident("a variable name")
	v := p.vars.put(Var{Name: p.text(n), Decorators: decs})
	v.pos = start.pos
	if !p.is("=") {
		p.typeExpr()
	}
	p.expect("=")
	v.Value = p.expr()
	v.end = p.toks[p.i-1].end
	p.f.Vars = append(p.f.Vars, v)
	p.f.Order = append(p.f.Order, v)
}

func (p *parser) resourceDecl(decs []*Decorator, parent *Resource) *Resource {
	start := p.advance()
	n := p.ident("a resource name")
	r := p.resources.put(Resource{Name: p.text(n), Decorators: decs, Parent: parent})
	r.pos = start.pos
	r.TypeStr = p.stringExpr("the resource type ('Microsoft.X/y@version')")
	if p.isWord("existing") {
		p.advance()
		r.Existing = true
	}
	p.expect("=")
	r.Body = p.declBody(r)
	r.end = p.toks[p.i-1].end
	return r
}

func (p *parser) moduleDecl(decs []*Decorator) {
	start := p.advance()
	n := p.ident("a module name")
	m := &Module{Name: p.text(n), Decorators: decs}
	m.pos = start.pos
	m.Path = p.stringExpr("the module path")
	p.expect("=")
	m.Body = p.declBody(nil)
	m.end = p.toks[p.i-1].end
	p.f.Modules = append(p.f.Modules, m)
	p.f.Order = append(p.f.Order, m)
}

// declBody reads the body of a resource or module: an object, if (c) object, or a
// loop whose body is one of those.
func (p *parser) declBody(owner *Resource) Expr {
	switch {
	case p.is("{"):
		return p.object(owner)
	case p.isWord("if"):
		return p.ifBody(owner)
	case p.is("["):
		open := p.advance()
		p.skipNL()
		if !p.isWord("for") {
			p.failAt(p.peek(), "'for'")
		}
		fe := p.forHead(open)
		if p.isWord("if") {
			fe.Body = p.ifBody(owner)
		} else if p.is("{") {
			fe.Body = p.object(owner)
		} else {
			p.failAt(p.peek(), "'{' or 'if'")
		}
		p.skipNL()
		fe.end = p.expect("]").end
		return fe
	}
	p.failAt(p.peek(), "'{', 'if' or '[for'")
	return nil
}

func (p *parser) ifBody(owner *Resource) *If {
	t := p.advance()
	e := p.ifs.new()
	e.pos = t.pos
	p.expect("(")
	p.skipNL()
	e.Cond = p.expr()
	p.skipNL()
	p.expect(")")
	if !p.is("{") {
		p.failAt(p.peek(), "'{'")
	}
	o := p.object(owner)
	e.Body = o
	e.end = o.end
	return e
}

func (p *parser) outputDecl(decs []*Decorator) {
	start := p.advance()
	n := p.ident("an output name")
	o := p.outputs.put(Output{Name: p.text(n), Decorators: decs})
	o.pos = start.pos
	if p.isWord("resource") {
		p.advance()
		p.stringExpr("a resource type")
		o.Type = p.types.put(Type{Kind: "string"})
	} else {
		o.Type = p.typeExpr()
	}
	p.expect("=")
	o.Value = p.expr()
	o.end = p.toks[p.i-1].end
	p.f.Outputs = append(p.f.Outputs, o)
	p.f.Order = append(p.f.Order, o)
}

func (p *parser) funcDecl() {
	start := p.advance()
	n := p.ident("a function name")
	fn := &Func{Name: p.text(n)}
	fn.pos = start.pos
	p.expect("(")
	p.skipNL()
	for !p.is(")") {
		pn := p.ident("a parameter name")
		fn.Params = append(fn.Params, p.text(pn))
		p.typeExpr()
		p.skipNL()
		if !p.is(",") {
			break
		}
		p.advance()
		p.skipNL()
	}
	p.expect(")")
	p.typeExpr()
	p.expect("=>")
	p.skipNL()
	fn.Body = p.expr()
	fn.end = p.toks[p.i-1].end
	p.f.Funcs = append(p.f.Funcs, fn)
}

func (p *parser) importDecl() {
	start := p.advance()
	im := &Import{IsExt: p.text(start) != "import"}
	im.pos = start.pos
	switch {
	case p.is("{"):
		p.advance()
		p.skipNL()
		for !p.is("}") {
			n := p.ident("an imported name")
			in := ImportName{Name: p.text(n), Alias: p.text(n)}
			if p.isWord("as") {
				p.advance()
				in.Alias = p.text(p.ident("an alias"))
			}
			im.Names = append(im.Names, in)
			p.skipNL()
			if p.is(",") {
				p.advance()
				p.skipNL()
			}
		}
		p.advance()
		if !p.isWord("from") {
			p.failAt(p.peek(), "'from'")
		}
		p.advance()
		im.From = p.plainString("the path imported from")
	case p.is("*"):
		p.advance()
		if !p.isWord("as") {
			p.failAt(p.peek(), "'as'")
		}
		p.advance()
		im.Star = p.text(p.ident("a namespace name"))
		if !p.isWord("from") {
			p.failAt(p.peek(), "'from'")
		}
		p.advance()
		im.From = p.plainString("the path imported from")
	case p.peek().kind() == tIdent:
		im.Symbols = append(im.Symbols, p.text(p.advance()))
	default:
		im.From = p.plainString("what is imported")
	}
	if p.isWord("with") {
		p.advance()
		p.expr()
	}
	if p.isWord("as") {
		p.advance()
		im.Symbols = append(im.Symbols, p.text(p.ident("an alias")))
	}
	im.end = p.toks[p.i-1].end
	p.f.Imports = append(p.f.Imports, im)
}

// plainString reads a string without interpolation.
func (p *parser) plainString(what string) *Str {
	t := p.peek()
	if t.kind() != tString {
		p.failAt(t, what)
	}
	p.advance()
	s := p.newStr(p.piece(t))
	s.pos, s.end = t.pos, t.end
	return s
}

// newStr is a string node whose first part is allocated with it: most strings
// have no interpolation, and one allocation a string is half the work of two
// (BenchmarkRead1MB).
func (p *parser) newStr(first string) *Str {
	a := p.strs.new()
	a.part[0] = first
	a.s.Parts = a.part[:]
	return &a.s
}

// strNode is a string node with room for its first part.
type strNode struct {
	s    Str
	part [1]string
}

// stringExpr reads a string, interpolated or not.
func (p *parser) stringExpr(what string) *Str {
	t := p.peek()
	if t.kind() != tString && t.kind() != tStringLeft {
		p.failAt(t, what)
	}
	return p.str()
}

func (p *parser) str() *Str {
	t := p.advance()
	if t.kind() == tString {
		s := p.newStr(p.piece(t))
		s.pos, s.end = t.pos, t.end
		return s
	}
	is := p.interps.new()
	s := &is.s
	s.pos = t.pos
	p.enter()
	// Holes and parts are gathered on the parser's stacks, as an array's items.
	base, partBase := len(p.items), len(p.parts)
	p.parts = append(p.parts, p.piece(t))
	for {
		p.skipNL()
		p.items = append(p.items, p.expr())
		p.skipNL()
		n := p.advance()
		switch n.kind() {
		case tStringMid:
			p.parts = append(p.parts, p.piece(n))
		case tStringRight:
			p.parts = append(p.parts, p.piece(n))
			s.end = n.end
			// One hole fewer than parts, in a row (Str.Exprs).
			holes := p.exprs.take(len(p.items) - base)
			copy(holes, p.items[base:])
			is.holes = &holes[0]
			p.items = p.items[:base]
			s.Parts = p.strParts.take(len(p.parts) - partBase)
			copy(s.Parts, p.parts[partBase:])
			p.parts = p.parts[:partBase]
			p.leave()
			return s
		default:
			p.failAt(n, "'}' closing the interpolation")
		}
	}
}

// args reads (a, b, ...) and returns them with the end offset.
func (p *parser) args() ([]Expr, int32) {
	p.expect("(")
	p.skipNL()
	base := len(p.items) // as for an array's items
	for !p.is(")") {
		p.items = append(p.items, p.expr())
		p.skipNL()
		if p.is(",") {
			p.advance()
			p.skipNL()
			continue
		}
		if !p.is(")") {
			p.failAt(p.peek(), "',' or ')'")
		}
	}
	var out []Expr
	if len(p.items) > base {
		out = p.exprs.take(len(p.items) - base)
		copy(out, p.items[base:])
		p.items = p.items[:base]
	}
	return out, p.advance().end
}

// expr reads an expression; newlines are allowed after binary operators and before
// the operators that commonly start a continued line (? : && || ??).
func (p *parser) expr() Expr {
	if p.depth < maxDepth && alone(p.toks[p.i:]) {
		// Most values are a token alone (a string, a number, a name): read without
		// the descent through operators, postfixes and conditions that find none
		// (BenchmarkRead1MB), nor the depth's count (enter), which a token alone
		// does not deepen: at maxDepth, enter fails as it did.
		return p.primary()
	}
	p.enter()
	x := p.descend()
	p.leave()
	return x
}

// descend reads an expression through its operators, postfixes and conditions.
func (p *parser) descend() Expr {
	c := p.binary(1)
	if p.contNL(punctKA("?")) {
		p.skipNL()
		p.advance()
		p.skipNL()
		t := p.expr()
		p.contNL(punctKA(":"))
		p.skipNL()
		p.expect(":")
		p.skipNL()
		e := p.expr()
		n := p.ternaries.put(Ternary{Cond: c, Then: t, Else: e})
		n.pos, _ = span32(c)
		_, n.end = span32(e)
		return n
	}
	return c
}

// alone reports whether toks start with an expression of one token: a string
// without interpolation, a number or a name, followed by what ends an expression
// (a separator or closing bracket, or a line end that no operator continues).
// Other expressions, and any doubt, take the descent of expr.
func alone(toks []token) bool {
	if len(toks) < 3 {
		return false
	}
	switch kind(toks[0].ka) { //nolint:exhaustive // other tokens are not alone
	case tString, tNumber, tIdent:
	default:
		return false
	}
	// The operators' token.ka written out (punctKA): calls would keep alone from
	// being inlined.
	const p = uint32(tPunct)
	switch n := toks[1].ka; kind(n) { //nolint:exhaustive // other tokens may continue the expression
	case tNewline:
		// A next line that starts with ? ?? || && continues the expression
		// (contNL, binaryOp).
		m := toks[2].ka
		return m != p|'?'<<8 && m != p|('?'|'?'<<8)<<8 && m != p|('|'|'|'<<8)<<8 && m != p|('&'|'&'<<8)<<8
	case tPunct:
		switch n {
		case p | ','<<8, p | '}'<<8, p | ']'<<8, p | ')'<<8, p | ':'<<8:
			return true
		}
	}
	return false
}

// contNL reports whether the operator whose token.ka is ka (punctKA) follows, on
// this line or at the start of the next one: tested by the tokens' ka, not by
// their texts (BenchmarkParse1MBFile).
func (p *parser) contNL(ka uint32) bool {
	t := p.peek()
	return t.ka == ka || t.kind() == tNewline && p.peekAt(1).ka == ka
}

// The token.ka (punctKA) of the binary operators, for precedence's switch.
const (
	kaCoalesce = uint32(tPunct) | ('?'|'?'<<8)<<8
	kaOr       = uint32(tPunct) | ('|'|'|'<<8)<<8
	kaAnd      = uint32(tPunct) | ('&'|'&'<<8)<<8
	kaEq       = uint32(tPunct) | ('='|'='<<8)<<8
	kaNe       = uint32(tPunct) | ('!'|'='<<8)<<8
	kaMatch    = uint32(tPunct) | ('='|'~'<<8)<<8
	kaNoMatch  = uint32(tPunct) | ('!'|'~'<<8)<<8
	kaLt       = uint32(tPunct) | '<'<<8
	kaGt       = uint32(tPunct) | '>'<<8
	kaLe       = uint32(tPunct) | ('<'|'='<<8)<<8
	kaGe       = uint32(tPunct) | ('>'|'='<<8)<<8
	kaPlus     = uint32(tPunct) | '+'<<8
	kaMinus    = uint32(tPunct) | '-'<<8
	kaTimes    = uint32(tPunct) | '*'<<8
	kaDivide   = uint32(tPunct) | '/'<<8
	kaModulo   = uint32(tPunct) | '%'<<8
)

// precedence of the binary operator whose token.ka is ka, lowest first; 0 for
// any other token. A switch of integers, not of the operators' texts: it is
// asked after every value the descent reads (BenchmarkParse1MBFile).
func precedence(ka uint32) int {
	switch ka {
	case kaCoalesce:
		return 1
	case kaOr:
		return 2
	case kaAnd:
		return 3
	case kaEq, kaNe, kaMatch, kaNoMatch:
		return 4
	case kaLt, kaGt, kaLe, kaGe:
		return 5
	case kaPlus, kaMinus:
		return 6
	case kaTimes, kaDivide, kaModulo:
		return 7
	}
	return 0
}

// binaryOp is the binary operator that follows with a precedence of at least min,
// on this line, or at the start of the next one for ?? || && (a continued line),
// and its precedence.
func (p *parser) binaryOp(min int) (op string, level int, ok bool) {
	t := p.peek()
	if t.kind() == tNewline {
		n := p.peekAt(1)
		if l := precedence(n.ka); (n.ka == kaCoalesce || n.ka == kaOr || n.ka == kaAnd) && l >= min {
			return p.word(n), l, true
		}
		return "", 0, false
	}
	if l := precedence(t.ka); l > 0 && l >= min {
		return p.word(t), l, true
	}
	return "", 0, false
}

// binary reads operators of precedence min and above, left-associative
// (precedence climbing).
func (p *parser) binary(min int) Expr {
	l := p.unary()
	for {
		op, level, ok := p.binaryOp(min)
		if !ok {
			return l
		}
		p.skipNL()
		p.advance()
		p.skipNL()
		p.enter()
		r := p.binary(level + 1)
		p.leave()
		b := p.binaries.put(Binary{Op: op, L: l, R: r})
		b.pos, _ = span32(l)
		_, b.end = span32(r)
		l = b
	}
}

func (p *parser) unary() Expr {
	if p.is("!") || p.is("-") || p.is("+") {
		t := p.advance()
		p.enter()
		x := p.unary()
		p.leave()
		u := p.unaries.put(Unary{Op: p.text(t), X: x})
		u.pos = t.pos
		_, u.end = span32(x)
		return u
	}
	return p.postfix(p.primary())
}

func (p *parser) postfix(x Expr) Expr {
	for {
		if t := &p.toks[p.i]; t.kind() != tPunct {
			return x
		}
		start, _ := span32(x)
		switch {
		case p.is(".") || p.is("?."):
			safe := p.text(p.advance()) == "?."
			if !safe && p.is("?") {
				p.advance()
				safe = true
			}
			if safe && p.is("[") {
				// x?.[i]
				p.advance()
				p.skipNL()
				i := p.expr()
				p.skipNL()
				e := p.indexes.put(Index{X: x, I: i, Safe: true})
				e.pos, e.end = start, p.expect("]").end
				x = e
				continue
			}
			n := p.ident("a property name")
			if p.is("(") {
				args, end := p.args()
				c := p.calls.put(Call{Name: p.text(n), Args: args})
				if id, ok := x.(*Ident); ok && (id.Name == "sys" || id.Name == "az") {
					c.NS = id.Name
				} else {
					c.Recv = x
					if id, ok := x.(*Ident); ok {
						c.NS = id.Name
					}
				}
				c.pos, c.end = start, end
				x = c
				continue
			}
			m := p.accesses.put(Member{X: x, Name: p.text(n), Safe: safe})
			m.pos, m.end = start, n.end
			x = m
		case p.is("["):
			p.advance()
			p.skipNL()
			safe := false
			if p.is("?") {
				p.advance()
				safe = true
			}
			i := p.expr()
			p.skipNL()
			e := p.indexes.put(Index{X: x, I: i, Safe: safe})
			e.pos, e.end = start, p.expect("]").end
			x = e
		case p.is("!"):
			t := p.advance()
			e := &NonNull{X: x}
			e.pos, e.end = start, t.end
			x = e
		case p.is("::"):
			// a nested resource accessor parent::child
			p.advance()
			n := p.ident("a nested resource name")
			m := p.accesses.put(Member{X: x, Name: "::" + p.text(n)})
			m.pos, m.end = start, n.end
			x = m
		default:
			return x
		}
	}
}

func (p *parser) primary() Expr {
	t := p.peek()
	switch t.kind() { //nolint:exhaustive // any other token is "expected an expression"
	case tNumber:
		p.advance()
		n := p.nums.put(Num{Text: p.word(t)})
		n.pos, n.end = t.pos, t.end
		return n
	case tString:
		// As str reads it, without its call: most values are plain strings
		// (BenchmarkParse1MBFile).
		p.advance()
		x := p.newStr(p.piece(t))
		x.pos, x.end = t.pos, t.end
		return x
	case tStringLeft:
		return p.str()
	case tIdent:
		if n := p.peekAt(1); n.ka == punctKA("=>") {
			return p.lambda()
		}
		p.advance()
		name := p.word(t)
		switch name {
		case "true", "false", "null":
			l := p.lits.put(Lit{Text: name})
			l.pos, l.end = t.pos, t.end
			return l
		}
		if p.is("(") {
			args, end := p.args()
			c := p.calls.put(Call{Name: name, Args: args})
			c.pos, c.end = t.pos, end
			return c
		}
		id := p.idents.new()
		id.Name = name
		id.pos, id.end = t.pos, t.end
		return id
	case tPunct:
		switch p.word(t) {
		case "(":
			if p.isLambda() {
				return p.lambda()
			}
			p.advance()
			p.skipNL()
			x := p.expr()
			p.skipNL()
			e := p.parens.put(Paren{X: x})
			e.pos, e.end = t.pos, p.expect(")").end
			return e
		case "[":
			return p.array()
		case "{":
			return p.object(nil)
		}
	}
	p.failAt(t, "an expression")
	return nil
}

// isLambda looks ahead for (a, b) =>.
func (p *parser) isLambda() bool {
	j := p.i + 1
	for {
		if j >= len(p.toks) {
			if p.eof {
				return false
			}
			// The window grows while the look-ahead needs it: p.i stays.
			p.more()
		}
		t := p.toks[j]
		switch {
		case t.kind() == tIdent || t.kind() == tNewline || t.kind() == tPunct && p.text(t) == ",":
			j++
			continue
		case t.kind() == tPunct && p.text(t) == ")":
			if j+1 >= len(p.toks) && !p.eof {
				p.more()
			}
			n := p.toks[min(j+1, len(p.toks)-1)]
			return n.kind() == tPunct && p.text(n) == "=>"
		}
		return false
	}
}

func (p *parser) lambda() Expr {
	l := &Lambda{}
	l.pos = p.peek().pos
	if p.is("(") {
		p.advance()
		p.skipNL()
		for !p.is(")") {
			l.Params = append(l.Params, p.text(p.ident("a lambda parameter")))
			p.skipNL()
			if p.is(",") {
				p.advance()
				p.skipNL()
			}
		}
		p.advance()
	} else {
		l.Params = append(l.Params, p.text(p.advance()))
	}
	p.expect("=>")
	p.skipNL()
	l.Body = p.expr()
	_, l.end = span32(l.Body)
	return l
}

func (p *parser) array() Expr {
	open := p.advance()
	p.enter()
	p.skipNL()
	if p.isWord("for") {
		fe := p.forHead(open)
		if p.isWord("if") {
			fe.Body = p.ifExpr()
		} else {
			fe.Body = p.expr()
		}
		p.skipNL()
		fe.end = p.expect("]").end
		p.leave()
		return fe
	}
	a := p.arrays.new()
	a.pos = open.pos
	base := len(p.items) // as for an object's members
	for !p.is("]") {
		if t := p.peek(); t.ka == punctKA("...") {
			p.advance()
			s := &Spread{X: p.expr()} // rare: not worth a slab
			_, s.end = span32(s.X)
			s.pos = t.pos
			p.items = append(p.items, s)
		} else {
			p.items = append(p.items, p.expr())
		}
		if p.is(",") {
			p.advance()
		} else if !p.is("]") && p.peek().kind() != tNewline {
			p.failAt(p.peek(), "a new line, ',' or ']'")
		}
		p.skipNL()
	}
	if len(p.items) > base {
		a.Items = p.exprs.take(len(p.items) - base)
		copy(a.Items, p.items[base:])
		p.items = p.items[:base]
	}
	a.end = p.advance().end
	p.leave()
	return a
}

// ifExpr reads the filter of a loop body: if (cond) expr.
func (p *parser) ifExpr() *If {
	t := p.advance()
	e := p.ifs.new()
	e.pos = t.pos
	p.expect("(")
	p.skipNL()
	e.Cond = p.expr()
	p.skipNL()
	p.expect(")")
	e.Body = p.expr()
	_, e.end = span32(e.Body)
	return e
}

// forHead reads "for x in iter:" or "for (x, i) in iter:" after "[".
func (p *parser) forHead(open token) *For {
	p.advance() // for
	fe := p.fors.new()
	fe.pos = open.pos
	if p.is("(") {
		p.advance()
		fe.Item = p.text(p.ident("the loop item name"))
		if p.is(",") {
			p.advance()
			fe.IndexVar = p.text(p.ident("the loop index name"))
		}
		p.expect(")")
	} else {
		fe.Item = p.text(p.ident("the loop item name"))
	}
	if !p.isWord("in") {
		p.failAt(p.peek(), "'in'")
	}
	p.advance()
	fe.Iter = p.expr()
	p.expect(":")
	p.skipNL()
	return fe
}

// object reads { ... }; owner is the resource whose body it is (nested resources
// may appear in it).
func (p *parser) object(owner *Resource) *Object {
	open := p.expect("{")
	p.enter()
	o := p.objects.new()
	o.pos = open.pos
	// Members are gathered on the parser's stack and the object gets a slice of its
	// own size: nested objects push above and pop before the next member.
	base := len(p.props)
	var nested []*Resource
	p.skipNL()
	// The current token read once a member, and tested by its kind and aux
	// (token.ka): not a call of is for each case (BenchmarkParse1MBFile).
	for t := p.peek(); t.ka != punctKA("}"); t = p.peek() {
		var decs []*Decorator
		if t.ka == punctKA("@") {
			decs = p.decorators()
			t = p.peek()
		}
		switch k := t.kind(); {
		case k == tIdent && t.end-t.pos == len32("resource") && p.word(t) == "resource" && p.peekAt(1).kind() == tIdent:
			nested = append(nested, p.resourceDecl(decs, owner))
		case t.ka == punctKA("..."):
			p.advance()
			v := p.expr()
			p.props = append(p.props, Prop{Value: v, KeyPos: t.pos, keyEnd: u32(t.end) | propSpread})
		case k == tIdent || k == tString || k == tStringLeft:
			// The key (Prop.key) and its end with the flags, known before the
			// value: the member is appended whole, in one write.
			var key *byte
			end := u32(t.end)
			switch {
			case k == tIdent:
				p.advance()
				end |= propKeyIdent
				key = p.at(t.pos)
			case k == tStringLeft:
				ks := p.str()
				end = u32(ks.end)
				key = (*byte)(unsafe.Pointer(ks)) //nolint:gosec // G103: Prop.KeyExpr reads it back
			case t.ka>>8 == 0:
				// A key with no escape is the source's text between its quotes
				// (pieceText: a piece with no alt is the source's).
				p.advance()
				end |= propKeyQuoted
				key = p.at(t.pos + 1)
			default:
				// Any other is a string node.
				p.advance()
				key = (*byte)(unsafe.Pointer(p.newStr(p.piece(t)))) //nolint:gosec // G103: Prop.Key reads it back
			}
			if !p.is(":") {
				p.expect(":")
			}
			p.advance()
			p.skipNL()
			// expr's test of a token alone, without its call.
			var v Expr
			if p.depth < maxDepth && alone(p.toks[p.i:]) {
				v = p.primary()
			} else {
				v = p.expr()
			}
			p.props = append(p.props, Prop{Value: v, key: key, KeyPos: t.pos, keyEnd: end})
		default:
			p.failAt(t, "a property name or '}'")
		}
		switch n := p.peek(); {
		case n.ka == punctKA(","):
			p.advance()
		case n.ka != punctKA("}") && n.kind() != tNewline:
			p.failAt(n, "a new line, ',' or '}'")
		}
		p.skipNL()
	}
	if len(p.props) > base {
		o.Props = p.members.take(len(p.props) - base)
		copy(o.Props, p.props[base:])
		p.props = p.props[:base]
	}
	if nested != nil {
		// A header of its own: &nested would move nested to the heap in every
		// object.
		h := new([]*Resource)
		*h = nested
		o.nested = h
	}
	o.end = p.advance().end
	p.leave()
	return o
}

// typeExpr reads a type and keeps what the compilation needs of it.
func (p *parser) typeExpr() *Type {
	p.enter()
	defer p.leave()
	start := p.peek().pos
	t := p.typePostfix()
	for p.contNL(punctKA("|")) {
		p.skipNL()
		p.advance()
		p.skipNL()
		o := p.typePostfix()
		if o.Kind != t.Kind {
			t = p.types.put(Type{Kind: ""})
		}
		if o.Nullable || o.Name == "null" {
			t.Nullable = true
		}
	}
	t.pos, t.end = start, p.toks[p.i-1].end
	return t
}

func (p *parser) typePostfix() *Type {
	t := p.typePrimary()
	for {
		switch {
		case p.is("[") && p.peekAt(1).kind() == tPunct && p.text(p.peekAt(1)) == "]":
			p.advance()
			p.advance()
			t = p.types.put(Type{Kind: "array"})
		case p.is("["):
			p.advance()
			p.typeExpr()
			p.expect("]")
			t = p.types.new()
		case p.is("?"):
			p.advance()
			nt := *t
			nt.Nullable = true
			t = p.types.put(nt)
		case p.is("."):
			p.advance()
			if p.is("*") {
				p.advance()
			} else {
				p.ident("a property name")
			}
			t = p.types.new()
		default:
			return t
		}
	}
}

func (p *parser) typePrimary() *Type {
	t := p.peek()
	switch {
	case t.kind() == tIdent:
		p.advance()
		name := p.text(t)
		for p.is(".") && p.peekAt(1).kind() == tIdent {
			p.advance()
			name += "." + p.text(p.advance())
		}
		ty := p.types.put(Type{Name: name})
		switch strings.TrimPrefix(name, "sys.") {
		case "string", "int", "bool", "object", "array":
			ty.Kind = strings.TrimPrefix(name, "sys.")
		case "true", "false":
			ty.Kind = "bool"
		}
		if p.is("<") {
			p.advance()
			s := p.stringExpr("a resource type")
			ty.Resource = s.Parts[0]
			p.expect(">")
			ty.Kind = "object"
			if strings.TrimPrefix(name, "sys.") == "resource" {
				ty.Kind = "string"
			}
		}
		return ty
	case t.kind() == tString:
		p.advance()
		return p.types.put(Type{Kind: "string"})
	case t.kind() == tNumber:
		p.advance()
		return p.types.put(Type{Kind: "int"})
	case t.kind() == tPunct && p.text(t) == "-":
		p.advance()
		if p.peek().kind() != tNumber {
			p.failAt(p.peek(), "a number")
		}
		p.advance()
		return p.types.put(Type{Kind: "int"})
	case t.kind() == tPunct && p.text(t) == "{":
		p.objectType()
		return p.types.put(Type{Kind: "object"})
	case t.kind() == tPunct && p.text(t) == "[":
		p.advance()
		p.skipNL()
		for !p.is("]") {
			p.decorators()
			p.typeExpr()
			if p.is(",") {
				p.advance()
			}
			p.skipNL()
		}
		p.advance()
		return p.types.put(Type{Kind: "array"})
	case t.kind() == tPunct && p.text(t) == "(":
		p.advance()
		p.skipNL()
		in := p.typeExpr()
		p.skipNL()
		p.expect(")")
		return in
	}
	p.failAt(t, "a type")
	return nil
}

func (p *parser) objectType() {
	p.expect("{")
	p.skipNL()
	for !p.is("}") {
		p.decorators()
		t := p.peek()
		switch {
		case t.kind() == tIdent || t.kind() == tString:
			p.advance()
		case t.kind() == tPunct && p.text(t) == "*":
			p.advance()
		default:
			p.failAt(t, "a property name or '}'")
		}
		if p.is("?") {
			p.advance()
		}
		p.expect(":")
		p.skipNL()
		p.typeExpr()
		if p.is(",") {
			p.advance()
		}
		p.skipNL()
	}
	p.advance()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
