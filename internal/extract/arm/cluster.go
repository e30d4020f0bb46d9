package arm

import (
	"sort"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// maxPodsUnset is the value Azure Verified Modules / CARML templates pass
// for "maxPods not set".
const maxPodsUnset = -1

func (x *extractor) cluster(in *inst) {
	if in.existing {
		return // only read when an agentPools resource adds to it
	}
	if in.countUnknown != "" {
		x.countNote(in, "/clusters")
		return
	}
	ci := len(x.doc.Clusters)
	base := netdoc.Pointer("clusters", ci)
	at := func(s ...any) string { return netdoc.Under(base, s...) }
	c := netdoc.Cluster{NodePools: []netdoc.NodePool{}}
	x.locs.Set(at(), x.typeLoc(in))
	segs := x.names(in)
	if len(segs) == 1 {
		c.Key, _ = x.segKey(segs[0])
		if n, ok := segs[0].v.(string); ok {
			c.Name = n
			l := x.locate(segs[0].t)
			x.locs.Set(at("name"), l.Location, l.Related...)
		}
	}
	if c.Key == "" || x.hasCluster(c.Key) {
		c.Key = "cluster" + itoa(ci)
	}
	x.clusterIdx[c.Key] = ci
	x.doc.Clusters = append(x.doc.Clusters, c)

	body := x.resourceVal(in)
	x.clusterIdentity(ci, x.get(body, "identity"))
	props := x.get(body, "properties")
	if p, bad := problem(props); bad {
		if _, failed := p.(*armexpr.EvalError); failed {
			// ARM rejects the template: nothing of the cluster is known.
			x.unresolved(at(), props, p)
			return
		}
		x.unresolved(at("networkProfile"), props, p)
		x.unresolved(at("nodePools"), props, p)
		return
	}
	cl := &x.doc.Clusters[ci]
	cl.KubernetesVersion, _ = x.str(x.get(props, "kubernetesVersion"), at("kubernetesVersion"))
	if b := x.boolean(x.path(props, "addonProfiles", "aciConnectorLinux", "enabled"), at("addons", "virtualNodes")); b != nil {
		cl.Addons = &netdoc.Addons{VirtualNodes: b}
	}
	cl.APIServerSubnet = x.subnetRef(x.path(props, "apiServerAccessProfile", "subnetId"), at("apiServerSubnet"))
	cl.APIServerVnetIntegration = x.boolean(x.path(props, "apiServerAccessProfile", "enableVnetIntegration"), at("apiServerVnetIntegration"))
	if u, ok := x.str(x.path(props, "windowsProfile", "adminUsername"), at("windowsProfile", "adminUsername")); ok {
		cl.WindowsProfile = &netdoc.WindowsProfile{AdminUsername: u}
	}
	x.networkProfile(ci, x.get(props, "networkProfile"))

	pools := x.get(props, "agentPoolProfiles")
	if p, bad := problem(pools); bad {
		x.unresolved(at("nodePools"), pools, p)
		return
	}
	if !pools.absent && !x.isArray(pools) {
		x.unresolved(at("nodePools"), pools, "expected an array, found "+typeOf(pools))
		return
	}
	for _, e := range x.elems(pools) {
		if e.absent {
			continue
		}
		pi := len(x.doc.Clusters[ci].NodePools)
		if p, bad := problem(e); bad {
			x.unresolved(at("nodePools", pi), e, p)
			continue
		}
		pool := x.pool(e, at("nodePools", pi))
		x.doc.Clusters[ci].NodePools = append(x.doc.Clusters[ci].NodePools, pool)
	}
}

func (x *extractor) hasCluster(key string) bool {
	_, ok := x.clusterIdx[key]
	return ok
}

func (x *extractor) networkProfile(ci int, np val) {
	at := func(f string) string { return netdoc.Pointer("clusters", ci, "networkProfile", f) }
	if np.absent {
		return
	}
	if p, bad := problem(np); bad {
		x.unresolved(netdoc.Pointer("clusters", ci, "networkProfile"), np, p)
		return
	}
	x.set(netdoc.Pointer("clusters", ci, "networkProfile"), np)
	p := &x.doc.Clusters[ci].NetworkProfile
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
		*f.dst, _ = x.str(x.get(np, f.name), at(f.name))
	}
	p.PodCidrs = x.single(np, "podCidr", "podCidrs", at("podCidrs"))
	p.ServiceCidrs = x.single(np, "serviceCidr", "serviceCidrs", at("serviceCidrs"))
	p.IPFamilies = x.strs(x.get(np, "ipFamilies"), at("ipFamilies"))
}

