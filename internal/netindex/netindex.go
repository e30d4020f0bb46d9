// Package netindex is the repository network index: the VNets, subnets, route tables,
// NSGs and peerings that the files of one run declare, keyed by what a reference in
// another file can name (VNet name; subscription and resource group when known),
// compared case-insensitively as Azure Resource Manager compares names. A lookup gives
// the declarations that could be meant: exactly one is joined, several are named and
// never guessed between.
package netindex

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Decl is one document's declaration of a VNet: the VNet itself when the document
// creates it, the subnets of it the document creates, and the route tables and NSGs
// those subnets name, each with its locations (pointers relative to the object).
type Decl struct {
	// File and ParameterFile are the declaring document's.
	File, ParameterFile string
	// Scope is where the VNet is deployed; a template's own deployment is resolved
	// through the configuration's deployments: mapping (empty when not mapped).
	Scope netdoc.Scope
	// At is where the VNet (or, when the document only adds subnets, its first
	// subnet) is declared, to name the declaration.
	At      netdoc.Location
	VNet    *Object[netdoc.VirtualNetwork]
	Subnets []Object[netdoc.Subnet]
	Routes  []Object[netdoc.RouteTable]
	NSGs    []Object[netdoc.SecurityGroup]
}

// Object is a declared value and its locations, by pointer relative to the value.
type Object[T any] struct {
	V    T
	Locs Locs
}

// Name is how a message names the declaration: file:line (with the parameter file).
func (d *Decl) Name() string {
	s := fmt.Sprintf("%s:%d", d.File, d.At.Line)
	if d.ParameterFile != "" {
		s += " (with " + d.ParameterFile + ")"
	}
	return s
}

// Named is a route table or NSG a document declares, found by its name alone: a
// subnet names one by ID or name, and that reference's scope is not recorded.
type Named[T any] struct {
	File, ParameterFile string
	At                  netdoc.Location
	Object[T]
}

// Name is how a message names the declaration: file:line (with the parameter file).
func (n *Named[T]) Name() string {
	d := Decl{File: n.File, ParameterFile: n.ParameterFile, At: n.At}
	return d.Name()
}

// Index is built once per run by Add from every document, then read by Lookup.
type Index struct {
	mu      sync.Mutex
	byVNet  map[string][]*packed // VNet key -> declarations, in the order added
	byRoute map[string][]*Named[netdoc.RouteTable]
	byNSG   map[string][]*Named[netdoc.SecurityGroup]
	sorted  bool
}

// New returns an empty index.
func New() *Index {
	return &Index{byVNet: map[string][]*packed{}, byRoute: map[string][]*Named[netdoc.RouteTable]{}, byNSG: map[string][]*Named[netdoc.SecurityGroup]{}}
}

// Declared is what one document declares, by key, ready to be added to an index.
type Declared struct {
	VNets  map[string]*packed
	Routes []*Named[netdoc.RouteTable]
	NSGs   []*Named[netdoc.SecurityGroup]
}

// Declarations reads what doc declares. deployment is the scope of the document's own
// deployment (a template's, from the configuration; empty when not known): it stands
// in for a scope marked Deployment. It is read before anything is merged into the
// document (an inventory's VNets are not the repository's declarations).
func Declarations(doc *netdoc.Document, locs netdoc.Locations, deployment netdoc.Scope) Declared {
	return declarations(doc, locs, deployment)
}

