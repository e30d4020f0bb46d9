package arm

import (
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// maxPodsUnset is the value Azure Verified Modules / CARML templates pass
// for "maxPods not set".
const maxPodsUnset = -1

func (x *extractor) cluster(in *armeval.Resource) {
	if in.Existing() {
		return // only read when an agentPools resource adds to it
	}
	if in.CountUnknown() != "" {
		x.countNote(in, "/clusters")
		return
	}
	ci := len(x.b.Doc.Clusters)
	base := netdoc.Pointer("clusters", ci)
	at := func(s ...any) string { return netdoc.Under(base, s...) }
	c := netdoc.Cluster{NodePools: []netdoc.NodePool{}}
	x.b.Locs.Set(at(), in.TypeLoc())
	segs := x.ev.Names(in)
	if len(segs) == 1 {
		c.Key, _ = x.segKey(segs[0])
		// An empty name is no name: the document omits it, so nothing is located there.
		if n, ok := segs[0].V.(string); ok && n != "" {
			c.Name = n
			l := segs[0].Loc()
			x.b.Locs.Set(at("name"), l.Location, l.Related...)
		}
	}
	if c.Key == "" || x.hasCluster(c.Key) {
		c.Key = "cluster" + itoa(ci)
	}
	x.clusterIdx[c.Key] = ci
	x.b.Doc.Clusters = append(x.b.Doc.Clusters, c)

	body := x.ev.Body(in)
	x.clusterIdentity(ci, x.ev.Get(body, "identity"))
	props := x.ev.Get(body, "properties")
	if p, bad := props.Problem(); bad {
		if _, failed := p.(*armexpr.EvalError); failed {
			// ARM rejects the template: nothing of the cluster is known.
			x.unresolved(at(), props, p)
			return
		}
		x.unresolved(at("networkProfile"), props, p)
		x.unresolved(at("nodePools"), props, p)
		return
	}
	cl := &x.b.Doc.Clusters[ci]
	cl.KubernetesVersion = x.strUnder(x.ev.Get(props, "kubernetesVersion"), base, "kubernetesVersion")
	if b := x.boolUnder(x.ev.Path(props, "addonProfiles", "aciConnectorLinux", "enabled"), base, "addons/virtualNodes"); b != nil {
		cl.Addons = &netdoc.Addons{VirtualNodes: b}
	}
	if v := x.ev.Path(props, "apiServerAccessProfile", "subnetId"); !v.Absent {
		cl.APIServerSubnet = x.subnetRef(v, at("apiServerSubnet"))
	}
	cl.APIServerVnetIntegration = x.boolUnder(x.ev.Path(props, "apiServerAccessProfile", "enableVnetIntegration"), base, "apiServerVnetIntegration")
	if u := x.strUnder(x.ev.Path(props, "windowsProfile", "adminUsername"), base, "windowsProfile/adminUsername"); u != "" {
		cl.WindowsProfile = &netdoc.WindowsProfile{AdminUsername: u}
	}
	x.networkProfile(ci, x.ev.Get(props, "networkProfile"))

	pools := x.ev.Get(props, "agentPoolProfiles")
	if p, bad := pools.Problem(); bad {
		x.unresolved(at("nodePools"), pools, p)
		return
	}
	if !pools.Absent && !pools.IsArray() {
		x.unresolved(at("nodePools"), pools, "expected an array, found "+pools.TypeName())
		return
	}
	for _, e := range x.ev.Elems(pools) {
		if e.Absent {
			continue
		}
		pi := len(x.b.Doc.Clusters[ci].NodePools)
		if p, bad := e.Problem(); bad {
			x.unresolved(at("nodePools", pi), e, p)
			continue
		}
		pool := x.pool(e, at("nodePools", pi))
		x.b.Doc.Clusters[ci].NodePools = append(x.b.Doc.Clusters[ci].NodePools, pool)
	}
}

func (x *extractor) hasCluster(key string) bool {
	_, ok := x.clusterIdx[key]
	return ok
}

func (x *extractor) networkProfile(ci int, np armeval.Value) {
	if np.Absent {
		return
	}
	base := netdoc.Pointer("clusters", ci, "networkProfile")
	at := func(f string) string { return base + "/" + f }
	if p, bad := np.Problem(); bad {
		x.unresolved(base, np, p)
		return
	}
	x.set(base, np)
	p := &x.b.Doc.Clusters[ci].NetworkProfile
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
		*f.dst = x.strUnder(x.ev.Get(np, f.name), base, f.name)
	}
	p.PodCidrs = x.single(np, "podCidr", "podCidrs", at("podCidrs"))
	p.ServiceCidrs = x.single(np, "serviceCidr", "serviceCidrs", at("serviceCidrs"))
	if v := x.ev.Get(np, "ipFamilies"); !v.Absent {
		p.IPFamilies = x.strs(v, at("ipFamilies"))
	}
}

