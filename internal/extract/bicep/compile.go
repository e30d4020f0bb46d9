package bicep

import (
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Limits of a compilation: modules nested deeper than maxModuleDepth, or a
// compiled template larger than maxOutput, end in an error.
const (
	maxModuleDepth = 32
	maxOutput      = 64 << 20
)

// deploymentsAPI is the API version written on the deployments that modules become.
const deploymentsAPI = "2025-04-01"

// Loader reads a file that a Bicep file refers to by a relative path (a module,
// load*Content) and returns its path as opened; it refuses paths outside the
// linted root and files that are not regular. The data is read in place: it is
// not changed afterwards.
type Loader func(from, rel string) (path string, data []byte, err error)

// Note is something the compilation could not follow, located in the source; or,
// with Invalid, something bicep build refuses that the compilation read past (an
// AKSNET904 finding, whose message is Reason).
type Note struct {
	Pointer string
	Expr    string
	Reason  string
	File    string
	Pos     int
	End     int
	Invalid bool
}

// Error is a compilation failure at a position of a source file.
type Error struct {
	File string
	Pos  int
	Msg  string
	src  string
}

func (e *Error) Error() string { return e.Msg }

// bailC unwinds a compilation on the first error.
type bailC struct{ err *Error }

// compiler compiles an entry file and its local modules into one template.
type compiler struct {
	w     *jw
	load  Loader
	notes []Note
	stack []string
	// reads are the files read through load, by directory and relative path: a
	// module or data file used in many places is read once.
	reads map[[2]string]readResult
	// loaded are the compiled expressions of load*Content calls.
	loaded map[[2]string]string
	// compiled are the templates of the modules compiled so far, by path.
	compiled map[string]compiledModule
	// deepest is the longest module stack reached while compiling the current module.
	deepest int
	// exprDepth is the nesting of the expression being translated.
	exprDepth int
	// naming are the resources whose names are being translated, innermost
	// last: a list, not a map, as it is as short as the translations nest
	// (maxExprDepth).
	naming []*resInfo
	// overrides are the .bicepparam values of the entry file's parameters.
	overrides *File
	// exprBufs are buffers for exprD to translate into, one taken per translation
	// under way (they nest): the text is copied out, the buffer kept for the next
	// (BenchmarkRead1MB: a buffer a translation was a fifth of the compilation's
	// allocations).
	exprBufs [][]byte
	// freeNodes are the node slabs of the modules compiled so far, cleared, for
	// the next modules' trees (takeNodes).
	freeNodes []*nodes
}

// takeNodes is storage for a module's syntax tree: that of a module compiled
// before, or new (a module read while another is compiled takes its own).
func (c *compiler) takeNodes() *nodes {
	if n := len(c.freeNodes); n > 0 {
		nd := c.freeNodes[n-1]
		c.freeNodes = c.freeNodes[:n-1]
		return nd
	}
	return &nodes{}
}

// releaseNodes clears a compiled module's tree, for takeNodes to hand out again.
func (c *compiler) releaseNodes(nd *nodes) {
	nd.reset()
	c.freeNodes = append(c.freeNodes, nd)
}

// fileCtx is one compiled file: its symbols.
type fileCtx struct {
	c      *compiler
	f      *File
	idx    int // file index in the source map
	params map[string]*Param
	vars   map[string]*Var
	res    map[string]*resInfo
	mods   map[string]*modInfo
	funcs  map[string]*Func
	// imported are names brought in by import statements (unknown values).
	imported map[string]string
	// resChunk is room for the next resources' infos (newResInfo), resMade how
	// many it made.
	resChunk []resInfo
	resMade  int
	scope    string // targetScope: resourceGroup, subscription, managementGroup, tenant
	// ov is the .bicepparam file whose values replace this file's defaults (entry only).
	ov *fileCtx
	// graph holds the resources and modules in a cycle of references (resInCycle).
	graph *cycleGraph
	// others are the names declared out of the file's scope of values (declares).
	others map[string]bool
	// base is the parameter file this one extends, read; unreadBase is why it
	// is not, when it is named (readBases). pvar prefixes the names of a
	// parameter file's variables in the compiled template, which the template's
	// and the other parameter files' cannot take.
	base       *fileCtx
	unreadBase string
	pvar       string
	// isBase is whether this parameter file is one another extends.
	isBase bool
	// nests is whether a resource of the file is declared in another's body:
	// most files have none, and their names need no search of bodies (nestedIn).
	nests bool
	// in is the resource whose declaration is being translated, nil outside one:
	// the resources declared in its body, and in the bodies around it, are in
	// scope by their own names (nestedIn). Not part of env, which every
	// translation step copies (BenchmarkCompile1MBFile).
	in *Resource
}

type resInfo struct {
	r      *Resource
	sym    string // symbolic name in the compiled template
	typ    string // full type
	ver    string
	parent *resInfo
	body   *Object
	loop   *For
	cond   Expr
	fc     *fileCtx
	node   int32 // in the file's cycleGraph
	// nameAt and scopeAt are 1 + the index in body of its name: and scope:
	// members (objProp), 0 for none, or -1 past 16 bits: found once, as they are
	// read wherever the resource's name or ID is translated
	// (BenchmarkRead1MBFile), and as 16-bit indexes, which fit beside node: the
	// info stays in its size class (BenchmarkRead1MB).
	nameAt, scopeAt int16
}

// nameExpr is the resource's name: member, or nil.
func (ri *resInfo) nameExpr() Expr { return ri.member(ri.nameAt, "name") }

// scopeExpr is the resource's scope: member, or nil.
func (ri *resInfo) scopeExpr() Expr { return ri.member(ri.scopeAt, "scope") }

// member is the member of body at, found again by key if it was past 16 bits.
func (ri *resInfo) member(at int16, key string) Expr {
	switch {
	case at == 0:
		return nil
	case at < 0:
		return objProp(ri.body, key)
	}
	return ri.body.Props[at-1].Value
}

// memberAt is resInfo's nameAt or scopeAt of a member key.
func memberAt(o *Object, key string) int16 {
	i := propIndex(o, key) + 1
	if i > math.MaxInt16 {
		return -1
	}
	return int16(i) //nolint:gosec // G115: tested above
}

type modInfo struct {
	m        *Module
	sym      string
	body     *Object
	loop     *For
	cond     Expr
	registry string // a br:/ts: reference that is not fetched
	missing  string // why a local module could not be read
	node     int32  // in the file's cycleGraph
}

// env binds loop variables and lambda parameters to ARM expression text: a
// short list, the later of two bindings of a name shadowing the earlier, copied
// on each binding (a map an environment was most of what binding them
// allocated, BenchmarkPhases1MB/prepare). A list is as long as the loops,
// lambdas and parameters around an expression: bounded by maxExprDepth and the
// declarations of a function.
type env struct {
	vars []binding
}

type binding struct{ name, text string }

func (e env) with(name, text string) env {
	vars := make([]binding, len(e.vars)+1)
	copy(vars, e.vars)
	vars[len(e.vars)] = binding{name, text}
	return env{vars: vars}
}

// lookup is the text name is bound to.
func (e env) lookup(name string) (string, bool) {
	for i := len(e.vars) - 1; i >= 0; i-- {
		if e.vars[i].name == name {
			return e.vars[i].text, true
		}
	}
	return "", false
}

func (c *compiler) fail(fc *fileCtx, pos int, msg string) {
	panic(bailC{&Error{File: fc.f.Path, Pos: pos, Msg: msg, src: fc.f.Src}})
}

func (c *compiler) note(fc *fileCtx, n Expr, pointer, expr, reason string) {
	pos, end := n.span()
	c.notes = append(c.notes, Note{Pointer: pointer, Expr: expr, Reason: reason, File: fc.f.Path, Pos: pos, End: end})
}

// refuse records something bicep build refuses, at [pos, end) of fc's file
// (Note.Invalid).
func (c *compiler) refuse(fc *fileCtx, pos, end int, msg string) {
	c.notes = append(c.notes, Note{Reason: msg, File: fc.f.Path, Pos: pos, End: end, Invalid: true})
}

// undeclared records a name no declaration of the file has, which bicep build
// refuses (BCP057, or BCP082 when it suggests a name). A name the file declares
// anywhere (a nested resource's read outside its parent, an output's, a type's)
// is only unknown: silence beats a false error where the compiler does not
// follow a scope.
func (c *compiler) undeclared(fc *fileCtx, v *Ident) {
	if fc.declares(v.Name) {
		return
	}
	msg := quote(v.Name) + " is not declared in " + filepath.Base(fc.f.Path) + ": no parameter, variable, resource, module or import has that name"
	// Bicep's names are case-sensitive, ARM's are not: the likeliest slip.
	if like := fc.likeName(v.Name); like != "" {
		msg += " (did you mean " + like + "?)"
	}
	c.refuse(fc, int(v.pos), int(v.end), msg+"; bicep build refuses the file")
}

// likeName names the first parameter or variable declared as name is, ignoring
// case; "" if none.
func (fc *fileCtx) likeName(name string) string {
	for _, p := range fc.f.Params {
		if strings.EqualFold(p.Name, name) {
			return "parameter " + quote(p.Name)
		}
	}
	for _, v := range fc.f.Vars {
		if strings.EqualFold(v.Name, name) {
			return "variable " + quote(v.Name)
		}
	}
	return ""
}

// declares reports whether the file declares name in any scope (base, in a
// parameter file that extends another).
func (fc *fileCtx) declares(name string) bool {
	if name == "sys" || name == "az" || name == "base" && fc.f.Extends != nil {
		return true
	}
	if fc.params[name] != nil || fc.vars[name] != nil || fc.res[name] != nil || fc.mods[name] != nil || fc.funcs[name] != nil {
		return true
	}
	if _, ok := fc.imported[name]; ok {
		return true
	}
	if fc.others == nil {
		fc.others = fc.otherNames()
	}
	return fc.others[name]
}

// otherNames are the names a file binds outside its scope of values, built once,
// on its first undeclared name: nested resources', outputs', types', and every
// loop variable and lambda or function parameter of the file (a value is
// translated away from its loop in places, as a looped resource's name read
// through another's scope:, whose variables are then not bound: unknown, not
// refused).
func (fc *fileCtx) otherNames() map[string]bool {
	others := map[string]bool{}
	for sym := range fc.res {
		if i := strings.LastIndex(sym, "::"); i >= 0 {
			others[sym[i+2:]] = true
		}
	}
	for _, o := range fc.f.Outputs {
		others[o.Name] = true
	}
	for t := range fc.f.Types {
		others[t] = true
	}
	bound := func(e Expr) {
		switch v := e.(type) {
		case *For:
			others[v.Item] = true
			others[v.IndexVar] = true
		case *Lambda:
			for _, p := range v.Params {
				others[p] = true
			}
		}
	}
	each := func(xs ...Expr) {
		for _, x := range xs {
			walk(x, bound)
		}
	}
	for _, ri := range fc.res {
		each(ri.r.Body)
	}
	for _, mi := range fc.mods {
		each(mi.m.Body)
	}
	for _, p := range fc.f.Params {
		each(p.Default)
	}
	for _, v := range fc.f.Vars {
		each(v.Value)
	}
	for _, o := range fc.f.Outputs {
		each(o.Value)
	}
	for _, fn := range fc.f.Funcs {
		for _, p := range fn.Params {
			others[p] = true
		}
		each(fn.Body)
	}
	return others
}

// paramsDeclared records each value of a .bicepparam file for a parameter the
// template does not declare, which bicep refuses (as ARM refuses it of a JSON
// parameter file). Those of the files it extends are not checked: Bicep does not
// say that it checks them.
func (c *compiler) paramsDeclared(fc, pf *fileCtx) {
	for _, p := range pf.f.Params {
		if fc.params[p.Name] != nil {
			continue
		}
		declared := false
		for name := range fc.params {
			if strings.EqualFold(name, p.Name) {
				declared = true
				break
			}
		}
		if !declared {
			c.refuse(pf, p.NamePos, p.NamePos+len(p.Name), "The parameter file "+filepath.Base(pf.f.Path)+" sets parameter "+quote(p.Name)+", which "+filepath.Base(fc.f.Path)+" does not declare")
		}
	}
}

func newFileCtx(c *compiler, f *File) *fileCtx {
	// Sized by the declarations: grown entry by entry, a map allocates its
	// tables again at each doubling (BenchmarkPhases1MB/prepare). Nested
	// resources may add more than the hint.
	fc := &fileCtx{c: c, f: f, idx: c.w.fileIndex(f.Path, f.Src, f.lines), params: make(map[string]*Param, len(f.Params)), vars: make(map[string]*Var, len(f.Vars)),
		res: make(map[string]*resInfo, len(f.Resources)), mods: make(map[string]*modInfo, len(f.Modules)), funcs: make(map[string]*Func, len(f.Funcs)), imported: map[string]string{}, scope: "resourceGroup"}
	for _, p := range f.Params {
		fc.params[p.Name] = p
	}
	for _, v := range f.Vars {
		fc.vars[v.Name] = v
	}
	for _, fn := range f.Funcs {
		fc.funcs[fn.Name] = fn
	}
	for _, im := range f.Imports {
		from := ""
		if im.From != nil {
			from = im.From.Parts[0]
		}
		for _, n := range im.Names {
			fc.imported[n.Alias] = from
		}
		if im.Star != "" {
			fc.imported[im.Star] = from
		}
		for _, s := range im.Symbols {
			fc.imported[s] = from
		}
	}
	if s, ok := f.TargetScope.(*Str); ok && len(s.Exprs()) == 0 {
		fc.scope = s.Parts[0]
	}
	for _, r := range f.Resources {
		fc.declare(r, nil)
	}
	for _, m := range f.Modules {
		fc.declareModule(m)
	}
	// parent: properties are resolved once every symbol is known, in the order the
	// resources are declared, not the map's: which of two resources that name each
	// other gets its parent must not change from run to run (TestParentOrder).
	var children []*resInfo
	for _, r := range f.Resources {
		ri := fc.res[r.Name]
		if ri == nil || ri.r != r || ri.parent != nil || ri.body == nil {
			continue
		}
		for _, p := range ri.body.Props {
			if p.Key() == "parent" {
				if pr := fc.resourceOf(p.Value); pr != nil && !ancestorOf(ri, pr) {
					ri.parent = pr
					children = append(children, ri)
				}
			}
		}
	}
	if len(children) > 0 {
		done := make(map[*resInfo]bool, len(children))
		for _, ri := range children {
			qualify(ri, done)
		}
	}
	return fc
}

// qualify prefixes the type of ri, and of its ancestors, written short (invalid
// Bicep, read leniently) with its parent's full type, the parent's first: a chain
// of such types comes out whole whatever the order of the declarations. The chain
// is bounded: parent: properties make no cycle (ancestorOf).
func qualify(ri *resInfo, done map[*resInfo]bool) {
	var chain []*resInfo
	for p := ri; p != nil && !done[p] && len(chain) <= len(ri.fc.res); p = p.parent {
		chain = append(chain, p)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		done[c] = true
		if c.parent != nil && !strings.Contains(strings.TrimPrefix(c.typ, c.parent.typ), "/") && !strings.Contains(c.typ, ".") {
			c.typ = c.parent.typ + "/" + c.typ
		}
	}
}

// bodyParts splits a declaration body into its object, loop and condition.
func bodyParts(e Expr) (*Object, *For, Expr) {
	var loop *For
	if f, ok := e.(*For); ok {
		loop = f
		e = f.Body
	}
	var cond Expr
	if i, ok := e.(*If); ok {
		cond = i.Cond
		e = i.Body
	}
	o, _ := e.(*Object)
	return o, loop, cond
}

func (fc *fileCtx) declare(r *Resource, parent *resInfo) {
	ri := fc.newResInfo()
	*ri = resInfo{r: r, sym: r.Name, parent: parent, fc: fc}
	if parent != nil {
		ri.sym = parent.sym + "::" + r.Name
		fc.nests = true
	}
	ts := ""
	if len(r.TypeStr.Exprs()) == 0 {
		ts = r.TypeStr.Parts[0]
	}
	ri.typ, ri.ver, _ = strings.Cut(ts, "@")
	if parent != nil && !strings.Contains(ri.typ, ".") {
		ri.typ = parent.typ + "/" + ri.typ
	}
	ri.body, ri.loop, ri.cond = bodyParts(r.Body)
	ri.nameAt, ri.scopeAt = memberAt(ri.body, "name"), memberAt(ri.body, "scope")
	fc.res[ri.sym] = ri
	if ri.body != nil {
		for _, child := range ri.body.Resources() {
			fc.declare(child, ri)
		}
	}
}

// newResInfo is room for a resource's info, from a chunk of them: one
// allocation a file rather than one a resource (BenchmarkRead1MBFile).
func (fc *fileCtx) newResInfo() *resInfo {
	if len(fc.resChunk) == 0 {
		// As many as the file's resources not made yet, nested ones aside (which
		// come one at a time once those are made): a module of few resources
		// allocates no room it does not use (BenchmarkRead1MB).
		fc.resChunk = make([]resInfo, max(len(fc.f.Resources)-fc.resMade, 1))
	}
	ri := &fc.resChunk[0]
	fc.resChunk = fc.resChunk[1:]
	fc.resMade++
	return ri
}

func (fc *fileCtx) declareModule(m *Module) {
	mi := &modInfo{m: m, sym: m.Name}
	mi.body, mi.loop, mi.cond = bodyParts(m.Body)
	if len(m.Path.Exprs()) == 0 {
		p := m.Path.Parts[0]
		switch {
		case strings.HasPrefix(p, "br:") || strings.HasPrefix(p, "br/") || strings.HasPrefix(p, "ts:") || strings.HasPrefix(p, "ts/"):
			mi.registry = p
		case fc.c.load != nil:
			// A module that cannot be read (outside the root, missing) has outputs
			// nobody knows: they are unknown, not undeclared (no AKSNET904). The read
			// is cached, so moduleTemplate does not read it again.
			if _, _, err := fc.c.read(fc.f.Path, p); err != nil {
				mi.missing = "module " + p + " cannot be read: " + err.Error()
			}
		}
	} else {
		mi.missing = "the module path is not a literal string"
	}
	fc.mods[m.Name] = mi
}

// resourceOf finds the resource an expression names (sym, a::b).
func (fc *fileCtx) resourceOf(e Expr) *resInfo { return fc.resourceIn(nil, e) }

// resourceIn is resourceOf for an expression written in the declaration of in
// (fileCtx.in).
func (fc *fileCtx) resourceIn(in *Resource, e Expr) *resInfo {
	switch x := e.(type) {
	case *Ident:
		if ri := fc.nestedIn(in, x.Name); ri != nil {
			return ri
		}
		if ri, ok := fc.res[x.Name]; ok {
			return ri
		}
	case *Member:
		if strings.HasPrefix(x.Name, "::") {
			if p := fc.resourceIn(in, x.X); p != nil {
				return fc.res[p.sym+x.Name]
			}
		}
	case *NonNull:
		return fc.resourceIn(in, x.X)
	}
	return nil
}

// nestedIn is the resource named name declared in the body of in or of a
// resource whose body holds in, the innermost first: Bicep's scope of a nested
// resource's symbolic name, outside which it is parent::name. Nil if none (or
// in is nil).
func (fc *fileCtx) nestedIn(in *Resource, name string) *resInfo {
	if !fc.nests {
		return nil
	}
	for r := in; r != nil; r = r.Parent { // as deep as the parser's maxDepth
		body, _, _ := bodyParts(r.Body)
		if body == nil {
			continue
		}
		for _, child := range body.Resources() {
			if child.Name == name {
				return fc.res[nestedSym(child)]
			}
		}
	}
	return nil
}

// param is a parameter file's value for the template's parameter name: named as
// declared, or else in another case (ARM's parameter names ignore case, and
// paramsDeclared takes it as declared).
func (fc *fileCtx) param(name string) *Param {
	if p := fc.params[name]; p != nil {
		return p
	}
	for _, p := range fc.f.Params {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// enter makes r the resource being translated (fileCtx.in), and returns the one
// before, for the caller to restore.
func (fc *fileCtx) enter(r *Resource) *Resource {
	saved := fc.in
	fc.in = r
	return saved
}

// nestedSym is the symbolic name of a nested resource in fileCtx.res:
// parent::child, from the outermost resource (declare).
func nestedSym(r *Resource) string {
	sym := r.Name
	for p := r.Parent; p != nil; p = p.Parent {
		sym = p.Name + "::" + sym
	}
	return sym
}

// objProp finds a property of a declaration body; key is lower-case ASCII.
func objProp(o *Object, key string) Expr {
	if i := propIndex(o, key); i >= 0 {
		return o.Props[i].Value
	}
	return nil
}

// propIndex is the index in o of objProp's property, or -1. A key whose first
// byte is ASCII and not key's first letter in either case is passed over without
// strings.EqualFold, which is exact for any other (it folds some non-ASCII letters
// to ASCII ones, as the Kelvin sign to k).
func propIndex(o *Object, key string) int {
	if o == nil {
		return -1
	}
	for i := range o.Props {
		p := &o.Props[i]
		if k := p.Key(); k == "" || k[0] < utf8.RuneSelf && k[0]|0x20 != key[0] {
			continue
		}
		if !p.Spread() && p.KeyExpr() == nil && strings.EqualFold(p.Key(), key) {
			return i
		}
	}
	return -1
}

// Compile compiles the entry file into a languageVersion 2.0 template (JSON text)
// with the source map of its values. params, when not nil, is a .bicepparam file
// whose values replace the entry's parameter defaults. src is read in place: the
// caller does not change it while the result is in use; nor out, whose
// expressions the source map reads in place.
func Compile(path string, src []byte, params *File, load Loader) (out []byte, sm *SourceMap, notes []Note, err error) {
	f, perr := Parse(path, inPlace(src), false)
	if perr != nil {
		var se *SyntaxError
		if !errors.As(perr, &se) {
			return nil, nil, nil, perr
		}
		return nil, nil, nil, &Error{File: path, Pos: se.Pos, Msg: se.Msg, src: string(src)}
	}
	c := &compiler{w: newJW(), load: load, overrides: params,
		reads: map[[2]string]readResult{}, loaded: map[[2]string]string{}, compiled: map[string]compiledModule{}}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailC)
			if !ok {
				panic(r)
			}
			out, sm, notes, err = nil, nil, nil, b.err
		}
	}()
	fc := newFileCtx(c, f)
	c.reserveFor(fc, true)
	if params != nil {
		fc.ov = newFileCtx(c, params)
		fc.ov.pvar = paramVar("")
		c.paramsDeclared(fc, fc.ov)
		c.readBases(fc.ov)
	}
	c.stack = append(c.stack, path)
	c.template(fc)
	sm = c.w.sourceMap(path)
	if fc.ov != nil {
		sm.set = map[string]bool{}
		for o := fc.ov; o != nil; o = o.base {
			if o != fc.ov {
				sm.bases = append(sm.bases, o.f.Path)
			}
			for _, p := range o.f.Params {
				sm.set[p.Name] = true
			}
		}
	}
	return c.w.b.data(), sm, c.notes, nil
}

