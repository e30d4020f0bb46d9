package arm

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func (x *extractor) cluster(res gjson.Result) {
	ci := len(x.doc.Clusters)
	at := func(s ...any) string { return netdoc.Pointer(append([]any{"clusters", ci}, s...)...) }
	c := netdoc.Cluster{NodePools: []netdoc.NodePool{}}
	x.locs.Set(at(), x.src.Loc(res.Get("type")))
	if name, ok := x.str(res.Get("name"), at("name")); ok {
		c.Name, c.Key = name, netdoc.NameKey(name)
	} else {
		c.Key = "cluster" + itoa(ci)
	}
	props := res.Get("properties")
	c.KubernetesVersion, _ = x.str(props.Get("kubernetesVersion"), at("kubernetesVersion"))
	if t, ok := x.str(res.Get("identity.type"), at("identity", "type")); ok {
		c.Identity = &netdoc.Identity{Type: t}
	}
	if b := x.boolean(props.Get("addonProfiles.aciConnectorLinux.enabled"), at("addons", "virtualNodes")); b != nil {
		c.Addons = &netdoc.Addons{VirtualNodes: b}
	}
	if id := props.Get("apiServerAccessProfile.subnetId"); id.Exists() {
		c.APIServerSubnet = x.subnetRef(id, at("apiServerSubnet"))
	}

	np := props.Get("networkProfile")
	p := &c.NetworkProfile
	if np.Exists() {
		x.locs.Set(at("networkProfile"), x.src.Loc(np))
	}
	for _, f := range []field{
		{"networkPlugin", &p.NetworkPlugin},
		{"networkPluginMode", &p.NetworkPluginMode},
		{"networkPolicy", &p.NetworkPolicy},
		{"networkDataplane", &p.NetworkDataplane},
		{"dnsServiceIP", &p.DNSServiceIP},
		{"outboundType", &p.OutboundType},
		{"loadBalancerSku", &p.LoadBalancerSku},
		{"dockerBridgeCidr", &p.DockerBridgeCidr},
		{"networkMode", &p.NetworkMode},
	} {
		*f.dst, _ = x.str(np.Get(f.name), at("networkProfile", f.name))
	}
	p.PodCidrs = x.single(np, "podCidr", "podCidrs", at("networkProfile", "podCidrs"))
	p.ServiceCidrs = x.single(np, "serviceCidr", "serviceCidrs", at("networkProfile", "serviceCidrs"))
	p.IPFamilies = x.strs(np.Get("ipFamilies"), at("networkProfile", "ipFamilies"))

	pools := props.Get("agentPoolProfiles")
	if pools.Exists() && !pools.IsArray() {
		x.unresolved(at("nodePools"), pools, x.reason(pools))
	}
	pools.ForEach(func(_, pool gjson.Result) bool {
		if pool.IsObject() {
			c.NodePools = append(c.NodePools, x.pool(pool, at("nodePools", len(c.NodePools))))
		}
		return true
	})
	x.doc.Clusters = append(x.doc.Clusters, c)
}

func (x *extractor) pool(pool gjson.Result, at string) netdoc.NodePool {
	x.locs.Set(at, x.src.Loc(pool))
	p := netdoc.NodePool{}
	for _, f := range []field{
		{"name", &p.Name},
		{"mode", &p.Mode},
		{"osType", &p.OSType},
		{"osSKU", &p.OSSKU},
		{"type", &p.Type},
		{"podIPAllocationMode", &p.PodIPAllocationMode},
	} {
		*f.dst, _ = x.str(pool.Get(f.name), at+"/"+f.name)
	}
	p.Count = x.integer(pool.Get("count"), at+"/count")
	p.MinCount = x.integer(pool.Get("minCount"), at+"/minCount")
	p.MaxCount = x.integer(pool.Get("maxCount"), at+"/maxCount")
	p.MaxPods = x.integer(pool.Get("maxPods"), at+"/maxPods")
	p.EnableAutoScaling = x.boolean(pool.Get("enableAutoScaling"), at+"/enableAutoScaling")
	if ms := pool.Get("upgradeSettings.maxSurge"); ms.Exists() {
		if ms.Type == gjson.Number {
			p.MaxSurge = ms.Raw
			x.locs.Set(at+"/maxSurge", x.src.Loc(ms))
		} else {
			p.MaxSurge, _ = x.str(ms, at+"/maxSurge")
		}
	}
	if id := pool.Get("vnetSubnetID"); id.Exists() {
		p.VnetSubnet = x.subnetRef(id, at+"/vnetSubnet")
	}
	if id := pool.Get("podSubnetID"); id.Exists() {
		p.PodSubnet = x.subnetRef(id, at+"/podSubnet")
	}
	return p
}

