package arm

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// segKey is the document key of a name segment: the name in lower case, or
// for a name not known statically "?" and the expression that computes it
// (followed through variables and parameters), so that the declaration of a
// resource and an ID built from the same expression meet. ok is false when
// there is no name.
func (x *extractor) segKey(sg seg) (string, bool) {
	switch v := sg.v.(type) {
	case string:
		if v == "" {
			return "", false
		}
		return netdoc.NameKey(v), true
	case nil:
		return "", false
	}
	return x.unknownKey(sg.t), true
}

// unknownKey names a value not known statically by its expression.
func (x *extractor) unknownKey(t trace) string {
	r := x.resolve(t)
	var text string
	switch {
	case r.kind == tExpr || r.cur.n != nil:
		n := r.n
		if n == nil {
			n = r.cur.n
		}
		text = n.Source()
	default:
		text = r.cur.j.String()
		if armexpr.IsExpression(text) {
			text = text[1 : len(text)-1]
		}
	}
	text = normExpr(text) + r.f.path()
	owner, seen := x.unknownOwners[text]
	if !seen {
		x.unknownOwners[text] = r.s
		owner = r.s
	}
	if owner != r.s && r.s != nil {
		text += "@" + itoa(r.s.id)
	}
	return "?" + text
}

// idSegs reads the name segments of a resource ID of type typ (for example
// ["vnet", "subnet"] for a subnet): from a string ID, a ResourceID, or,
// when the ID is not known, from the resourceId()/format()/concat() that
// builds it. ok is false when the value is not such an ID.
func (x *extractor) idSegs(v val, typ string) ([]seg, bool) {
	want := strings.Count(typ, "/")
	switch id := v.v.(type) {
	case string:
		names, ok := idNames(id, typ)
		if !ok {
			return nil, false
		}
		out := make([]seg, len(names))
		for i, n := range names {
			out[i] = seg{v: n, t: v.t}
		}
		return out, true
	case armexpr.ResourceID:
		if !strings.EqualFold(id.Type, typ) || len(id.Names) != want {
			return nil, false
		}
		out := make([]seg, len(id.Names))
		for i, n := range id.Names {
			out[i] = seg{v: n, t: v.t}
		}
		return out, true
	case armexpr.Unknown:
		return x.idSegsFromTrace(x.resolve(v.t), typ, 0)
	}
	return nil, false
}

// idSegsFromTrace finds the name segments of an ID in the expression that
// builds it.
func (x *extractor) idSegsFromTrace(t trace, typ string, depth int) ([]seg, bool) {
	if t.kind != tExpr || depth > 4 {
		return nil, false
	}
	c, ok := t.n.(*armexpr.Call)
	if !ok {
		return nil, false
	}
	want := strings.Count(typ, "/")
	switch c.Key() {
	case "resourceid", "subscriptionresourceid", "extensionresourceid":
		ti := -1
		for i, a := range c.Args {
			if s, ok := x.evalNode(t.s, t.f, a).(string); ok && strings.Contains(s, "/") {
				if !strings.EqualFold(strings.Trim(s, "/"), typ) {
					return nil, false
				}
				ti = i
				break
			}
		}
		if ti < 0 {
			return nil, false
		}
		var out []seg
		for _, a := range c.Args[ti+1:] {
			sg := seg{v: x.evalNode(t.s, t.f, a), t: onNode(t, a)}
			if s, ok := sg.v.(string); ok && strings.Contains(s, "/") {
				for _, p := range strings.Split(s, "/") {
					out = append(out, seg{v: p, t: sg.t})
				}
				continue
			}
			if _, ok := sg.v.(string); !ok {
				if parts := x.splitName(val{v: sg.v, t: sg.t}); len(parts) > 1 {
					out = append(out, parts...)
					continue
				}
			}
			out = append(out, sg)
		}
		if len(out) != want {
			return nil, false
		}
		return out, true
	case "format", "concat":
		// format('{0}/subnets/{1}', <vnet ID>, name) and the concat form.
		var parts []seg
		if c.Key() == "format" {
			parts = x.splitFormat(t, c)
		} else {
			parts = x.splitConcat(t, c)
		}
		if len(parts) < 3 {
			return nil, false
		}
		parentType := typ[:strings.LastIndexByte(typ, '/')]
		childType := typ[len(parentType)+1:]
		last, lastType := parts[len(parts)-1], parts[len(parts)-2]
		if tt, ok := lastType.v.(string); !ok || !strings.EqualFold(tt, childType) {
			return nil, false
		}
		head := parts[0]
		if len(parts) != 3 {
			return nil, false
		}
		var parent []seg
		switch h := head.v.(type) {
		case armexpr.ResourceID:
			if !strings.EqualFold(h.Type, parentType) {
				return nil, false
			}
			for _, n := range h.Names {
				parent = append(parent, seg{v: n, t: head.t})
			}
		case string:
			names, ok := idNames(h, parentType)
			if !ok {
				return nil, false
			}
			for _, n := range names {
				parent = append(parent, seg{v: n, t: head.t})
			}
		default:
			p, ok := x.idSegsFromTrace(x.resolve(head.t), parentType, depth+1)
			if !ok {
				return nil, false
			}
			parent = p
		}
		out := append(parent, last)
		if len(out) != want {
			return nil, false
		}
		return out, true
	}
	return nil, false
}

