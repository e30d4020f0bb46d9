package azcli

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
)

// aksCreate handles az aks create: a cluster with its first (system) node pool.
func (in *interp) aksCreate(cmd *azCmd) {
	name, ok := cmd.named("--name")
	if !ok {
		return
	}
	c := &clusterM{key: keyOf(name), at: cmd.at, created: true}
	in.setName(&c.name, name)
	in.clusterFlags(c, cmd)
	// A word that may hold any flags: no flag is known to be absent, so no default of
	// the CLI is taken (and the effective defaults are not applied either).
	c.opaque = in.opaqueFlags(cmd)
	// With a service principal and no identity flag the cluster has no managed identity.
	c.noIdentity = cmd.has("--service-principal") && !cmd.has("--assign-identity") && !cmd.has("--enable-managed-identity")
	// What the command leaves out is filled from internal/effective's table.
	p := &poolM{at: cmd.at}
	in.setStr(&p.name, cmd, "--nodepool-name")
	in.setInt(&p.count, cmd, "--node-count")
	in.poolFlags(p, cmd)
	c.pools = []*poolM{p}
	if old := in.m.cluster(c.key); old != nil {
		*old = *c
		return
	}
	in.m.clusters = append(in.m.clusters, c)
}

// aksUpdate handles az aks update on a cluster (one the script may not create).
func (in *interp) aksUpdate(cmd *azCmd) {
	name, ok := cmd.named("--name")
	if !ok {
		return
	}
	c := in.clusterFor(name, cmd)
	in.clusterFlags(c, cmd)
	if len(c.pools) == 1 {
		// On a single-pool cluster az aks update changes that pool's autoscaler.
		p := c.pools[0]
		in.setSwitch(&p.autoscale, cmd, "--enable-cluster-autoscaler", true)
		in.setSwitch(&p.autoscale, cmd, "--update-cluster-autoscaler", true)
		in.setSwitch(&p.autoscale, cmd, "--disable-cluster-autoscaler", false)
		in.setInt(&p.minCount, cmd, "--min-count")
		in.setInt(&p.maxCount, cmd, "--max-count")
	}
}

// aksEnableAddons handles az aks enable-addons (virtual nodes).
func (in *interp) aksEnableAddons(cmd *azCmd) {
	name, ok := cmd.named("--name")
	if !ok {
		return
	}
	c := in.clusterFor(name, cmd)
	in.addons(c, cmd, "--addons")
	in.setStr(&c.aciSubnetName, cmd, "--subnet-name")
}

// clusterFor finds the cluster a command names, or adds an entry for a cluster the
// script does not create.
func (in *interp) clusterFor(name arg, cmd *azCmd) *clusterM {
	key := keyOf(name)
	if c := in.m.cluster(key); c != nil {
		return c
	}
	c := &clusterM{key: key, at: cmd.at}
	in.setName(&c.name, name)
	in.m.clusters = append(in.m.clusters, c)
	return c
}

// clusterFlags reads the cluster-level flags az aks create and update share.
func (in *interp) clusterFlags(c *clusterM, cmd *azCmd) {
	in.setStr(&c.k8s, cmd, "--kubernetes-version")
	in.setStr(&c.plugin, cmd, "--network-plugin")
	in.setStr(&c.pluginMode, cmd, "--network-plugin-mode")
	in.setStr(&c.policy, cmd, "--network-policy")
	in.setStr(&c.dataplane, cmd, "--network-dataplane")
	in.setList(&c.podCidrs, cmd, "--pod-cidr", true)
	in.setList(&c.podCidrs, cmd, "--pod-cidrs", true)
	in.setList(&c.serviceCidrs, cmd, "--service-cidr", true)
	in.setList(&c.serviceCidrs, cmd, "--service-cidrs", true)
	in.setStr(&c.dns, cmd, "--dns-service-ip")
	in.setList(&c.ipFams, cmd, "--ip-families", true)
	in.setStr(&c.outbound, cmd, "--outbound-type")
	in.setStr(&c.lbSku, cmd, "--load-balancer-sku")
	in.setStr(&c.dockerBrg, cmd, "--docker-bridge-address")
	in.setSubnet(&c.apiServerSubnet, cmd, "--apiserver-subnet-id")
	in.setSwitch(&c.apiServerVnet, cmd, "--enable-apiserver-vnet-integration", true)
	in.setStr(&c.windowsAdmin, cmd, "--windows-admin-username")
	in.setStr(&c.aciSubnetName, cmd, "--aci-subnet-name")
	in.addons(c, cmd, "--enable-addons")
	if fv := cmd.get("--enable-managed-identity"); fv != nil {
		known(&c.identity, "SystemAssigned", in.origin(fv.flag))
	}
	if fv := cmd.get("--assign-identity"); fv != nil {
		known(&c.identity, "UserAssigned", in.origin(fv.flag))
		if len(fv.vals) > 0 {
			a := fv.vals[0]
			if key, ok := a.resourceKey("identity", "userAssignedIdentities"); ok {
				known(&c.principals, []item{{S: key, At: in.origin(a)}}, in.origin(a))
			} else {
				unknown(&c.principals, a.expr, a.reason(), in.origin(a))
			}
		}
	}
}