// readBases reads the parameter files pf extends, each the base of the one
// before: a chain as long as modules may nest, without a cycle. A base that
// cannot be read leaves why on the file that names it (unreadBase): the
// parameters it may set are then not known.
func (c *compiler) readBases(pf *fileCtx) {
	seen := map[string]bool{filepath.Clean(pf.f.Path): true}
	chain := []string{filepath.Base(pf.f.Path)}
	for cur := pf; cur.f.Extends != nil; cur = cur.base {
		ext := cur.f.Extends
		rel := ext.Parts[0]
		if len(chain) > maxModuleDepth {
			c.fail(cur, int(ext.pos), "parameter files extend each other more than "+itoa(maxModuleDepth)+" levels deep")
		}
		if !IsParamName(rel) {
			c.fail(cur, int(ext.pos), "extends names a parameter file (.bicepparam), not "+rel)
		}
		if c.load == nil {
			cur.unreadBase = rel + ", which is not read"
			return
		}
		path, data, err := c.read(cur.f.Path, rel)
		if err != nil {
			cur.unreadBase = rel + ", which cannot be read: " + err.Error()
			return
		}
		chain = append(chain, filepath.Base(path))
		path = filepath.Clean(path)
		if seen[path] {
			c.fail(cur, int(ext.pos), "parameter files extend each other in a cycle: "+strings.Join(chain, " -> "))
		}
		seen[path] = true
		f, perr := parse(path, inPlace(data), true, &nodes{})
		if perr != nil {
			var se *SyntaxError
			if !errors.As(perr, &se) {
				se = &SyntaxError{Msg: perr.Error()}
			}
			panic(bailC{&Error{File: path, Pos: se.Pos, Msg: se.Msg, src: string(data)}})
		}
		cur.base = newFileCtx(c, f)
		cur.base.pvar = paramVar(itoa(len(chain)-1) + "_")
		cur.base.isBase = true
	}
}

