package armeval

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
)

// reference() of a resource declared in the same template (or the same inline nested
// template) returns, when ARM runs it, the resource's properties as declared and
// evaluated, with what ARM computes: the resource's id and name, and each child item's
// (a subnet's id). What only the deployed resource has (provisioningState, runtime
// addresses) is not known: the objects are armexpr.Open. An existing resource, or one
// not declared here, is deployed state.

// declaredInst finds the instance of a resource declared in scope s that a
// reference() argument names: a languageVersion 2.0 symbolic name, a resource name,
// or a resource ID of the deployment's own resource group. Only the resources of the
// types selected (Options.Types) are indexed.
func (x *Deployment) declaredInst(s *scope, arg any) *Resource {
	if s == nil {
		return nil
	}
	var typ string
	var names []string
	switch a := arg.(type) {
	case string:
		if ins := s.symbols[strings.ToLower(a)]; len(ins) == 1 {
			return ins[0]
		}
		if strings.Contains(a, "/") {
			return nil // a full ID string names a scope known at deployment only
		}
		names = []string{a}
	case armexpr.ResourceID:
		if !a.IsLocal() {
			return nil
		}
		typ, names = a.Type, a.Names
	default:
		return nil
	}
	var hit *Resource
	for _, in := range x.insts {
		if in.sc != s || in.countUnknown != "" || in.elsewhereFrom(s) {
			continue
		}
		if typ != "" && !strings.EqualFold(in.typText, typ) {
			continue
		}
		segs := x.Names(in)
		if typ == "" {
			// reference('name'): the resource's own name, whatever its type.
			if len(segs) != 1 {
				continue
			}
		} else if len(segs) != len(names) {
			continue
		}
		same := true
		for i, sg := range segs {
			str, ok := sg.V.(string)
			if !ok || !strings.EqualFold(str, names[i]) {
				same = false
				break
			}
		}
		if !same {
			continue
		}
		if hit != nil {
			return nil // two declarations: ARM would not know which either
		}
		hit = in
	}
	return hit
}

// declaredReference is reference() of a declared resource: its properties (full:
// the whole resource), or an Unknown for an existing one.
func (x *Deployment) declaredReference(in *Resource, full bool) any {
	segs := x.Names(in)
	names := make([]string, len(segs))
	for i, sg := range segs {
		str, ok := sg.V.(string)
		if !ok {
			return armexpr.Unknown{Reason: "reference() of a resource whose name is not known statically"}
		}
		names[i] = str
	}
	label := in.typText + " " + quote(strings.Join(names, "/"))
	if in.existing {
		return armexpr.Unknown{Reason: "reference() of existing " + label + " reads deployed state"}
	}
	if in.referencing {
		// ARM rejects a template whose resource reads itself, directly or through
		// others (a circular dependency); reading it again would never end.
		return armexpr.Unknown{Reason: "reference() of " + label + " inside its own properties (a circular dependency ARM rejects)"}
	}
	reason := "only the deployed " + label + " has it"
	in.referencing = true
	props := x.evalJSON(in.sc, in.f, in.src, x.field(in.src, in.j, "properties"))
	in.referencing = false
	if m, ok := props.(map[string]any); ok && in.typ == typeVNet {
		props = withSubnetIDs(m, names)
	}
	props = openValue(props, reason, 0)
	if !full {
		return props
	}
	id := armexpr.ResourceID{Kind: armexpr.KindResourceGroup, Type: in.typText, Names: names}
	return armexpr.Open{Known: map[string]any{
		"id": id, "name": strings.Join(names, "/"), "type": in.typText, "properties": props,
	}, Reason: reason}
}

// withSubnetIDs adds to each declared subnet of a VNet the id ARM gives it.
func withSubnetIDs(props map[string]any, vnet []string) map[string]any {
	subnets, found, _ := armexpr.Lookup(props, "subnets")
	list, ok := subnets.([]any)
	if !found || !ok || len(vnet) != 1 {
		return props
	}
	out := make(map[string]any, len(props))
	for k, v := range props {
		out[k] = v
	}
	withIDs := make([]any, len(list))
	for i, e := range list {
		withIDs[i] = e
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		name, _, _ := armexpr.Lookup(m, "name")
		sn, ok := name.(string)
		if !ok {
			continue
		}
		c := make(map[string]any, len(m)+1)
		for k, v := range m {
			c[k] = v
		}
		c["id"] = armexpr.ResourceID{Kind: armexpr.KindResourceGroup, Type: "Microsoft.Network/virtualNetworks/subnets", Names: []string{vnet[0], sn}}
		withIDs[i] = c
	}
	for k := range out {
		if strings.EqualFold(k, "subnets") {
			out[k] = withIDs
		}
	}
	return out
}

// openValue makes every object of v Open: its other properties only the deployed
// resource has.
func openValue(v any, reason string, depth int) any {
	if depth > 64 {
		return armexpr.Unknown{Reason: reason}
	}
	switch t := v.(type) {
	case map[string]any:
		known := make(map[string]any, len(t))
		for k, e := range t {
			known[k] = openValue(e, reason, depth+1)
		}
		return armexpr.Open{Known: known, Reason: reason}
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = openValue(e, reason, depth+1)
		}
		return out
	}
	return v
}
