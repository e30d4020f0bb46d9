package effective

import (
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func ptr[T any](v T) *T { return &v }

func cluster(version string, np netdoc.NetworkProfile, pools ...netdoc.NodePool) *netdoc.Document {
	d := netdoc.New("t.json", netdoc.KindARM)
	d.Clusters = append(d.Clusters, netdoc.Cluster{Key: "c", KubernetesVersion: version, NetworkProfile: np, NodePools: pools})
	return d
}

func TestModelAndPluginDefaults(t *testing.T) {
	tests := []struct {
		name       string
		doc        *netdoc.Document
		plugin     string
		model      string
		podCidrs   []string
		maxPods    int
		unresolved []netdoc.Unresolved
	}{
		{"unset version: overlay", cluster("", netdoc.NetworkProfile{}, netdoc.NodePool{}), "azure", ModelOverlay, []string{DefaultPodCidr}, 250, nil},
		{"1.30 boundary: overlay", cluster("1.30", netdoc.NetworkProfile{}, netdoc.NodePool{}), "azure", ModelOverlay, []string{DefaultPodCidr}, 250, nil},
		{"1.29.7: kubenet", cluster("1.29.7", netdoc.NetworkProfile{}, netdoc.NodePool{}), "kubenet", ModelKubenet, []string{DefaultPodCidr}, 110, nil},
		{"unparsable version: unknown", cluster("latest", netdoc.NetworkProfile{}, netdoc.NodePool{}), "", "", nil, 0, nil},
		{"node subnet", cluster("", netdoc.NetworkProfile{NetworkPlugin: "azure"}, netdoc.NodePool{}), "azure", ModelNodeSubnet, nil, 30, nil},
		{"pod subnet dynamic", cluster("", netdoc.NetworkProfile{NetworkPlugin: "azure"}, netdoc.NodePool{PodSubnet: "v/p"}), "azure", ModelPodSubnetDynamic, nil, 250, nil},
		{"pod subnet static", cluster("", netdoc.NetworkProfile{NetworkPlugin: "azure"}, netdoc.NodePool{PodSubnet: "v/p", PodIPAllocationMode: "StaticBlock"}), "azure", ModelPodSubnetStatic, nil, 250, nil},
		{"byo cni", cluster("", netdoc.NetworkProfile{NetworkPlugin: "none"}, netdoc.NodePool{}), "none", ModelBYOCNI, nil, 250, nil},
		{"unknown plugin value", cluster("", netdoc.NetworkProfile{NetworkPlugin: "Azure2"}, netdoc.NodePool{}), "Azure2", "", nil, 0, nil},
		{"explicit pod cidr kept", cluster("", netdoc.NetworkProfile{NetworkPlugin: "kubenet", PodCidrs: []string{"192.168.0.0/16"}}, netdoc.NodePool{}), "kubenet", ModelKubenet, []string{"192.168.0.0/16"}, 110, nil},
		{"unresolved plugin stays unknown", cluster("", netdoc.NetworkProfile{}, netdoc.NodePool{}), "", "", nil, 0,
			[]netdoc.Unresolved{{Pointer: "/clusters/0/networkProfile/networkPlugin"}}},
		{"unresolved pod subnet: model unknown", cluster("", netdoc.NetworkProfile{NetworkPlugin: "azure"}, netdoc.NodePool{}), "azure", "", nil, 0,
			[]netdoc.Unresolved{{Pointer: "/clusters/0/nodePools/0/podSubnet"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.doc.Unresolved = tt.unresolved
			Apply(tt.doc)
			c := tt.doc.Clusters[0]
			if c.NetworkProfile.NetworkPlugin != tt.plugin || c.Model != tt.model || !slices.Equal(c.NetworkProfile.PodCidrs, tt.podCidrs) {
				t.Errorf("plugin %q model %q podCidrs %v; want %q %q %v", c.NetworkProfile.NetworkPlugin, c.Model, c.NetworkProfile.PodCidrs, tt.plugin, tt.model, tt.podCidrs)
			}
			got := 0
			if c.NodePools[0].MaxPods != nil {
				got = *c.NodePools[0].MaxPods
			}
			if got != tt.maxPods {
				t.Errorf("maxPods %d, want %d", got, tt.maxPods)
			}
		})
	}
}

func TestServiceDefaultsComeAsAPair(t *testing.T) {
	d := cluster("", netdoc.NetworkProfile{})
	Apply(d)
	np := d.Clusters[0].NetworkProfile
	if !slices.Equal(np.ServiceCidrs, []string{DefaultServiceCidr}) || np.DNSServiceIP != DefaultDNSServiceIP {
		t.Errorf("defaults: %+v", np)
	}
	if !slices.Contains(d.Defaulted, "/clusters/0/networkProfile/serviceCidrs") || !slices.Contains(d.Defaulted, "/clusters/0/networkProfile/dnsServiceIP") {
		t.Errorf("defaulted: %v", d.Defaulted)
	}

	d = cluster("", netdoc.NetworkProfile{ServiceCidrs: []string{"172.16.0.0/16"}})
	Apply(d)
	if d.Clusters[0].NetworkProfile.DNSServiceIP != "" {
		t.Error("dnsServiceIP defaulted although only the service CIDR is stated")
	}
	d = cluster("", netdoc.NetworkProfile{IPFamilies: []string{"IPv4", "IPv6"}})
	Apply(d)
	if len(d.Clusters[0].NetworkProfile.ServiceCidrs) != 0 {
		t.Error("IPv4 service CIDR defaulted on a dual-stack cluster")
	}
}

func TestExistingClusterGetsNoDefaults(t *testing.T) {
	d := cluster("", netdoc.NetworkProfile{NetworkPolicy: "azure"}, netdoc.NodePool{Count: ptr(2)})
	d.Clusters[0].Existing = true
	Apply(d)
	c := d.Clusters[0]
	if c.NetworkProfile.NetworkPlugin != "" || len(c.NetworkProfile.ServiceCidrs) != 0 || c.Model != "" || c.NodePools[0].MaxPods != nil || len(d.Defaulted) != 0 {
		t.Errorf("defaults filled for an existing cluster: %+v %v", c, d.Defaulted)
	}
	d = cluster("", netdoc.NetworkProfile{NetworkPlugin: "kubenet"})
	d.Clusters[0].Existing = true
	Apply(d)
	if d.Clusters[0].Model != ModelKubenet {
		t.Errorf("model from stated values: %q", d.Clusters[0].Model)
	}
}

func TestPoolDefaults(t *testing.T) {
	d := cluster("", netdoc.NetworkProfile{NetworkPlugin: "azure"}, netdoc.NodePool{}, netdoc.NodePool{Count: ptr(4), MaxSurge: "33%", OSType: "Windows", MaxPods: ptr(50)})
	Apply(d)
	p0, p1 := d.Clusters[0].NodePools[0], d.Clusters[0].NodePools[1]
	if *p0.Count != 1 || p0.MaxSurge != "10%" || p0.OSType != "Linux" || *p0.MaxPods != 30 {
		t.Errorf("pool 0: %+v", p0)
	}
	if *p1.Count != 4 || p1.MaxSurge != "33%" || p1.OSType != "Windows" || *p1.MaxPods != 50 {
		t.Errorf("pool 1 changed: %+v", p1)
	}
	if slices.Contains(d.Defaulted, "/clusters/0/nodePools/1/count") || !slices.Contains(d.Defaulted, "/clusters/0/nodePools/0/count") {
		t.Errorf("defaulted: %v", d.Defaulted)
	}
	// A pool az CLI creates gets the CLI's count default, not the REST API's.
	cli := cluster("", netdoc.NetworkProfile{}, netdoc.NodePool{}, netdoc.NodePool{Request: netdoc.RequestAzNodepoolAdd})
	cli.Kind = netdoc.KindAzCLI
	cli.Clusters[0].Request = netdoc.RequestAzAKSCreate
	Apply(cli)
	for pi, p := range cli.Clusters[0].NodePools {
		if p.Count == nil || *p.Count != DefaultCLICount {
			t.Errorf("pool %d of az CLI: count %v, want the CLI's %d", pi, p.Count, DefaultCLICount)
		}
	}
}

func TestClientDefaults(t *testing.T) {
	created := func() *netdoc.Document {
		d := cluster("", netdoc.NetworkProfile{}, netdoc.NodePool{}, netdoc.NodePool{Request: netdoc.RequestAzNodepoolAdd})
		d.Clusters[0].Request = netdoc.RequestAzAKSCreate
		return d
	}
	type pool struct{ name, mode, osType string }
	tests := []struct {
		name     string
		doc      func() *netdoc.Document
		identity string
		pools    []pool
		// defaulted are the pointers Requested lists, in order.
		defaulted []string
	}{
		{"az aks create and nodepool add", created, DefaultCLIIdentity,
			[]pool{{DefaultCLIPoolName, "System", "Linux"}, {"", "User", "Linux"}},
			[]string{"/clusters/0/identity/type", "/clusters/0/nodePools/0/name", "/clusters/0/nodePools/0/mode", "/clusters/0/nodePools/0/osType", "/clusters/0/nodePools/0/count",
				"/clusters/0/nodePools/1/mode", "/clusters/0/nodePools/1/osType", "/clusters/0/nodePools/1/count"}},
		{"the REST API: no client fills anything", func() *netdoc.Document {
			return cluster("", netdoc.NetworkProfile{}, netdoc.NodePool{})
		}, "", []pool{{}}, nil},
		{"--service-principal: no identity", func() *netdoc.Document {
			d := created()
			d.Unset = []string{"/clusters/0/identity/type"}
			return d
		}, "", []pool{{DefaultCLIPoolName, "System", "Linux"}, {"", "User", "Linux"}},
			[]string{"/clusters/0/nodePools/0/name", "/clusters/0/nodePools/0/mode", "/clusters/0/nodePools/0/osType", "/clusters/0/nodePools/0/count",
				"/clusters/0/nodePools/1/mode", "/clusters/0/nodePools/1/osType", "/clusters/0/nodePools/1/count"}},
		{"unreadable flags: only what the command has no flag for", func() *netdoc.Document {
			d := created()
			d.Unresolved = []netdoc.Unresolved{{Pointer: "/clusters/0/flags"}, {Pointer: "/clusters/0/nodePools/1/flags"}}
			return d
		}, "", []pool{{"", "System", "Linux"}, {}},
			[]string{"/clusters/0/nodePools/0/mode", "/clusters/0/nodePools/0/osType"}},
		{"a flag whose value is not known", func() *netdoc.Document {
			d := created()
			d.Unresolved = []netdoc.Unresolved{{Pointer: "/clusters/0/nodePools/1/mode"}}
			return d
		}, DefaultCLIIdentity, []pool{{DefaultCLIPoolName, "System", "Linux"}, {"", "", "Linux"}},
			[]string{"/clusters/0/identity/type", "/clusters/0/nodePools/0/name", "/clusters/0/nodePools/0/mode", "/clusters/0/nodePools/0/osType", "/clusters/0/nodePools/0/count",
				"/clusters/0/nodePools/1/osType", "/clusters/0/nodePools/1/count"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc()
			Requested(d)
			c := d.Clusters[0]
			identity := ""
			if c.Identity != nil {
				identity = c.Identity.Type
			}
			if identity != tt.identity {
				t.Errorf("identity %q, want %q", identity, tt.identity)
			}
			for pi, want := range tt.pools {
				p := c.NodePools[pi]
				if got := (pool{p.Name, p.Mode, p.OSType}); got != want {
					t.Errorf("pool %d: %+v, want %+v", pi, got, want)
				}
			}
			if !slices.Equal(d.Defaulted, tt.defaulted) {
				t.Errorf("defaulted %v, want %v", d.Defaulted, tt.defaulted)
			}
			before := slices.Clone(d.Defaulted)
			Requested(d)
			if !slices.Equal(d.Defaulted, before) {
				t.Errorf("a second pass filled %v", d.Defaulted[len(before):])
			}
		})
	}
}

func TestTableStatesEachDifference(t *testing.T) {
	type key struct {
		field        string
		pool, client bool
		request      netdoc.Request
	}
	seen := map[key]bool{}
	for _, r := range table {
		if r.Source == "" || r.Value == "" || r.fill == nil {
			t.Errorf("row %s: no source, value or fill", r.Field)
		}
		if r.Client && len(r.Requests) == 0 {
			t.Errorf("row %s: a client default names no request", r.Field)
		}
		reqs := r.Requests
		if len(reqs) == 0 {
			reqs = []netdoc.Request{"*"}
		}
		for _, q := range reqs {
			k := key{r.Field, r.Pool, r.Client, q}
			if seen[k] {
				t.Errorf("two rows for %+v", k)
			}
			seen[k] = true
		}
	}
	if v, ok := ClientDefault(netdoc.RequestAzAKSCreate, true, "name"); !ok || v != DefaultCLIPoolName {
		t.Errorf("ClientDefault(az aks create, pool name) = %q %v", v, ok)
	}
	if _, ok := ClientDefault(netdoc.RequestAKSAPI, true, "count"); ok {
		t.Error("ClientDefault gives the REST API a client default")
	}
}

// TestPartlyReadDocumentGetsDefaults: a part of the input not read (an unresolved
// entry of the document itself) leaves the values it does read to AKS's defaults; a
// value of the cluster that is unresolved is still not defaulted.
func TestPartlyReadDocumentGetsDefaults(t *testing.T) {
	d := cluster("", netdoc.NetworkProfile{})
	d.Unresolved = []netdoc.Unresolved{{Pointer: "", Expression: "[parameters('link')]", Reason: "the linked template's path is not known"}}
	Apply(d)
	if np := d.Clusters[0].NetworkProfile; !slices.Equal(np.ServiceCidrs, []string{DefaultServiceCidr}) {
		t.Errorf("no service CIDR default in a partly read document: %+v", np)
	}
	d = cluster("", netdoc.NetworkProfile{})
	d.Unresolved = []netdoc.Unresolved{{Pointer: ""}, {Pointer: "/clusters/0/networkProfile/serviceCidrs", Expression: "$CIDR"}}
	Apply(d)
	if np := d.Clusters[0].NetworkProfile; len(np.ServiceCidrs) != 0 {
		t.Errorf("an unresolved service CIDR was defaulted: %+v", np)
	}
}
