package arm

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// repoRoot is the module root seen from this package.
const repoRoot = "../../.."

// load parses a file of the repository, naming it by its path from the
// repository root (as a user running in a checkout would see it).
func load(t testing.TB, rel string) (*jsonsrc.Source, gjson.Result) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	src, root, err := jsonsrc.Parse(rel, data)
	if err != nil {
		t.Fatal(err)
	}
	return src, root
}

// loader reads linked templates under dir (a repository path).
func loader(t testing.TB) func(from, rel string) (*jsonsrc.Source, gjson.Result, error) {
	return func(from, rel string) (*jsonsrc.Source, gjson.Result, error) {
		p := filepath.ToSlash(filepath.Join(filepath.Dir(from), filepath.FromSlash(rel)))
		data, err := os.ReadFile(filepath.Join(repoRoot, p))
		if err != nil {
			return nil, gjson.Result{}, err
		}
		return jsonsrc.Parse(p, data)
	}
}

// extractPair extracts a template of the repository with a parameter file
// ("" for the defaults alone).
func extractPair(t testing.TB, template, params string) (*netdoc.Document, netdoc.Locations) {
	t.Helper()
	src, root := load(t, template)
	opt := armeval.Options{Load: loader(t)}
	if params != "" {
		psrc, proot := load(t, params)
		p, err := armeval.ParseParams(psrc, proot)
		if err != nil {
			t.Fatal(err)
		}
		opt.Params = p
	}
	return ExtractWith(src, root, opt)
}

