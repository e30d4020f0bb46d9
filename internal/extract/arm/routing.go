package arm

import (
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func (x *extractor) routeTable(in *inst) {
	if in.existing || in.countUnknown != "" {
		if in.countUnknown != "" {
			x.countNote(in, "/routeTables")
		}
		return
	}
	segs := x.names(in)
	if len(segs) != 1 {
		return
	}
	key, ok := x.segKey(segs[0])
	if !ok {
		return
	}
	ri := x.rtEntry(key, segs[0], in)
	props := x.get(x.resourceVal(in), "properties")
	routes := x.get(props, "routes")
	if p, bad := problem(routes); bad {
		x.unresolved(netdoc.Pointer("routeTables", ri, "routes"), routes, p)
		return
	}
	for _, r := range x.elems(routes) {
		x.route(ri, seg{v: x.value(x.get(r, "name")), t: x.get(r, "name").t}, r)
	}
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
	if in.existing || in.countUnknown != "" {
		return
	}
	segs := x.names(in)
	if len(segs) != 2 {
		return
	}
	key, ok := x.segKey(segs[0])
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
	if in.existing || in.countUnknown != "" {
		if in.countUnknown != "" {
			x.countNote(in, "/networkSecurityGroups")
		}
		return
	}
	segs := x.names(in)
	if len(segs) != 1 {
		return
	}
	key, ok := x.segKey(segs[0])
	if !ok {
		return
	}
	ni := x.nsgEntry(key, segs[0], in)
	rules := x.path(x.resourceVal(in), "properties", "securityRules")
	if p, bad := problem(rules); bad {
		x.unresolved(netdoc.Pointer("networkSecurityGroups", ni, "rules"), rules, p)
		return
	}
	for _, r := range x.elems(rules) {
		x.nsgRule(ni, seg{v: x.value(x.get(r, "name")), t: x.get(r, "name").t}, r)
	}
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
	if in.existing || in.countUnknown != "" {
		return
	}
	segs := x.names(in)
	if len(segs) != 2 {
		return
	}
	key, ok := x.segKey(segs[0])
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
