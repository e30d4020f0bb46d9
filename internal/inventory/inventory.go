// Package inventory reads existing virtual networks (the JSON of `az network vnet list`)
// and merges them into network documents, so subnets a deployment only references
// (bring-your-own) get their real prefixes and the capacity and overlap rules apply.
package inventory

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
)

// Inventory is the set of existing VNets, each value located in the inventory file.
type Inventory struct {
	vnets []vnet
}

type vnet struct {
	v       netdoc.VirtualNetwork
	group   string                     // the resource group, lower case; "" when the inventory does not say
	locs    map[string]netdoc.Location // relative pointer ("/addressPrefixes/0") -> location
	subnets []subnet
}

type subnet struct {
	s    netdoc.Subnet
	locs map[string]netdoc.Location
}

// Parse reads an `az network vnet list` array (a single VNet object is accepted too).
func Parse(file string, data []byte) (*Inventory, error) {
	src, root, err := jsonsrc.Parse(file, data)
	if err != nil {
		return nil, err
	}
	if !root.IsArray() && !root.IsObject() {
		return nil, &netdoc.SourceError{Location: src.Loc(root), Msg: "an inventory is the JSON array printed by az network vnet list"}
	}
	inv := &Inventory{}
	items := []gjson.Result{root}
	if root.IsArray() {
		items = root.Array()
	}
	for _, item := range items {
		if v, ok := parseVNet(src, item); ok {
			inv.vnets = append(inv.vnets, v)
		}
	}
	return inv, nil
}

func parseVNet(src *jsonsrc.Source, item gjson.Result) (vnet, bool) {
	name := item.Get("name").String()
	if name == "" {
		return vnet{}, false
	}
	v := vnet{v: netdoc.VirtualNetwork{Key: netdoc.NameKey(name), Name: name}, locs: map[string]netdoc.Location{"": src.Loc(item.Get("name"))}}
	v.group = strings.ToLower(item.Get("resourceGroup").String())
	v.v.AddressPrefixes = strs(src, item.Get("addressSpace.addressPrefixes"), "/addressPrefixes", v.locs)
	item.Get("virtualNetworkPeerings").ForEach(func(_, p gjson.Result) bool {
		v.v.Peerings = append(v.v.Peerings, netdoc.Peering{
			Name:                  p.Get("name").String(),
			RemoteAddressPrefixes: strs(src, p.Get("remoteAddressSpace.addressPrefixes"), "", nil),
		})
		return true
	})
	item.Get("subnets").ForEach(func(_, s gjson.Result) bool {
		if sub, ok := parseSubnet(src, name, s); ok {
			v.subnets = append(v.subnets, sub)
		}
		return true
	})
	return v, true
}

func parseSubnet(src *jsonsrc.Source, vnetName string, s gjson.Result) (subnet, bool) {
	name := s.Get("name").String()
	if name == "" {
		return subnet{}, false
	}
	sub := subnet{
		s:    netdoc.Subnet{Key: netdoc.SubnetKey(vnetName, name), VNet: netdoc.NameKey(vnetName), Name: name, Declared: true},
		locs: map[string]netdoc.Location{"": src.Loc(s.Get("name"))},
	}
	if p := s.Get("addressPrefixes"); p.IsArray() {
		sub.s.AddressPrefixes = strs(src, p, "/addressPrefixes", sub.locs)
	} else if p := s.Get("addressPrefix"); p.Type == gjson.String {
		sub.s.AddressPrefixes = []string{p.String()}
		sub.locs["/addressPrefixes"] = src.Loc(p)
		sub.locs["/addressPrefixes/0"] = src.Loc(p)
	}
	s.Get("delegations").ForEach(func(_, d gjson.Result) bool {
		svc := d.Get("serviceName").String()
		if svc == "" {
			svc = d.Get("properties.serviceName").String()
		}
		if svc != "" {
			sub.s.Delegations = append(sub.s.Delegations, svc)
		}
		return true
	})
	sub.s.RouteTable = lastSegmentKey(s.Get("routeTable.id").String())
	sub.s.NetworkSecurityGroup = lastSegmentKey(s.Get("networkSecurityGroup.id").String())
	return sub, true
}

