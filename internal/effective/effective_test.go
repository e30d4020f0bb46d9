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
	// The az CLI extractor records the CLI's own count default; no API default here.
	cli := cluster("", netdoc.NetworkProfile{}, netdoc.NodePool{})
	cli.Kind = netdoc.KindAzCLI
	Apply(cli)
	if cli.Clusters[0].NodePools[0].Count != nil {
		t.Error("ARM count default applied to an az CLI document")
	}
}