// subnetRef resolves a subnet resource ID to its key, remembering the reference so an
// undeclared (bring-your-own) subnet is still listed.
func (x *extractor) subnetRef(id gjson.Result, pointer string) string {
	s, ok := x.str(id, pointer)
	if !ok {
		return ""
	}
	key, ok := netdoc.SubnetKeyFromID(s)
	if !ok {
		delete(x.locs, pointer)
		x.unresolved(pointer, id, "not a subnet resource ID")
		return ""
	}
	x.refs = append(x.refs, subnetRef{key: key, loc: x.src.Loc(id)})
	return key
}

func (x *extractor) vnet(res gjson.Result) {
	vi := len(x.doc.VirtualNetworks)
	at := func(s ...any) string { return netdoc.Pointer(append([]any{"virtualNetworks", vi}, s...)...) }
	name, ok := x.str(res.Get("name"), at("name"))
	if !ok {
		return // a VNet whose name is not known cannot be linked to anything
	}
	x.locs.Set(at(), x.src.Loc(res.Get("type")))
	v := netdoc.VirtualNetwork{Key: netdoc.NameKey(name), Name: name}
	v.AddressPrefixes = x.strs(res.Get("properties.addressSpace.addressPrefixes"), at("addressPrefixes"))
	x.doc.VirtualNetworks = append(x.doc.VirtualNetworks, v)
	res.Get("properties.subnets").ForEach(func(_, s gjson.Result) bool {
		if sub, ok := literal(s.Get("name")); ok {
			x.subnet(name, sub, s, x.src.Loc(s))
		}
		return true
	})
}

func (x *extractor) subnet(vnet, name string, s gjson.Result, loc netdoc.Location) {
	si := len(x.doc.Subnets)
	at := func(f ...any) string { return netdoc.Pointer(append([]any{"subnets", si}, f...)...) }
	if loc.IsZero() {
		loc = x.src.Loc(s.Get("name"))
	}
	x.locs.Set(at(), loc)
	x.locs.Set(at("name"), x.src.Loc(s.Get("name")))
	sub := netdoc.Subnet{Key: netdoc.SubnetKey(vnet, name), VNet: netdoc.NameKey(vnet), Name: name, Declared: true}
	props := s.Get("properties")
	sub.AddressPrefixes = x.single(props, "addressPrefix", "addressPrefixes", at("addressPrefixes"))
	props.Get("delegations").ForEach(func(_, d gjson.Result) bool {
		if svc, ok := literal(d.Get("properties.serviceName")); ok {
			sub.Delegations = append(sub.Delegations, svc)
		}
		return true
	})
	if id, ok := literal(props.Get("routeTable.id")); ok {
		sub.RouteTable = lastSegmentKey(id)
	}
	if id, ok := literal(props.Get("networkSecurityGroup.id")); ok {
		sub.NetworkSecurityGroup = lastSegmentKey(id)
	}
	x.doc.Subnets = append(x.doc.Subnets, sub)
}

// linkSubnets lists every referenced subnet the template does not declare.
func (x *extractor) linkSubnets() {
	declared := map[string]bool{}
	for _, s := range x.doc.Subnets {
		declared[s.Key] = true
	}
	for _, r := range x.refs {
		if declared[r.key] {
			continue
		}
		declared[r.key] = true
		vnet, name, _ := strings.Cut(r.key, "/")
		x.locs.Set(netdoc.Pointer("subnets", len(x.doc.Subnets)), r.loc)
		x.doc.Subnets = append(x.doc.Subnets, netdoc.Subnet{Key: r.key, VNet: vnet, Name: name})
	}
}

func lastSegmentKey(id string) string {
	return netdoc.NameKey(id[strings.LastIndexByte(id, '/')+1:])
}

// field pairs a property name with where its string value goes, in source order.
type field struct {
	name string
	dst  *string
}
