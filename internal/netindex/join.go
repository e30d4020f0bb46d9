package netindex

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// External tells whether doc references a network it does not declare: a subnet it
// only references, or a peering to a VNet it does not declare. Only such documents
// wait for the index.
func External(doc *netdoc.Document) bool {
	for _, s := range doc.Subnets {
		if !s.Declared && !unknownName(s.Key) {
			return true
		}
	}
	for _, v := range doc.VirtualNetworks {
		for _, p := range v.Peerings {
			if p.Remote != "" && len(p.RemoteAddressPrefixes) == 0 {
				return true
			}
		}
	}
	return false
}

// Joined is what Join did to a document.
type Joined struct {
	// From are the declarations whose facts were joined.
	From []*Decl
	// Ambiguous are VNets that several declarations could be, each with them.
	Ambiguous map[string][]*Decl
}

// Join looks up every network doc references but does not declare and, when exactly
// one declaration of another file could be meant, adds its facts to doc with their
// locations in the declaring file: the VNet, its subnets (an only-referenced subnet
// takes the declared values and keeps its place in doc, with the declaration as a
// related location), the route tables and NSGs they name, and the address space of a
// peered VNet. When several could be meant, the values stay unknown and are listed
// as unresolved naming the candidates. deployment is doc's own deployment scope.
func (ix *Index) Join(doc *netdoc.Document, locs netdoc.Locations, deployment netdoc.Scope) Joined {
	var out Joined
	if ix == nil {
		return out
	}
	type want struct {
		vnet  string
		scope netdoc.Scope
	}
	var wants []want
	seen := map[want]bool{}
	add := func(vnet string, sc netdoc.Scope) {
		w := want{vnet, Resolve(sc, deployment)}
		if !seen[w] && !unknownName(vnet) {
			seen[w] = true
			wants = append(wants, w)
		}
	}
	for _, s := range doc.Subnets {
		if !s.Declared {
			add(s.VNet, s.Scope)
		}
	}
	for _, v := range doc.VirtualNetworks {
		for _, p := range v.Peerings {
			if p.Remote != "" && len(p.RemoteAddressPrefixes) == 0 {
				add(p.Remote, p.RemoteScope)
			}
		}
	}
	for _, w := range wants {
		cands := ix.Lookup(w.vnet, w.scope, doc.File)
		switch len(cands) {
		case 0:
		case 1:
			merge(doc, locs, w.vnet, w.scope, deployment, cands[0])
			if !slices.Contains(out.From, cands[0]) {
				out.From = append(out.From, cands[0])
			}
		default:
			if out.Ambiguous == nil {
				out.Ambiguous = map[string][]*Decl{}
			}
			out.Ambiguous[w.vnet] = cands
			ambiguous(doc, w.vnet, w.scope, deployment, cands)
		}
	}
	return out
}

// merge joins declaration d of VNet vnet into doc, for the references scoped sc.
func merge(doc *netdoc.Document, locs netdoc.Locations, vnet string, sc, deployment netdoc.Scope, d *Decl) {
	declaredIn := func(what string, at netdoc.Location) netdoc.Related {
		return netdoc.Related{Location: at, Message: fmt.Sprintf("%s, declared in %s:%d", what, at.File, at.Line)}
	}
	if d.VNet != nil {
		vi := slices.IndexFunc(doc.VirtualNetworks, func(v netdoc.VirtualNetwork) bool { return v.Key == vnet })
		switch {
		case vi < 0:
			vi = len(doc.VirtualNetworks)
			v := d.VNet.V
			v.Peerings = slices.Clone(v.Peerings)
			doc.VirtualNetworks = append(doc.VirtualNetworks, v)
			setAll(locs, netdoc.Pointer("virtualNetworks", vi), d.VNet.Locs)
		case len(doc.VirtualNetworks[vi].AddressPrefixes) == 0:
			// A VNet the document only names (a script's peering): its address space.
			doc.VirtualNetworks[vi].AddressPrefixes = slices.Clone(d.VNet.V.AddressPrefixes)
			base := netdoc.Pointer("virtualNetworks", vi)
			for p, l := range d.VNet.Locs {
				if strings.HasPrefix(p, "/addressPrefixes") {
					locs[base+p] = l
				}
			}
		}
		peered(doc, locs, vnet, sc, deployment, d)
	}
	for _, s := range d.Subnets {
		i := slices.IndexFunc(doc.Subnets, func(x netdoc.Subnet) bool { return x.Key == s.V.Key })
		switch {
		case i < 0:
			setAll(locs, netdoc.Pointer("subnets", len(doc.Subnets)), s.Locs)
			doc.Subnets = append(doc.Subnets, s.V)
		case !doc.Subnets[i].Declared && Resolve(doc.Subnets[i].Scope, deployment) == sc:
			base := netdoc.Pointer("subnets", i)
			doc.Subnets[i] = s.V
			setAll(locs, base, s.Locs)
			// The reference keeps its place; the declaration is named beside it.
			if ref, ok := locs[base]; ok {
				ref.Related = append(slices.Clone(ref.Related), declaredIn("subnet "+s.V.Key, s.Locs[""].Location))
				locs[base] = ref
			}
		}
	}
	for _, r := range d.Routes {
		if !slices.ContainsFunc(doc.RouteTables, func(x netdoc.RouteTable) bool { return x.Key == r.V.Key }) {
			setAll(locs, netdoc.Pointer("routeTables", len(doc.RouteTables)), r.Locs)
			doc.RouteTables = append(doc.RouteTables, r.V)
		}
	}
	for _, n := range d.NSGs {
		if !slices.ContainsFunc(doc.NetworkSecurityGroups, func(x netdoc.SecurityGroup) bool { return x.Key == n.V.Key }) {
			setAll(locs, netdoc.Pointer("networkSecurityGroups", len(doc.NetworkSecurityGroups)), n.Locs)
			doc.NetworkSecurityGroups = append(doc.NetworkSecurityGroups, n.V)
		}
	}
}

