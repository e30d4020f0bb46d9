package precompiled

// The codec writes compiled OPA modules to a compact binary form and reads them back.
// It covers the AST the compiler leaves behind (imports removed, locals rewritten,
// bodies reordered for safety); anything else is refused when encoding, never silently
// dropped. Comments, annotations and source text are not kept: the evaluator does not
// read them. Which field of each AST struct is written, and why the others are not, is
// the table in fields.go; TestCodecCoversEveryField fails on a field it does not name.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"
)

// magic starts every encoding; bump its last byte when the format changes.
const magic = "AKSRC\x03"

// Limits a decoder enforces, so a corrupt encoding fails instead of exhausting memory.
const (
	maxDepth  = 1 << 10
	maxLength = 1 << 24
	// maxWorkers bounds the decoding goroutines; more than a few buys nothing for a
	// few hundred kilobytes.
	maxWorkers = 4
)

const (
	tagNull byte = iota + 1
	tagFalse
	tagTrue
	tagNumber
	tagString
	tagVar
	tagRef
	tagArray
	tagObject
	tagSet
	tagCall
	tagArrayCompr
	tagSetCompr
	tagObjectCompr
)

const (
	exprTerm byte = iota + 1
	exprCall
	exprSome
	exprEvery
)

// Encode serialises modules in name order.
func Encode(modules map[string]*ast.Module) ([]byte, error) {
	e := &encoder{strIndex: map[string]int{}, locIndex: map[locKey]int{}}
	names := make([]string, 0, len(modules))
	for name := range modules {
		names = append(names, name)
	}
	slices.Sort(names)
	// Each module is prefixed by its length, so a decoder can split them among workers.
	var body []byte
	body = binary.AppendUvarint(body, uint64(len(names)))
	for _, name := range names {
		e.buf = nil
		e.str(name)
		if err := e.module(modules[name]); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		body = binary.AppendUvarint(body, uint64(len(e.buf)))
		body = append(body, e.buf...)
	}
	e.buf = nil
	for _, l := range e.locs {
		e.str(l.File)
		e.uint(l.Row)
		e.uint(l.Col)
	}
	locTable := e.buf
	// The tables go first so the decoder can resolve indexes as it reads.
	var out []byte
	out = append(out, magic...)
	out = binary.AppendUvarint(out, uint64(len(e.strs)))
	for _, s := range e.strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	out = binary.AppendUvarint(out, uint64(len(e.locs)))
	out = append(out, locTable...)
	return append(out, body...), nil
}

type encoder struct {
	buf      []byte
	strs     []string
	strIndex map[string]int
	locs     []*ast.Location
	locIndex map[locKey]int
}

func (e *encoder) uint(n int) { e.buf = binary.AppendUvarint(e.buf, uint64(n)) }

func (e *encoder) byte(b byte) { e.buf = append(e.buf, b) }

func (e *encoder) bool(b bool) {
	if b {
		e.byte(1)
	} else {
		e.byte(0)
	}
}

func (e *encoder) str(s string) {
	i, ok := e.strIndex[s]
	if !ok {
		i = len(e.strs)
		e.strs = append(e.strs, s)
		e.strIndex[s] = i
	}
	e.uint(i)
}

// loc writes 0 for no location, else 1 + the index of the line in the location
// table. Positions are kept to the line (the column of the line's first node): they
// only name the policy line in an evaluation error, and one entry per line instead of
// per node is most of the decoded size saved.
func (e *encoder) loc(l *ast.Location) {
	if l == nil {
		e.uint(0)
		return
	}
	k := locKey{file: l.File, row: l.Row}
	i, ok := e.locIndex[k]
	if !ok {
		i = len(e.locs)
		e.locs = append(e.locs, l)
		e.locIndex[k] = i
	}
	e.uint(i + 1)
}

