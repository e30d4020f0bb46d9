package arm

import (
	"slices"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
)

// peeringRef is a peering whose remote address space comes from a VNet in
// the document.
type peeringRef struct {
	vi, pi int
	remote string        // remote VNet key ("" when not known)
	v      armeval.Value // the remote VNet ID as written
	why    any           // why the remote VNet is not known
}

func (x *extractor) vnet(in *armeval.Resource) {
	key, segs, ok := x.keyedResource(in, 1, "/virtualNetworks")
	if !ok {
		return
	}
	vi, fresh := x.vnetEntry(key)
	base := netdoc.Pointer("virtualNetworks", vi)
	at := func(s ...any) string { return netdoc.Under(base, s...) }
	v := &x.b.Doc.VirtualNetworks[vi]
	if fresh {
		x.b.Locs.Set(at(), in.TypeLoc())
	}
	if name, ok := segs[0].V.(string); ok {
		v.Name = name
	}
	body := x.ev.Body(in)
	props := x.ev.Get(body, "properties")
	if p, bad := props.Problem(); bad {
		x.unresolved(at(), props, p)
		return
	}
	if pre := x.strs(x.ev.Path(props, "addressSpace", "addressPrefixes"), at("addressPrefixes")); pre != nil {
		x.b.Doc.VirtualNetworks[vi].AddressPrefixes = pre
	}
	subnets := x.ev.Get(props, "subnets")
	if p, bad := subnets.Problem(); bad {
		x.unresolved(at("subnets"), subnets, p)
	}
	els := x.ev.Elems(subnets)
	// Room for the whole list at once: a netdoc.Subnet is large, and appending a hub's
	// thousands of subnets one by one copied the slice at every doubling
	// (BenchmarkExtractHub). At least doubled when it grows: growing a long list by one
	// VNet's subnets at a time copied it every few VNets (append adds a quarter to a
	// long slice).
	if room := cap(x.b.Doc.Subnets) - len(x.b.Doc.Subnets); room < len(els) {
		x.b.Doc.Subnets = slices.Grow(x.b.Doc.Subnets, max(len(els), len(x.b.Doc.Subnets)))
	}
	for _, e := range els {
		if p, bad := e.Problem(); bad {
			x.unresolved(at("subnets"), e, p)
			continue
		}
		x.subnet(key, x.ev.AsSeg(x.ev.Get(e, "name")), e)
	}
	for _, e := range x.ev.Elems(x.ev.Get(props, "virtualNetworkPeerings")) {
		x.peering(vi, e, x.ev.Get(e, "name"))
	}
}

func (x *extractor) vnetEntry(key string) (int, bool) {
	if i, ok := x.vnetIdx[key]; ok {
		return i, false
	}
	x.vnetIdx[key] = len(x.b.Doc.VirtualNetworks)
	x.b.Doc.VirtualNetworks = append(x.b.Doc.VirtualNetworks, netdoc.VirtualNetwork{Key: key})
	return len(x.b.Doc.VirtualNetworks) - 1, true
}

// subnetResource is a Microsoft.Network/virtualNetworks/subnets resource.
func (x *extractor) subnetResource(in *armeval.Resource) {
	if in.Existing() {
		return
	}
	if in.CountUnknown() != "" {
		x.countNote(in, "/subnets")
		return
	}
	segs := x.ev.Names(in)
	if len(segs) != 2 {
		return
	}
	vkey, ok := x.segKey(segs[0])
	if !ok {
		return
	}
	x.subnet(vkey, segs[1], x.ev.Body(in))
}

