package arm

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// Resource types, lower case (ARM types are case-insensitive).
const (
	typeCluster    = "microsoft.containerservice/managedclusters"
	typeAgentPool  = "microsoft.containerservice/managedclusters/agentpools"
	typeVNet       = "microsoft.network/virtualnetworks"
	typeSubnet     = "microsoft.network/virtualnetworks/subnets"
	typePeering    = "microsoft.network/virtualnetworks/virtualnetworkpeerings"
	typeRouteTable = "microsoft.network/routetables"
	typeRoute      = "microsoft.network/routetables/routes"
	typeNSG        = "microsoft.network/networksecuritygroups"
	typeNSGRule    = "microsoft.network/networksecuritygroups/securityrules"
	typeRole       = "microsoft.authorization/roleassignments"
	// typeRoleDefinition is written as ARM IDs spell it, for idSegs.
	typeRoleDefinition = "Microsoft.Authorization/roleDefinitions"
	typeIdentity       = "microsoft.managedidentity/userassignedidentities"
	typeDeployment     = "microsoft.resources/deployments"
)

func relevantType(t string) bool {
	switch t {
	case typeCluster, typeAgentPool, typeVNet, typeSubnet, typePeering, typeRouteTable, typeRoute,
		typeNSG, typeNSGRule, typeRole, typeIdentity, typeDeployment:
		return true
	}
	return strings.HasSuffix(t, "/providers/roleassignments")
}

// inst is one instance of a declared resource (one iteration of its copy
// loop) whose condition is not false.
type inst struct {
	sc       *scope
	f        *frame
	src      *jsonsrc.Source
	j        gjson.Result
	typ      string // full type, lower case
	typText  string // full type as written
	parent   *inst  // the resource a nested child is declared in
	owner    *inst  // the nested deployment whose template declares it
	symbol   string // languageVersion 2.0 symbolic name
	existing bool
	// countUnknown is why the copy count is not known ("" when it is).
	countUnknown string
	// condUnknown is the condition not known statically ("" when it is known
	// to be true, or there is none); the instance is read as deployed.
	condUnknown string
	dep         *deployment

	segs     []seg
	segsDone bool
	// referencing is set while reference() of this resource evaluates its
	// properties, so that a cycle through them ends (declaredReference).
	referencing bool
}

// walk reads the resources of a template (an array, or an object keyed by
// symbolic name) in scope s.
func (x *extractor) walk(s *scope, f *frame, src *jsonsrc.Source, list gjson.Result, parent *inst) {
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
func fullType(typ string, parent *inst) string {
	if parent == nil {
		return typ
	}
	ns, _, _ := strings.Cut(typ, "/")
	if strings.Contains(ns, ".") {
		return typ
	}
	return parent.typText + "/" + typ
}

func (x *extractor) resource(s *scope, f *frame, src *jsonsrc.Source, r gjson.Result, symbol string, parent *inst) {
	typText := fullType(x.field(src, r, "type").String(), parent)
	typ := strings.ToLower(typText)
	if !relevantType(typ) {
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
func (x *extractor) instances(s *scope, f *frame, src *jsonsrc.Source, r gjson.Result, symbol string, parent *inst, typText string) []*inst {
	mk := func(fr *frame) *inst {
		return &inst{sc: s, f: fr, src: src, j: r, typ: strings.ToLower(typText), typText: typText, parent: parent, symbol: symbol,
			existing: x.field(src, r, "existing").Bool(), owner: x.owner}
	}
	var out []*inst
	add := func(in *inst) {
		if x.count >= maxInstances {
			x.truncated = true
			return
		}
		x.count++
		out = append(out, in)
		if symbol != "" {
			key := strings.ToLower(symbol)
			s.symbols[key] = append(s.symbols[key], in)
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
func (x *extractor) condition(s *scope, f *frame, src *jsonsrc.Source, r gjson.Result) (deployed bool, unknown string) {
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

// conditional is the condition, not known statically, that the instance
// is deployed under: its own, or that of a resource or nested deployment
// it is declared in. "" when the instance is certainly deployed.
func (in *inst) conditional() string {
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

// seg is one segment of a resource name: a string, or Unknown.
type seg struct {
	v any
	t trace
}

// names returns the resource's name segments, one per type segment after
// the namespace, or nil when they cannot be told apart.
func (x *extractor) names(in *inst) []seg {
	if in.segsDone {
		return in.segs
	}
	in.segsDone = true
	want := strings.Count(in.typ, "/")
	own := x.splitName(x.get(x.resourceVal(in), "name"))
	switch {
	case len(own) == want:
		in.segs = own
	case in.parent != nil && len(own) > 0 && len(x.names(in.parent))+len(own) == want:
		in.segs = append(append([]seg{}, x.names(in.parent)...), own...)
	}
	return in.segs
}

// elsewhere reports whether the resource is deployed by a nested
// deployment that targets another resource group or subscription.
func (in *inst) elsewhere() bool {
	for d := in.owner; d != nil; d = d.owner {
		if getFold(d.j, "resourceGroup").Exists() || getFold(d.j, "subscriptionId").Exists() {
			return true
		}
	}
	return false
}

// nameText is the full name when every segment is known.
func (in *inst) nameText() (string, bool) {
	var parts []string
	for _, s := range in.segs {
		str, ok := s.v.(string)
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
func (x *extractor) splitName(v val) []seg {
	if v.absent {
		return nil
	}
	if s, ok := v.v.(string); ok {
		var out []seg
		for _, p := range strings.Split(s, "/") {
			out = append(out, seg{v: p, t: v.t})
		}
		return out
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
	return []seg{{v: v.v, t: v.t}}
}

// piece is a part of a name: literal text or an argument node.
type piece struct {
	text string
	n    armexpr.Node
}

func (x *extractor) splitFormat(t trace, c *armexpr.Call) []seg {
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

func (x *extractor) splitConcat(t trace, c *armexpr.Call) []seg {
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
func (x *extractor) segments(t trace, pieces []piece) []seg {
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
	var out []seg
	for _, g := range groups {
		if len(g) == 1 && g[0].n != nil {
			out = append(out, seg{v: x.evalNode(t.s, t.f, g[0].n), t: onNode(t, g[0].n)})
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
			out = append(out, seg{v: unk, t: t})
			continue
		}
		out = append(out, seg{v: b.String(), t: t})
	}
	return out
}