func (e *encoder) module(m *ast.Module) error {
	if len(m.Imports) > 0 {
		return errors.New("module still has imports: encode compiled modules only")
	}
	if err := e.terms(m.Package.Path); err != nil {
		return err
	}
	e.loc(m.Package.Location)
	e.uint(len(m.Rules))
	for _, r := range m.Rules {
		if err := e.rule(r); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) rule(r *ast.Rule) error {
	e.bool(r.Default)
	e.loc(r.Location)
	h := r.Head
	e.str(string(h.Name))
	e.bool(h.Assign)
	e.loc(h.Location)
	for _, ts := range [][]*ast.Term{h.Reference, h.Args} {
		if err := e.terms(ts); err != nil {
			return err
		}
	}
	for _, t := range []*ast.Term{h.Key, h.Value} {
		if err := e.optTerm(t); err != nil {
			return err
		}
	}
	if err := e.body(r.Body); err != nil {
		return err
	}
	if r.Else == nil {
		e.byte(0)
		return nil
	}
	e.byte(1)
	return e.rule(r.Else)
}

func (e *encoder) body(b ast.Body) error {
	e.uint(len(b))
	for _, x := range b {
		if err := e.expr(x); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) expr(x *ast.Expr) error {
	e.uint(x.Index)
	e.bool(x.Negated)
	e.bool(x.Generated)
	e.loc(x.Location)
	e.uint(len(x.With))
	for _, w := range x.With {
		if err := e.term(w.Target); err != nil {
			return err
		}
		if err := e.term(w.Value); err != nil {
			return err
		}
		e.loc(w.Location)
	}
	switch t := x.Terms.(type) {
	case *ast.Term:
		e.byte(exprTerm)
		return e.term(t)
	case []*ast.Term:
		e.byte(exprCall)
		return e.terms(t)
	case *ast.SomeDecl:
		e.byte(exprSome)
		e.loc(t.Location)
		return e.terms(t.Symbols)
	case *ast.Every:
		e.byte(exprEvery)
		e.loc(t.Location)
		for _, x := range []*ast.Term{t.Key, t.Value, t.Domain} {
			if err := e.optTerm(x); err != nil {
				return err
			}
		}
		return e.body(t.Body)
	default:
		return fmt.Errorf("unsupported expression %T at %v", x.Terms, x.Location)
	}
}

func (e *encoder) optTerm(t *ast.Term) error {
	if t == nil {
		e.byte(0)
		return nil
	}
	e.byte(1)
	return e.term(t)
}

func (e *encoder) terms(ts []*ast.Term) error {
	e.uint(len(ts))
	for _, t := range ts {
		if err := e.term(t); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) term(t *ast.Term) error {
	e.loc(t.Location)
	switch v := t.Value.(type) {
	case ast.Null:
		e.byte(tagNull)
	case ast.Boolean:
		if v {
			e.byte(tagTrue)
		} else {
			e.byte(tagFalse)
		}
	case ast.Number:
		e.byte(tagNumber)
		e.str(string(v))
	case ast.String:
		e.byte(tagString)
		e.str(string(v))
	case ast.Var:
		e.byte(tagVar)
		e.str(string(v))
	case ast.Ref:
		e.byte(tagRef)
		return e.terms(v)
	case *ast.Array:
		e.byte(tagArray)
		e.uint(v.Len())
		var err error
		v.Foreach(func(x *ast.Term) {
			if err == nil {
				err = e.term(x)
			}
		})
		return err
	case ast.Object:
		e.byte(tagObject)
		e.uint(v.Len())
		var err error
		v.Foreach(func(k, x *ast.Term) {
			if err == nil {
				err = e.term(k)
			}
			if err == nil {
				err = e.term(x)
			}
		})
		return err
	case ast.Set:
		e.byte(tagSet)
		return e.terms(v.Slice())
	case ast.Call:
		e.byte(tagCall)
		return e.terms(v)
	case *ast.ArrayComprehension:
		e.byte(tagArrayCompr)
		if err := e.term(v.Term); err != nil {
			return err
		}
		return e.body(v.Body)
	case *ast.SetComprehension:
		e.byte(tagSetCompr)
		if err := e.term(v.Term); err != nil {
			return err
		}
		return e.body(v.Body)
	case *ast.ObjectComprehension:
		e.byte(tagObjectCompr)
		if err := e.term(v.Key); err != nil {
			return err
		}
		if err := e.term(v.Value); err != nil {
			return err
		}
		return e.body(v.Body)
	default:
		return fmt.Errorf("unsupported term %T at %v", t.Value, t.Location)
	}
	return nil
}

// Decode reads what Encode wrote. Each module gets rego.v1 as its version, which is
// the only version the built-in policies are written in.
//
// The decoded modules share data's memory: data must not be modified afterwards (the
// engine decodes the embedded, read-only encoding).
func Decode(data []byte) (map[string]*ast.Module, error) {
	return DecodeOnly(data, nil)
}

// DecodeOnly is Decode for the modules whose names keep accepts (all when keep is nil);
// the others are skipped unread.
func DecodeOnly(data []byte, keep func(name string) bool) (map[string]*ast.Module, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errors.New("precompiled policies: not an encoding of this version")
	}
	d := &decoder{buf: data[len(magic):]}
	n := d.length()
	d.strs = make([]string, 0, min(n, d.left()))
	for range n {
		l := d.length()
		if d.err != nil || l > d.left() {
			d.fail("string table")
			return nil, d.err
		}
		// The strings share data's memory, which Decode's contract keeps unchanged.
		d.strs = append(d.strs, unsafe.String(unsafe.SliceData(d.buf[d.pos:]), l)) //nolint:gosec // G103: Decode's contract, above
		d.pos += l
	}
	nlocs := d.length()
	locs := make([]ast.Location, min(nlocs, d.left()))
	d.locs = make([]*ast.Location, 0, len(locs))
	for i := range nlocs {
		if d.err != nil || i >= len(locs) {
			d.fail("location table")
			return nil, d.err
		}
		locs[i] = ast.Location{File: d.str(), Row: d.uint(), Col: d.uint()}
		d.locs = append(d.locs, &locs[i])
	}
	count := d.length()
	var parts [][]byte
	for range count {
		l := d.length()
		if d.err != nil || l > d.left() {
			d.fail("module length")
			return nil, d.err
		}
		part := d.buf[d.pos : d.pos+l]
		d.pos += l
		if keep != nil {
			name := (&decoder{buf: part, strs: d.strs}).str()
			if !keep(name) {
				continue
			}
		}
		parts = append(parts, part)
	}
	if d.err == nil && d.left() != 0 {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}
	return d.modules(parts)
}

// modules decodes the module encodings in parts, on up to GOMAXPROCS workers that share
// the string and location tables; each worker takes a contiguous run of modules of
// about equal size.
func (d *decoder) modules(parts [][]byte) (map[string]*ast.Module, error) {
	total := 0
	for _, p := range parts {
		total += len(p)
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), maxWorkers, len(parts)))
	type named struct {
		name string
		m    *ast.Module
	}
	results := make([][]named, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	start := 0
	for w := range workers {
		// Modules [start, end) hold about a workers'th share of the bytes.
		end, size := start, 0
		for end < len(parts) && (w == workers-1 || size < total/workers) {
			size += len(parts[end])
			end++
		}
		run := parts[start:end]
		start = end
		wg.Go(func() {
			wd := &decoder{strs: d.strs, locs: d.locs}
			for _, p := range run {
				wd.buf, wd.pos = p, 0
				name := wd.str()
				m := wd.module()
				if wd.err == nil && wd.left() != 0 {
					wd.fail("trailing bytes in a module")
				}
				if wd.err != nil {
					errs[w] = wd.err
					return
				}
				results[w] = append(results[w], named{name, m})
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	modules := make(map[string]*ast.Module, len(parts))
	for _, rs := range results {
		for _, r := range rs {
			modules[r.name] = r.m
		}
	}
	return modules, nil
}

type locKey struct {
	file string
	row  int
}

type decoder struct {
	// buf[pos:] is what is left to read. A position, not a shrinking slice: moving
	// it is one store, where a slice in the heap is three and a write barrier
	// (BenchmarkDecodeModules).
	buf   []byte
	pos   int
	strs  []string
	err   error
	depth int
	locs  []*ast.Location
	// scalars holds the String, Var and Number values made from each string of the
	// table, so each is boxed once however often it occurs.
	scalars []ast.Value // by string index
	// terms and exprs are carved from slabs: the decoded modules live as long as the
	// process, and one allocation per node was most of the decoding time.
	termSlab slab[ast.Term]
	ptrSlab  []*ast.Term
	exprSlab slab[ast.Expr]
}

// slabSize is the number of nodes allocated at once.
const slabSize = 256

type slab[T any] struct{ free []T }

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabSize)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// fail records the first problem; decoding goes on reading zeros until the caller
// checks d.err. It empties buf, so that the fast paths of uint and byte, which do
// not look at err, read nothing more.
func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("precompiled policies: corrupt encoding (%s)", what)
	}
	d.buf, d.pos = nil, 0
}

// left is the number of bytes left to read.
func (d *decoder) left() int { return len(d.buf) - d.pos }

// uint reads a varint. Nearly all are one or two bytes (lengths, and indexes into
// the string and location tables, which hold thousands), read here; the rest go
// through uintSlow, and so does every read after a failure, which empties buf (fail).
// Reading each through binary.Uvarint, behind a check of the error, was a fifth of
// decoding (BenchmarkDecodeModules, internal/engine).
func (d *decoder) uint() int {
	if p := d.pos; p < len(d.buf) {
		if b := d.buf[p]; b < 0x80 {
			d.pos = p + 1
			return int(b)
		}
		if p+1 < len(d.buf) && d.buf[p+1] < 0x80 {
			d.pos = p + 2
			return int(d.buf[p]&0x7f) | int(d.buf[p+1])<<7
		}
	}
	return d.uintSlow()
}

func (d *decoder) uintSlow() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf[d.pos:])
	if n <= 0 || v > math.MaxInt32 {
		d.fail("integer")
		return 0
	}
	d.pos += n
	return int(v)
}

