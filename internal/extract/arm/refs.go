package arm

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// segKey is the document key of a name segment: the name in lower case, or
// for a name not known statically "?" and the expression that computes it
// (followed through variables and parameters), so that the declaration of a
// resource and an ID built from the same expression meet. ok is false when
// there is no name.
func (x *extractor) segKey(sg armeval.Seg) (string, bool) {
	switch v := sg.V.(type) {
	case string:
		if v == "" {
			return "", false
		}
		return netdoc.NameKey(v), true
	case nil:
		return "", false
	}
	return x.ev.ExprKey(sg.Value()), true
}

// subnetRef reads a subnet ID setting into the subnet's key. A subnet the
// document does not declare is listed (without prefixes) when its names
// are known; an ID not known is unresolved unless it is built from the
// same expressions as a subnet the document declares.
func (x *extractor) subnetRef(v armeval.Value, pointer string) string {
	if v.Absent {
		return ""
	}
	if s, ok := v.V.(string); ok && s == "" {
		return ""
	}
	segs, ok := x.ev.IDNames(v, "Microsoft.Network/virtualNetworks/subnets")
	if !ok {
		if p, bad := v.Problem(); bad {
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
	_, known0 := segs[0].V.(string)
	_, known1 := segs[1].V.(string)
	if !known0 || !known1 {
		if _, declared := x.subnetIdx[key]; !declared {
			why := segs[0].V
			if known0 {
				why = segs[1].V
			}
			if _, isUnk := why.(armexpr.Unknown); !isUnk {
				why = "the subnet's name is not known statically"
			}
			x.unresolved(pointer, v, why)
			return ""
		}
	}
	x.set(pointer, v)
	x.refs = append(x.refs, subnetRef{key: key, loc: x.ev.Loc(v), scope: x.idScope(v)})
	return key
}

// linkSubnets lists every referenced subnet the document does not declare.
func (x *extractor) linkSubnets() {
	for _, r := range x.refs {
		if _, ok := x.subnetIdx[r.key]; ok {
			continue
		}
		vnet, name := splitKey(r.key)
		si := len(x.b.Doc.Subnets)
		x.subnetIdx[r.key] = si
		x.b.Locs.Set(netdoc.Pointer("subnets", si), r.loc.Location, r.loc.Related...)
		x.b.Doc.Subnets = append(x.b.Doc.Subnets, netdoc.Subnet{Key: r.key, VNet: vnet, Name: name, Scope: r.scope})
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
func (x *extractor) idScope(v armeval.Value) netdoc.Scope {
	switch id := v.V.(type) {
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
		if x.ev.InOwnResourceGroup(v) {
			return netdoc.Scope{Deployment: true}
		}
	}
	return netdoc.Scope{}
}