// pool reads an agent pool profile (or an agentPools resource's
// properties, with its name from the resource name).
func (x *extractor) pool(e armeval.Value, at string) netdoc.NodePool {
	x.set(at, e)
	p := netdoc.NodePool{}
	for _, f := range []field{
		{"name", &p.Name},
		{"mode", &p.Mode},
		{"osType", &p.OSType},
		{"osSKU", &p.OSSKU},
		{"type", &p.Type},
		{"podIPAllocationMode", &p.PodIPAllocationMode},
	} {
		*f.dst = x.strUnder(x.ev.Get(e, f.name), at, f.name)
	}
	p.Count = x.intUnder(x.ev.Get(e, "count"), at, "count")
	p.MinCount = x.intUnder(x.ev.Get(e, "minCount"), at, "minCount")
	p.MaxCount = x.intUnder(x.ev.Get(e, "maxCount"), at, "maxCount")
	if mp := x.ev.Get(e, "maxPods"); !isSentinel(mp) {
		p.MaxPods = x.intUnder(mp, at, "maxPods")
	}
	p.EnableAutoScaling = x.boolUnder(x.ev.Get(e, "enableAutoScaling"), at, "enableAutoScaling")
	if v := x.ev.Path(e, "upgradeSettings", "maxSurge"); !v.Absent {
		p.MaxSurge = x.maxSurge(v, at+"/maxSurge")
	}
	if v := x.ev.Get(e, "vnetSubnetID"); !v.Absent {
		p.VnetSubnet = x.subnetRef(v, at+"/vnetSubnet")
	}
	if v := x.ev.Get(e, "podSubnetID"); !v.Absent {
		p.PodSubnet = x.subnetRef(v, at+"/podSubnet")
	}
	return p
}

// isSentinel reports maxPods -1, which modules pass for "not set".
func isSentinel(v armeval.Value) bool {
	n, ok := v.V.(int64)
	return ok && !v.Absent && n == maxPodsUnset
}

// maxSurge reads upgradeSettings.maxSurge: a number or a string ("33%").
func (x *extractor) maxSurge(v armeval.Value, pointer string) string {
	if n, ok := v.V.(int64); ok && !v.Absent {
		x.set(pointer, v)
		return itoa(int(n))
	}
	s, _ := x.str(v, pointer)
	return s
}

// agentPoolResource merges a managedClusters/agentPools resource into its
// cluster: one the document declares, or an existing cluster entry.
func (x *extractor) agentPoolResource(in *armeval.Resource) {
	if in.Existing() {
		return
	}
	segs := x.ev.Names(in)
	var ckey string
	if len(segs) == 2 {
		ckey, _ = x.segKey(segs[0])
	}
	ci, ok := x.clusterIdx[ckey]
	if !ok || ckey == "" {
		ci = x.existingCluster(ckey, segs, in)
	}
	base := netdoc.Pointer("clusters", ci)
	at := func(s ...any) string { return netdoc.Under(base, s...) }
	if in.CountUnknown() != "" {
		x.countNote(in, at("nodePools"))
		return
	}
	body := x.ev.Body(in)
	props := x.ev.Get(body, "properties")
	pools := x.b.Doc.Clusters[ci].NodePools
	name := ""
	if len(segs) > 0 {
		name, _ = segs[len(segs)-1].V.(string)
	}
	pi := len(pools)
	for i, p := range pools {
		if name != "" && p.Name == name {
			pi = i // the resource replaces the profile of the same name
		}
	}
	if p, bad := props.Problem(); bad {
		x.unresolved(at("nodePools", pi), props, p)
		return
	}
	pool := x.pool(props, at("nodePools", pi))
	if name != "" {
		pool.Name = name
		l := segs[len(segs)-1].Loc()
		x.b.Locs.Set(at("nodePools", pi, "name"), l.Location, l.Related...)
	} else if len(segs) > 0 {
		x.unresolved(at("nodePools", pi, "name"), segs[len(segs)-1].Value(), segs[len(segs)-1].V)
	}
	x.b.Locs.Set(at("nodePools", pi), in.TypeLoc())
	if pi == len(pools) {
		x.b.Doc.Clusters[ci].NodePools = append(x.b.Doc.Clusters[ci].NodePools, pool)
	} else {
		x.b.Doc.Clusters[ci].NodePools[pi] = pool
	}
}