// override is the value a parameter file (pf or one it extends, the nearest
// first) sets the parameter name to, and the file; nil if none does. unread is
// why a file that may set it is not read ("" if none).
func override(pf *fileCtx, name string) (o *fileCtx, p *Param, unread string) {
	for o = pf; o != nil; o = o.base {
		if p = o.param(name); p != nil {
			return o, p, ""
		}
		if o.unreadBase != "" {
			return o, nil, o.unreadBase
		}
	}
	return nil, nil, ""
}

// reserveFor makes room in the output for the template of a file (the entry file:
// a module's room was made by its caller, a use at a time) and those of the local
// modules it calls, read when they were declared: the buffers grow once a file
// that calls modules, not once a module (BenchmarkRead1MB: a main file of many
// modules), and a module compiled late does not grow them again for room already
// made (BenchmarkCorpusPairs). Bounded by maxOutput, which the compiled template
// may not pass anyway.
func (c *compiler) reserveFor(fc *fileCtx, entry bool) {
	// A module's own room was made by the file that calls it, a use at a time.
	n := 0
	if entry {
		n = len(fc.f.Src)
	}
	for _, m := range fc.f.Modules {
		mi := fc.mods[m.Name]
		if mi == nil || mi.m != m || mi.registry != "" || mi.missing != "" || c.load == nil {
			continue
		}
		if _, data, err := c.read(fc.f.Path, m.Path.Parts[0]); err == nil {
			n += len(data)
		}
		if n >= maxOutput {
			break
		}
	}
	c.w.reserve(min(n, maxOutput*2/3))
}

