package build

import (
	"slices"
	"strconv"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Peered is the one way a peering gets the address space of the VNet it peers
// with, whoever declares that VNet: the document itself (Builder.LinkPeerings),
// the inventory of existing VNets, or another file (the join of files).

// PeeredHere is the message of the related location that names the peering's
// reference to the remote VNet.
const PeeredHere = "the VNet peered here"

// Peer gives peering pi of VNet vi of doc the address space prefixes of the VNet it
// peers with. Each range is located where it is written (at gives the location of the
// list, at(""), and of each element, at("/<i>")), with the peering's reference to the
// remote VNet, here, as the first related location; the peering is no longer listed
// as unresolved.
func Peer(doc *netdoc.Document, locs netdoc.Locations, vi, pi int, here netdoc.Location, prefixes []string, at func(rel string) (netdoc.Located, bool)) {
	ptr := netdoc.Pointer("virtualNetworks", vi, "peerings", pi, "remoteAddressPrefixes")
	doc.VirtualNetworks[vi].Peerings[pi].RemoteAddressPrefixes = slices.Clone(prefixes)
	doc.Unresolved = slices.DeleteFunc(doc.Unresolved, func(u netdoc.Unresolved) bool { return u.Pointer == ptr })
	peered := netdoc.Related{Location: here, Message: PeeredHere}
	locate := func(p string, l netdoc.Located) {
		locs.Set(p, l.Location, append([]netdoc.Related{peered}, l.Related...)...)
	}
	list, ok := at("")
	if !ok {
		list = netdoc.Located{Location: here}
	}
	locate(ptr, list)
	for i := range prefixes {
		if l, ok := at("/" + strconv.Itoa(i)); ok {
			locate(ptr+"/"+strconv.Itoa(i), l)
		} else {
			delete(locs, ptr+"/"+strconv.Itoa(i))
		}
	}
}

// PeeringLink is a peering whose remote address space is that of the VNet it names.
type PeeringLink struct {
	VNet, Peering int // the peering is Doc.VirtualNetworks[VNet].Peerings[Peering]
	// Remote is the remote VNet's key; a key made from an expression ("?...") names a
	// VNet only within this document.
	Remote string
	Scope  netdoc.Scope // where the remote VNet's ID says it is
	// Missing is the remote address space when no VNet of the document has the key
	// Remote: an Unknown value, with the reference's expression and location.
	Missing Value[[]string]
}

// LinkPeering records link, for LinkPeerings.
func (b *Builder) LinkPeering(link PeeringLink) {
	b.peerings = append(b.peerings, link)
}

// LinkPeerings gives each recorded peering the address space of the VNet of the
// document it names. A peering to a VNet the document does not declare stays
// unresolved (Missing), with its remote named for the join of files; a peering to a
// declared VNet whose address space is not known is unresolved for that reason.
func (b *Builder) LinkPeerings() {
	index := make(map[string]int, len(b.Doc.VirtualNetworks))
	for i, v := range b.Doc.VirtualNetworks {
		if _, dup := index[v.Key]; !dup {
			index[v.Key] = i
		}
	}
	for _, l := range b.peerings {
		ptr := netdoc.Pointer("virtualNetworks", l.VNet, "peerings", l.Peering, "remoteAddressPrefixes")
		ri, declared := index[l.Remote]
		switch {
		case !declared:
			b.Unknown(ptr, l.Missing.Expr, l.Missing.Reason, l.Missing.At)
			if l.Remote != "" && l.Remote[0] != '?' {
				pe := &b.Doc.VirtualNetworks[l.VNet].Peerings[l.Peering]
				pe.Remote, pe.RemoteScope = l.Remote, l.Scope
			}
		case len(b.Doc.VirtualNetworks[ri].AddressPrefixes) > 0:
			base := netdoc.Pointer("virtualNetworks", ri, "addressPrefixes")
			Peer(b.Doc, b.Locs, l.VNet, l.Peering, l.Missing.At.Location, b.Doc.VirtualNetworks[ri].AddressPrefixes, func(rel string) (netdoc.Located, bool) {
				at, ok := b.Locs[base+rel]
				return at, ok
			})
		default:
			b.Unknown(ptr, l.Missing.Expr, "the address space of the remote VNet "+l.Remote+" is not known", l.Missing.At)
		}
	}
	b.peerings = nil
}
