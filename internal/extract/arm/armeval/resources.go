package armeval

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Resource types the evaluation itself reads, lower case (ARM types are
// case-insensitive).
const (
	// typeVNet: reference() of a declared VNet gives its subnets' IDs.
	typeVNet       = "microsoft.network/virtualnetworks"
	typeDeployment = "microsoft.resources/deployments"
)

// Resource is one instance of a declared resource (one iteration of its copy
// loop) whose condition is not false.
type Resource struct {
	sc       *scope
	f        *frame
	src      *jsonsrc.Source
	j        gjson.Result
	typ      string    // full type, lower case
	typText  string    // full type as written
	parent   *Resource // the resource a nested child is declared in
	owner    *Resource // the nested deployment whose template declares it
	symbol   string    // languageVersion 2.0 symbolic name
	existing bool
	// countUnknown is why the copy count is not known ("" when it is).
	countUnknown string
	// condUnknown is the condition not known statically ("" when it is known
	// to be true, or there is none); the instance is read as deployed.
	condUnknown string
	dep         *nestedDeployment

	segs     []Seg
	segsDone bool
	// referencing is set while reference() of this resource evaluates its
	// properties, so that a cycle through them ends (declaredReference).
	referencing bool
}

// walk reads the resources of a template (an array, or an object keyed by
// symbolic name) in scope s.
func (x *Deployment) walk(s *scope, f *frame, src *jsonsrc.Source, list gjson.Result, parent *Resource) {
	src.ForEach(list, func(k, r gjson.Result) bool {
		if !r.IsObject() {
			return true
		}
		symbol := ""
		if list.IsObject() {
			symbol = k.String()
		}
		x.resource(s, f, src, r, symbol, parent)
		return !x.truncated
	})
}

// fullType joins a nested child's type to its parent's.
func fullType(typ string, parent *Resource) string {
	if parent == nil {
		return typ
	}
	ns, _, _ := strings.Cut(typ, "/")
	if strings.Contains(ns, ".") {
		return typ
	}
	return parent.typText + "/" + typ
}

func (x *Deployment) resource(s *scope, f *frame, src *jsonsrc.Source, r gjson.Result, symbol string, parent *Resource) {
	typText := fullType(x.field(src, r, "type").String(), parent)
	typ := strings.ToLower(typText)
	if typ != typeDeployment && x.opt.Types != nil && !x.opt.Types(typ) {
		return
	}
	if typ == typeDeployment && parent == nil {
		for _, in := range x.deploymentInsts(s, f, src, r, symbol) {
			x.walkDeployment(in)
		}
		return
	}
	for _, in := range x.instances(s, f, src, r, symbol, parent, typText) {
		x.insts = append(x.insts, in)
		if in.countUnknown == "" {
			x.walk(s, in.f, src, x.field(src, r, "resources"), in)
		}
	}
}

// instances expands a resource's copy loop and drops iterations whose
// condition is false. An unknown count gives one instance marked so.
func (x *Deployment) instances(s *scope, f *frame, src *jsonsrc.Source, r gjson.Result, symbol string, parent *Resource, typText string) []*Resource {
	mk := func(fr *frame) *Resource {
		return &Resource{sc: s, f: fr, src: src, j: r, typ: strings.ToLower(typText), typText: typText, parent: parent, symbol: symbol,
			existing: x.field(src, r, "existing").Bool(), owner: x.owner}
	}
	var out []*Resource
	add := func(in *Resource) {
		if x.count >= maxInstances {
			x.truncated = true
			return
		}
		x.count++
		out = append(out, in)
		if symbol != "" {
			key := strings.ToLower(symbol)
			put(&s.symbols, key, append(s.symbols[key], in))
		}
	}
	c := x.field(src, r, "copy")
	if !c.IsObject() {
		if deployed, unknown := x.condition(s, f, src, r); deployed {
			in := mk(f)
			in.condUnknown = unknown
			add(in)
		}
		return out
	}
	name := getFold(c, "name").String()
	n, why := x.copyCount(s, f, src, c)
	if n < 0 {
		in := mk(x.frame(name, -1, true, f))
		in.countUnknown = why
		add(in)
		return out
	}
	for i := range n {
		fr := x.frame(name, i, true, f)
		if deployed, unknown := x.condition(s, fr, src, r); deployed {
			in := mk(fr)
			in.condUnknown = unknown
			add(in)
		}
	}
	return out
}

// condition reports whether a resource is deployed: false only when its
// condition is known to be false. unknown is the condition as written when
// its value is not known (the resource is then read as deployed).
func (x *Deployment) condition(s *scope, f *frame, src *jsonsrc.Source, r gjson.Result) (deployed bool, unknown string) {
	c := x.field(src, r, "condition")
	if !c.Exists() {
		return true, ""
	}
	v := x.evalJSON(s, f, src, c)
	if b, ok := v.(bool); ok {
		return b, ""
	}
	if str, isStr := v.(string); isStr {
		// ARM accepts "true"/"false" strings.
		return !strings.EqualFold(str, "false"), ""
	}
	return true, clip(c.String())
}

// Conditional is the condition, not known statically, that the instance
// is deployed under: its own, or that of a resource or nested deployment
// it is declared in. "" when the instance is certainly deployed.
func (in *Resource) Conditional() string {
	for i := in; i != nil; i = i.parent {
		if i.condUnknown != "" {
			return i.condUnknown
		}
		for d := i.owner; d != nil; d = d.owner {
			if d.condUnknown != "" {
				return d.condUnknown
			}
		}
	}
	return ""
}

// Seg is one segment of a resource name: a string, or Unknown.
type Seg struct {
	V any
	t trace
}

// Names returns the resource's name segments, one per type segment after
// the namespace, or nil when they cannot be told apart.
func (x *Deployment) Names(in *Resource) []Seg {
	if in.segsDone {
		return in.segs
	}
	in.segsDone = true
	want := strings.Count(in.typ, "/")
	own := x.splitName(x.Get(x.Body(in), "name"))
	switch {
	case len(own) == want:
		in.segs = own
	case in.parent != nil && len(own) > 0 && len(x.Names(in.parent))+len(own) == want:
		in.segs = append(append([]Seg{}, x.Names(in.parent)...), own...)
	}
	return in.segs
}

// Elsewhere reports whether the resource is deployed by a nested
// deployment that targets another resource group or subscription.
func (in *Resource) Elsewhere() bool { return in.elsewhereFrom(nil) }

// elsewhereFrom reports whether the resource is deployed in another resource
// group or subscription than the one a resource ID without them names in scope
// s, in.sc: a nested deployment that targets another one, between the resource
// and the deployment whose template s evaluates (its own target is s's); with s
// nil, any nested deployment around it.
func (in *Resource) elsewhereFrom(s *scope) bool {
	for d := in.owner; d != nil; d = d.owner {
		if d.dep != nil && d.dep.inner == s && !d.dep.outer {
			return false
		}
		if getFold(d.j, "resourceGroup").Exists() || getFold(d.j, "subscriptionId").Exists() {
			return true
		}
	}
	return false
}

// nameText is the full name when every segment is known.
func (in *Resource) nameText() (string, bool) {
	var parts []string
	for _, s := range in.segs {
		str, ok := s.V.(string)
		if !ok {
			return "", false
		}
		parts = append(parts, str)
	}
	return strings.Join(parts, "/"), in.segsDone && len(parts) > 0
}

// splitName splits a name value at '/': a known string directly; an
// unknown one through the format() or concat() that builds it, so that a
// known parent name survives an unknown child name and vice versa.
func (x *Deployment) splitName(v Value) []Seg {
	if v.Absent {
		return nil
	}
	if s, ok := v.V.(string); ok {
		// One allocation at the segment count, not strings.Split's slice and then
		// a doubling series (BenchmarkReadDir's memory profile).
		out := make([]Seg, 0, strings.Count(s, "/")+1)
		for {
			p, rest, more := strings.Cut(s, "/")
			out = append(out, Seg{V: p, t: v.t})
			if !more {
				return out
			}
			s = rest
		}
	}
	t := x.resolve(v.t)
	if t.kind == tExpr {
		if c, ok := t.n.(*armexpr.Call); ok {
			switch c.Key() {
			case "format":
				if out := x.splitFormat(t, c); out != nil {
					return out
				}
			case "concat":
				if out := x.splitConcat(t, c); out != nil {
					return out
				}
			}
		}
	}
	return []Seg{{V: v.V, t: v.t}}
}

// piece is a part of a name: literal text or an argument node.
type piece struct {
	text string
	n    armexpr.Node
}

func (x *Deployment) splitFormat(t trace, c *armexpr.Call) []Seg {
	if len(c.Args) == 0 {
		return nil
	}
	f, ok := c.Args[0].(*armexpr.StringLit)
	if !ok || strings.ContainsAny(f.Value, ":,") {
		return nil
	}
	var pieces []piece
	s := f.Value
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			pieces = append(pieces, piece{text: s})
			break
		}
		if i > 0 {
			pieces = append(pieces, piece{text: s[:i]})
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return nil
		}
		k, err := atoi(s[i+1 : i+end])
		if err != nil || k+1 >= len(c.Args) {
			return nil
		}
		pieces = append(pieces, piece{n: c.Args[k+1]})
		s = s[i+end+1:]
	}
	return x.segments(t, pieces)
}