// inPlace reads source bytes as a string without copying them: the syntax tree, the
// source map and the compiled result keep slices of every file of a project
// (BenchmarkRead1MB copied a megabyte an operation), and neither Compile's caller
// nor a Loader changes the bytes it handed over.
func inPlace(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) } //nolint:gosec // G103: read only, as documented on Compile and Loader

// ErrorLocation locates a compilation error.
func ErrorLocation(e *Error) (file string, line, col int) {
	f := &srcFile{path: e.File, src: e.src}
	line, col = f.lineCol(e.Pos)
	return e.File, line, col
}

func (c *compiler) checkSize(fc *fileCtx, pos int) {
	if c.w.b.size() > maxOutput {
		c.fail(fc, pos, "the compiled template is larger than "+itoa(maxOutput>>20)+" MB")
	}
}

// template writes one file as a template object.
func (c *compiler) template(fc *fileCtx) {
	w := c.w
	w.raw(`{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","languageVersion":"2.0","contentVersion":"1.0.0.0","metadata":{"_generator":{"name":"bicep","version":"aksnet-lint"}}`)
	w.plain(`,"parameters":`)
	w.openWith('{')
	for i, p := range fc.f.Params {
		if i > 0 {
			w.b.writeByte(',')
		}
		c.param(fc, p)
	}
	w.raw(`},"variables":{`)
	n := 0
	var loops []*Var
	for _, v := range fc.f.Vars {
		if _, ok := v.Value.(*For); ok {
			loops = append(loops, v)
			continue
		}
		if n > 0 {
			w.b.writeByte(',')
		}
		n++
		w.str(v.Name)
		w.b.writeByte(':')
		c.value(fc, env{}, v.Value)
	}
	// The .bicepparam files' variables, under names the template cannot use.
	for o := fc.ov; o != nil; o = o.base {
		for _, v := range o.f.Vars {
			if n > 0 {
				w.b.writeByte(',')
			}
			n++
			w.str(o.pvar + v.Name)
			w.b.writeByte(':')
			c.value(o, env{}, v.Value)
		}
	}
	if len(loops) > 0 {
		if n > 0 {
			w.b.writeByte(',')
		}
		w.plain(`"copy":`)
		w.openWith('[')
		for i, v := range loops {
			if i > 0 {
				w.b.writeByte(',')
			}
			c.copyEntry(fc, env{}, v.Name, v.Value.(*For), int(v.pos))
		}
		w.closeWith(']')
	}
	w.raw(`},"resources":{`)
	n = 0
	c.resources(fc, fc.f.Order, &n)
	w.raw(`},"outputs":`)
	// The outputs are located at the first output declaration, or the file's
	// start: where a module's missing output is looked for (AKSNET904).
	if len(fc.f.Outputs) > 0 {
		at := int(fc.f.Outputs[0].pos)
		w.mark(fc.idx, at, at)
	} else {
		w.mark(fc.idx, 0, 0)
	}
	w.openWith('{')
	for i, o := range fc.f.Outputs {
		if i > 0 {
			w.b.writeByte(',')
		}
		c.output(fc, o)
	}
	w.raw("}}")
	c.checkSize(fc, 0)
}

func paramVar(name string) string { return "__bicepparam_" + name }

func (c *compiler) resources(fc *fileCtx, order []any, n *int) {
	for _, d := range order {
		switch x := d.(type) {
		case *Resource:
			c.resourceTree(fc, fc.res[x.Name], n)
		case *Module:
			mi := fc.mods[x.Name]
			if mi.registry != "" {
				c.note(fc, x.Path, "/modules/"+x.Name, mi.registry, "module "+mi.registry+" is in a registry, which is not fetched: its outputs and resources are not known")
				continue
			}
			if *n > 0 {
				c.w.b.writeByte(',')
			}
			*n++
			c.module(fc, mi)
		}
	}
}

func (c *compiler) resourceTree(fc *fileCtx, ri *resInfo, n *int) {
	if ri == nil {
		return
	}
	if *n > 0 {
		c.w.b.writeByte(',')
	}
	*n++
	c.resource(fc, ri)
	if ri.body != nil {
		for _, child := range ri.body.Resources() {
			c.resourceTree(fc, fc.res[ri.sym+"::"+child.Name], n)
		}
	}
}