func (d *decoder) length() int {
	n := d.uint()
	if n > maxLength {
		d.fail("length")
		return 0
	}
	return n
}

func (d *decoder) byte() byte {
	if p := d.pos; p < len(d.buf) {
		d.pos = p + 1
		return d.buf[p]
	}
	d.fail("unexpected end")
	return 0
}

func (d *decoder) bool() bool { return d.byte() == 1 }

func (d *decoder) str() string {
	i := d.strIndex()
	if i < 0 {
		return ""
	}
	return d.strs[i]
}

// strIndex reads an index into the string table; -1 when it is not one.
func (d *decoder) strIndex() int {
	i := d.uint()
	if d.err != nil {
		return -1
	}
	if i >= len(d.strs) {
		d.fail("string index")
		return -1
	}
	return i
}

// scalarTag is the term tag of a String, Var or Number.
func scalarTag(v ast.Value) byte {
	switch v.(type) {
	case ast.Number:
		return tagNumber
	case ast.String:
		return tagString
	default:
		return tagVar
	}
}

// scalar returns the String, Var or Number (by tag) of the next string-table entry.
func (d *decoder) scalar(tag byte) ast.Value {
	i := d.strIndex()
	if i < 0 {
		return ast.Null{}
	}
	if d.scalars == nil {
		d.scalars = make([]ast.Value, len(d.strs))
	}
	// A string is nearly always used as one kind of scalar; the first kind is kept.
	if v := d.scalars[i]; v != nil && scalarTag(v) == tag {
		return v
	}
	var v ast.Value
	switch tag {
	case tagNumber:
		v = ast.Number(d.strs[i])
	case tagString:
		v = ast.String(d.strs[i])
	default:
		v = ast.Var(d.strs[i])
	}
	if d.scalars[i] == nil {
		d.scalars[i] = v
	}
	return v
}

