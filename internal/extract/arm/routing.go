package arm

import (
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// keyedResource reads a resource named by n segments ("vnet/subnet" is two) and keys
// its first segment. ok is false for an existing resource, one with an unknown copy
// count (noted at countPointer when given), a different number of segments, or a
// parent name that is not known.
func (x *extractor) keyedResource(in *inst, n int, countPointer string) (key string, segs []seg, ok bool) {
	if in.existing || in.countUnknown != "" {
		if in.countUnknown != "" && countPointer != "" {
			x.countNote(in, countPointer)
		}
		return "", nil, false
	}
	segs = x.names(in)
	if len(segs) != n {
		return "", nil, false
	}
	key, ok = x.segKey(segs[0])
	return key, segs, ok
}

// eachChild calls child for every element of an inline child array (routes, security
// rules) with the element's name; an array not known statically is unresolved at pointer.
func (x *extractor) eachChild(children val, pointer string, child func(name seg, v val)) {
	if p, bad := problem(children); bad {
		x.unresolved(pointer, children, p)
		return
	}
	for _, c := range x.elems(children) {
		name := x.get(c, "name")
		child(seg{v: x.value(name), t: name.t}, c)
	}
}

func (x *extractor) routeTable(in *inst) {
	key, segs, ok := x.keyedResource(in, 1, "/routeTables")
	if !ok {
		return
	}
	ri := x.rtEntry(key, segs[0], in)
	// A table created only under a condition not known may be another one,
	// already there, whose routes are not known.
	if in.conditional() == "" {
		x.doc.RouteTables[ri].Declared = true
	}
	routes := x.path(x.resourceVal(in), "properties", "routes")
	x.eachChild(routes, netdoc.Pointer("routeTables", ri, "routes"), func(name seg, r val) { x.route(ri, name, r) })
}

func (x *extractor) rtEntry(key string, name seg, in *inst) int {
	if i, ok := x.rtIdx[key]; ok {
		return i
	}
	i := len(x.doc.RouteTables)
	x.rtIdx[key] = i
	rt := netdoc.RouteTable{Key: key}
	if n, ok := name.v.(string); ok {
		rt.Name = n
	}
	x.doc.RouteTables = append(x.doc.RouteTables, rt)
	if in != nil {
		x.locs.Set(netdoc.Pointer("routeTables", i), x.typeLoc(in))
	}
	return i
}

func (x *extractor) routeResource(in *inst) {
	key, segs, ok := x.keyedResource(in, 2, "")
	if !ok {
		x.childNotRead(in, "routeTables", x.rtIdx, "routes")
		return
	}
	ri := x.rtEntry(key, segs[0], nil)
	pi := len(x.doc.RouteTables[ri].Routes)
	x.route(ri, segs[1], x.resourceVal(in))
	x.conditionalChild(in, netdoc.Pointer("routeTables", ri, "routes", pi))
}

// childNotRead notes a route or security rule resource that is not read
// (its copy count or its parent's name is not known) on the parent it
// belongs to when that is known, else on the whole collection: the parent
// may have a route or rule the document does not show.
func (x *extractor) childNotRead(in *inst, collection string, idx map[string]int, children string) {
	if in.existing {
		return
	}
	pointer := "/" + collection
	if segs := x.names(in); len(segs) == 2 {
		if k, ok := x.segKey(segs[0]); ok {
			if i, declared := idx[k]; declared {
				pointer = netdoc.Pointer(collection, i, children)
			}
		}
	}
	if in.countUnknown != "" {
		x.countNote(in, pointer)
		return
	}
	name := getFold(in.j, "name")
	x.unresolvedAt(pointer, clip(name.String()), "the name of this "+in.typText+" resource is not <parent>/<child>",
		netdoc.Located{Location: in.src.Loc(name)})
}

// conditionalChild notes a route or security rule deployed only under a
// condition not known statically: it may or may not be there.
func (x *extractor) conditionalChild(in *inst, pointer string) {
	if c := in.conditional(); c != "" {
		x.unresolvedAt(pointer, c, "deployed only when this condition holds, which is not known statically",
			netdoc.Located{Location: x.typeLoc(in)})
	}
}

func (x *extractor) route(ri int, name seg, r val) {
	pi := len(x.doc.RouteTables[ri].Routes)
	base := netdoc.Pointer("routeTables", ri, "routes", pi)
	at := func(f ...any) string {
		return netdoc.Under(base, f...)
	}
	rt := netdoc.Route{}
	if n, ok := name.v.(string); ok {
		rt.Name = n
	}
	x.setNamed(at(), name, r)
	props := x.get(r, "properties")
	rt.AddressPrefix, _ = x.str(x.get(props, "addressPrefix"), at("addressPrefix"))
	rt.NextHopType, _ = x.str(x.get(props, "nextHopType"), at("nextHopType"))
	x.doc.RouteTables[ri].Routes = append(x.doc.RouteTables[ri].Routes, rt)
}

func (x *extractor) nsg(in *inst) {
	key, segs, ok := x.keyedResource(in, 1, "/networkSecurityGroups")
	if !ok {
		return
	}
	ni := x.nsgEntry(key, segs[0], in)
	if in.conditional() == "" {
		x.doc.NetworkSecurityGroups[ni].Declared = true
	}
	rules := x.path(x.resourceVal(in), "properties", "securityRules")
	x.eachChild(rules, netdoc.Pointer("networkSecurityGroups", ni, "rules"), func(name seg, r val) { x.nsgRule(ni, name, r) })
}

func (x *extractor) nsgEntry(key string, name seg, in *inst) int {
	if i, ok := x.nsgIdx[key]; ok {
		return i
	}
	i := len(x.doc.NetworkSecurityGroups)
	x.nsgIdx[key] = i
	g := netdoc.SecurityGroup{Key: key}
	if n, ok := name.v.(string); ok {
		g.Name = n
	}
	x.doc.NetworkSecurityGroups = append(x.doc.NetworkSecurityGroups, g)
	if in != nil {
		x.locs.Set(netdoc.Pointer("networkSecurityGroups", i), x.typeLoc(in))
	}
	return i
}

func (x *extractor) nsgRuleResource(in *inst) {
	key, segs, ok := x.keyedResource(in, 2, "")
	if !ok {
		x.childNotRead(in, "networkSecurityGroups", x.nsgIdx, "rules")
		return
	}
	ni := x.nsgEntry(key, segs[0], nil)
	ri := len(x.doc.NetworkSecurityGroups[ni].Rules)
	x.nsgRule(ni, segs[1], x.resourceVal(in))
	x.conditionalChild(in, netdoc.Pointer("networkSecurityGroups", ni, "rules", ri))
}

func (x *extractor) nsgRule(ni int, name seg, r val) {
	ri := len(x.doc.NetworkSecurityGroups[ni].Rules)
	base := netdoc.Pointer("networkSecurityGroups", ni, "rules", ri)
	at := func(f ...any) string {
		return netdoc.Under(base, f...)
	}
	rule := netdoc.SecurityRule{}
	if n, ok := name.v.(string); ok {
		rule.Name = n
	}
	x.setNamed(at(), name, r)
	props := x.get(r, "properties")
	rule.Priority = x.integer(x.get(props, "priority"), at("priority"))
	rule.Direction, _ = x.str(x.get(props, "direction"), at("direction"))
	rule.Access, _ = x.str(x.get(props, "access"), at("access"))
	rule.Protocol, _ = x.str(x.get(props, "protocol"), at("protocol"))
	rule.SourceAddressPrefixes = x.oneOrMany(props, "sourceAddressPrefix", "sourceAddressPrefixes", at("sourceAddressPrefixes"))
	rule.DestinationAddressPrefixes = x.oneOrMany(props, "destinationAddressPrefix", "destinationAddressPrefixes", at("destinationAddressPrefixes"))
	rule.DestinationPortRanges = x.oneOrMany(props, "destinationPortRange", "destinationPortRanges", at("destinationPortRanges"))
	x.doc.NetworkSecurityGroups[ni].Rules = append(x.doc.NetworkSecurityGroups[ni].Rules, rule)
}

// oneOrMany merges an NSG rule's single and array forms.
func (x *extractor) oneOrMany(props val, one, many, pointer string) []string {
	out := x.single(props, one, "\x00", pointer)
	if arr := x.get(props, many); !arr.absent {
		out = append(out, x.strs(arr, pointer)...)
	}
	return out
}

// setNamed locates a route or security rule at its name, where a reader
// finds it, or at the object when the name is not known.
func (x *extractor) setNamed(pointer string, name seg, body val) {
	if _, ok := name.v.(string); !ok {
		x.set(pointer, body)
		return
	}
	x.set(pointer, val{v: name.v, t: name.t})
}
