package azcli

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/effective"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
)

// origin is where a value was read: the word's location and the assignments it came through.
type origin = netdoc.Located

// field is one document value while the script is analysed; absent values are left
// for the defaults of internal/effective.
type field[T any] = build.Value[T]

// item is one element of a list value with its own location.
type item = build.Item

type list = build.List

func known[T any](f *field[T], v T, at origin) { *f = build.Of(v, at) }
func unknown[T any](f *field[T], expr, reason string, at origin) {
	*f = build.NotKnown[T](expr, reason, at)
}

type clusterM struct {
	key string
	// created is true when the script runs az aks create for it; otherwise it only
	// updates or adds pools to an existing cluster whose settings are not known.
	created                         bool
	at                              origin
	name                            field[string]
	k8s                             field[string]
	identity                        field[string]
	principals                      list
	plugin, pluginMode              field[string]
	policy, dataplane               field[string]
	podCidrs, serviceCidrs, ipFams  list
	dns, outbound, lbSku, dockerBrg field[string]
	apiServerSubnet                 field[string]
	apiServerVnet                   field[bool]
	windowsAdmin                    field[string]
	aciSubnetName                   field[string]
	virtualNodes                    field[bool]
	pools                           []*poolM
	// opaque is set when az aks create has a word that may hold any flags.
	opaque *field[string]
	// noIdentity: az aks create --service-principal, so no managed identity.
	noIdentity bool
}

type poolM struct {
	at                                   origin
	name, mode, osType, osSKU, vmType    field[string]
	count, minCount, maxCount, maxPods   field[int]
	autoscale                            field[bool]
	maxSurge, podIPMode, vnetSub, podSub field[string]
	// added: az aks nodepool add creates the pool (not its cluster's az aks create).
	added bool
	// opaque is set when az aks nodepool add has a word that may hold any flags.
	opaque *field[string]
}

type vnetM struct {
	key      string
	at       origin
	name     field[string]
	prefixes list
	peerings []*peeringM
	scope    netdoc.Scope
}

type peeringM struct {
	at   origin
	name field[string]
	// remote is the remote address space when the remote VNet cannot be identified.
	remote list
	// remoteKey names the remote VNet, whose address space the document builder
	// links (build.PeeringLink); remoteScope is where its ID says it is, and missing
	// the address space when the document does not create that VNet.
	remoteKey   string
	remoteScope netdoc.Scope
	missing     field[[]string]
}

type subnetM struct {
	key, vnet             string
	at                    origin
	name                  field[string]
	prefixes, delegations list
	routeTable, nsg       field[string]
	declared              bool
	scope                 netdoc.Scope // a referenced subnet's, from its ID
}

type routeTableM struct {
	key    string
	at     origin
	name   field[string]
	routes []*routeM
	// created: the script certainly creates the table; partial: some route is added
	// only on some paths. Declared needs the first and not the second.
	created, partial bool
}

type routeM struct {
	at                    origin
	name, prefix, nextHop field[string]
}

type nsgM struct {
	key   string
	at    origin
	name  field[string]
	rules []*ruleM
	// created and partial: as for route tables.
	created, partial bool
}

type ruleM struct {
	at                          origin
	name                        field[string]
	priority                    field[int]
	direction, access, protocol field[string]
	src, dst, ports             list
}

type brokenM struct {
	netdoc.BrokenContinuation
	at  netdoc.Location
	cmd netdoc.Location
}

// model is the network the script builds, in the order it builds it.
type model struct {
	clusters []*clusterM
	vnets    []*vnetM
	subnets  []*subnetM
	rts      []*routeTableM
	nsgs     []*nsgM
	broken   []brokenM
	notes    []netdoc.Unresolved
	skipped  []skippedBlock
}

// skippedBlock is a Markdown block that does not parse as shell.
type skippedBlock struct {
	index int // among the document's shell blocks
	lang  string
	fence netdoc.Location // its opening fence
	err   *netdoc.SourceError
}

func (m *model) cluster(key string) *clusterM {
	for i := len(m.clusters) - 1; i >= 0; i-- {
		if m.clusters[i].key == key {
			return m.clusters[i]
		}
	}
	return nil
}

func (m *model) vnet(key string) *vnetM {
	for _, v := range m.vnets {
		if v.key == key {
			return v
		}
	}
	return nil
}

func (m *model) subnet(key string) *subnetM {
	for _, s := range m.subnets {
		if s.key == key {
			return s
		}
	}
	return nil
}

func (m *model) routeTable(key string) *routeTableM {
	for _, r := range m.rts {
		if r.key == key {
			return r
		}
	}
	return nil
}

