package effective

import "github.com/aksnet-lint/aksnet-lint/internal/netdoc"

// Defaults from RULES.md.
const (
	DefaultPodCidr      = "10.244.0.0/16"
	DefaultServiceCidr  = "10.0.0.0/16"
	DefaultDNSServiceIP = "10.0.0.10"
	DefaultMaxSurge     = "10%"
	DefaultOSType       = "Linux"
	// DefaultARMCount is the AKS REST API's default for a pool's count.
	DefaultARMCount = 1
	// DefaultCLICount is az CLI's default for --node-count.
	DefaultCLICount = 3
	// DefaultCLIPoolName is az aks create's default for --nodepool-name.
	DefaultCLIPoolName = "nodepool1"
	// DefaultCLIIdentity is the identity az aks create gives a cluster by default.
	DefaultCLIIdentity = "SystemAssigned"
)

// Network models.
const (
	ModelKubenet          = "kubenet"
	ModelOverlay          = "overlay"
	ModelNodeSubnet       = "nodesubnet"
	ModelPodSubnetDynamic = "podsubnet-dynamic"
	ModelPodSubnetStatic  = "podsubnet-static"
	ModelBYOCNI           = "byocni"
)

// defaultMaxPods is the maxPods default of each network model.
var defaultMaxPods = map[string]int{
	ModelKubenet:          110,
	ModelNodeSubnet:       30,
	ModelOverlay:          250,
	ModelPodSubnetDynamic: 250,
	ModelPodSubnetStatic:  250,
	ModelBYOCNI:           250,
}

// Default is one row of the table: the value a request gives a field the input
// leaves unset.
type Default struct {
	// Field is the value's pointer below its cluster, or below its node pool (Pool).
	Field string
	Pool  bool
	// Requests are the requests that document this default; none means every request
	// (the resource provider's own default, whoever sends the request).
	Requests []netdoc.Request
	// Client is set when the client fills the value in before sending the request (az
	// CLI), so the command decides it whether the cluster is new or not; otherwise the
	// resource provider fills it, for a cluster the input creates.
	Client bool
	// Fixed is set when the command has no flag for the field, so words whose flags
	// are not known cannot change it.
	Fixed bool
	// Value is the default as RULES.md states it; Source is where it is documented.
	Value, Source string
	// fill sets the value when it is absent and the row's conditions hold, and returns
	// the fields it set (relative to the site), in order.
	fill func(a applier, s site) []string
}

func (r *Default) appliesTo(req netdoc.Request) bool {
	if len(r.Requests) == 0 {
		return true
	}
	for _, q := range r.Requests {
		if q == req {
			return true
		}
	}
	return false
}

var (
	azAKSCreate     = []netdoc.Request{netdoc.RequestAzAKSCreate}
	azNodepoolAdd   = []netdoc.Request{netdoc.RequestAzNodepoolAdd}
	azCreatesPool   = []netdoc.Request{netdoc.RequestAzAKSCreate, netdoc.RequestAzNodepoolAdd}
	aksAPIOnly      = []netdoc.Request{netdoc.RequestAKSAPI}
	azCLIParameters = "az aks create / az aks nodepool add parameters (learn.microsoft.com/cli/azure/aks)"
	aksRESTAPI      = "AKS REST API, ManagedCluster / AgentPool (learn.microsoft.com/rest/api/aks)"
)

// table holds every default, in the order they are filled (and listed in Defaulted).
// Rows for the same field and different requests state where az CLI and the AKS REST
// API differ.
var table = []Default{
	// What az CLI fills in on the client.
	{Field: "identity/type", Requests: azAKSCreate, Client: true, Value: DefaultCLIIdentity,
		Source: azCLIParameters + ": --enable-managed-identity is the default; --assign-identity or --service-principal replace it",
		fill: func(_ applier, s site) []string {
			if s.c.Identity == nil {
				s.c.Identity = &netdoc.Identity{}
			}
			return setString(&s.c.Identity.Type, DefaultCLIIdentity, "identity/type")
		}},
	{Field: "name", Pool: true, Requests: azAKSCreate, Client: true, Value: DefaultCLIPoolName,
		Source: azCLIParameters + ": --nodepool-name defaults to nodepool1",
		fill:   func(_ applier, s site) []string { return setString(&s.p.Name, DefaultCLIPoolName, "name") }},
	{Field: "mode", Pool: true, Requests: azAKSCreate, Client: true, Fixed: true, Value: "System",
		Source: azCLIParameters + ": the first node pool az aks create makes is the system pool",
		fill:   func(_ applier, s site) []string { return setString(&s.p.Mode, "System", "mode") }},
	{Field: "mode", Pool: true, Requests: azNodepoolAdd, Client: true, Value: "User",
		Source: azCLIParameters + ": az aks nodepool add --mode defaults to User",
		fill:   func(_ applier, s site) []string { return setString(&s.p.Mode, "User", "mode") }},
	{Field: "osType", Pool: true, Requests: azAKSCreate, Client: true, Fixed: true, Value: DefaultOSType,
		Source: azCLIParameters + ": az aks create has no --os-type; its first pool is Linux",
		fill:   func(_ applier, s site) []string { return setString(&s.p.OSType, DefaultOSType, "osType") }},
	{Field: "osType", Pool: true, Requests: azNodepoolAdd, Client: true, Value: DefaultOSType,
		Source: azCLIParameters + ": az aks nodepool add --os-type defaults to Linux",
		fill:   func(_ applier, s site) []string { return setString(&s.p.OSType, DefaultOSType, "osType") }},
	{Field: "count", Pool: true, Requests: azCreatesPool, Client: true, Value: "3",
		Source: azCLIParameters + ": --node-count defaults to 3 (the REST API's default is 1: see below)",
		fill:   func(_ applier, s site) []string { return setInt(&s.p.Count, DefaultCLICount, "count") }},

	// What the resource provider fills in for a new cluster.
	{Field: "networkProfile/networkPlugin", Value: "azure + overlay (kubernetesVersion unset or >= 1.30), kubenet (< 1.30)",
		Source: "RULES.md, Effective values; " + aksRESTAPI, fill: fillPlugin},
	{Field: "networkProfile/podCidrs", Value: DefaultPodCidr + " (kubenet, overlay; IPv4 only)",
		Source: "RULES.md, Effective values; " + aksRESTAPI, fill: fillPodCidrs},
	{Field: "networkProfile/serviceCidrs", Value: DefaultServiceCidr + " with dnsServiceIP " + DefaultDNSServiceIP + " (IPv4 only)",
		Source: "RULES.md, Effective values; " + aksRESTAPI, fill: fillServiceCidrs},
	{Field: "maxPods", Pool: true, Value: "by network model: kubenet 110, node subnet 30, otherwise 250",
		Source: "RULES.md, Effective values; " + aksRESTAPI, fill: fillMaxPods},
	{Field: "count", Pool: true, Requests: aksAPIOnly, Value: "1",
		Source: aksRESTAPI + ": agent pool count defaults to 1 (az CLI sends its own: see above)",
		fill: func(a applier, s site) []string {
			if a.unknownAt(s, "count") {
				return nil
			}
			return setInt(&s.p.Count, DefaultARMCount, "count")
		}},
	{Field: "maxSurge", Pool: true, Value: DefaultMaxSurge, Source: "RULES.md, Effective values; " + aksRESTAPI,
		fill: func(a applier, s site) []string {
			if a.unknownAt(s, "maxSurge") {
				return nil
			}
			return setString(&s.p.MaxSurge, DefaultMaxSurge, "maxSurge")
		}},
	{Field: "osType", Pool: true, Value: DefaultOSType, Source: aksRESTAPI + ": osType defaults to Linux",
		fill: func(a applier, s site) []string {
			if a.unknownAt(s, "osType") {
				return nil
			}
			return setString(&s.p.OSType, DefaultOSType, "osType")
		}},
}

