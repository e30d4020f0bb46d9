package azcli

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
)

// vnetCreate handles az network vnet create, with its optional first subnet.
func (in *interp) vnetCreate(cmd *azCmd) {
	name, ok := cmd.named("--name")
	if !ok {
		return
	}
	v := &vnetM{key: keyOf(name), at: cmd.at, scope: cmdScope(cmd)}
	in.setName(&v.name, name)
	in.setList(&v.prefixes, cmd, "--address-prefixes", false)
	if old := in.m.vnet(v.key); old != nil {
		v.peerings = old.peerings
		*old = *v
	} else {
		in.m.vnets = append(in.m.vnets, v)
	}
	if sub, ok := cmd.named("--subnet-name"); ok {
		s := in.declareSubnet(name, sub, cmd, true)
		in.setList(&s.prefixes, cmd, "--subnet-prefixes", false)
	}
}

// declareSubnet finds or adds the subnet vnet/name; create marks it declared by the script.
func (in *interp) declareSubnet(vnet, name arg, cmd *azCmd, create bool) *subnetM {
	key := keyOf(vnet) + "/" + keyOf(name)
	s := in.m.subnet(key)
	if s == nil {
		s = &subnetM{key: key, vnet: keyOf(vnet)}
		in.m.subnets = append(in.m.subnets, s)
	}
	if create {
		*s = subnetM{key: key, vnet: keyOf(vnet), declared: true, scope: cmdScope(cmd)}
	}
	if create || !s.declared {
		s.at = cmd.at
		in.setName(&s.name, name)
	}
	return s
}

// subnetCreate handles az network vnet subnet create and update.
func (in *interp) subnetCreate(cmd *azCmd, create bool) {
	vnet, ok1 := cmd.named("--vnet-name")
	name, ok2 := cmd.named("--name")
	if !ok1 || !ok2 {
		return
	}
	s := in.declareSubnet(vnet, name, cmd, create)
	in.setList(&s.prefixes, cmd, "--address-prefixes", false)
	in.setList(&s.delegations, cmd, "--delegations", false)
	in.setRef(&s.routeTable, cmd, "--route-table", "routetable", "routeTables")
	in.setRef(&s.nsg, cmd, "--network-security-group", "nsg", "networkSecurityGroups")
	if a := cmd.opaque; a != nil {
		// A word that may hold any flags may attach a route table or NSG, or delegate
		// the subnet: their absence is not known.
		reason := "it may be set by " + a.expr + ", whose value is not known"
		if !cmd.has("--route-table") {
			unknown(&s.routeTable, a.expr, reason, in.origin(*a))
		}
		if !cmd.has("--network-security-group") {
			unknown(&s.nsg, a.expr, reason, in.origin(*a))
		}
		if !cmd.has("--delegations") {
			unknown(&s.delegations, a.expr, reason, in.origin(*a))
		}
	}
}

func (in *interp) routeTableCreate(cmd *azCmd) {
	name, ok := cmd.named("--name")
	if !ok {
		return
	}
	rt := in.routeTableFor(name, cmd)
	rt.at = cmd.at
	rt.created = rt.created || in.uncertain == 0
	in.setName(&rt.name, name)
}

func (in *interp) routeTableFor(name arg, cmd *azCmd) *routeTableM {
	key := keyOf(name)
	if rt := in.m.routeTable(key); rt != nil {
		return rt
	}
	rt := &routeTableM{key: key, at: cmd.at}
	in.setName(&rt.name, name)
	in.m.rts = append(in.m.rts, rt)
	return rt
}

func (in *interp) routeCreate(cmd *azCmd) {
	table, ok := cmd.named("--route-table-name")
	if !ok {
		return
	}
	rt := in.routeTableFor(table, cmd)
	rt.partial = rt.partial || in.uncertain > 0
	r := &routeM{at: cmd.at}
	if name, ok := cmd.named("--name"); ok {
		in.setName(&r.name, name)
	}
	in.setStr(&r.prefix, cmd, "--address-prefix")
	in.setStr(&r.nextHop, cmd, "--next-hop-type")
	if r.name.State == build.Known {
		for i, old := range rt.routes {
			if old.name.State == build.Known && strings.EqualFold(old.name.V, r.name.V) {
				rt.routes[i] = r
				return
			}
		}
	}
	rt.routes = append(rt.routes, r)
}

// peeringCreate handles az network vnet peering create. The remote address space is
// known when --remote-vnet names a VNet the script creates (build.Builder.LinkPeerings).
func (in *interp) peeringCreate(cmd *azCmd) {
	vnet, ok := cmd.named("--vnet-name")
	if !ok {
		return
	}
	v := in.m.vnet(keyOf(vnet))
	if v == nil {
		v = &vnetM{key: keyOf(vnet), at: cmd.at}
		in.setName(&v.name, vnet)
		in.m.vnets = append(in.m.vnets, v)
	}
	p := &peeringM{at: cmd.at}
	if name, ok := cmd.named("--name"); ok {
		in.setName(&p.name, name)
	}
	if remote, ok := cmd.first("--remote-vnet"); ok {
		key, ok := remote.resourceKey("vnet", "virtualNetworks")
		if !ok {
			unknown(&p.remote, remote.expr, "the remote VNet cannot be identified: "+remote.reason(), in.origin(remote))
		} else {
			p.remoteKey, p.remoteScope = key, idScope(remote.value)
			unknown(&p.missing, remote.expr, "the remote VNet is not created in this script", in.origin(remote))
		}
	}
	v.peerings = append(v.peerings, p)
}

func (in *interp) nsgCreate(cmd *azCmd) {
	name, ok := cmd.named("--name")
	if !ok {
		return
	}
	n := in.nsgFor(name, cmd)
	n.at = cmd.at
	n.created = n.created || in.uncertain == 0
	in.setName(&n.name, name)
}

func (in *interp) nsgFor(name arg, cmd *azCmd) *nsgM {
	key := keyOf(name)
	if n := in.m.nsg(key); n != nil {
		return n
	}
	n := &nsgM{key: key, at: cmd.at}
	in.setName(&n.name, name)
	in.m.nsgs = append(in.m.nsgs, n)
	return n
}

// nsgRuleCreate handles az network nsg rule create. Only the values the command states
// are recorded.
func (in *interp) nsgRuleCreate(cmd *azCmd) {
	nsg, ok := cmd.named("--nsg-name")
	if !ok {
		return
	}
	n := in.nsgFor(nsg, cmd)
	n.partial = n.partial || in.uncertain > 0
	r := &ruleM{at: cmd.at}
	if name, ok := cmd.named("--name"); ok {
		in.setName(&r.name, name)
	}
	in.setInt(&r.priority, cmd, "--priority")
	in.setStr(&r.direction, cmd, "--direction")
	in.setStr(&r.access, cmd, "--access")
	in.setStr(&r.protocol, cmd, "--protocol")
	in.setList(&r.src, cmd, "--source-address-prefixes", false)
	in.setList(&r.dst, cmd, "--destination-address-prefixes", false)
	in.setList(&r.ports, cmd, "--destination-port-ranges", false)
	n.rules = append(n.rules, r)
}