// pool reads an agent pool profile (or an agentPools resource's
// properties, with its name from the resource name).
func (x *extractor) pool(e val, at string) netdoc.NodePool {
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
		*f.dst, _ = x.str(x.get(e, f.name), at+"/"+f.name)
	}
	p.Count = x.integer(x.get(e, "count"), at+"/count")
	p.MinCount = x.integer(x.get(e, "minCount"), at+"/minCount")
	p.MaxCount = x.integer(x.get(e, "maxCount"), at+"/maxCount")
	if mp := x.get(e, "maxPods"); !isSentinel(mp) {
		p.MaxPods = x.integer(mp, at+"/maxPods")
	}
	p.EnableAutoScaling = x.boolean(x.get(e, "enableAutoScaling"), at+"/enableAutoScaling")
	p.MaxSurge = x.maxSurge(x.path(e, "upgradeSettings", "maxSurge"), at+"/maxSurge")
	p.VnetSubnet = x.subnetRef(x.get(e, "vnetSubnetID"), at+"/vnetSubnet")
	p.PodSubnet = x.subnetRef(x.get(e, "podSubnetID"), at+"/podSubnet")
	return p
}

// isSentinel reports maxPods -1, which modules pass for "not set".
func isSentinel(v val) bool {
	n, ok := v.v.(int64)
	return ok && !v.absent && !v.lazy && n == maxPodsUnset
}

// maxSurge reads upgradeSettings.maxSurge: a number or a string ("33%").
func (x *extractor) maxSurge(v val, pointer string) string {
	if n, ok := v.v.(int64); ok && !v.absent && !v.lazy {
		x.set(pointer, v)
		return itoa(int(n))
	}
	s, _ := x.str(v, pointer)
	return s
}

// agentPoolResource merges a managedClusters/agentPools resource into its
// cluster: one the document declares, or an existing cluster entry.
func (x *extractor) agentPoolResource(in *inst) {
	if in.existing {
		return
	}
	segs := x.names(in)
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
	if in.countUnknown != "" {
		x.countNote(in, at("nodePools"))
		return
	}
	body := x.resourceVal(in)
	props := x.get(body, "properties")
	pools := x.doc.Clusters[ci].NodePools
	name := ""
	if len(segs) > 0 {
		name, _ = segs[len(segs)-1].v.(string)
	}
	pi := len(pools)
	for i, p := range pools {
		if name != "" && p.Name == name {
			pi = i // the resource replaces the profile of the same name
		}
	}
	if p, bad := problem(props); bad {
		x.unresolved(at("nodePools", pi), props, p)
		return
	}
	pool := x.pool(props, at("nodePools", pi))
	if name != "" {
		pool.Name = name
		l := x.locate(segs[len(segs)-1].t)
		x.locs.Set(at("nodePools", pi, "name"), l.Location, l.Related...)
	} else if len(segs) > 0 {
		x.unresolved(at("nodePools", pi, "name"), val{v: segs[len(segs)-1].v, t: segs[len(segs)-1].t}, segs[len(segs)-1].v)
	}
	x.locs.Set(at("nodePools", pi), x.typeLoc(in))
	if pi == len(pools) {
		x.doc.Clusters[ci].NodePools = append(x.doc.Clusters[ci].NodePools, pool)
	} else {
		x.doc.Clusters[ci].NodePools[pi] = pool
	}
}

