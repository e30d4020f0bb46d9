package arm

import (
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// keyedResource reads a resource named by n segments ("vnet/subnet" is two) and keys
// its first segment. ok is false for an existing resource, one with an unknown copy
// count (noted at countPointer when given), a different number of segments, or a
// parent name that is not known.
func (x *extractor) keyedResource(in *armeval.Resource, n int, countPointer string) (key string, segs []armeval.Seg, ok bool) {
	if in.Existing() || in.CountUnknown() != "" {
		if in.CountUnknown() != "" && countPointer != "" {
			x.countNote(in, countPointer)
		}
		return "", nil, false
	}
	segs = x.ev.Names(in)
	if len(segs) != n {
		return "", nil, false
	}
	key, ok = x.segKey(segs[0])
	return key, segs, ok
}

// eachChild calls child for every element of an inline child array (routes, security
// rules) with the element's name; an array not known statically is unresolved at pointer.
func (x *extractor) eachChild(children armeval.Value, pointer string, child func(name armeval.Seg, v armeval.Value)) {
	if p, bad := children.Problem(); bad {
		x.unresolved(pointer, children, p)
		return
	}
	for _, c := range x.ev.Elems(children) {
		name := x.ev.Get(c, "name")
		child(x.ev.AsSeg(name), c)
	}
}

func (x *extractor) routeTable(in *armeval.Resource) {
	key, segs, ok := x.keyedResource(in, 1, "/routeTables")
	if !ok {
		return
	}
	ri := x.rtEntry(key, segs[0], in)
	// A table created only under a condition not known may be another one,
	// already there, whose routes are not known.
	if in.Conditional() == "" {
		x.b.Doc.RouteTables[ri].Declared = true
	}
	routes := x.ev.Path(x.ev.Body(in), "properties", "routes")
	x.eachChild(routes, netdoc.Pointer("routeTables", ri, "routes"), func(name armeval.Seg, r armeval.Value) { x.route(ri, name, r) })
}

func (x *extractor) rtEntry(key string, name armeval.Seg, in *armeval.Resource) int {
	if i, ok := x.rtIdx[key]; ok {
		return i
	}
	i := len(x.b.Doc.RouteTables)
	x.rtIdx[key] = i
	rt := netdoc.RouteTable{Key: key}
	if n, ok := name.V.(string); ok {
		rt.Name = n
	}
	x.b.Doc.RouteTables = append(x.b.Doc.RouteTables, rt)
	if in != nil {
		x.b.Locs.Set(netdoc.Pointer("routeTables", i), in.TypeLoc())
	}
	return i
}

func (x *extractor) routeResource(in *armeval.Resource) {
	key, segs, ok := x.keyedResource(in, 2, "")
	if !ok {
		x.childNotRead(in, "routeTables", x.rtIdx, "routes")
		return
	}
	ri := x.rtEntry(key, segs[0], nil)
	pi := len(x.b.Doc.RouteTables[ri].Routes)
	x.route(ri, segs[1], x.ev.Body(in))
	x.conditionalChild(in, netdoc.Pointer("routeTables", ri, "routes", pi))
}

// childNotRead notes a route or security rule resource that is not read
// (its copy count or its parent's name is not known) on the parent it
// belongs to when that is known, else on the whole collection: the parent
// may have a route or rule the document does not show.
func (x *extractor) childNotRead(in *armeval.Resource, collection string, idx map[string]int, children string) {
	if in.Existing() {
		return
	}
	pointer := "/" + collection
	if segs := x.ev.Names(in); len(segs) == 2 {
		if k, ok := x.segKey(segs[0]); ok {
			if i, declared := idx[k]; declared {
				pointer = netdoc.Pointer(collection, i, children)
			}
		}
	}
	if in.CountUnknown() != "" {
		x.countNote(in, pointer)
		return
	}
	name, at := in.NameWritten()
	x.unresolvedAt(pointer, name, "the name of this "+in.TypeText()+" resource is not <parent>/<child>",
		netdoc.Located{Location: at})
}

// conditionalChild notes a route or security rule deployed only under a
// condition not known statically: it may or may not be there.
func (x *extractor) conditionalChild(in *armeval.Resource, pointer string) {
	if c := in.Conditional(); c != "" {
		x.unresolvedAt(pointer, c, "deployed only when this condition holds, which is not known statically",
			netdoc.Located{Location: in.TypeLoc()})
	}
}

func (x *extractor) route(ri int, name armeval.Seg, r armeval.Value) {
	pi := len(x.b.Doc.RouteTables[ri].Routes)
	base := netdoc.Pointer("routeTables", ri, "routes", pi)
	at := func(f ...any) string {
		return netdoc.Under(base, f...)
	}
	rt := netdoc.Route{}
	if n, ok := name.V.(string); ok {
		rt.Name = n
	}
	x.setNamed(at(), name, r)
	props := x.ev.Get(r, "properties")
	rt.AddressPrefix, _ = x.str(x.ev.Get(props, "addressPrefix"), at("addressPrefix"))
	rt.NextHopType, _ = x.str(x.ev.Get(props, "nextHopType"), at("nextHopType"))
	x.b.Doc.RouteTables[ri].Routes = append(x.b.Doc.RouteTables[ri].Routes, rt)
}

func (x *extractor) nsg(in *armeval.Resource) {
	key, segs, ok := x.keyedResource(in, 1, "/networkSecurityGroups")
	if !ok {
		return
	}
	ni := x.nsgEntry(key, segs[0], in)
	if in.Conditional() == "" {
		x.b.Doc.NetworkSecurityGroups[ni].Declared = true
	}
	rules := x.ev.Path(x.ev.Body(in), "properties", "securityRules")
	x.eachChild(rules, netdoc.Pointer("networkSecurityGroups", ni, "rules"), func(name armeval.Seg, r armeval.Value) { x.nsgRule(ni, name, r) })
}

func (x *extractor) nsgEntry(key string, name armeval.Seg, in *armeval.Resource) int {
	if i, ok := x.nsgIdx[key]; ok {
		return i
	}
	i := len(x.b.Doc.NetworkSecurityGroups)
	x.nsgIdx[key] = i
	g := netdoc.SecurityGroup{Key: key}
	if n, ok := name.V.(string); ok {
		g.Name = n
	}
	x.b.Doc.NetworkSecurityGroups = append(x.b.Doc.NetworkSecurityGroups, g)
	if in != nil {
		x.b.Locs.Set(netdoc.Pointer("networkSecurityGroups", i), in.TypeLoc())
	}
	return i
}

func (x *extractor) nsgRuleResource(in *armeval.Resource) {
	key, segs, ok := x.keyedResource(in, 2, "")
	if !ok {
		x.childNotRead(in, "networkSecurityGroups", x.nsgIdx, "rules")
		return
	}
	ni := x.nsgEntry(key, segs[0], nil)
	ri := len(x.b.Doc.NetworkSecurityGroups[ni].Rules)
	x.nsgRule(ni, segs[1], x.ev.Body(in))
	x.conditionalChild(in, netdoc.Pointer("networkSecurityGroups", ni, "rules", ri))
}

func (x *extractor) nsgRule(ni int, name armeval.Seg, r armeval.Value) {
	ri := len(x.b.Doc.NetworkSecurityGroups[ni].Rules)
	base := netdoc.Pointer("networkSecurityGroups", ni, "rules", ri)
	at := func(f ...any) string {
		return netdoc.Under(base, f...)
	}
	rule := netdoc.SecurityRule{}
	if n, ok := name.V.(string); ok {
		rule.Name = n
	}
	x.setNamed(at(), name, r)
	props := x.ev.Get(r, "properties")
	rule.Priority = x.integer(x.ev.Get(props, "priority"), at("priority"))
	rule.Direction, _ = x.str(x.ev.Get(props, "direction"), at("direction"))
	rule.Access, _ = x.str(x.ev.Get(props, "access"), at("access"))
	rule.Protocol, _ = x.str(x.ev.Get(props, "protocol"), at("protocol"))
	rule.SourceAddressPrefixes = x.oneOrMany(props, "sourceAddressPrefix", "sourceAddressPrefixes", at("sourceAddressPrefixes"))
	rule.DestinationAddressPrefixes = x.oneOrMany(props, "destinationAddressPrefix", "destinationAddressPrefixes", at("destinationAddressPrefixes"))
	rule.DestinationPortRanges = x.oneOrMany(props, "destinationPortRange", "destinationPortRanges", at("destinationPortRanges"))
	x.b.Doc.NetworkSecurityGroups[ni].Rules = append(x.b.Doc.NetworkSecurityGroups[ni].Rules, rule)
}

// oneOrMany merges an NSG rule's single and array forms.
func (x *extractor) oneOrMany(props armeval.Value, one, many, pointer string) []string {
	out := x.single(props, one, "\x00", pointer)
	if arr := x.ev.Get(props, many); !arr.Absent {
		out = append(out, x.strs(arr, pointer)...)
	}
	return out
}

// setNamed locates a route or security rule at its name, where a reader
// finds it, or at the object when the name is not known.
func (x *extractor) setNamed(pointer string, name armeval.Seg, body armeval.Value) {
	if _, ok := name.V.(string); !ok {
		x.set(pointer, body)
		return
	}
	x.set(pointer, name.Value())
}