func (x *Deployment) splitConcat(t trace, c *armexpr.Call) []Seg {
	var pieces []piece
	for _, a := range c.Args {
		if lit, ok := a.(*armexpr.StringLit); ok {
			pieces = append(pieces, piece{text: lit.Value})
			continue
		}
		pieces = append(pieces, piece{n: a})
	}
	return x.segments(t, pieces)
}

// segments groups pieces at '/' in literal text. A segment made of one
// argument is that argument (value and trace); one made of literals is
// their text; a mix is evaluated.
func (x *Deployment) segments(t trace, pieces []piece) []Seg {
	var groups [][]piece
	cur := []piece{}
	for _, p := range pieces {
		if p.n != nil {
			cur = append(cur, p)
			continue
		}
		parts := strings.Split(p.text, "/")
		for i, part := range parts {
			if i > 0 {
				groups = append(groups, cur)
				cur = []piece{}
			}
			if part != "" {
				cur = append(cur, piece{text: part})
			}
		}
	}
	groups = append(groups, cur)
	if len(groups) < 2 {
		return nil
	}
	var out []Seg
	for _, g := range groups {
		if len(g) == 1 && g[0].n != nil {
			out = append(out, Seg{V: x.evalNode(t.s, t.f, g[0].n), t: onNode(t, g[0].n)})
			continue
		}
		var b strings.Builder
		var unk any
		for _, p := range g {
			if p.n == nil {
				b.WriteString(p.text)
				continue
			}
			v := x.evalNode(t.s, t.f, p.n)
			str, ok := v.(string)
			if !ok {
				if unk == nil {
					unk = v
				}
				continue
			}
			b.WriteString(str)
		}
		if unk != nil {
			out = append(out, Seg{V: unk, t: t})
			continue
		}
		out = append(out, Seg{V: b.String(), t: t})
	}
	return out
}