// subnet reads a subnet (an element of a VNet's subnets, or a subnet
// resource) of the VNet with key vkey.
func (x *extractor) subnet(vkey string, name armeval.Seg, body armeval.Value) {
	skey, ok := x.segKey(name)
	if !ok {
		return
	}
	key := vkey + "/" + skey
	si, found := x.subnetIdx[key]
	if !found {
		si = len(x.b.Doc.Subnets)
		x.subnetIdx[key] = si
		x.b.Doc.Subnets = append(x.b.Doc.Subnets, netdoc.Subnet{Key: key, VNet: vkey})
	}
	// The pointer and each location are made once: locating a value follows its
	// trace, a large share of the mapping's cost per subnet (BenchmarkExtractHub).
	base := netdoc.Pointer("subnets", si)
	if !found {
		x.set(base, body)
	}
	at := func(f ...any) string { return netdoc.Under(base, f...) }
	sub := &x.b.Doc.Subnets[si]
	sub.Declared = true
	if n, ok := name.V.(string); ok {
		sub.Name = n
		l := name.Loc()
		x.b.Locs.Set(at("name"), l.Location, l.Related...)
	}
	props := x.ev.Get(body, "properties")
	if p, bad := props.Problem(); bad {
		x.unresolved(at(), props, p)
		return
	}
	if pre := x.subnetPrefixes(props, body, at("addressPrefixes")); pre != nil {
		x.b.Doc.Subnets[si].AddressPrefixes = pre
	}
	// An absent setting gives nothing (delegations and resourceKey return at once):
	// its pointer is built only for a setting written, as most subnets write none.
	if d := x.ev.Get(props, "delegations"); !d.Absent {
		if dl := x.delegations(d, at("delegations")); dl != nil {
			x.b.Doc.Subnets[si].Delegations = dl
		}
	}
	if rt := x.ev.Path(props, "routeTable", "id"); !rt.Absent {
		if k, ok := x.resourceKey(rt, "Microsoft.Network/routeTables", at("routeTable")); ok {
			x.b.Doc.Subnets[si].RouteTable = k
		}
	}
	if nsg := x.ev.Path(props, "networkSecurityGroup", "id"); !nsg.Absent {
		if k, ok := x.resourceKey(nsg, "Microsoft.Network/networkSecurityGroups", at("networkSecurityGroup")); ok {
			x.b.Doc.Subnets[si].NetworkSecurityGroup = k
		}
	}
}

// subnetPrefixes reads a subnet's prefixes as the network provider does:
// addressPrefixes when it lists any, else addressPrefix (AVM's virtual network module
// writes both, one of them empty). A subnet with neither gets a note: the rules
// that need its range cannot judge it.
func (x *extractor) subnetPrefixes(props, body armeval.Value, pointer string) []string {
	many := x.ev.Get(props, "addressPrefixes")
	if !many.Absent {
		if _, bad := many.Problem(); bad || !many.IsArray() || x.ev.Len(many) > 0 {
			return x.strs(many, pointer)
		}
	}
	one := x.ev.Get(props, "addressPrefix")
	s, p := asString(one)
	switch {
	case p != nil:
		x.unresolved(pointer, one, p)
		x.set(pointer+"/0", one)
		return nil
	case s == "":
		at := props
		if at.Absent {
			at = body
		}
		x.unresolvedAt(pointer, "(not written)", "the subnet has no address prefix the linter can read (addressPrefix or addressPrefixes)", x.ev.Loc(at))
		return nil
	}
	l := x.ev.Loc(one)
	l.Related = slices.Clip(l.Related) // shared by two entries: an append to one must not write into the other
	x.b.Locate(pointer, l)
	x.b.Locate(pointer+"/0", l)
	return []string{s}
}

func (x *extractor) delegations(v armeval.Value, pointer string) []string {
	if v.Absent {
		return nil
	}
	if p, bad := v.Problem(); bad {
		x.unresolved(pointer, v, p)
		return nil
	}
	var out []string
	for _, d := range x.ev.Elems(v) {
		svc := x.ev.Path(d, "properties", "serviceName")
		s, p := asString(svc)
		if p != nil {
			x.unresolved(pointer, svc, p)
			return nil
		}
		if s != "" {
			out = append(out, s)
		}
	}
	if out != nil {
		x.set(pointer, v)
	}
	return out
}