func (m *model) nsg(key string) *nsgM {
	for _, n := range m.nsgs {
		if n.key == key {
			return n
		}
	}
	return nil
}

func (c *clusterM) pool(name string) *poolM {
	for _, p := range c.pools {
		if n, ok := c.poolName(p); ok && netdoc.NameKey(n) == netdoc.NameKey(name) {
			return p
		}
	}
	return nil
}

// poolName is the name of pool p: the one the script gives, or the one az aks create
// gives its first pool when the script leaves it out (and its flags are all known).
func (c *clusterM) poolName(p *poolM) (string, bool) {
	switch {
	case p.name.State == build.Known:
		return p.name.V, true
	case p.name.State == build.Absent && !p.added && c.created && c.opaque == nil:
		return effective.ClientDefault(netdoc.RequestAzAKSCreate, true, "name")
	}
	return "", false
}

func itoa(i int) string { return strconv.Itoa(i) }

// aciSubnet keys --aci-subnet-name in the VNet of the cluster's node subnet, the only
// VNet the ACI connector can use; unknown when that VNet is not known.
func aciSubnet(b *build.Builder, p string, c *clusterM, dc *netdoc.Cluster) {
	ptr := p + "/addons/virtualNodesSubnet"
	if c.aciSubnetName.State != build.Known {
		build.Put(b, ptr, c.aciSubnetName, func(string) {})
		return
	}
	for _, pl := range c.pools {
		if pl.vnetSub.State == build.Known {
			if vnet, _, ok := strings.Cut(pl.vnetSub.V, "/"); ok {
				if dc.Addons == nil {
					dc.Addons = &netdoc.Addons{}
				}
				dc.Addons.VirtualNodesSubnet = netdoc.SubnetKey(vnet, c.aciSubnetName.V)
				b.Locate(ptr, c.aciSubnetName.At)
				return
			}
		}
	}
	b.Unknown(ptr, c.aciSubnetName.V, "the VNet of the cluster's node subnet is not known", c.aciSubnetName.At)
}

func ptrTo[T any](v T) *T { return &v }

