package bicep

import "unsafe"

// Expr is a Bicep expression. Pos and End are byte offsets in the file.
type Expr interface {
	span() (int, int)
}

// node is a node's span. Offsets of 32 bits (sources are bounded by the read
// limits): most nodes fall into a smaller size class, and the slabs hold more of
// them a chunk (BenchmarkPhases1MB/parse).
type node struct{ pos, end int32 }

func (n node) span() (int, int) { return int(n.pos), int(n.end) }

// span32 is the span of x as the nodes hold it.
func span32(x Expr) (pos, end int32) {
	p, e := x.span()
	return i32(p), i32(e)
}

type (
	// Ident is a name: a parameter, variable, resource, module, loop variable or
	// lambda parameter.
	Ident struct {
		node
		Name string
	}
	// Str is a string; Exprs()[i] sits between Parts[i] and Parts[i+1]. A string
	// of more than one part is interpolated, and is the s of an interpStr (only
	// parser.str makes one): most strings are plain, and their nodes hold no
	// room for holes (BenchmarkRead1MBFile).
	Str struct {
		node
		Parts []string
	}
	// Num is an integer literal.
	Num struct {
		node
		Text string
	}
	// Lit is true, false or null.
	Lit struct {
		node
		Text string
	}
	// Array is [ items ].
	Array struct {
		node
		Items []Expr
	}
	// Object is { key: value } with nested resources (Resources()) and spreads.
	Object struct {
		node
		Props []Prop
		// nested are the resources declared in the object; nil if none. A
		// pointer, not a slice: few objects declare resources, and an object
		// node is 40 bytes, not 56 (BenchmarkPhases1MB/parse).
		nested *[]*Resource
	}
	// Prop is one object member; Spread(): ...Value. Key() and KeyExpr() are read
	// through key: a key written as an identifier, or as a string with no escape,
	// is the source's own bytes at its span, and any other a string node. The
	// key's span in 32 bits (sources are bounded by the read limits, and by
	// maxSource), and the flags in the end's top bits: a 1 MB project has some
	// 30,000 members, 32 bytes each, not 48 (BenchmarkRead1MBFile).
	Prop struct {
		Value Expr
		// key is the key's first byte in the source (propKeyIdent,
		// propKeyQuoted), the first byte of its *Str (any other key but a
		// spread's), or nil. A *byte, not an unsafe.Pointer: trees compare
		// deeply (TestNodesReused).
		key    *byte
		KeyPos int32
		// keyEnd is the key's end offset, with propSpread, propKeyIdent and
		// propKeyQuoted.
		keyEnd uint32
	}
	// Unary is !x or -x.
	Unary struct {
		node
		Op string
		X  Expr
	}
	// Binary is l op r.
	Binary struct {
		node
		Op   string
		L, R Expr
	}
	// Ternary is c ? t : f.
	Ternary struct {
		node
		Cond, Then, Else Expr
	}
	// Call is ns.name(args) or name(args).
	Call struct {
		node
		NS   string // "", "sys", "az"
		Name string
		Args []Expr
		// Recv is the value a method-style call is made on (x.listKeys()); nil otherwise.
		Recv Expr
	}
	// Member is x.name (Safe: x.?name).
	Member struct {
		node
		X    Expr
		Name string
		Safe bool
	}
	// Index is x[i] (Safe: x[?i]).
	Index struct {
		node
		X, I Expr
		Safe bool
	}
	// NonNull is x!.
	NonNull struct {
		node
		X Expr
	}
	// For is [for (item, index) in iter: body] with an optional filter.
	For struct {
		node
		Item, IndexVar string
		Iter           Expr
		Filter         Expr
		Body           Expr
	}
	// Spread is ...X, an array item: X's items, in its place.
	Spread struct {
		node
		X Expr
	}
	// Lambda is (a, b) => body.
	Lambda struct {
		node
		Params []string
		Body   Expr
	}
	// If is if (cond) body, the body of a conditional resource or module.
	If struct {
		node
		Cond Expr
		Body Expr
	}
	// Paren is (x), kept so that the compiled text keeps the grouping.
	Paren struct {
		node
		X Expr
	}
)

// The flags of Prop.keyEnd, above any offset (maxSource).
const (
	propSpread   = 1 << 31
	propKeyIdent = 1 << 30
	// propKeyQuoted: the key is a string whose text is the source's between
	// its quotes.
	propKeyQuoted = 1 << 29
	propEnd       = propKeyQuoted - 1
)

// KeyEnd is the end offset of the member's key (of the "..." of a spread).
func (p *Prop) KeyEnd() int { return int(p.keyEnd & propEnd) }

// Spread reports whether the member is ...Value.
func (p *Prop) Spread() bool { return p.keyEnd&propSpread != 0 }