// idNames parses a resource ID string (full, or relative
// "Microsoft.Network/virtualNetworks/v/subnets/s") of type typ.
func idNames(id, typ string) ([]string, bool) {
	tsegs := strings.Split(typ, "/")
	parts := strings.Split(strings.Trim(id, "/"), "/")
	// Find the provider namespace, then alternate type/name.
	start := -1
	for i := len(parts) - 1; i >= 0; i-- {
		if strings.EqualFold(parts[i], tsegs[0]) && (i == 0 || strings.EqualFold(parts[i-1], "providers")) {
			start = i
			break
		}
	}
	if start < 0 || len(parts)-start != 2*(len(tsegs)-1)+1 {
		return nil, false
	}
	var names []string
	for k := 1; k < len(tsegs); k++ {
		if !strings.EqualFold(parts[start+2*k-1], tsegs[k]) || parts[start+2*k] == "" {
			return nil, false
		}
		names = append(names, parts[start+2*k])
	}
	return names, true
}

// subnetRef reads a subnet ID setting into the subnet's key. A subnet the
// document does not declare is listed (without prefixes) when its names
// are known; an ID not known is unresolved unless it is built from the
// same expressions as a subnet the document declares.
func (x *extractor) subnetRef(v val, pointer string) string {
	if v.absent {
		return ""
	}
	if s, ok := v.v.(string); ok && s == "" {
		return ""
	}
	segs, ok := x.idSegs(v, "Microsoft.Network/virtualNetworks/subnets")
	if !ok {
		if p, bad := problem(v); bad {
			x.unresolved(pointer, v, p)
		} else {
			x.unresolved(pointer, v, "not a subnet resource ID")
		}
		return ""
	}
	vk, ok1 := x.segKey(segs[0])
	sk, ok2 := x.segKey(segs[1])
	if !ok1 || !ok2 {
		x.unresolved(pointer, v, "not a subnet resource ID")
		return ""
	}
	key := vk + "/" + sk
	_, known0 := segs[0].v.(string)
	_, known1 := segs[1].v.(string)
	if !known0 || !known1 {
		if _, declared := x.subnetIdx[key]; !declared {
			why := segs[0].v
			if known0 {
				why = segs[1].v
			}
			if _, isUnk := why.(armexpr.Unknown); !isUnk {
				why = "the subnet's name is not known statically"
			}
			x.unresolved(pointer, v, why)
			return ""
		}
	}
	x.set(pointer, v)
	x.refs = append(x.refs, subnetRef{key: key, loc: x.loc(v), scope: x.idScope(v)})
	return key
}

// linkSubnets lists every referenced subnet the document does not declare.
func (x *extractor) linkSubnets() {
	for _, r := range x.refs {
		if _, ok := x.subnetIdx[r.key]; ok {
			continue
		}
		vnet, name := splitKey(r.key)
		si := len(x.doc.Subnets)
		x.subnetIdx[r.key] = si
		x.locs.Set(netdoc.Pointer("subnets", si), r.loc.Location, r.loc.Related...)
		x.doc.Subnets = append(x.doc.Subnets, netdoc.Subnet{Key: r.key, VNet: vnet, Name: name, Scope: r.scope})
	}
}

// splitKey splits a subnet key at the '/' between the VNet and subnet keys
// (a key of an unknown name may contain '/' inside its expression).
func splitKey(key string) (string, string) {
	depth, quoted := 0, false
	cut := -1
	for i, r := range key {
		switch {
		case r == '\'':
			quoted = !quoted
		case quoted:
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			depth--
		case r == '/' && depth == 0:
			cut = i
		}
	}
	if cut < 0 {
		return key, ""
	}
	name := key[cut+1:]
	if len(name) > 0 && name[0] == '?' {
		name = ""
	}
	return key[:cut], name
}

// idScope is the subscription and resource group a resource ID names: from a string
// ID, a ResourceID (resourceId() without a group names the deployment's own), or the
// resourceId() call that builds an ID not known. A segment not known stays empty.
func (x *extractor) idScope(v val) netdoc.Scope {
	switch id := v.v.(type) {
	case string:
		return netdoc.ScopeFromID(id)
	case armexpr.ResourceID:
		if id.IsLocal() {
			return netdoc.Scope{Deployment: true}
		}
		var sc netdoc.Scope
		if id.Kind == armexpr.KindResourceGroup {
			if netdoc.PlainName(id.ResourceGroup) {
				sc.ResourceGroup = strings.ToLower(id.ResourceGroup)
			}
			if netdoc.PlainName(id.Subscription) {
				sc.Subscription = strings.ToLower(id.Subscription)
			}
		}
		return sc
	case armexpr.Unknown:
		// resourceId('Microsoft.Network/virtualNetworks/subnets', ...) with the type
		// first names the deployment's own group, whatever the names.
		t := x.resolve(v.t)
		if t.kind != tExpr {
			return netdoc.Scope{}
		}
		if c, ok := t.n.(*armexpr.Call); ok && c.Key() == "resourceid" && len(c.Args) > 0 {
			if s, ok := x.evalNode(t.s, t.f, c.Args[0]).(string); ok && strings.Contains(s, "/") {
				return netdoc.Scope{Deployment: true}
			}
		}
	}
	return netdoc.Scope{}
}