func (c *compiler) param(fc *fileCtx, p *Param) {
	w := c.w
	w.mark(fc.idx, p.NamePos, p.NamePos+len(p.Name))
	w.str(p.Name)
	w.b.writeByte(':')
	w.mark(fc.idx, int(p.pos), int(p.end))
	kind := fc.typeKind(p.Type, 0)
	if kind == "" && p.Default != nil {
		kind = literalKind(p.Default)
	}
	if kind == "" {
		kind = "object"
	}
	secure := false
	for _, d := range p.Decorators {
		if d.Name == "secure" {
			secure = true
		}
	}
	if secure {
		kind = "secure" + strings.ToUpper(kind[:1]) + kind[1:]
	}
	w.openWith('{')
	w.plain(`"type":`)
	w.str(kind)
	nullable := p.Type != nil && fc.nullable(p.Type, 0)
	def := p.Default
	var ov *Param
	var of *fileCtx
	unread := ""
	if fc.ov != nil {
		of, ov, unread = override(fc.ov, p.Name)
	}
	switch {
	case ov != nil:
		w.plain(`,"defaultValue":`)
		if u := of.unknownValue(ov.Default); u != "" {
			// A value only known where the deployment runs.
			nullable = false
			markSpan(w, of.idx, ov.Default)
			w.exprString(unknownCall(u))
		} else {
			c.value(of, env{}, ov.Default)
		}
	case unread != "":
		// A base parameter file not read may set it: its default is no guess.
		nullable = false
		w.plain(`,"defaultValue":`)
		markSpan(w, of.idx, of.f.Extends)
		w.exprString(unknownCall("parameter " + p.Name + " may be set by " + unread))
	case def != nil:
		w.plain(`,"defaultValue":`)
		c.value(fc, env{}, def)
	}
	if nullable {
		w.plain(`,"nullable":true`)
	}
	for _, d := range p.Decorators {
		key := ""
		switch d.Name {
		case "allowed":
			key = "allowedValues"
		case "minValue", "maxValue", "minLength", "maxLength":
			key = d.Name
		}
		if key != "" && len(d.Args) == 1 {
			w.b.writeString(`,"`)
			w.plain(key)
			w.plain(`":`)
			c.value(fc, env{}, d.Args[0])
		}
	}
	c.paramMetadata(fc, p.Decorators)
	w.closeWith('}')
}

// paramMetadata writes @description and the members of @metadata as one metadata
// object.
func (c *compiler) paramMetadata(fc *fileCtx, decs []*Decorator) {
	w := c.w
	n := 0
	member := func() {
		if n == 0 {
			w.plain(`,"metadata":`)
			w.openWith('{')
		} else {
			w.b.writeByte(',')
		}
		n++
	}
	for _, d := range decs {
		if len(d.Args) != 1 {
			continue
		}
		switch d.Name {
		case "description":
			member()
			w.plain(`"description":`)
			c.value(fc, env{}, d.Args[0])
		case "metadata":
			o, ok := d.Args[0].(*Object)
			if !ok {
				continue
			}
			for i := range o.Props {
				p := &o.Props[i]
				if p.Spread() || p.KeyExpr() != nil || p.Key() == "description" {
					continue
				}
				member()
				c.prop(fc, env{}, p, false)
			}
		}
	}
	if n > 0 {
		w.closeWith('}')
	}
}

// unknownValue reports why a .bicepparam value is only known at deployment time
// (readEnvironmentVariable, getSecret), or "".
func (fc *fileCtx) unknownValue(e Expr) string {
	why := ""
	walk(e, func(x Expr) {
		if call, ok := x.(*Call); ok && why == "" {
			switch call.Name {
			case "readEnvironmentVariable":
				why = "readEnvironmentVariable() is read where the deployment runs"
			case "getSecret":
				why = "getSecret() reads a Key Vault secret"
			}
		}
	})
	return why
}

func literalKind(e Expr) string {
	switch x := e.(type) {
	case *Str:
		return "string"
	case *Num:
		return "int"
	case *Lit:
		if x.Text != "null" {
			return "bool"
		}
	case *Array, *For:
		return "array"
	case *Object:
		return "object"
	}
	return ""
}

func (fc *fileCtx) typeKind(t *Type, depth int) string {
	if t == nil || depth > 16 {
		return ""
	}
	if t.Kind != "" {
		return t.Kind
	}
	if u, ok := fc.f.Types[t.Name]; ok {
		return fc.typeKind(u, depth+1)
	}
	return ""
}

func (fc *fileCtx) nullable(t *Type, depth int) bool {
	if t == nil || depth > 16 {
		return false
	}
	if t.Nullable {
		return true
	}
	if u, ok := fc.f.Types[t.Name]; ok && t.Kind == "" {
		return fc.nullable(u, depth+1)
	}
	return false
}

func (c *compiler) output(fc *fileCtx, o *Output) {
	w := c.w
	w.str(o.Name)
	w.b.writeByte(':')
	w.mark(fc.idx, int(o.pos), int(o.end))
	kind := fc.typeKind(o.Type, 0)
	if kind == "" {
		kind = literalKind(o.Value)
	}
	if kind == "" {
		kind = "object"
	}
	w.openWith('{')
	w.plain(`"type":`)
	w.str(kind)
	if fe, ok := o.Value.(*For); ok {
		w.plain(`,"copy":`)
		w.openWith('{')
		c.loopCountAndInput(fc, env{}, "", fe)
		w.raw("}}")
		return
	}
	w.plain(`,"value":`)
	c.value(fc, env{}, o.Value)
	w.closeWith('}')
}

// copyEntry writes {"name": n, "count": ..., "input": ...} of a property or
// variable copy loop.
func (c *compiler) copyEntry(fc *fileCtx, e env, name string, fe *For, pos int) {
	w := c.w
	w.mark(fc.idx, int(fe.pos), int(fe.end))
	w.openWith('{')
	w.plain(`"name":`)
	w.str(name)
	w.b.writeByte(',')
	c.loopCountAndInput(fc, e, name, fe)
	w.closeWith('}')
}

// loopCountAndInput writes "count": ..., "input": ... of a copy loop named name
// ("" for an output).
func (c *compiler) loopCountAndInput(fc *fileCtx, e env, name string, fe *For) {
	w := c.w
	idx := "copyIndex()"
	if name != "" {
		idx = c.text(func(b []byte) []byte { return append(appendQuote(append(b, "copyIndex("...), name, false), ')') })
	}
	iter := fc.expr(e, fe.Iter)
	body := fe.Body
	if f, ok := body.(*If); ok {
		iter = "filter(" + iter + ", lambda(" + quote(fe.Item) + ", " + fc.expr(e.with(fe.Item, "lambdaVariables("+quote(fe.Item)+")"), f.Cond) + "))"
		body = f.Body
	}
	inner := e.with(fe.Item, iter+"["+idx+"]")
	if fe.IndexVar != "" {
		inner = inner.with(fe.IndexVar, idx)
	}
	w.plain(`"count":`)
	markSpan(w, fc.idx, fe.Iter)
	w.lengthOf(iter)
	w.plain(`,"input":`)
	c.value(fc, inner, body)
}

// loopEnv binds a resource or module loop's variables. A filtered loop keeps
// every index, as the Bicep compiler does: its filter is each instance's condition.
func (fc *fileCtx) loopEnv(fe *For, in *Resource) (env, string) {
	e := env{}
	saved := fc.enter(in)
	iter := fc.expr(e, fe.Iter)
	fc.in = saved
	e = e.with(fe.Item, iter+"[copyIndex()]")
	if fe.IndexVar != "" {
		e = e.with(fe.IndexVar, "copyIndex()")
	}
	return e, iter
}

func (c *compiler) resource(fc *fileCtx, ri *resInfo) {
	w := c.w
	r := ri.r
	w.str(ri.sym)
	w.b.writeByte(':')
	w.mark(fc.idx, int(r.pos), int(r.end))
	e := env{}
	iter := ""
	if ri.loop != nil {
		e, iter = fc.loopEnv(ri.loop, r.Parent)
	}
	// A nested resource inside a looped parent sees the parent's loop variables.
	for p := ri.parent; p != nil; p = p.parent {
		if p.loop != nil && ri.loop == nil {
			e, _ = fc.loopEnv(p.loop, p.r.Parent)
		}
	}
	saved := fc.enter(r)
	w.openWith('{')
	w.plain(`"type":`)
	markSpan(w, fc.idx, r.TypeStr)
	w.str(ri.typ)
	w.plain(`,"apiVersion":`)
	w.str(ri.ver)
	if r.Existing {
		w.plain(`,"existing":true`)
	}
	c.conditionAndCopy(fc, e, ri.sym, ri.cond, ri.loop, iter, r.Decorators)
	if ri.body == nil {
		w.closeWith('}')
		fc.in = saved
		return
	}
	// name: the full name, parent names first.
	w.plain(`,"name":`)
	if nm := ri.nameExpr(); nm != nil {
		markSpan(w, fc.idx, nm)
	}
	off := w.startExpr()
	w.b.buf = fc.appendFullName(w.b.buf, e, ri)
	w.endExpr(off)
	c.scopeProps(fc, e, ri.scopeExpr(), false)
	for i := range ri.body.Props {
		p := &ri.body.Props[i]
		if !p.Spread() && p.KeyExpr() == nil {
			switch p.Key() {
			case "name", "parent", "scope", "dependsOn":
				continue
			}
		}
		c.prop(fc, e, p, true)
	}
	w.closeWith('}')
	fc.in = saved
	c.checkSize(fc, int(r.pos))
}

