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
		return
	}
	ri := x.rtEntry(key, segs[0], nil)
	x.route(ri, segs[1], x.resourceVal(in))
}

func (x *extractor) route(ri int, name seg, r val) {
	pi := len(x.doc.RouteTables[ri].Routes)
	at := func(f ...any) string {
		return netdoc.Pointer(append([]any{"routeTables", ri, "routes", pi}, f...)...)
	}
	rt := netdoc.Route{}
	if n, ok := name.v.(string); ok {
		rt.Name = n
	}
	x.set(at(), r)
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
		return
	}
	ni := x.nsgEntry(key, segs[0], nil)
	x.nsgRule(ni, segs[1], x.resourceVal(in))
}

func (x *extractor) nsgRule(ni int, name seg, r val) {
	ri := len(x.doc.NetworkSecurityGroups[ni].Rules)
	at := func(f ...any) string {
		return netdoc.Pointer(append([]any{"networkSecurityGroups", ni, "rules", ri}, f...)...)
	}
	rule := netdoc.SecurityRule{}
	if n, ok := name.v.(string); ok {
		rule.Name = n
	}
	x.set(at(), r)
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