func strs(src *jsonsrc.Source, r gjson.Result, pointer string, locs map[string]netdoc.Location) []string {
	var out []string
	r.ForEach(func(_, v gjson.Result) bool {
		if v.Type == gjson.String {
			if locs != nil {
				locs[pointer+netdoc.Pointer(len(out))] = src.Loc(v)
			}
			out = append(out, v.String())
		}
		return true
	})
	if locs != nil && len(out) > 0 {
		locs[pointer] = src.Loc(r)
	}
	return out
}

func lastSegmentKey(id string) string {
	if id == "" {
		return ""
	}
	return netdoc.NameKey(id[strings.LastIndexByte(id, '/')+1:])
}

// Merge adds what the inventory knows about the VNets the document refers to: a
// referenced (undeclared) subnet gets its prefixes, delegations, route table and NSG;
// the other subnets of those VNets and the VNets themselves are added when the
// document does not declare them; a peering to one of them gets its address space
// (build.Peer). Declared values of the document always win.
func (inv *Inventory) Merge(doc *netdoc.Document, locs netdoc.Locations) {
	if inv == nil {
		return
	}
	inv.peer(doc, locs)
	referenced := map[string]bool{}
	for _, s := range doc.Subnets {
		referenced[s.VNet] = true
	}
	declaredVNet := map[string]bool{}
	for _, v := range doc.VirtualNetworks {
		declaredVNet[v.Key] = true
	}
	for _, v := range inv.vnets {
		if !referenced[v.v.Key] {
			continue
		}
		if !declaredVNet[v.v.Key] {
			setAll(locs, netdoc.Pointer("virtualNetworks", len(doc.VirtualNetworks)), v.locs)
			doc.VirtualNetworks = append(doc.VirtualNetworks, v.v)
		}
		for _, s := range v.subnets {
			i := indexOf(doc.Subnets, s.s.Key)
			switch {
			case i < 0:
				i = len(doc.Subnets)
				doc.Subnets = append(doc.Subnets, s.s)
			case !doc.Subnets[i].Declared:
				doc.Subnets[i] = s.s
			default:
				continue // the document declares it: its own values win
			}
			setAll(locs, netdoc.Pointer("subnets", i), s.locs)
		}
	}
}

// peer gives a peering to a VNet the document names but does not declare the
// inventory's address space of that VNet: of the one VNet of that name in the
// peering's resource group (when the peering's ID and the inventory both name it).
func (inv *Inventory) peer(doc *netdoc.Document, locs netdoc.Locations) {
	for vi := range doc.VirtualNetworks {
		for pi, p := range doc.VirtualNetworks[vi].Peerings {
			if p.Remote == "" || len(p.RemoteAddressPrefixes) > 0 {
				continue
			}
			var found *vnet
			for k := range inv.vnets {
				v := &inv.vnets[k]
				if v.v.Key != p.Remote || len(v.v.AddressPrefixes) == 0 ||
					(v.group != "" && p.RemoteScope.ResourceGroup != "" && v.group != p.RemoteScope.ResourceGroup) {
					continue
				}
				if found != nil {
					found = nil // two candidates: not known which
					break
				}
				found = v
			}
			if found == nil {
				continue
			}
			ptr := netdoc.Pointer("virtualNetworks", vi, "peerings", pi, "remoteAddressPrefixes")
			here, _ := locs.Resolve(ptr)
			build.Peer(doc, locs, vi, pi, here.Location, found.v.AddressPrefixes, func(rel string) (netdoc.Located, bool) {
				l, ok := found.locs["/addressPrefixes"+rel]
				return netdoc.Located{Location: l}, ok
			})
		}
	}
}

// setAll locates the merged values in the inventory; an object the document already
// locates (the reference to a BYO subnet) keeps its place in the linted file.
func setAll(locs netdoc.Locations, base string, rel map[string]netdoc.Location) {
	for p, l := range rel {
		if _, located := locs[base+p]; p != "" || !located {
			locs.Set(base+p, l)
		}
	}
}

func indexOf(subnets []netdoc.Subnet, key string) int {
	for i, s := range subnets {
		if s.Key == key {
			return i
		}
	}
	return -1
}