// scopeProps writes where a resource or module is deployed: resourceGroup and
// subscriptionId, or scope for an extension resource.
func (c *compiler) scopeProps(fc *fileCtx, e env, sc Expr, module bool) {
	if sc == nil {
		return
	}
	w := c.w
	if call, ok := sc.(*Call); ok && (call.NS == "" || call.NS == "az") {
		switch call.Name {
		case "resourceGroup":
			switch len(call.Args) {
			case 1:
				w.plain(`,"resourceGroup":`)
				c.value(fc, e, call.Args[0])
			case 2:
				w.plain(`,"subscriptionId":`)
				c.value(fc, e, call.Args[0])
				w.plain(`,"resourceGroup":`)
				c.value(fc, e, call.Args[1])
			}
			return
		case "subscription":
			if len(call.Args) == 1 {
				w.plain(`,"subscriptionId":`)
				c.value(fc, e, call.Args[0])
			}
			return
		case "tenant":
			w.plain(`,"scope":"/"`)
			return
		case "managementGroup":
			if len(call.Args) == 1 {
				w.plain(`,"scope":`)
				markSpan(w, fc.idx, sc)
				w.str("[format('/providers/Microsoft.Management/managementGroups/{0}', " + fc.expr(e, call.Args[0]) + ")]")
			}
			return
		}
	}
	if ri := fc.resourceOf(sc); ri != nil && strings.EqualFold(ri.typ, "Microsoft.Resources/resourceGroups") {
		w.plain(`,"resourceGroup":`)
		markSpan(w, fc.idx, sc)
		w.exprString(fc.fullName(e, ri))
		return
	}
	w.plain(`,"scope":`)
	markSpan(w, fc.idx, sc)
	w.exprString(fc.expr(e, sc))
}

// fullName is the resource's name as ARM reads it: parent names joined by "/".
func (fc *fileCtx) fullName(e env, ri *resInfo) string {
	return fc.c.text(func(b []byte) []byte { return fc.appendFullName(b, e, ri) })
}

// text is what appendTo appends, as a string, built in a buffer of the pool
// (takeExprBuf).
func (c *compiler) text(appendTo func([]byte) []byte) string {
	b := appendTo(c.takeExprBuf())
	s := string(b)
	c.putExprBuf(b)
	return s
}

// appendFullName appends fullName.
func (fc *fileCtx) appendFullName(b []byte, e env, ri *resInfo) []byte {
	if ri.parent == nil {
		return fc.appendOwnName(b, e, ri)
	}
	// The resource's own name first, as it was before its parents': translating
	// it may add notes.
	own := fc.ownName(e, ri)
	b = fc.appendFullName(append(b, "format('{0}/{1}', "...), e, ri.parent)
	return append(append(append(b, ", "...), own...), ')')
}

func (fc *fileCtx) ownName(e env, ri *resInfo) string {
	return fc.c.text(func(b []byte) []byte { return fc.appendOwnName(b, e, ri) })
}

// appendOwnName appends ownName.
func (fc *fileCtx) appendOwnName(b []byte, e env, ri *resInfo) []byte {
	nm := ri.nameExpr()
	if nm == nil {
		return append(b, unknownCall("the resource has no name")...)
	}
	// A name that refers to its own resource is a cycle the Bicep compiler refuses.
	c := fc.c
	if slices.Contains(c.naming, ri) {
		return append(b, unknownCall("the name of "+ri.sym+" refers to itself")...)
	}
	// Not popped when the compilation fails (a panic): it is not compiled again.
	c.naming = append(c.naming, ri)
	saved := fc.enter(ri.r) // the name is written in the resource's body, wherever it is read
	b = fc.appendExprD(b, e, nm, 0)
	fc.in = saved
	c.naming = c.naming[:len(c.naming)-1]
	return b
}

// appendNameSegs appends the name segments of a resource ID, one per type
// segment, separated by ", ".
func (fc *fileCtx) appendNameSegs(b []byte, e env, ri *resInfo) []byte {
	if ri.parent != nil {
		b = append(fc.appendNameSegs(b, e, ri.parent), ", "...)
		return fc.appendOwnName(b, e, ri)
	}
	n := strings.Count(ri.typ, "/")
	nm := ri.nameExpr()
	if s, ok := nm.(*Str); ok && len(s.Exprs()) == 0 && n > 0 && strings.Count(s.Parts[0], "/") == n-1 {
		for i, p := range strings.Split(s.Parts[0], "/") {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendQuote(b, p, false)
		}
		return b
	}
	if n <= 1 {
		return fc.appendOwnName(b, e, ri)
	}
	// The name is translated once, and copied for each segment.
	b = append(b, "split("...)
	start := len(b)
	b = fc.appendOwnName(b, e, ri)
	end := len(b)
	for i := range n {
		if i > 0 {
			b = append(append(b, ", split("...), b[start:end]...)
		}
		b = append(append(append(b, ", '/')["...), itoa(i)...), ']')
	}
	return b
}

// ancestorOf reports whether a is p or one of its parents (a parent: cycle).
func ancestorOf(a, p *resInfo) bool {
	for n := 0; p != nil && n <= len(a.fc.res); n++ {
		if p == a {
			return true
		}
		p = p.parent
	}
	return p != nil
}

// resourceID is the ID of a declared resource.
func (fc *fileCtx) resourceID(e env, ri *resInfo) string {
	return fc.c.text(func(b []byte) []byte { return fc.appendResourceID(b, e, ri) })
}

// appendResourceID appends resourceID: most resources are deployed at the
// file's scope, their ID appended part by part, not built of strings (an ID is
// translated wherever a resource's id or runtime properties are read,
// BenchmarkPhases1MB/prepare).
func (fc *fileCtx) appendResourceID(b []byte, e env, ri *resInfo) []byte {
	// scope: properties may form a cycle, which the Bicep compiler refuses.
	if fc.c.exprDepth >= maxExprDepth {
		return append(b, unknownCall("the scope of "+ri.sym+" refers to itself")...)
	}
	fc.c.exprDepth++
	defer func() { fc.c.exprDepth-- }()
	top := ri
	for top.parent != nil {
		top = top.parent
	}
	if sc := top.scopeExpr(); sc != nil {
		return append(b, fc.scopedResourceID(e, ri, sc)...)
	}
	switch fc.scope {
	case "subscription":
		b = append(b, "subscriptionResourceId("...)
	case "tenant":
		b = append(b, "tenantResourceId("...)
	case "managementGroup":
		b = append(b, "extensionResourceId(managementGroup().id, "...)
	default:
		b = append(b, "resourceId("...)
	}
	b = append(appendQuote(b, ri.typ, false), ", "...)
	return append(fc.appendNameSegs(b, e, ri), ')')
}

// scopedResourceID is the ID of a resource whose own scope: property (or its
// top parent's) is sc.
func (fc *fileCtx) scopedResourceID(e env, ri *resInfo, sc Expr) string {
	// The segments first, as they were before anything else: translating them may
	// add notes.
	c := fc.c
	b := fc.appendNameSegs(c.takeExprBuf(), e, ri)
	segs := string(b)
	c.putExprBuf(b)
	typ := quote(ri.typ)
	if call, ok := sc.(*Call); ok && (call.NS == "" || call.NS == "az") {
		args := make([]string, len(call.Args))
		for i, a := range call.Args {
			args[i] = fc.expr(e, a)
		}
		switch call.Name {
		case "resourceGroup":
			if len(args) == 0 {
				return "resourceId(" + typ + ", " + segs + ")"
			}
			return "resourceId(" + strings.Join(args, ", ") + ", " + typ + ", " + segs + ")"
		case "subscription":
			return "subscriptionResourceId(" + strings.Join(append(args, typ, segs), ", ") + ")"
		case "tenant":
			return "tenantResourceId(" + typ + ", " + segs + ")"
		}
	}
	if sr := fc.resourceOf(sc); sr != nil {
		if strings.EqualFold(sr.typ, "Microsoft.Resources/resourceGroups") {
			return "resourceId(" + fc.fullName(e, sr) + ", " + typ + ", " + segs + ")"
		}
		return "extensionResourceId(" + fc.resourceID(e, sr) + ", " + typ + ", " + segs + ")"
	}
	return "extensionResourceId(" + fc.expr(e, sc) + ", " + typ + ", " + segs + ")"
}