func setString(dst *string, v, field string) []string {
	if *dst != "" {
		return nil
	}
	*dst = v
	return []string{field}
}

func setInt(dst **int, v int, field string) []string {
	if *dst != nil {
		return nil
	}
	*dst = &v
	return []string{field}
}

func fillPlugin(a applier, s site) []string {
	np := &s.c.NetworkProfile
	if np.NetworkPlugin != "" || a.unknownAt(s, "networkProfile/networkPlugin") {
		return nil
	}
	switch newer, known := versionAtLeast130(s.c.KubernetesVersion); {
	case !known || a.unknownAt(s, "kubernetesVersion"):
		// The default depends on a version we cannot read: leave the plugin unknown.
		return nil
	case newer:
		np.NetworkPlugin = "azure"
		if np.NetworkPluginMode == "" && !a.unknownAt(s, "networkProfile/networkPluginMode") {
			np.NetworkPluginMode = "overlay"
			return []string{"networkProfile/networkPlugin", "networkProfile/networkPluginMode"}
		}
		return []string{"networkProfile/networkPlugin"}
	default:
		np.NetworkPlugin = "kubenet"
		return []string{"networkProfile/networkPlugin"}
	}
}

func fillPodCidrs(a applier, s site) []string {
	np := &s.c.NetworkProfile
	model := a.model(s.ci)
	if len(np.PodCidrs) > 0 || (model != ModelKubenet && model != ModelOverlay) ||
		a.unknownAt(s, "networkProfile/podCidrs") || !ipv4Only(np.IPFamilies) || a.unknownAt(s, "networkProfile/ipFamilies") {
		return nil
	}
	np.PodCidrs = []string{DefaultPodCidr}
	return []string{"networkProfile/podCidrs"}
}

// fillServiceCidrs: serviceCidr and dnsServiceIP default as a pair: when only one is
// stated, the other's default would be a guess about how the RP pairs them, so it
// stays unknown.
func fillServiceCidrs(a applier, s site) []string {
	np := &s.c.NetworkProfile
	if len(np.ServiceCidrs) > 0 || np.DNSServiceIP != "" ||
		a.unknownAt(s, "networkProfile/serviceCidrs") || a.unknownAt(s, "networkProfile/dnsServiceIP") ||
		!ipv4Only(np.IPFamilies) || a.unknownAt(s, "networkProfile/ipFamilies") {
		return nil
	}
	np.ServiceCidrs = []string{DefaultServiceCidr}
	np.DNSServiceIP = DefaultDNSServiceIP
	return []string{"networkProfile/serviceCidrs", "networkProfile/dnsServiceIP"}
}

func fillMaxPods(a applier, s site) []string {
	n, ok := defaultMaxPods[s.c.Model]
	if s.p.MaxPods != nil || !ok || a.unknownAt(s, "maxPods") {
		return nil
	}
	return setInt(&s.p.MaxPods, n, "maxPods")
}

// ClientDefault is the value the client that sends req fills in for field (of a node
// pool when pool is set) when the command leaves it out, as the table states it: the
// az CLI extractor needs it to follow a later command that names the value (az aks
// nodepool update --name nodepool1).
func ClientDefault(req netdoc.Request, pool bool, field string) (string, bool) {
	for i := range table {
		r := &table[i]
		if r.Client && r.Pool == pool && r.Field == field && len(r.Requests) > 0 && r.appliesTo(req) {
			return r.Value, true
		}
	}
	return "", false
}