// Type is the resource's full type, in lower case (ARM types are case-insensitive).
func (in *Resource) Type() string { return in.typ }

// TypeText is the resource's full type as written.
func (in *Resource) TypeText() string { return in.typText }

// APIVersion is the resource's apiVersion as written.
func (in *Resource) APIVersion() string { return getFold(in.j, "apiVersion").String() }

// Existing reports a resource declared "existing": deployed state, not deployed here.
func (in *Resource) Existing() bool { return in.existing }

// CountUnknown is why the resource's copy count is not known ("" when it is): the
// instance then stands for all of them and its properties are not read.
func (in *Resource) CountUnknown() string { return in.countUnknown }

// TypeLoc locates the resource by its type property.
func (in *Resource) TypeLoc() netdoc.Location {
	if t := getFold(in.j, "type"); t.Exists() {
		return in.src.Loc(t)
	}
	return in.src.Loc(in.j)
}

// NameWritten is the resource's name property as written (clipped) and where.
func (in *Resource) NameWritten() (string, netdoc.Location) {
	name := getFold(in.j, "name")
	return clip(name.String()), in.src.Loc(name)
}

// CountNote is the note, at pointer, on a resource whose copy count is not known.
func (in *Resource) CountNote(pointer string) Note {
	c := getFold(in.j, "copy.count")
	if !c.Exists() {
		c = in.j
	}
	return Note{Pointer: pointer, Expr: clip(c.String()), Reason: "copy loop of " + in.typText + ": " + in.countUnknown, Loc: netdoc.Located{Location: in.src.Loc(c)}}
}