// peered gives doc's peerings to vnet the declared address space, and drops their
// unresolved entries.
func peered(doc *netdoc.Document, locs netdoc.Locations, vnet string, sc, deployment netdoc.Scope, d *Decl) {
	if len(d.VNet.V.AddressPrefixes) == 0 {
		return
	}
	for vi := range doc.VirtualNetworks {
		for pi := range doc.VirtualNetworks[vi].Peerings {
			p := &doc.VirtualNetworks[vi].Peerings[pi]
			if p.Remote != vnet || len(p.RemoteAddressPrefixes) > 0 || Resolve(p.RemoteScope, deployment) != sc {
				continue
			}
			p.RemoteAddressPrefixes = slices.Clone(d.VNet.V.AddressPrefixes)
			ptr := netdoc.Pointer("virtualNetworks", vi, "peerings", pi, "remoteAddressPrefixes")
			doc.Unresolved = slices.DeleteFunc(doc.Unresolved, func(u netdoc.Unresolved) bool { return u.Pointer == ptr })
			// The range is located where it is written, in the declaring file; the
			// peering that brings it here stays located in doc.
			here, ok := locs[ptr]
			if !ok {
				here, _ = locs.Resolve(netdoc.Pointer("virtualNetworks", vi, "peerings", pi))
			}
			src := d.VNet.Locs["/addressPrefixes"]
			if src.IsZero() {
				src = d.VNet.Locs[""]
			}
			rel := append([]netdoc.Related{{Location: here.Location, Message: "the VNet peered here"}}, src.Related...)
			locs.Set(ptr, src.Location, rel...)
		}
	}
}

// ambiguous lists as unresolved the address prefixes of every subnet of vnet that
// doc only references, and the remote address space of its peerings to vnet, naming
// the declarations that could be meant.
func ambiguous(doc *netdoc.Document, vnet string, sc, deployment netdoc.Scope, cands []*Decl) {
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = c.Name()
	}
	why := fmt.Sprintf("it is declared in %d files, and which one is meant is not known: %s; say where each is deployed with deployments: in the configuration",
		len(cands), strings.Join(names, ", "))
	for i, s := range doc.Subnets {
		if s.Declared || s.VNet != vnet || Resolve(s.Scope, deployment) != sc {
			continue
		}
		doc.Unresolved = append(doc.Unresolved, netdoc.Unresolved{
			Pointer: netdoc.Pointer("subnets", i, "addressPrefixes"), Expression: "the VNet " + vnet, Reason: why,
		})
	}
	for vi, v := range doc.VirtualNetworks {
		for pi, p := range v.Peerings {
			if p.Remote != vnet || len(p.RemoteAddressPrefixes) > 0 || Resolve(p.RemoteScope, deployment) != sc {
				continue
			}
			ptr := netdoc.Pointer("virtualNetworks", vi, "peerings", pi, "remoteAddressPrefixes")
			for k := range doc.Unresolved {
				if doc.Unresolved[k].Pointer == ptr {
					doc.Unresolved[k].Reason = why
				}
			}
		}
	}
}

// setAll locates the joined values in the declaring file; an object the document
// already locates (the reference to a subnet) keeps its place.
func setAll(locs netdoc.Locations, base string, rel map[string]netdoc.Located) {
	for p, l := range rel {
		if _, located := locs[base+p]; p != "" || !located {
			locs[base+p] = l
		}
	}
}