// addons reads --enable-addons / --addons: only virtual-node matters to networking.
func (in *interp) addons(c *clusterM, cmd *azCmd, flag string) {
	a, ok := cmd.first(flag)
	if !ok {
		return
	}
	if _, ok := a.known(); !ok {
		unknown(&c.virtualNodes, a.expr, a.reason(), in.origin(a))
		return
	}
	for _, el := range splitComma(a) {
		if s, _ := el.known(); strings.EqualFold(s, "virtual-node") {
			known(&c.virtualNodes, true, in.origin(el))
		}
	}
}

// poolFlags reads the node pool flags az aks create and az aks nodepool add share.
func (in *interp) poolFlags(p *poolM, cmd *azCmd) {
	in.setStr(&p.osSKU, cmd, "--os-sku")
	in.setStr(&p.vmType, cmd, "--vm-set-type")
	in.setSwitch(&p.autoscale, cmd, "--enable-cluster-autoscaler", true)
	in.setInt(&p.minCount, cmd, "--min-count")
	in.setInt(&p.maxCount, cmd, "--max-count")
	in.setInt(&p.maxPods, cmd, "--max-pods")
	in.setStr(&p.maxSurge, cmd, "--max-surge")
	in.setSubnet(&p.vnetSub, cmd, "--vnet-subnet-id")
	in.setSubnet(&p.podSub, cmd, "--pod-subnet-id")
	in.setStr(&p.podIPMode, cmd, "--pod-ip-allocation-mode")
}

// nodepoolAdd handles az aks nodepool add. A pool for a cluster the script does not
// create gets a cluster entry of its own, so the pool's checks still run.
func (in *interp) nodepoolAdd(cmd *azCmd) {
	cluster, ok := cmd.named("--cluster-name")
	if !ok {
		return
	}
	c := in.clusterFor(cluster, cmd)
	p := &poolM{at: cmd.at, added: true, opaque: in.opaqueFlags(cmd)}
	if name, ok := cmd.named("--name"); ok {
		in.setName(&p.name, name)
	}
	in.setInt(&p.count, cmd, "--node-count")
	in.setStr(&p.osType, cmd, "--os-type")
	in.setStr(&p.mode, cmd, "--mode")
	in.poolFlags(p, cmd)
	if p.name.State == build.Known {
		for i, old := range c.pools {
			if old.name.State == build.Known && strings.EqualFold(old.name.V, p.name.V) {
				c.pools[i] = p
				return
			}
		}
	}
	c.pools = append(c.pools, p)
}

// nodepoolUpdate handles az aks nodepool update and scale on a pool the script added;
// a pool it does not know is left alone (its other settings are unknown).
func (in *interp) nodepoolUpdate(cmd *azCmd) {
	cluster, ok1 := cmd.named("--cluster-name")
	name, ok2 := cmd.named("--name")
	if !ok1 || !ok2 {
		return
	}
	c := in.m.cluster(keyOf(cluster))
	s, known := name.known()
	if c == nil || !known {
		return
	}
	p := c.pool(s)
	if p == nil {
		return
	}
	in.setInt(&p.count, cmd, "--node-count")
	in.setSwitch(&p.autoscale, cmd, "--enable-cluster-autoscaler", true)
	in.setSwitch(&p.autoscale, cmd, "--update-cluster-autoscaler", true)
	in.setSwitch(&p.autoscale, cmd, "--disable-cluster-autoscaler", false)
	in.setInt(&p.minCount, cmd, "--min-count")
	in.setInt(&p.maxCount, cmd, "--max-count")
	in.setStr(&p.maxSurge, cmd, "--max-surge")
	in.setStr(&p.mode, cmd, "--mode")
}

// opaqueFlags is the note for a command with a word in flag position whose value is
// not known, or nil.
func (in *interp) opaqueFlags(cmd *azCmd) *field[string] {
	a := cmd.opaque
	if a == nil {
		return nil
	}
	reason := a.reason()
	if reason == "" {
		reason = "its value is not known"
	}
	f := &field[string]{}
	unknown(f, a.expr, "it may hold any flags of az "+cmd.path+" ("+reason+"), so no flag of the command is taken at its default", in.origin(*a))
	return f
}