// KeyIdent reports whether the key is written as an identifier, so that its JSON
// string needs no escape (BenchmarkRead1MB: most keys are identifiers).
func (p *Prop) KeyIdent() bool { return p.keyEnd&propKeyIdent != 0 }

// Key is the member's key: of an interpolated key, its text before the first
// interpolation; "" for a spread.
func (p *Prop) Key() string {
	switch {
	case p.keyEnd&propKeyIdent != 0:
		return unsafe.String(p.key, int(p.keyEnd&propEnd)-int(p.KeyPos)) //nolint:gosec // G103: key is the identifier's first byte in the source
	case p.keyEnd&propKeyQuoted != 0:
		return unsafe.String(p.key, int(p.keyEnd&propEnd)-int(p.KeyPos)-2) //nolint:gosec // G103: key is the first byte after the quote in the source
	case p.key != nil:
		return (*Str)(unsafe.Pointer(p.key)).Parts[0] //nolint:gosec // G103: key is the *Str of the key
	}
	return ""
}

// KeyExpr is the member's key if it is interpolated, nil otherwise.
func (p *Prop) KeyExpr() *Str {
	if p.keyEnd&(propKeyIdent|propKeyQuoted) != 0 || p.key == nil {
		return nil
	}
	if s := (*Str)(unsafe.Pointer(p.key)); len(s.Parts) > 1 { //nolint:gosec // G103: key is the *Str of the key
		return s
	}
	return nil
}

// Resources are the resources declared in o, in order; none in most objects.
func (o *Object) Resources() []*Resource {
	if o.nested == nil {
		return nil
	}
	return *o.nested
}

// Exprs are the expressions interpolated in s, Exprs()[i] between Parts[i] and
// Parts[i+1]; none in a plain string.
func (s *Str) Exprs() []Expr {
	if len(s.Parts) < 2 {
		return nil
	}
	h := (*interpStr)(unsafe.Pointer(s)).holes //nolint:gosec // G103: a Str of more than one part is an interpStr's (parser.str)
	return unsafe.Slice(h, len(s.Parts)-1)     //nolint:gosec // G103: the holes are len(Parts)-1 values in a row (parser.str)
}

// interpStr is an interpolated string: its Str, first, and its holes.
type interpStr struct {
	s Str
	// holes is the first of the interpolated expressions, len(s.Parts)-1 of
	// them in a row. A pointer, not a slice: a string node is 40 bytes, not 56.
	holes *Expr
}

// Decorator is @name(args).
type Decorator struct {
	node
	NS   string
	Name string
	Args []Expr
}

// Type is a type expression, kept as the few facts the compilation needs.
type Type struct {
	node
	Name     string // a primitive or a named type; "" for literals and shapes
	Kind     string // string, int, bool, object, array, or "" when not known
	Nullable bool
	Resource string // resource<'T@v'> / resourceInput types: the type string
}

// File is a parsed Bicep file.
type File struct {
	Path        string
	Src         string
	TargetScope Expr
	Params      []*Param
	Vars        []*Var
	Resources   []*Resource
	Modules     []*Module
	Outputs     []*Output
	Types       map[string]*Type
	Funcs       []*Func
	Imports     []*Import
	Using       *Str      // .bicepparam: using 'x.bicep'
	lines       lineTable // of Src, as the lexer counted it
	UsingNone   bool      // using none
	Extends     *Str      // .bicepparam: extends 'base.bicepparam'
	Order       []any
}

// Param is a param declaration (in a .bicepparam file: an assignment, with Value).
type Param struct {
	node
	Name       string
	NamePos    int
	Type       *Type
	Default    Expr
	Decorators []*Decorator
}

// Var is a var declaration.
type Var struct {
	node
	Name       string
	Value      Expr
	Decorators []*Decorator
}

// Resource is a resource declaration (top level or nested in its parent's body).
type Resource struct {
	node
	Name       string
	TypeStr    *Str
	Existing   bool
	Body       Expr // *Object, *If, or *For
	Decorators []*Decorator
	Parent     *Resource // lexical parent for nested resources
}

// Module is a module declaration.
type Module struct {
	node
	Name       string
	Path       *Str
	Body       Expr
	Decorators []*Decorator
}

// Output is an output declaration.
type Output struct {
	node
	Name       string
	Type       *Type
	Value      Expr
	Decorators []*Decorator
}

// Func is a user-defined function.
type Func struct {
	node
	Name   string
	Params []string
	Body   Expr
}

// Import is an import or extension statement.
type Import struct {
	node
	From    *Str
	Names   []ImportName
	Star    string // import * as ns
	IsExt   bool
	Symbols []string
}

// ImportName is one imported symbol with its local alias.
type ImportName struct {
	Name, Alias string
}