func extractText(t *testing.T, text string) *netdoc.Document {
	t.Helper()
	src, root, err := jsonsrc.Parse("t.json", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := Extract(src, root)
	return doc
}

func TestExtractExample(t *testing.T) {
	doc, locs := extractPair(t, "examples/template/aks-cluster.json", "")
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

func TestUnknownsAreUnresolvedNotGuessed(t *testing.T) {
	doc, locs := extractPair(t, "testdata/arm/err/AKSNET901-unresolved-expression.json", "")
	c := doc.Clusters[0]
	if len(c.NetworkProfile.ServiceCidrs) != 0 || c.NodePools[0].MaxPods != nil {
		t.Errorf("an unknown became a value: %+v", c)
	}
	want := []netdoc.Unresolved{
		{Pointer: "/clusters/0/networkProfile/serviceCidrs", Expression: "[parameters('serviceCidr')]", Reason: "parameter 'serviceCidr' has no value"},
		{Pointer: "/clusters/0/nodePools/0/maxPods", Expression: "[reference('pool-settings').maxPods]", Reason: "reference() reads deployed state"},
	}
	if !slices.Equal(doc.Unresolved, want) {
		t.Errorf("unresolved:\n%+v\nwant\n%+v", doc.Unresolved, want)
	}
	if locs["/clusters/0/nodePools/0/maxPods"].Line != 12 || locs["/clusters/0/networkProfile/serviceCidrs/0"].Column != 102 {
		t.Errorf("unresolved values not located: %+v", locs)
	}
}

func TestSubnetReferences(t *testing.T) {
	doc := extractText(t, `{"resources": [
	{"type": "Microsoft.Network/virtualNetworks/subnets", "name": "hub/shared", "properties": {"addressPrefix": "10.9.0.0/24", "delegations": [{"properties": {"serviceName": "Microsoft.Web/serverFarms"}}]}},
	{"type": "Microsoft.ContainerService/managedClusters", "name": "c", "properties": {"agentPoolProfiles": [
		{"name": "a", "vnetSubnetID": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/hub/subnets/shared"},
		{"name": "b", "vnetSubnetID": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/byo/subnets/nodes", "podSubnetID": "not-an-id"}
	]}},
	{"type": "Microsoft.Network/virtualNetworks", "name": "[parameters('v')]", "condition": false},
	{"type": "Microsoft.Network/virtualNetworks", "name": "gone", "condition": false}
]}`)
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

func TestParamFileValuesAreNeverEvaluated(t *testing.T) {
	src, root, _ := jsonsrc.Parse("t.json", []byte(`{"parameters": {"cidr": {"type": "string"}, "n": {"type": "string", "defaultValue": "x"}},
	"resources": [{"type": "Microsoft.ContainerService/managedClusters", "name": "[parameters('N')]", "properties": {"networkProfile": {"serviceCidr": "[parameters('CIDR')]"}}}]}`))
	psrc, proot, _ := jsonsrc.Parse("t.parameters.json", []byte(`{"parameters": {"Cidr": {"value": "[concat('10.0.0.0', '/16')]"}, "N": {"value": "c1"}}}`))
	p, err := armeval.ParseParams(psrc, proot)
	if err != nil {
		t.Fatal(err)
	}
	doc, locs := ExtractWith(src, root, armeval.Options{Params: p})
	c := doc.Clusters[0]
	if c.Name != "c1" || !slices.Equal(c.NetworkProfile.ServiceCidrs, []string{"[concat('10.0.0.0', '/16')]"}) || doc.ParameterFile != "t.parameters.json" {
		t.Errorf("cluster %+v", c)
	}
	l := locs["/clusters/0/networkProfile/serviceCidrs"]
	if l.File != "t.json" || len(l.Related) != 1 || l.Related[0].File != "t.parameters.json" || !strings.Contains(l.Related[0].Message, "parameter 'cidr' is set in t.parameters.json") {
		t.Errorf("location %+v", l)
	}
}

func TestPairingNames(t *testing.T) {
	present := map[string]bool{"a.json": true, "a.b.json": true}
	has := func(s string) bool { return present[s] }
	for param, want := range map[string]string{
		"a.parameters.json":     "a.json",
		"a.x.parameters.json":   "a.json",
		"a.b.parameters.json":   "a.b.json",
		"a.b.c.parameters.json": "a.b.json",
		"z.parameters.json":     "",
	} {
		got, ok := templateName(param, has)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("%s: %q, want %q", param, got, want)
		}
	}
	// Listing a directory and pairing its files by this rule is the planner's
	// (internal/extract/pairing.go), tested with whole trees by TestPlan (internal/lint).
}

func TestLimits(t *testing.T) {
	// A template that links itself stops at the depth limit.
	self := `{"resources": [{"type": "Microsoft.Resources/deployments", "name": "again", "properties": {"templateLink": {"relativePath": "self.json"}}},
		{"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}]}`
	src, root, _ := jsonsrc.Parse("self.json", []byte(self))
	doc, _ := ExtractWith(src, root, armeval.Options{Load: func(string, string) (*jsonsrc.Source, gjson.Result, error) { return src, root, nil }})
	if len(doc.VirtualNetworks) != 1 || len(doc.Unresolved) != 1 || !strings.Contains(doc.Unresolved[0].Reason, "deeper than 10 levels") {
		t.Errorf("self link: %+v", doc.Unresolved)
	}
	// 800 deployments of 800 VNets each: the rest is reported, not read.
	many := `{"resources": [{"type": "Microsoft.Resources/deployments", "name": "[format('d{0}', copyIndex())]", "copy": {"name": "d", "count": 800},
		"properties": {"template": {"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[format('v{0}', copyIndex())]", "copy": {"name": "v", "count": 800}}]}}}]}`
	src, root, _ = jsonsrc.Parse("many.json", []byte(many))
	doc, _ = ExtractWith(src, root, armeval.Options{})
	last := doc.Unresolved[len(doc.Unresolved)-1]
	if len(doc.VirtualNetworks) >= armeval.MaxResourceInstances || last.Pointer != "" || !strings.Contains(last.Reason, "more than") {
		t.Errorf("instances: %d VNets, %+v", len(doc.VirtualNetworks), last)
	}
	// A runaway expression ends on the budget as an unresolved value.
	loop := `{"variables": {"big": "[range(0, 10000)]"}, "resources": [{"type": "Microsoft.ContainerService/managedClusters", "name": "c",
		"properties": {"kubernetesVersion": "[string(length(reduce(variables('big'), createArray(), lambda('a', 'x', union(lambdaVariables('a'), createArray(lambdaVariables('x')))))))]"}}]}`
	src, root, _ = jsonsrc.Parse("loop.json", []byte(loop))
	doc, _ = ExtractWith(src, root, armeval.Options{})
	if len(doc.Unresolved) != 1 || doc.Unresolved[0].Pointer != "/clusters/0/kubernetesVersion" || !strings.Contains(doc.Unresolved[0].Reason, "budget") {
		t.Errorf("budget: %+v", doc.Unresolved)
	}
}