// existingCluster is the entry of a cluster the template only adds pools
// to; its other settings are not known.
func (x *extractor) existingCluster(key string, segs []armeval.Seg, in *armeval.Resource) int {
	if key == "" {
		key = "cluster" + itoa(len(x.b.Doc.Clusters))
	}
	if ci, ok := x.clusterIdx[key]; ok {
		return ci
	}
	ci := len(x.b.Doc.Clusters)
	c := netdoc.Cluster{Key: key, Existing: true, NodePools: []netdoc.NodePool{}}
	if len(segs) == 2 {
		if n, ok := segs[0].V.(string); ok {
			c.Name = n
		}
	}
	x.clusterIdx[key] = ci
	x.b.Doc.Clusters = append(x.b.Doc.Clusters, c)
	x.b.Locs.Set(netdoc.Pointer("clusters", ci), in.TypeLoc())
	if len(segs) != 2 {
		expr, at := in.NameWritten()
		if expr == "" {
			expr = "(no name)"
		}
		x.unresolvedAt(netdoc.Pointer("clusters", ci, "name"), expr,
			"an agentPools resource name must be <cluster>/<pool>", netdoc.Located{Location: at})
	}
	return ci
}

// clusterIdentity reads the managed identity and its user-assigned
// identities' keys.
func (x *extractor) clusterIdentity(ci int, id armeval.Value) {
	base := netdoc.Pointer("clusters", ci, "identity")
	at := func(s ...any) string { return netdoc.Under(base, s...) }
	if id.Absent {
		return
	}
	if p, bad := id.Problem(); bad {
		x.unresolved(at(), id, p)
		return
	}
	typ, ok := x.str(x.ev.Get(id, "type"), at("type"))
	ident := &netdoc.Identity{Type: typ}
	ident.Principals = x.identityKeys(x.ev.Get(id, "userAssignedIdentities"), at("principals"))
	if ok || ident.Principals != nil {
		x.b.Doc.Clusters[ci].Identity = ident
	}
}

// identityKeys reads the keys of a userAssignedIdentities object (resource
// IDs) into identity keys.
func (x *extractor) identityKeys(uai armeval.Value, pointer string) []string {
	var out []string
	add := func(k armeval.Value) bool {
		segs, ok := x.ev.IDNames(k, "Microsoft.ManagedIdentity/userAssignedIdentities")
		if !ok {
			p, bad := k.Problem()
			if !bad {
				p = "not a user-assigned identity resource ID"
			}
			x.unresolved(pointer, k, p)
			return false
		}
		key, ok := x.segKey(segs[0])
		if !ok {
			return true
		}
		if _, known := segs[0].V.(string); !known && !x.identities[key] {
			x.unresolved(pointer, k, segs[0].V)
			return false
		}
		out = append(out, key)
		return true
	}
	// The keys are resource IDs; a key whose full ID is not known (its
	// scope is the deployment's) makes the evaluated object unknown, so
	// the keys are read where they are written (EachKey).
	ok := true
	isObject := x.ev.EachKey(uai, func(k armeval.Value) bool {
		ok = add(k)
		return ok
	})
	switch {
	case uai.Absent:
		return nil
	case !isObject:
		p, bad := uai.Problem()
		if !bad {
			p = "expected an object of user-assigned identity IDs, found " + uai.TypeName()
		}
		x.unresolved(pointer, uai, p)
		return nil
	case !ok:
		return nil
	}
	if out != nil {
		x.set(pointer, uai)
	}
	return out
}

// identity records a user-assigned identity the deployment declares: its
// key links IDs built from the same (unknown) name, and one certainly
// created here is listed in the document.
func (x *extractor) identity(in *armeval.Resource) {
	if in.CountUnknown() != "" {
		return
	}
	segs := x.ev.Names(in)
	if len(segs) != 1 {
		return
	}
	k, ok := x.segKey(segs[0])
	if !ok {
		return
	}
	x.identities[k] = true
	if in.Existing() || in.Conditional() != "" || x.listedIdentity[k] {
		return
	}
	x.listedIdentity[k] = true
	id := netdoc.UserAssignedIdentity{Key: k}
	if n, ok := segs[0].V.(string); ok {
		id.Name = n
	}
	x.b.Locs.Set(netdoc.Pointer("userAssignedIdentities", len(x.b.Doc.UserAssignedIdentities)), in.TypeLoc())
	x.b.Doc.UserAssignedIdentities = append(x.b.Doc.UserAssignedIdentities, id)
}

// field pairs a property name with where its string value goes, in source order.
type field struct {
	name string
	dst  *string
}