// resourceKey reads the ID of a route table or NSG into its key.
func (x *extractor) resourceKey(v armeval.Value, typ, pointer string) (string, bool) {
	if v.Absent {
		return "", false
	}
	if s, ok := v.V.(string); ok && s == "" {
		return "", false
	}
	segs, ok := x.ev.IDNames(v, typ)
	if !ok || len(segs) != 1 {
		if p, bad := v.Problem(); bad {
			x.unresolved(pointer, v, p)
		} else {
			x.unresolved(pointer, v, "not a resource ID of "+typ)
		}
		return "", false
	}
	key, ok := x.segKey(segs[0])
	if !ok {
		return "", false
	}
	if _, isStr := segs[0].V.(string); !isStr {
		// A name not known: only a key the document declares is a fact.
		idx := x.rtIdx
		if typ == "Microsoft.Network/networkSecurityGroups" {
			idx = x.nsgIdx
		}
		if _, declared := idx[key]; !declared {
			x.unresolved(pointer, v, segs[0].V)
			return "", false
		}
	}
	x.set(pointer, v)
	return key, true
}

func (x *extractor) peeringResource(in *armeval.Resource) {
	key, segs, ok := x.keyedResource(in, 2, "")
	if !ok {
		return
	}
	vi, declared := x.vnetIdx[key]
	if !declared {
		return // a peering of a VNet the deployment does not declare
	}
	x.peering(vi, x.ev.Body(in), segs[1].Value())
}

func (x *extractor) peering(vi int, body, name armeval.Value) {
	pi := len(x.b.Doc.VirtualNetworks[vi].Peerings)
	base := netdoc.Pointer("virtualNetworks", vi, "peerings", pi)
	at := func(f ...any) string {
		return netdoc.Under(base, f...)
	}
	p := netdoc.Peering{}
	if n, ok := name.V.(string); ok {
		p.Name = n
	}
	x.set(at(), body)
	props := x.ev.Get(body, "properties")
	ref := peeringRef{vi: vi, pi: pi}
	if explicit := x.ev.Path(props, "remoteAddressSpace", "addressPrefixes"); !explicit.Absent {
		p.RemoteAddressPrefixes = x.strs(explicit, at("remoteAddressPrefixes"))
		ref.vi = -1
	}
	id := x.ev.Path(props, "remoteVirtualNetwork", "id")
	ref.v = id
	if segs, ok := x.ev.IDNames(id, "Microsoft.Network/virtualNetworks"); ok {
		if k, ok := x.segKey(segs[0]); ok {
			if _, known := segs[0].V.(string); known {
				ref.remote = k
			} else if _, declared := x.vnetIdx[k]; declared {
				ref.remote = k
			} else {
				ref.why = segs[0].V
			}
		}
	} else if pr, bad := id.Problem(); bad {
		ref.why = pr
	}
	x.b.Doc.VirtualNetworks[vi].Peerings = append(x.b.Doc.VirtualNetworks[vi].Peerings, p)
	x.peerings = append(x.peerings, ref)
}

// linkPeerings hands the builder each peering whose remote address space comes
// from the VNet it names; a remote that is not a VNet ID is not known.
func (x *extractor) linkPeerings() {
	for _, r := range x.peerings {
		if r.vi < 0 {
			continue
		}
		pointer := netdoc.Pointer("virtualNetworks", r.vi, "peerings", r.pi, "remoteAddressPrefixes")
		switch {
		case r.remote != "":
			x.b.LinkPeering(build.PeeringLink{
				VNet: r.vi, Peering: r.pi, Remote: r.remote, Scope: x.idScope(r.v),
				Missing: notKnown[[]string](x, r.v, "the remote VNet "+r.remote+" is not declared in this deployment, so its address space is not known"),
			})
		case r.why != nil:
			x.unresolved(pointer, r.v, r.why)
		case r.v.Absent:
		default:
			x.unresolved(pointer, r.v, "not a VNet resource ID")
		}
	}
	x.b.LinkPeerings()
}