// Add indexes a document's declarations. It is safe for concurrent use.
func (ix *Index) Add(decls Declared) {
	if len(decls.VNets)+len(decls.Routes)+len(decls.NSGs) == 0 {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for k, d := range decls.VNets {
		ix.byVNet[k] = append(ix.byVNet[k], d)
	}
	for _, r := range decls.Routes {
		ix.byRoute[r.V.Key] = append(ix.byRoute[r.V.Key], r)
	}
	for _, n := range decls.NSGs {
		ix.byNSG[n.V.Key] = append(ix.byNSG[n.V.Key], n)
	}
	ix.sorted = false
}

// Resolve replaces a Deployment scope by the deployment's (known parts only).
func Resolve(sc, deployment netdoc.Scope) netdoc.Scope {
	if !sc.Deployment {
		return sc
	}
	out := deployment
	out.Deployment = false
	if sc.ResourceGroup != "" {
		out.ResourceGroup = sc.ResourceGroup
	}
	if sc.Subscription != "" {
		out.Subscription = sc.Subscription
	}
	return out
}

// declarations reads what doc declares: by VNet key, and its route tables and NSGs.
func declarations(doc *netdoc.Document, locs netdoc.Locations, deployment netdoc.Scope) Declared {
	out := map[string]*Decl{}
	get := func(vnet string) *Decl {
		d := out[vnet]
		if d == nil {
			d = &Decl{File: doc.File, ParameterFile: doc.ParameterFile}
			out[detach(vnet)] = d // the index keeps the key
		}
		return d
	}
	template := doc.Kind != netdoc.KindAzCLI
	g := bucket(doc, locs)
	for i, v := range doc.VirtualNetworks {
		if unknownName(v.Key) || len(v.AddressPrefixes) == 0 {
			continue // a VNet only peered or named (a script's peering): not a declaration
		}
		d := get(v.Key)
		sc := v.Scope
		if template {
			sc.Deployment = true
		}
		d.Scope = detachScope(Resolve(sc, deployment))
		d.VNet = &Object[netdoc.VirtualNetwork]{V: v, Locs: sorted(g.vnets[i])}
		d.At = at(d.VNet.Locs)
	}
	routes, nsgs := map[string]bool{}, map[string]bool{}
	for i, s := range doc.Subnets {
		if !s.Declared || unknownName(s.Key) {
			continue
		}
		d := get(s.VNet)
		if d.VNet == nil && len(d.Subnets) == 0 {
			sc := s.Scope
			if template {
				sc.Deployment = true
			}
			d.Scope = detachScope(Resolve(sc, deployment))
		}
		o := Object[netdoc.Subnet]{V: s, Locs: sorted(g.subnets[i])}
		if d.VNet == nil && len(d.Subnets) == 0 {
			d.At = at(o.Locs)
		}
		d.Subnets = append(d.Subnets, o)
		if s.RouteTable != "" {
			routes[s.RouteTable] = true
		}
		if s.NetworkSecurityGroup != "" {
			nsgs[s.NetworkSecurityGroup] = true
		}
	}
	var decl Declared
	for i, r := range doc.RouteTables {
		if r.Declared && !unknownName(r.Key) {
			o := Object[netdoc.RouteTable]{V: detachRouteTable(r), Locs: compact(g.routes[i], doc.File)}
			decl.Routes = append(decl.Routes, &Named[netdoc.RouteTable]{File: doc.File, ParameterFile: doc.ParameterFile, At: at(o.Locs), Object: o})
		}
	}
	for i, n := range doc.NetworkSecurityGroups {
		if n.Declared && !unknownName(n.Key) {
			o := Object[netdoc.SecurityGroup]{V: detachSecurityGroup(n), Locs: compact(g.nsgs[i], doc.File)}
			decl.NSGs = append(decl.NSGs, &Named[netdoc.SecurityGroup]{File: doc.File, ParameterFile: doc.ParameterFile, At: at(o.Locs), Object: o})
		}
	}
	if len(out) == 0 {
		return decl
	}
	decl.VNets = make(map[string]*packed, len(out))
	var rts []Object[netdoc.RouteTable]
	for i, r := range doc.RouteTables {
		if routes[r.Key] {
			rts = append(rts, Object[netdoc.RouteTable]{V: r, Locs: sorted(g.routes[i])})
		}
	}
	var ngs []Object[netdoc.SecurityGroup]
	for i, n := range doc.NetworkSecurityGroups {
		if nsgs[n.Key] {
			ngs = append(ngs, Object[netdoc.SecurityGroup]{V: n, Locs: sorted(g.nsgs[i])})
		}
	}
	for k, d := range out {
		d.Routes, d.NSGs = rts, ngs
		decl.VNets[k] = pack(d)
	}
	return decl
}

// unknownName tells a key of a name not known statically ("?..." in either part).
func unknownName(key string) bool {
	return strings.HasPrefix(key, "?") || strings.Contains(key, "/?")
}

// groups holds the locations of a document's VNets, subnets, route tables and
// security groups, each object's by its index in its list and relative to it
// (/subnets/3/addressPrefixes/0 is "/addressPrefixes/0" of subnet 3): found by index,
// not by building and hashing each object's pointer, which took a third of the
// declarations of the 16,000-subnet hub of bench/network.sh.
type groups struct {
	vnets, subnets, routes, nsgs [][]Loc
}

// bucket groups locs in one pass. Locations of other lists, and indexes outside
// the document's lists or not written as netdoc.Pointer writes them, are left out:
// declarations never asks for them.
func bucket(doc *netdoc.Document, locs netdoc.Locations) *groups {
	g := &groups{
		vnets:   make([][]Loc, len(doc.VirtualNetworks)),
		subnets: make([][]Loc, len(doc.Subnets)),
		routes:  make([][]Loc, len(doc.RouteTables)),
		nsgs:    make([][]Loc, len(doc.NetworkSecurityGroups)),
	}
	for k, l := range locs {
		// "/subnets/3/addressPrefixes/0": the object is the first two segments.
		i := strings.IndexByte(k[min(1, len(k)):], '/') + 1
		if i <= 0 {
			continue
		}
		var list [][]Loc
		switch k[:i] {
		case "/virtualNetworks":
			list = g.vnets
		case "/subnets":
			list = g.subnets
		case "/routeTables":
			list = g.routes
		case "/networkSecurityGroups":
			list = g.nsgs
		default:
			continue
		}
		idx, rest := k[i+1:], ""
		if j := strings.IndexByte(idx, '/'); j >= 0 {
			idx, rest = idx[:j], idx[j:]
		}
		n, ok := index(idx, len(list))
		if !ok {
			continue
		}
		list[n] = append(list[n], Loc{Rel: rest, At: l})
	}
	return g
}

// index reads s as netdoc.Pointer writes an index below n.
func index(s string, n int) (int, bool) {
	if s == "" || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
		if v >= n {
			return 0, false
		}
	}
	return v, true
}