func (d *decoder) loc() *ast.Location {
	i := d.uint()
	if i == 0 || d.err != nil {
		return nil
	}
	if i > len(d.locs) {
		d.fail("location index")
		return nil
	}
	return d.locs[i-1]
}

func (d *decoder) enter() bool {
	d.depth++
	if d.depth > maxDepth {
		d.fail("nesting")
		return false
	}
	return d.err == nil
}

func (d *decoder) leave() { d.depth-- }

func (d *decoder) module() *ast.Module {
	m := &ast.Module{Package: &ast.Package{}}
	m.Package.Path = d.terms()
	m.Package.Location = d.loc()
	n := d.length()
	for range n {
		if d.err != nil {
			return nil
		}
		m.Rules = append(m.Rules, d.rule(m))
	}
	m.SetRegoVersionSpan(ast.RegoVersionSpanOf(ast.RegoV1))
	return m
}

func (d *decoder) rule(m *ast.Module) *ast.Rule {
	if !d.enter() {
		return nil
	}
	defer d.leave()
	r := &ast.Rule{Module: m, Head: &ast.Head{}}
	r.Default = d.bool()
	r.Location = d.loc()
	r.Head.Name = ast.Var(d.str())
	r.Head.Assign = d.bool()
	r.Head.Location = d.loc()
	r.Head.Reference = d.terms()
	if args := d.terms(); len(args) > 0 {
		r.Head.Args = args
	}
	r.Head.Key = d.optTerm()
	r.Head.Value = d.optTerm()
	r.Body = d.body()
	if d.byte() == 1 {
		r.Else = d.rule(m)
	}
	return r
}