// existingCluster is the entry of a cluster the template only adds pools
// to; its other settings are not known.
func (x *extractor) existingCluster(key string, segs []seg, in *inst) int {
	if key == "" {
		key = "cluster" + itoa(len(x.doc.Clusters))
	}
	if ci, ok := x.clusterIdx[key]; ok {
		return ci
	}
	ci := len(x.doc.Clusters)
	c := netdoc.Cluster{Key: key, Existing: true, NodePools: []netdoc.NodePool{}}
	if len(segs) == 2 {
		if n, ok := segs[0].v.(string); ok {
			c.Name = n
		}
	}
	x.clusterIdx[key] = ci
	x.doc.Clusters = append(x.doc.Clusters, c)
	x.locs.Set(netdoc.Pointer("clusters", ci), x.typeLoc(in))
	if len(segs) != 2 {
		expr := clip(getFold(in.j, "name").String())
		if expr == "" {
			expr = "(no name)"
		}
		x.unresolvedAt(netdoc.Pointer("clusters", ci, "name"), expr,
			"an agentPools resource name must be <cluster>/<pool>", netdoc.Located{Location: in.src.Loc(getFold(in.j, "name"))})
	}
	return ci
}

// clusterIdentity reads the managed identity and its user-assigned
// identities' keys.
func (x *extractor) clusterIdentity(ci int, id val) {
	base := netdoc.Pointer("clusters", ci, "identity")
	at := func(s ...any) string { return netdoc.Under(base, s...) }
	if id.absent {
		return
	}
	if p, bad := problem(id); bad {
		x.unresolved(at(), id, p)
		return
	}
	typ, ok := x.str(x.get(id, "type"), at("type"))
	ident := &netdoc.Identity{Type: typ}
	ident.Principals = x.identityKeys(x.get(id, "userAssignedIdentities"), at("principals"))
	if ok || ident.Principals != nil {
		x.doc.Clusters[ci].Identity = ident
	}
}

// identityKeys reads the keys of a userAssignedIdentities object (resource
// IDs) into identity keys.
func (x *extractor) identityKeys(uai val, pointer string) []string {
	var out []string
	add := func(k val) bool {
		segs, ok := x.idSegs(k, "Microsoft.ManagedIdentity/userAssignedIdentities")
		if !ok {
			p, bad := problem(k)
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
		if _, known := segs[0].v.(string); !known && !x.identities[key] {
			x.unresolved(pointer, k, segs[0].v)
			return false
		}
		out = append(out, key)
		return true
	}
	// The keys are resource IDs; a key whose full ID is not known (its
	// scope is the deployment's) makes the evaluated object unknown, so
	// read the keys where they are written.
	obj := uai.t
	if !uai.lazy {
		obj = x.resolve(uai.t)
	}
	m, isMap := uai.v.(map[string]any)
	switch {
	case uai.absent:
		return nil
	case obj.kind == tJSON && obj.j.IsObject() && obj.s != nil:
		ok := true
		obj.src.ForEach(obj.j, func(k, _ gjson.Result) bool {
			kv := val{v: x.evalString(obj.s, obj.f, obj.src, k), t: x.enter(obj, k)}
			ok = add(kv)
			return ok
		})
		if !ok {
			return nil
		}
	case isMap:
		for _, k := range sortedKeys(m) {
			if !add(val{v: k, t: uai.t}) {
				return nil
			}
		}
	default:
		p, bad := problem(uai)
		if !bad {
			p = "expected an object of user-assigned identity IDs, found " + typeOf(uai)
		}
		x.unresolved(pointer, uai, p)
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
func (x *extractor) identity(in *inst) {
	if in.countUnknown != "" {
		return
	}
	segs := x.names(in)
	if len(segs) != 1 {
		return
	}
	k, ok := x.segKey(segs[0])
	if !ok {
		return
	}
	x.identities[k] = true
	if in.existing || in.conditional() != "" || x.listedIdentity[k] {
		return
	}
	x.listedIdentity[k] = true
	id := netdoc.UserAssignedIdentity{Key: k}
	if n, ok := segs[0].v.(string); ok {
		id.Name = n
	}
	x.locs.Set(netdoc.Pointer("userAssignedIdentities", len(x.doc.UserAssignedIdentities)), x.typeLoc(in))
	x.doc.UserAssignedIdentities = append(x.doc.UserAssignedIdentities, id)
}

// field pairs a property name with where its string value goes, in source order.
type field struct {
	name string
	dst  *string
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