func (c *compiler) module(fc *fileCtx, mi *modInfo) {
	w := c.w
	m := mi.m
	w.str(mi.sym)
	w.b.writeByte(':')
	w.mark(fc.idx, int(m.pos), int(m.end))
	e := env{}
	iter := ""
	if mi.loop != nil {
		e, iter = fc.loopEnv(mi.loop, nil)
	}
	w.openWith('{')
	w.plain(`"type":"Microsoft.Resources/deployments","apiVersion":"` + deploymentsAPI + `"`)
	c.conditionAndCopy(fc, e, mi.sym, mi.cond, mi.loop, iter, m.Decorators)
	w.plain(`,"name":`)
	if nm := objProp(mi.body, "name"); nm != nil {
		c.value(fc, e, nm)
	} else {
		markSpan(w, fc.idx, m.Path)
		w.exprString(fc.moduleName(e, mi))
	}
	c.scopeProps(fc, e, objProp(mi.body, "scope"), true)
	w.raw(`,"properties":{"expressionEvaluationOptions":{"scope":"inner"},"mode":"Incremental","parameters":{`)
	if ps, ok := objProp(mi.body, "params").(*Object); ok {
		n := 0
		for _, p := range ps.Props {
			if p.Spread() || p.KeyExpr() != nil {
				continue
			}
			if n > 0 {
				w.b.writeByte(',')
			}
			n++
			w.mark(fc.idx, int(p.KeyPos), p.KeyEnd())
			w.str(p.Key())
			w.plain(`:`)
			w.openWith('{')
			if fe, ok := p.Value.(*For); ok {
				w.plain(`"copy":`)
				w.openWith('[')
				c.copyEntry(fc, e, "value", fe, int(fe.pos))
				w.raw("]}")
				continue
			}
			w.plain(`"value":`)
			c.value(fc, e, p.Value)
			w.closeWith('}')
		}
	}
	w.raw(`},"template":`)
	c.moduleTemplate(fc, mi)
	w.raw("}}")
}

// moduleName is the deployment name Bicep gives a module without a name.
func (fc *fileCtx) moduleName(e env, mi *modInfo) string {
	return "format('{0}-{1}', " + quote(mi.sym) + ", uniqueString(deployment().name))"
}

// moduleTemplate reads a local module and writes it as the deployment's template.
// conditionAndCopy writes the "condition" and "copy" members of a resource or
// module: its if (...) and its [for ...] loop, with @batchSize as the copy mode.
func (c *compiler) conditionAndCopy(fc *fileCtx, e env, sym string, cond Expr, loop *For, iter string, decorators []*Decorator) {
	w := c.w
	if cond != nil {
		w.plain(`,"condition":`)
		c.value(fc, e, cond)
	}
	if loop == nil {
		return
	}
	w.raw(`,"copy":{"name":`)
	w.str(sym)
	w.plain(`,"count":`)
	markSpan(w, fc.idx, loop.Iter)
	w.lengthOf(iter)
	for _, d := range decorators {
		if d.Name == "batchSize" && len(d.Args) == 1 {
			w.plain(`,"mode":"serial","batchSize":`)
			c.value(fc, e, d.Args[0])
		}
	}
	w.closeWith('}')
}

func (c *compiler) moduleTemplate(fc *fileCtx, mi *modInfo) {
	w := c.w
	m := mi.m
	empty := `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[]}`
	if mi.missing != "" {
		c.note(fc, m.Path, "/modules/"+mi.sym, "module "+mi.sym, mi.missing)
		w.raw(empty)
		return
	}
	rel := m.Path.Parts[0]
	if len(c.stack) >= maxModuleDepth {
		c.fail(fc, int(m.Path.pos), "modules nested more than "+itoa(maxModuleDepth)+" levels deep")
	}
	if c.load == nil {
		c.note(fc, m.Path, "/modules/"+mi.sym, rel, "module "+rel+" is not read")
		w.raw(empty)
		return
	}
	path, data, err := c.read(fc.f.Path, rel)
	if err != nil {
		c.note(fc, m.Path, "/modules/"+mi.sym, rel, "module "+rel+" cannot be read: "+err.Error())
		w.raw(empty)
		return
	}
	for _, s := range c.stack {
		if s == path {
			c.fail(fc, int(m.Path.pos), "module cycle: "+rel+" includes itself through "+strings.Join(c.stack, " -> "))
		}
	}
	// A module's template does not depend on its caller (its expressions are
	// evaluated in its own scope): compiled once, it is copied for every other use.
	if t, ok := c.compiled[path]; ok {
		if len(c.stack)+t.height > maxModuleDepth {
			c.fail(fc, int(m.Path.pos), "modules nested more than "+itoa(maxModuleDepth)+" levels deep")
		}
		if w.b.size()+t.end-t.start > maxOutput {
			// Refused before it is copied: a fan-out of modules grows fast.
			c.fail(fc, int(m.Path.pos), "the compiled template is larger than "+itoa(maxOutput>>20)+" MB")
		}
		c.copyModule(t)
		c.notes = append(c.notes, t.notes...)
		c.checkSize(fc, int(m.Path.pos))
		return
	}
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		// An ARM template: the nested deployment's template as it is, every value
		// located in the JSON file.
		start, firstMark, firstExpr, boxes := w.b.size(), len(w.marks), len(w.exprs), w.startBoxSpan()
		c.jsonTemplate(fc, m, path, data)
		endBox, boxHeight := w.endBoxSpan(boxes)
		c.compiled[path] = compiledModule{start: start, end: w.b.size(), firstMark: firstMark, endMark: len(w.marks), firstExpr: firstExpr, endExpr: len(w.exprs), height: 1,
			firstBox: boxes.first, endBox: endBox, boxHeight: boxHeight}
		c.checkSize(fc, int(m.Path.pos))
		return
	}
	// Parsed here once: the compiled template is copied for any other use, so the
	// syntax tree is not kept past this module's compilation, and a project's trees
	// are not all live at once.
	nd := c.takeNodes()
	f, perr := parse(path, inPlace(data), false, nd)
	if perr != nil {
		var se *SyntaxError
		if !errors.As(perr, &se) {
			se = &SyntaxError{Msg: perr.Error()}
		}
		panic(bailC{&Error{File: path, Pos: se.Pos, Msg: se.Msg, src: string(data)}})
	}
	mfc := newFileCtx(c, f)
	c.reserveFor(mfc, false)
	start, firstMark, firstExpr, firstNote := w.b.size(), len(w.marks), len(w.exprs), len(c.notes)
	boxes := w.startBoxSpan()
	c.stack = append(c.stack, path)
	savedHeight := c.deepest
	c.deepest = len(c.stack)
	c.template(mfc)
	// Nothing the compiler keeps points into the module's tree past its template
	// (compiledModule holds offsets and notes): its nodes hold the next module's.
	c.releaseNodes(nd)
	height := c.deepest - len(c.stack) + 1
	c.deepest = max(savedHeight, c.deepest)
	c.stack = c.stack[:len(c.stack)-1]
	endBox, boxHeight := w.endBoxSpan(boxes)
	c.compiled[path] = compiledModule{start: start, end: w.b.size(), firstMark: firstMark, endMark: len(w.marks), firstExpr: firstExpr, endExpr: len(w.exprs), height: height, notes: append([]Note(nil), c.notes[firstNote:]...),
		firstBox: boxes.first, endBox: endBox, boxHeight: boxHeight}
}