// at is where the object of locs is declared (zero when it is not located).
func at(locs Locs) netdoc.Location {
	l, _ := locs.Get("")
	return l.Location
}

// Lookup returns the declarations of the VNet vnet (a key) that a reference scoped
// ref could mean, leaving out those of the file self (the referencing document's own,
// already in it). Declarations written in one place with the same facts count once
// (see fingerprint).
func (ix *Index) Lookup(vnet string, ref netdoc.Scope, self string) []*Decl {
	ix.sort()
	ix.mu.Lock()
	ds := ix.byVNet[vnet]
	ix.mu.Unlock()
	var out []*Decl
	seen := map[string]bool{}
	for _, p := range ds {
		if p.File == self || !compatible(p.Scope, ref) {
			continue
		}
		d := p.unpack()
		fp := fingerprint(d)
		if seen[fp] {
			continue
		}
		seen[fp] = true
		out = append(out, d)
	}
	return out
}

// sort puts every list of declarations in file order: workers add in any order, and
// file order makes candidates and notes stable.
func (ix *Index) sort() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.sorted {
		return
	}
	byFile := func(f1, p1, f2, p2 string) int {
		if c := strings.Compare(f1, f2); c != 0 {
			return c
		}
		return strings.Compare(p1, p2)
	}
	for _, ds := range ix.byVNet {
		slices.SortStableFunc(ds, func(a, b *packed) int { return byFile(a.File, a.ParameterFile, b.File, b.ParameterFile) })
	}
	for _, ds := range ix.byRoute {
		slices.SortStableFunc(ds, func(a, b *Named[netdoc.RouteTable]) int {
			return byFile(a.File, a.ParameterFile, b.File, b.ParameterFile)
		})
	}
	for _, ds := range ix.byNSG {
		slices.SortStableFunc(ds, func(a, b *Named[netdoc.SecurityGroup]) int {
			return byFile(a.File, a.ParameterFile, b.File, b.ParameterFile)
		})
	}
	ix.sorted = true
}

// lookupNamed returns the declarations in ds of another file than self, those written
// in one place with the same facts once.
func lookupNamed[T any](ix *Index, ds []*Named[T], self string) []*Named[T] {
	var out []*Named[T]
	seen := map[string]bool{}
	for _, d := range ds {
		if d.File == self {
			continue
		}
		fp := fmt.Sprintf("%s:%d:%d|%+v", d.At.File, d.At.Line, d.At.Column, d.V)
		if !seen[fp] {
			seen[fp] = true
			out = append(out, d)
		}
	}
	return out
}

// compatible tells whether a declaration in scope decl could be what a reference
// scoped ref names: every part known on both sides is the same.
func compatible(decl, ref netdoc.Scope) bool {
	if decl.ResourceGroup != "" && ref.ResourceGroup != "" && decl.ResourceGroup != ref.ResourceGroup {
		return false
	}
	return decl.Subscription == "" || ref.Subscription == "" || decl.Subscription == ref.Subscription
}

// fingerprint is where a declaration is written and its network facts: a module or
// linked template linted alone and through the file that deploys it is one
// declaration, and so is a template linted with two parameter files that do not
// change its network.
func fingerprint(d *Decl) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d|%+v", d.At.File, d.At.Line, d.At.Column, d.Scope)
	if d.VNet != nil {
		fmt.Fprintf(&b, "|%v|%v", d.VNet.V.AddressPrefixes, d.VNet.V.Peerings)
	}
	for _, s := range d.Subnets {
		fmt.Fprintf(&b, "|%s=%v,%v,%s,%s", s.V.Key, s.V.AddressPrefixes, s.V.Delegations, s.V.RouteTable, s.V.NetworkSecurityGroup)
	}
	for _, r := range d.Routes {
		fmt.Fprintf(&b, "|%+v", r.V)
	}
	for _, n := range d.NSGs {
		fmt.Fprintf(&b, "|%s,%s,%t", n.V.Key, n.V.Name, n.V.Declared)
		for _, r := range n.V.Rules {
			// Each field by value: %+v prints a pointer inside a slice (Priority) as
			// its address, which differs between two reads of the same rule.
			priority := "-"
			if r.Priority != nil {
				priority = strconv.Itoa(*r.Priority)
			}
			fmt.Fprintf(&b, ";%q,%s,%q,%q,%q,%q,%q,%q", r.Name, priority, r.Direction, r.Access, r.Protocol,
				r.SourceAddressPrefixes, r.DestinationAddressPrefixes, r.DestinationPortRanges)
		}
	}
	return b.String()
}