func (d *decoder) body() ast.Body {
	n := d.length()
	if d.err != nil {
		return nil
	}
	b := make(ast.Body, 0, min(n, d.left()))
	for range n {
		if d.err != nil {
			return nil
		}
		b = append(b, d.expr())
	}
	return b
}

func (d *decoder) expr() *ast.Expr {
	if !d.enter() {
		return nil
	}
	defer d.leave()
	x := d.exprSlab.new()
	x.Index = d.uint()
	x.Negated = d.bool()
	x.Generated = d.bool()
	x.Location = d.loc()
	if n := d.length(); n > 0 {
		for range n {
			w := &ast.With{Target: d.term(), Value: d.term(), Location: d.loc()}
			x.With = append(x.With, w)
		}
	}
	switch d.byte() {
	case exprTerm:
		x.Terms = d.term()
	case exprCall:
		x.Terms = d.terms()
	case exprSome:
		s := &ast.SomeDecl{Location: d.loc()}
		s.Symbols = d.terms()
		x.Terms = s
	case exprEvery:
		ev := &ast.Every{Location: d.loc()}
		ev.Key, ev.Value, ev.Domain = d.optTerm(), d.optTerm(), d.optTerm()
		ev.Body = d.body()
		x.Terms = ev
	default:
		d.fail("expression tag")
	}
	return x
}

func (d *decoder) optTerm() *ast.Term {
	if d.byte() == 0 {
		return nil
	}
	return d.term()
}

func (d *decoder) terms() []*ast.Term {
	n := d.length()
	if d.err != nil || n == 0 {
		return nil
	}
	ts := d.termPtrs(min(n, d.left()))
	for i := range ts {
		if d.err != nil {
			return nil
		}
		ts[i] = d.term()
	}
	return ts
}

// termPtrs returns a slice of n term pointers carved from a slab; its capacity is n,
// so an append by the compiler copies instead of overwriting the next slice.
func (d *decoder) termPtrs(n int) []*ast.Term {
	if n > slabSize {
		return make([]*ast.Term, n)
	}
	if len(d.ptrSlab) < n {
		d.ptrSlab = make([]*ast.Term, slabSize*4)
	}
	ts := d.ptrSlab[:n:n]
	d.ptrSlab = d.ptrSlab[n:]
	return ts
}

func (d *decoder) term() *ast.Term {
	if !d.enter() {
		return &ast.Term{Value: ast.Null{}}
	}
	defer d.leave()
	t := d.termSlab.new()
	t.Location = d.loc()
	switch tag := d.byte(); tag {
	case tagNull:
		t.Value = ast.Null{}
	case tagFalse:
		t.Value = ast.Boolean(false)
	case tagTrue:
		t.Value = ast.Boolean(true)
	case tagNumber, tagString, tagVar:
		t.Value = d.scalar(tag)
	case tagRef:
		t.Value = ast.Ref(d.terms())
	case tagArray:
		t.Value = ast.NewArray(d.terms()...)
	case tagObject:
		n := d.length()
		obj := ast.NewObject()
		for range n {
			if d.err != nil {
				break
			}
			k := d.term()
			obj.Insert(k, d.term())
		}
		t.Value = obj
	case tagSet:
		t.Value = ast.NewSet(d.terms()...)
	case tagCall:
		t.Value = ast.Call(d.terms())
	case tagArrayCompr:
		t.Value = &ast.ArrayComprehension{Term: d.term(), Body: d.body()}
	case tagSetCompr:
		t.Value = &ast.SetComprehension{Term: d.term(), Body: d.body()}
	case tagObjectCompr:
		t.Value = &ast.ObjectComprehension{Key: d.term(), Value: d.term(), Body: d.body()}
	default:
		d.fail("term tag")
		t.Value = ast.Null{}
	}
	return t
}