// copyModule writes again a module's template compiled earlier in this output, with
// its marks and expressions moved to the copy.
func (c *compiler) copyModule(t compiledModule) {
	w := c.w
	base := w.b.size()
	// Write copies from the buffer as it was, even when it grows.
	w.b.write(w.b.data()[t.start:t.end])
	shift := int32(base - t.start) //nolint:gosec // G115: bounded by maxOutput
	// The copied text starts no line with its first byte (a mark writes the
	// newline before its line): its marks' lines are theirs, shifted.
	w.copyMarks(t.firstMark, t.endMark, shift)
	w.exprs = slices.Grow(w.exprs, t.endExpr-t.firstExpr)
	for i := t.firstExpr; i < t.endExpr; i++ {
		e := w.exprs[i]
		e.Off += shift
		w.exprs = append(w.exprs, e)
	}
	w.copyBoxes(t.firstBox, t.endBox, shift, t.boxHeight)
}

// jsonTemplate writes a local ARM template module (module m 'x.json') member by
// member, each value marked with its place in the JSON file. A file that is not
// JSON, or not a template object, is a located error in it.
func (c *compiler) jsonTemplate(fc *fileCtx, m *Module, path string, data []byte) {
	src, root, err := jsonsrc.Parse(path, data)
	if err == nil && !root.IsObject() {
		err = &netdoc.SourceError{Location: netdoc.Location{File: path, Line: 1, Column: 1}, Msg: "expected a template object"}
	}
	if err != nil {
		var se *netdoc.SourceError
		if !errors.As(err, &se) {
			c.fail(fc, int(m.Path.pos), "module "+m.Path.Parts[0]+": "+err.Error())
		}
		f := &srcFile{src: string(data)}
		panic(bailC{&Error{File: path, Pos: max(f.offset(se.Line, se.Column), 0), Msg: "the module's template: " + se.Msg, src: string(data)}})
	}
	w := c.w
	idx := w.fileIndex(path, string(src.JSON), lineTable{})
	var write func(v gjson.Result)
	write = func(v gjson.Result) {
		w.mark(idx, v.Index, v.Index+len(v.Raw))
		switch {
		case v.IsObject():
			w.openWith('{')
			n := 0
			src.ForEach(v, func(k, x gjson.Result) bool {
				if n > 0 {
					w.b.writeByte(',')
				}
				n++
				w.str(k.String())
				w.b.writeByte(':')
				write(x)
				return true
			})
			w.closeWith('}')
		case v.IsArray():
			w.openWith('[')
			n := 0
			src.ForEach(v, func(_, x gjson.Result) bool {
				if n > 0 {
					w.b.writeByte(',')
				}
				n++
				write(x)
				return true
			})
			w.closeWith(']')
		case v.Type == gjson.String:
			w.str(v.String())
		default:
			w.raw(v.Raw)
		}
	}
	write(root)
}

// compiledModule is a module's template as compiled once: where its text and its
// source marks are in the output (not copied unless the module is used again), the
// notes it gave, and how deep its own modules nest.
type compiledModule struct {
	start, end         int
	firstMark, endMark int
	firstExpr, endExpr int
	notes              []Note
	height             int
	// The objects and arrays of its text (jw.boxes), and how much deeper than the
	// text's start they nest.
	firstBox, endBox, boxHeight int
}

// prop writes one object member, after a comma when sep.
func (c *compiler) prop(fc *fileCtx, e env, p *Prop, sep bool) {
	if p.Spread() {
		// Rare in resource bodies: what it adds is not known here.
		w := c.w
		if sep {
			w.b.writeByte(',')
		}
		w.mark(fc.idx, int(p.KeyPos), p.KeyEnd())
		w.str("__spread" + itoa(int(p.KeyPos)))
		w.b.writeByte(':')
		c.value(fc, e, p.Value)
		return
	}
	c.member(fc, e, p, sep)
}

// member writes an object member that is not a spread, after a comma when sep:
// written with an identifier key, not one append more (markedKey).
func (c *compiler) member(fc *fileCtx, e env, p *Prop, sep bool) {
	w := c.w
	if p.KeyIdent() && p.KeyExpr() == nil {
		w.markedKey(fc.idx, int(p.KeyPos), p.KeyEnd(), p.Key(), sep)
		c.value(fc, e, p.Value)
		return
	}
	if sep {
		w.b.writeByte(',')
	}
	switch {
	case p.KeyExpr() != nil:
		w.mark(fc.idx, int(p.KeyPos), p.KeyEnd())
		w.exprString(fc.expr(e, p.KeyExpr()))
		w.b.writeByte(':')
	default:
		w.mark(fc.idx, int(p.KeyPos), p.KeyEnd())
		w.str(p.Key())
		w.b.writeByte(':')
	}
	c.value(fc, e, p.Value)
}

// value writes a value in JSON position: literals as JSON, objects and arrays
// member by member, anything else as an expression string. Each is marked with
// its span, read from its node, not through Expr (BenchmarkRead1MBFile: a call
// through the interface for every value).
func (c *compiler) value(fc *fileCtx, e env, x Expr) {
	w := c.w
	switch v := x.(type) {
	case *Str:
		if len(v.Exprs()) == 0 {
			s := v.Parts[0]
			if strings.HasPrefix(s, "[") {
				s = "[" + s
			}
			w.markedStr(fc.idx, int(v.pos), int(v.end), s)
			return
		}
	case *Num:
		w.mark(fc.idx, int(v.pos), int(v.end))
		w.number(v.Text)
		return
	case *Unary:
		if n, ok := v.X.(*Num); ok && v.Op == "-" {
			w.mark(fc.idx, int(v.pos), int(v.end))
			w.b.writeByte('-')
			w.number(n.Text)
			return
		}
	case *Lit:
		w.mark(fc.idx, int(v.pos), int(v.end))
		w.plain(v.Text) // true, false or null
		return
	case *Paren:
		w.mark(fc.idx, int(v.pos), int(v.end))
		c.value(fc, e, v.X)
		return
	case *Array:
		if hasSpread(v) {
			break // an expression: flatten(...)
		}
		w.mark(fc.idx, int(v.pos), int(v.end))
		w.openWith('[')
		for i, it := range v.Items {
			if i > 0 {
				w.b.writeByte(',')
			}
			c.value(fc, e, it)
		}
		w.closeWith(']')
		return
	case *Object:
		// By index: a member is some fifty bytes, copied by a range over them
		// (BenchmarkRead1MB).
		spread := false
		for i := range v.Props {
			spread = spread || v.Props[i].Spread()
		}
		if spread {
			break
		}
		w.mark(fc.idx, int(v.pos), int(v.end))
		w.openWith('{')
		n := 0
		var loops []Prop
		for i := range v.Props {
			p := &v.Props[i]
			if _, ok := p.Value.(*For); ok && p.KeyExpr() == nil {
				loops = append(loops, *p)
				continue
			}
			// prop, but for the spread members the object has none of.
			c.member(fc, e, p, n > 0)
			n++
		}
		if len(loops) > 0 {
			if n > 0 {
				w.b.writeByte(',')
			}
			w.plain(`"copy":`)
			w.openWith('[')
			for i, p := range loops {
				if i > 0 {
					w.b.writeByte(',')
				}
				c.copyEntry(fc, e, p.Key(), p.Value.(*For), int(p.KeyPos))
			}
			w.closeWith(']')
		}
		w.closeWith('}')
		return
	}
	markSpan(w, fc.idx, x)
	off := w.startExpr()
	w.b.buf = fc.appendExprD(w.b.buf, e, x, 0)
	w.endExpr(off)
}

func markSpan(w *jw, file int, x Expr) {
	pos, end := x.span()
	w.mark(file, pos, end)
}

type readResult struct {
	path string
	data []byte
	err  error
}

// read reads a file a Bicep file refers to, once per compilation.
func (c *compiler) read(from, rel string) (string, []byte, error) {
	k := [2]string{filepath.Dir(from), rel}
	if r, ok := c.reads[k]; ok {
		return r.path, r.data, r.err
	}
	p, d, err := c.load(from, rel)
	c.reads[k] = readResult{p, d, err}
	return p, d, err
}
