package arm

import (
	"os"
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func extractFile(t *testing.T, path string) (*netdoc.Document, netdoc.Locations) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src, root, err := jsonsrc.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return Extract(src, root)
}

func TestExtractExample(t *testing.T) {
	doc, locs := extractFile(t, "../../../examples/template/aks-cluster.json")
	if doc.Kind != netdoc.KindARM || len(doc.Clusters) != 1 || len(doc.VirtualNetworks) != 1 {
		t.Fatalf("doc: %+v", doc)
	}
	c := doc.Clusters[0]
	np := c.NetworkProfile
	if c.Key != "aks-prod" || c.KubernetesVersion != "1.31" || c.Identity.Type != "SystemAssigned" ||
		np.NetworkPlugin != "azure" || np.NetworkPolicy != "azure" || !slices.Equal(np.ServiceCidrs, []string{"10.1.0.0/20"}) ||
		np.DNSServiceIP != "10.0.0.10" || np.OutboundType != "loadBalancer" {
		t.Errorf("cluster: %+v", c)
	}
	if len(c.NodePools) != 2 || c.NodePools[1].Name != "apps" || *c.NodePools[1].MaxPods != 300 || *c.NodePools[1].Count != 5 ||
		c.NodePools[0].VnetSubnet != "vnet-aks-prod/snet-nodes" {
		t.Errorf("pools: %+v", c.NodePools)
	}
	wantSubnets := []netdoc.Subnet{
		{Key: "vnet-aks-prod/snet-nodes", VNet: "vnet-aks-prod", Name: "snet-nodes", AddressPrefixes: []string{"10.1.0.0/22"}, Declared: true},
		{Key: "vnet-aks-prod/snet-ingress", VNet: "vnet-aks-prod", Name: "snet-ingress", AddressPrefixes: []string{"10.1.8.0/24"}, Declared: true},
	}
	if !slices.EqualFunc(doc.Subnets, wantSubnets, subnetEqual) {
		t.Errorf("subnets: %+v", doc.Subnets)
	}
	for pointer, want := range map[string][3]int{
		"/clusters/0/networkProfile/serviceCidrs/0": {37, 26, 39},
		"/clusters/0/networkProfile/serviceCidrs":   {37, 26, 39},
		"/clusters/0/nodePools/1/maxPods":           {55, 24, 27},
		"/subnets/1/addressPrefixes/0":              {20, 70, 83},
	} {
		l := locs[pointer]
		if l.Line != want[0] || l.Column != want[1] || l.EndColumn != want[2] {
			t.Errorf("%s at %d:%d-%d, want %v", pointer, l.Line, l.Column, l.EndColumn, want)
		}
	}
}

func subnetEqual(a, b netdoc.Subnet) bool {
	return a.Key == b.Key && a.VNet == b.VNet && a.Name == b.Name && a.Declared == b.Declared && slices.Equal(a.AddressPrefixes, b.AddressPrefixes)
}

func TestExpressionsAreUnresolvedNotGuessed(t *testing.T) {
	doc, locs := extractFile(t, "../../../testdata/arm/err/AKSNET901-unresolved-expression.json")
	c := doc.Clusters[0]
	if len(c.NetworkProfile.ServiceCidrs) != 0 || c.NodePools[0].MaxPods != nil {
		t.Errorf("an expression became a value: %+v", c)
	}
	want := []netdoc.Unresolved{
		{Pointer: "/clusters/0/networkProfile/serviceCidrs/0", Expression: "[parameters('serviceCidr')]", Reason: reasonExpression},
		{Pointer: "/clusters/0/nodePools/0/maxPods", Expression: "[variables('maxPods')]", Reason: reasonExpression},
	}
	if !slices.Equal(doc.Unresolved, want) {
		t.Errorf("unresolved: %+v", doc.Unresolved)
	}
	if locs["/clusters/0/nodePools/0/maxPods"].Line != 12 {
		t.Errorf("unresolved value not located: %+v", locs["/clusters/0/nodePools/0/maxPods"])
	}
}

func TestSubnetReferences(t *testing.T) {
	src, root, err := jsonsrc.Parse("t.json", []byte(`{"resources": [
	{"type": "Microsoft.Network/virtualNetworks/subnets", "name": "hub/shared", "properties": {"addressPrefix": "10.9.0.0/24", "delegations": [{"properties": {"serviceName": "Microsoft.Web/serverFarms"}}]}},
	{"type": "Microsoft.ContainerService/managedClusters", "name": "c", "properties": {"agentPoolProfiles": [
		{"name": "a", "vnetSubnetID": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/hub/subnets/shared"},
		{"name": "b", "vnetSubnetID": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/byo/subnets/nodes", "podSubnetID": "not-an-id"}
	]}},
	{"type": "Microsoft.Network/virtualNetworks", "name": "[parameters('v')]", "condition": false},
	{"type": "Microsoft.Network/virtualNetworks", "name": "gone", "condition": false}
]}`))
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := Extract(src, root)
	if len(doc.VirtualNetworks) != 0 {
		t.Errorf("a false condition kept a resource: %+v", doc.VirtualNetworks)
	}
	if len(doc.Subnets) != 2 || doc.Subnets[0].Key != "hub/shared" || !slices.Equal(doc.Subnets[0].Delegations, []string{"Microsoft.Web/serverFarms"}) ||
		doc.Subnets[1].Key != "byo/nodes" || doc.Subnets[1].Declared || len(doc.Subnets[1].AddressPrefixes) != 0 {
		t.Errorf("subnets: %+v", doc.Subnets)
	}
	if len(doc.Unresolved) != 1 || doc.Unresolved[0].Pointer != "/clusters/0/nodePools/1/podSubnet" || doc.Unresolved[0].Reason != "not a subnet resource ID" {
		t.Errorf("unresolved: %+v", doc.Unresolved)
	}
}