func (m *model) build(file string) (*netdoc.Document, netdoc.Locations) {
	b := build.New(file, netdoc.KindAzCLI)
	d := b.Doc
	for ci, c := range m.clusters {
		p := "/clusters/" + itoa(ci)
		d.Clusters = append(d.Clusters, netdoc.Cluster{Key: c.key, NodePools: []netdoc.NodePool{}})
		dc := &d.Clusters[ci]
		b.Locate(p, c.at)
		if c.created {
			dc.Request = netdoc.RequestAzAKSCreate
		}
		build.PutAt(b, p, "/name", c.name, func(s string) { dc.Name = s })
		build.PutAt(b, p, "/kubernetesVersion", c.k8s, func(s string) { dc.KubernetesVersion = s })
		build.PutAt(b, p, "/identity/type", c.identity, func(s string) {
			if dc.Identity == nil {
				dc.Identity = &netdoc.Identity{}
			}
			dc.Identity.Type = s
		})
		if c.noIdentity {
			b.Unset(p + "/identity/type")
		}
		build.PutListAt(b, p, "/identity/principals", c.principals, func(ss []string) {
			if dc.Identity == nil {
				dc.Identity = &netdoc.Identity{}
			}
			dc.Identity.Principals = ss
		})
		np := &dc.NetworkProfile
		pp := p + "/networkProfile"
		dc.Existing = !c.created
		build.PutAt(b, pp, "/networkPlugin", c.plugin, func(s string) { np.NetworkPlugin = s })
		build.PutAt(b, pp, "/networkPluginMode", c.pluginMode, func(s string) { np.NetworkPluginMode = s })
		build.PutAt(b, pp, "/networkPolicy", c.policy, func(s string) { np.NetworkPolicy = s })
		build.PutAt(b, pp, "/networkDataplane", c.dataplane, func(s string) { np.NetworkDataplane = s })
		build.PutListAt(b, pp, "/podCidrs", c.podCidrs, func(ss []string) { np.PodCidrs = ss })
		build.PutListAt(b, pp, "/serviceCidrs", c.serviceCidrs, func(ss []string) { np.ServiceCidrs = ss })
		build.PutAt(b, pp, "/dnsServiceIP", c.dns, func(s string) { np.DNSServiceIP = s })
		build.PutAt(b, pp, "/outboundType", c.outbound, func(s string) { np.OutboundType = s })
		build.PutAt(b, pp, "/loadBalancerSku", c.lbSku, func(s string) { np.LoadBalancerSku = s })
		build.PutListAt(b, pp, "/ipFamilies", c.ipFams, func(ss []string) { np.IPFamilies = ss })
		build.PutAt(b, pp, "/dockerBridgeCidr", c.dockerBrg, func(s string) { np.DockerBridgeCidr = s })
		build.PutAt(b, p, "/apiServerSubnet", c.apiServerSubnet, func(s string) { dc.APIServerSubnet = s })
		build.PutAt(b, p, "/addons/virtualNodes", c.virtualNodes, func(v bool) { dc.Addons = &netdoc.Addons{VirtualNodes: ptrTo(v)} })
		build.PutAt(b, p, "/apiServerVnetIntegration", c.apiServerVnet, func(v bool) { dc.APIServerVnetIntegration = ptrTo(v) })
		build.PutAt(b, p, "/windowsProfile/adminUsername", c.windowsAdmin, func(s string) { dc.WindowsProfile = &netdoc.WindowsProfile{AdminUsername: s} })
		aciSubnet(b, p, c, dc)
		if c.opaque != nil {
			// effective.FlagsPointer: no default is applied to this cluster or its pools.
			build.PutAt(b, p, "/flags", *c.opaque, func(string) {})
		}
		for pi, pl := range c.pools {
			q := "/clusters/" + itoa(ci) + "/nodePools/" + itoa(pi)
			dc.NodePools = append(dc.NodePools, netdoc.NodePool{})
			dp := &dc.NodePools[pi]
			if pl.added {
				dp.Request = netdoc.RequestAzNodepoolAdd
			}
			b.Locate(q, pl.at)
			build.PutAt(b, q, "/name", pl.name, func(s string) { dp.Name = s })
			build.PutAt(b, q, "/mode", pl.mode, func(s string) { dp.Mode = s })
			build.PutAt(b, q, "/osType", pl.osType, func(s string) { dp.OSType = s })
			build.PutAt(b, q, "/osSKU", pl.osSKU, func(s string) { dp.OSSKU = s })
			build.PutAt(b, q, "/type", pl.vmType, func(s string) { dp.Type = s })
			build.PutAt(b, q, "/count", pl.count, func(n int) { dp.Count = ptrTo(n) })
			build.PutAt(b, q, "/enableAutoScaling", pl.autoscale, func(v bool) { dp.EnableAutoScaling = ptrTo(v) })
			build.PutAt(b, q, "/minCount", pl.minCount, func(n int) { dp.MinCount = ptrTo(n) })
			build.PutAt(b, q, "/maxCount", pl.maxCount, func(n int) { dp.MaxCount = ptrTo(n) })
			build.PutAt(b, q, "/maxPods", pl.maxPods, func(n int) { dp.MaxPods = ptrTo(n) })
			build.PutAt(b, q, "/maxSurge", pl.maxSurge, func(s string) { dp.MaxSurge = s })
			build.PutAt(b, q, "/podIPAllocationMode", pl.podIPMode, func(s string) { dp.PodIPAllocationMode = s })
			build.PutAt(b, q, "/vnetSubnet", pl.vnetSub, func(s string) { dp.VnetSubnet = s })
			build.PutAt(b, q, "/podSubnet", pl.podSub, func(s string) { dp.PodSubnet = s })
			if pl.opaque != nil {
				build.PutAt(b, q, "/flags", *pl.opaque, func(string) {})
			}
		}
	}
	for vi, v := range m.vnets {
		p := "/virtualNetworks/" + itoa(vi)
		d.VirtualNetworks = append(d.VirtualNetworks, netdoc.VirtualNetwork{Key: v.key, Scope: v.scope})
		dv := &d.VirtualNetworks[vi]
		b.Locate(p, v.at)
		build.PutAt(b, p, "/name", v.name, func(s string) { dv.Name = s })
		build.PutListAt(b, p, "/addressPrefixes", v.prefixes, func(ss []string) { dv.AddressPrefixes = ss })
		for pi, pe := range v.peerings {
			q := "/virtualNetworks/" + itoa(vi) + "/peerings/" + itoa(pi)
			dv.Peerings = append(dv.Peerings, netdoc.Peering{})
			dpe := &dv.Peerings[pi]
			b.Locate(q, pe.at)
			build.PutAt(b, q, "/name", pe.name, func(s string) { dpe.Name = s })
			build.PutListAt(b, q, "/remoteAddressPrefixes", pe.remote, func(ss []string) { dpe.RemoteAddressPrefixes = ss })
			if pe.remoteKey != "" {
				b.LinkPeering(build.PeeringLink{VNet: vi, Peering: pi, Remote: pe.remoteKey, Scope: pe.remoteScope, Missing: pe.missing})
			}
		}
	}
	for si, s := range m.subnets {
		p := "/subnets/" + itoa(si)
		d.Subnets = append(d.Subnets, netdoc.Subnet{Key: s.key, VNet: s.vnet, Declared: s.declared, Scope: s.scope})
		ds := &d.Subnets[si]
		b.Locate(p, s.at)
		build.PutAt(b, p, "/name", s.name, func(n string) { ds.Name = n })
		build.PutListAt(b, p, "/addressPrefixes", s.prefixes, func(ss []string) { ds.AddressPrefixes = ss })
		build.PutListAt(b, p, "/delegations", s.delegations, func(ss []string) { ds.Delegations = ss })
		build.PutAt(b, p, "/routeTable", s.routeTable, func(k string) { ds.RouteTable = k })
		build.PutAt(b, p, "/networkSecurityGroup", s.nsg, func(k string) { ds.NetworkSecurityGroup = k })
	}
	for ri, r := range m.rts {
		p := "/routeTables/" + itoa(ri)
		d.RouteTables = append(d.RouteTables, netdoc.RouteTable{Key: r.key, Declared: r.created && !r.partial})
		dr := &d.RouteTables[ri]
		b.Locate(p, r.at)
		build.PutAt(b, p, "/name", r.name, func(s string) { dr.Name = s })
		for i, rt := range r.routes {
			q := "/routeTables/" + itoa(ri) + "/routes/" + itoa(i)
			dr.Routes = append(dr.Routes, netdoc.Route{})
			drt := &dr.Routes[i]
			b.Locate(q, rt.at)
			build.PutAt(b, q, "/name", rt.name, func(s string) { drt.Name = s })
			build.PutAt(b, q, "/addressPrefix", rt.prefix, func(s string) { drt.AddressPrefix = s })
			build.PutAt(b, q, "/nextHopType", rt.nextHop, func(s string) { drt.NextHopType = s })
		}
	}
	for ni, n := range m.nsgs {
		p := "/networkSecurityGroups/" + itoa(ni)
		d.NetworkSecurityGroups = append(d.NetworkSecurityGroups, netdoc.SecurityGroup{Key: n.key, Declared: n.created && !n.partial})
		dn := &d.NetworkSecurityGroups[ni]
		b.Locate(p, n.at)
		build.PutAt(b, p, "/name", n.name, func(s string) { dn.Name = s })
		for i, r := range n.rules {
			q := "/networkSecurityGroups/" + itoa(ni) + "/rules/" + itoa(i)
			dn.Rules = append(dn.Rules, netdoc.SecurityRule{})
			dr := &dn.Rules[i]
			b.Locate(q, r.at)
			build.PutAt(b, q, "/name", r.name, func(s string) { dr.Name = s })
			build.PutAt(b, q, "/priority", r.priority, func(v int) { dr.Priority = ptrTo(v) })
			build.PutAt(b, q, "/direction", r.direction, func(s string) { dr.Direction = s })
			build.PutAt(b, q, "/access", r.access, func(s string) { dr.Access = s })
			build.PutAt(b, q, "/protocol", r.protocol, func(s string) { dr.Protocol = s })
			build.PutListAt(b, q, "/sourceAddressPrefixes", r.src, func(ss []string) { dr.SourceAddressPrefixes = ss })
			build.PutListAt(b, q, "/destinationAddressPrefixes", r.dst, func(ss []string) { dr.DestinationAddressPrefixes = ss })
			build.PutListAt(b, q, "/destinationPortRanges", r.ports, func(ss []string) { dr.DestinationPortRanges = ss })
		}
	}
	d.Script = &netdoc.Script{BrokenContinuations: []netdoc.BrokenContinuation{}}
	for i, bc := range m.broken {
		d.Script.BrokenContinuations = append(d.Script.BrokenContinuations, bc.BrokenContinuation)
		b.Locs.Set("/script/brokenContinuations/"+itoa(i), bc.at,
			netdoc.Related{Location: bc.cmd, Message: "the " + bc.Command + " command these flags were meant for"})
	}
	d.Unresolved = append(d.Unresolved, m.notes...)
	for _, sb := range m.skipped {
		ptr := "/script/blocks/" + itoa(sb.index)
		lang := sb.lang
		if lang == "" {
			lang = "unlabelled"
		}
		d.Unresolved = append(d.Unresolved, netdoc.Unresolved{Pointer: ptr, Expression: "the " + lang + " block at line " + itoa(sb.fence.Line),
			Reason: "it does not parse as shell, so its commands were not read: line " + itoa(sb.err.Line) + " column " + itoa(sb.err.Column) + ": " + strings.TrimPrefix(sb.err.Msg, "shell syntax error: ")})
		b.Locs.Set(ptr, sb.fence)
	}
	// What the commands leave out and az CLI fills in before sending them.
	effective.Requested(d)
	b.LinkPeerings()
	return d, b.Locs
}
