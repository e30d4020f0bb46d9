package netindex

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
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
	for range waitingPeerings(doc) {
		return true
	}
	for _, r := range doc.RouteTables {
		if !r.Declared && !unknownName(r.Key) {
			return true
		}
	}
	rts, nsgs := missingTables(doc)
	if len(rts)+len(nsgs) > 0 {
		return true
	}
	for _, n := range doc.NetworkSecurityGroups {
		if !n.Declared && !unknownName(n.Key) {
			return true
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
	// Tables name the declarations of route tables and NSGs joined on their own.
	Tables []string
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
	for w := range waitingPeerings(doc) {
		add(w.p.Remote, w.p.RemoteScope)
	}
	defer ix.joinTables(doc, locs, &out) // after the VNets, whose subnets may bring them
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
			for _, l := range d.VNet.Locs {
				if strings.HasPrefix(l.Rel, "/addressPrefixes") {
					locs[base+l.Rel] = l.At
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
			own := doc.Subnets[i]
			doc.Subnets[i] = s.V
			// What the document sets on the subnet itself (a script's subnet update
			// attaching a route table) wins over the declaration, as in Azure.
			keep := map[string]bool{}
			v := &doc.Subnets[i]
			if len(own.AddressPrefixes) > 0 {
				v.AddressPrefixes, keep["/addressPrefixes"] = own.AddressPrefixes, true
			}
			if len(own.Delegations) > 0 {
				v.Delegations, keep["/delegations"] = own.Delegations, true
			}
			if own.RouteTable != "" {
				v.RouteTable, keep["/routeTable"] = own.RouteTable, true
			}
			if own.NetworkSecurityGroup != "" {
				v.NetworkSecurityGroup, keep["/networkSecurityGroup"] = own.NetworkSecurityGroup, true
			}
			rel := make(Locs, 0, len(s.Locs))
			for _, l := range s.Locs {
				field, _, _ := strings.Cut(l.Rel[min(1, len(l.Rel)):], "/")
				if !keep["/"+field] {
					rel = append(rel, l)
				}
			}
			setAll(locs, base, rel)
			// The reference keeps its place; the declaration is named beside it.
			if ref, ok := locs[base]; ok {
				ref.Related = append(slices.Clone(ref.Related), declaredIn("subnet "+s.V.Key, at(s.Locs)))
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

// peered gives doc's peerings to vnet the declared address space (build.Peer), and
// drops their unresolved entries.
func peered(doc *netdoc.Document, locs netdoc.Locations, vnet string, sc, deployment netdoc.Scope, d *Decl) {
	if len(d.VNet.V.AddressPrefixes) == 0 {
		return
	}
	at := func(rel string) (netdoc.Located, bool) {
		l, ok := d.VNet.Locs.Get("/addressPrefixes" + rel)
		if !ok && rel == "" {
			l, ok = d.VNet.Locs.Get("")
		}
		return l, ok
	}
	for w := range waitingPeerings(doc) {
		if w.p.Remote != vnet || Resolve(w.p.RemoteScope, deployment) != sc {
			continue
		}
		// The peering that brings the range here stays located in doc.
		here, ok := locs[w.ptr]
		if !ok {
			here, _ = locs.Resolve(strings.TrimSuffix(w.ptr, "/remoteAddressPrefixes"))
		}
		build.Peer(doc, locs, w.vi, w.pi, here.Location, d.VNet.V.AddressPrefixes, at)
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
	why := several(len(cands), names)
	for i, s := range doc.Subnets {
		if s.Declared || s.VNet != vnet || Resolve(s.Scope, deployment) != sc {
			continue
		}
		doc.Unresolved = append(doc.Unresolved, netdoc.Unresolved{
			Pointer: netdoc.Pointer("subnets", i, "addressPrefixes"), Expression: "the VNet " + vnet, Reason: why,
		})
	}
	for w := range waitingPeerings(doc) {
		if w.p.Remote != vnet || Resolve(w.p.RemoteScope, deployment) != sc {
			continue
		}
		for k := range doc.Unresolved {
			if doc.Unresolved[k].Pointer == w.ptr {
				doc.Unresolved[k].Reason = why
			}
		}
	}
}

// waiting is a peering to a VNet the document names but does not declare, whose
// address space is therefore not known yet: doc.VirtualNetworks[vi].Peerings[pi],
// with the pointer of its remoteAddressPrefixes.
type waiting struct {
	vi, pi int
	ptr    string
	p      *netdoc.Peering
}

// waitingPeerings yields doc's waiting peerings: the one test of what the join can
// complete.
func waitingPeerings(doc *netdoc.Document) iter.Seq[waiting] {
	return func(yield func(waiting) bool) {
		for vi := range doc.VirtualNetworks {
			for pi := range doc.VirtualNetworks[vi].Peerings {
				p := &doc.VirtualNetworks[vi].Peerings[pi]
				if p.Remote == "" || len(p.RemoteAddressPrefixes) > 0 {
					continue
				}
				if !yield(waiting{vi, pi, netdoc.Pointer("virtualNetworks", vi, "peerings", pi, "remoteAddressPrefixes"), p}) {
					return
				}
			}
		}
	}
}

// setAll locates the joined values in the declaring file; an object the document
// already locates (the reference to a subnet) keeps its place.
func setAll(locs netdoc.Locations, base string, rel Locs) {
	for _, l := range rel {
		if _, located := locs[base+l.Rel]; l.Rel != "" || !located {
			locs[base+l.Rel] = l.At
		}
	}
}

// joinTables joins the route tables and NSGs doc names but does not declare (once the
// VNets are joined: a subnet joined from another file brings those it names) with
// the one other file that declares each; several stay unknown, named.
func (ix *Index) joinTables(doc *netdoc.Document, locs netdoc.Locations, out *Joined) {
	ix.sort()
	// Tables a subnet names that the document does not list at all (an ARM subnet's
	// routeTable ID) are looked up as well.
	rts, nsgs := missingTables(doc)
	joinMissing(ix, doc, locs, out, rts, ix.byRoute, &doc.RouteTables, "routeTables", "routeTable", "the route table ")
	joinMissing(ix, doc, locs, out, nsgs, ix.byNSG, &doc.NetworkSecurityGroups, "networkSecurityGroups", "networkSecurityGroup", "the NSG ")
	for i := range doc.RouteTables {
		r := &doc.RouteTables[i]
		if !r.Declared && !unknownName(r.Key) {
			joinNamed(ix, doc, locs, out, ix.byRoute[r.Key], r, netdoc.Pointer("routeTables", i), "/routes", "the route table "+r.Key,
				func(t *netdoc.RouteTable) *[]netdoc.Route { return &t.Routes })
		}
	}
	for i := range doc.NetworkSecurityGroups {
		n := &doc.NetworkSecurityGroups[i]
		if !n.Declared && !unknownName(n.Key) {
			joinNamed(ix, doc, locs, out, ix.byNSG[n.Key], n, netdoc.Pointer("networkSecurityGroups", i), "/rules", "the NSG "+n.Key,
				func(g *netdoc.SecurityGroup) *[]netdoc.SecurityRule { return &g.Rules })
		}
	}
}

// joinMissing appends to list (the document's listField) each route table or NSG
// that subnets name but the document does not list, from its one declaration in
// another file; several declarations leave the subnets' subnetField unknown, naming them.
func joinMissing[T any](ix *Index, doc *netdoc.Document, locs netdoc.Locations, out *Joined, missing []missing, decls map[string][]*Named[T], list *[]T, listField, subnetField, what string) {
	for _, m := range missing {
		ix.mu.Lock()
		cands := lookupNamed(ix, decls[m.key], doc.File)
		ix.mu.Unlock()
		switch len(cands) {
		case 0:
		case 1:
			setAll(locs, netdoc.Pointer(listField, len(*list)), cands[0].Locs)
			*list = append(*list, cands[0].V)
			out.Tables = append(out.Tables, cands[0].Name())
		default:
			for _, i := range m.subnets {
				doc.Unresolved = append(doc.Unresolved, netdoc.Unresolved{Pointer: netdoc.Pointer("subnets", i, subnetField), Expression: what + m.key, Reason: several(len(cands), namesOf(cands))})
			}
		}
	}
}

// joinNamed completes a route table or NSG (v, at base) that the document names but
// does not declare with its one declaration in another file: the declaration's
// items (routes or rules) first, the document's own after them, their locations
// moved along. Several declarations leave it unknown, naming them.
func joinNamed[T, E any](ix *Index, doc *netdoc.Document, locs netdoc.Locations, out *Joined, decls []*Named[T], v *T, base, itemsPath, what string, items func(*T) *[]E) {
	ix.mu.Lock()
	cands := lookupNamed(ix, decls, doc.File)
	ix.mu.Unlock()
	switch len(cands) {
	case 0:
	case 1:
		c := cands[0]
		own := *items(v)
		*v = c.V
		declared := *items(&c.V)
		*items(v) = append(slices.Clone(declared), own...)
		moveIndexed(locs, base+itemsPath+"/", len(own), len(declared))
		for _, l := range c.Locs {
			if l.Rel != "" {
				locs[base+l.Rel] = l.At
			}
		}
		out.Tables = append(out.Tables, c.Name())
	default:
		doc.Unresolved = append(doc.Unresolved, netdoc.Unresolved{Pointer: base + itemsPath, Expression: what, Reason: several(len(cands), namesOf(cands))})
	}
}

func namesOf[T any](cands []*Named[T]) []string {
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = c.Name()
	}
	return names
}

// several is the reason a value stays unknown when n declarations could be meant.
func several(n int, names []string) string {
	return fmt.Sprintf("it is declared in %d files, and which one is meant is not known: %s; say where each is deployed with deployments: in the configuration",
		n, strings.Join(names, ", "))
}

// moveIndexed moves the locations of the first n entries under prefix (the
// document's own routes or rules) by by places, after the declared ones.
func moveIndexed(locs netdoc.Locations, prefix string, n, by int) {
	if n == 0 || by == 0 {
		return
	}
	moved := map[string]netdoc.Located{}
	for p, l := range locs {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		idx, tail, _ := strings.Cut(rest, "/")
		k, err := strconv.Atoi(idx)
		if err != nil || k >= n {
			continue
		}
		if tail != "" {
			tail = "/" + tail
		}
		moved[prefix+strconv.Itoa(k+by)+tail] = l
		delete(locs, p)
	}
	maps.Copy(locs, moved)
}

// missing is a route table or NSG subnets name and the document does not list.
type missing struct {
	key     string
	subnets []int
}

// missingTables lists the route tables and NSGs doc's subnets name but doc does not
// list, in subnet order.
func missingTables(doc *netdoc.Document) (rts, nsgs []missing) {
	add := func(list []missing, key string, i int, listed func(string) bool) []missing {
		if key == "" || unknownName(key) || listed(key) {
			return list
		}
		for k := range list {
			if list[k].key == key {
				list[k].subnets = append(list[k].subnets, i)
				return list
			}
		}
		return append(list, missing{key: key, subnets: []int{i}})
	}
	rt := func(k string) bool {
		return slices.ContainsFunc(doc.RouteTables, func(r netdoc.RouteTable) bool { return r.Key == k })
	}
	ng := func(k string) bool {
		return slices.ContainsFunc(doc.NetworkSecurityGroups, func(n netdoc.SecurityGroup) bool { return n.Key == k })
	}
	for i, s := range doc.Subnets {
		rts = add(rts, s.RouteTable, i, rt)
		nsgs = add(nsgs, s.NetworkSecurityGroup, i, ng)
	}
	return rts, nsgs
}
