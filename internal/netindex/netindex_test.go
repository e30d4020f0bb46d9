package netindex

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// network is a document of file declaring VNet name with one subnet.
func network(file string, kind netdoc.Kind, vnet, subnet, prefix string, sc netdoc.Scope) (*netdoc.Document, netdoc.Locations) {
	d := netdoc.New(file, kind)
	d.VirtualNetworks = append(d.VirtualNetworks, netdoc.VirtualNetwork{Key: netdoc.NameKey(vnet), Name: vnet, AddressPrefixes: []string{prefix}, Scope: sc})
	d.Subnets = append(d.Subnets, netdoc.Subnet{Key: netdoc.SubnetKey(vnet, subnet), VNet: netdoc.NameKey(vnet), Name: subnet, AddressPrefixes: []string{prefix}, Declared: true, RouteTable: "rt"})
	d.RouteTables = append(d.RouteTables, netdoc.RouteTable{Key: "rt", Name: "rt", Declared: true}, netdoc.RouteTable{Key: "other"})
	locs := netdoc.Locations{}
	locs.Set("/virtualNetworks/0", netdoc.Location{File: file, Line: 3, Column: 1})
	locs.Set("/virtualNetworks/0/addressPrefixes/0", netdoc.Location{File: file, Line: 4, Column: 1})
	locs.Set("/subnets/0", netdoc.Location{File: file, Line: 5, Column: 1})
	locs.Set("/subnets/0/addressPrefixes/0", netdoc.Location{File: file, Line: 6, Column: 1})
	locs.Set("/routeTables/0", netdoc.Location{File: file, Line: 7, Column: 1})
	return d, locs
}

// cluster is a document of file whose only pool uses vnet/subnet, a subnet it does
// not declare, referenced with scope sc.
func cluster(file string, vnet, subnet string, sc netdoc.Scope) (*netdoc.Document, netdoc.Locations) {
	d := netdoc.New(file, netdoc.KindARM)
	key := netdoc.SubnetKey(vnet, subnet)
	d.Clusters = append(d.Clusters, netdoc.Cluster{Key: "aks", NodePools: []netdoc.NodePool{{Name: "system", VnetSubnet: key}}})
	d.Subnets = append(d.Subnets, netdoc.Subnet{Key: key, VNet: netdoc.NameKey(vnet), Name: subnet, Scope: sc})
	locs := netdoc.Locations{}
	locs.Set("/subnets/0", netdoc.Location{File: file, Line: 9, Column: 9})
	return d, locs
}

func TestLookupScopes(t *testing.T) {
	ix := New()
	for _, n := range []struct {
		file  string
		kind  netdoc.Kind
		sc    netdoc.Scope
		deplo netdoc.Scope
	}{
		{"a.sh", netdoc.KindAzCLI, netdoc.Scope{ResourceGroup: "rg-a"}, netdoc.Scope{}},
		{"b.sh", netdoc.KindAzCLI, netdoc.Scope{ResourceGroup: "rg-b", Subscription: "s1"}, netdoc.Scope{}},
		{"c.json", netdoc.KindARM, netdoc.Scope{}, netdoc.Scope{ResourceGroup: "rg-c"}}, // from deployments:
		{"d.json", netdoc.KindARM, netdoc.Scope{}, netdoc.Scope{}},                      // not mapped
	} {
		d, l := network(n.file, n.kind, "VNet-App", "nodes", "10.0.0.0/24", n.sc)
		ix.Add(Declarations(d, l, n.deplo))
	}
	for _, tc := range []struct {
		name string
		ref  netdoc.Scope
		self string
		want []string
	}{
		{"no scope: every declaration", netdoc.Scope{}, "", []string{"a.sh", "b.sh", "c.json", "d.json"}},
		{"resource group", netdoc.Scope{ResourceGroup: "rg-a"}, "", []string{"a.sh", "d.json"}},
		{"mapped template", netdoc.Scope{ResourceGroup: "rg-c"}, "", []string{"c.json", "d.json"}},
		{"subscription", netdoc.Scope{Subscription: "s2", ResourceGroup: "rg-b"}, "", []string{"d.json"}},
		{"own file left out", netdoc.Scope{ResourceGroup: "rg-a"}, "a.sh", []string{"d.json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range ix.Lookup("vnet-app", tc.ref, tc.self) {
				got = append(got, d.File)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Lookup = %v, want %v", got, tc.want)
			}
		})
	}
	if got := ix.Lookup("vnet-other", netdoc.Scope{}, ""); len(got) != 0 {
		t.Errorf("an undeclared VNet gave %d declarations", len(got))
	}
}

func TestJoinOne(t *testing.T) {
	ix := New()
	n, nl := network("net.json", netdoc.KindARM, "vnet-app", "nodes", "10.1.0.0/24", netdoc.Scope{})
	ix.Add(Declarations(n, nl, netdoc.Scope{}))
	c, cl := cluster("aks.json", "VNET-APP", "Nodes", netdoc.Scope{Deployment: true})
	if !External(c) {
		t.Fatal("a cluster on a subnet it does not declare is not external")
	}
	j := ix.Join(c, cl, netdoc.Scope{})
	if len(j.From) != 1 || j.From[0].File != "net.json" || len(j.Ambiguous) != 0 {
		t.Fatalf("joined %+v", j)
	}
	s := c.Subnets[0]
	if !s.Declared || !slices.Equal(s.AddressPrefixes, []string{"10.1.0.0/24"}) || s.RouteTable != "rt" {
		t.Errorf("subnet %+v, want the declared one", s)
	}
	if len(c.VirtualNetworks) != 1 || len(c.RouteTables) != 1 || c.RouteTables[0].Key != "rt" {
		t.Errorf("VNets %+v, route tables %+v: want the VNet and the subnet's route table only", c.VirtualNetworks, c.RouteTables)
	}
	// The reference keeps its place; the values are located where they are written.
	ref := cl["/subnets/0"]
	if ref.File != "aks.json" || len(ref.Related) != 1 || !strings.Contains(ref.Related[0].Message, "declared in net.json:5") {
		t.Errorf("subnet located at %+v", ref)
	}
	if l := cl["/subnets/0/addressPrefixes/0"]; l.File != "net.json" || l.Line != 6 {
		t.Errorf("prefix located at %+v", l)
	}
	if External(netdoc.New("x.json", netdoc.KindARM)) {
		t.Error("an empty document is external")
	}
}

func TestJoinAmbiguous(t *testing.T) {
	ix := New()
	for _, f := range []string{"net-b.json", "net-a.json"} {
		n, nl := network(f, netdoc.KindARM, "vnet-app", "nodes", "10.1.0.0/24", netdoc.Scope{})
		ix.Add(Declarations(n, nl, netdoc.Scope{}))
	}
	c, cl := cluster("aks.json", "vnet-app", "nodes", netdoc.Scope{Deployment: true})
	j := ix.Join(c, cl, netdoc.Scope{})
	if len(j.From) != 0 || len(j.Ambiguous["vnet-app"]) != 2 {
		t.Fatalf("joined %+v", j)
	}
	if c.Subnets[0].Declared || len(c.Subnets[0].AddressPrefixes) != 0 {
		t.Errorf("an ambiguous subnet was joined: %+v", c.Subnets[0])
	}
	if len(c.Unresolved) != 1 || c.Unresolved[0].Pointer != "/subnets/0/addressPrefixes" ||
		!strings.Contains(c.Unresolved[0].Reason, "net-a.json:3, net-b.json:3") {
		t.Errorf("unresolved %+v, want the prefixes naming both declarations in file order", c.Unresolved)
	}
	// Mapped to different resource groups, the cluster's own group tells.
	ix = New()
	for _, f := range []string{"net-a.json", "net-b.json"} {
		n, nl := network(f, netdoc.KindARM, "vnet-app", "nodes", "10.1.0.0/24", netdoc.Scope{})
		ix.Add(Declarations(n, nl, netdoc.Scope{ResourceGroup: "rg-" + f[4:5]}))
	}
	c, cl = cluster("aks.json", "vnet-app", "nodes", netdoc.Scope{Deployment: true})
	if j := ix.Join(c, cl, netdoc.Scope{ResourceGroup: "rg-b"}); len(j.From) != 1 || j.From[0].File != "net-b.json" {
		t.Errorf("with deployments: joined %+v, want net-b.json", j)
	}
}

func TestSameDeclarationTwice(t *testing.T) {
	// A module linted alone and through the file that deploys it: one declaration.
	ix := New()
	for _, f := range []string{"modules/net.bicep", "main.bicep"} {
		n, nl := network(f, netdoc.KindBicep, "vnet-app", "nodes", "10.1.0.0/24", netdoc.Scope{})
		for p, l := range nl {
			l.File = "modules/net.bicep"
			nl[p] = l
		}
		ix.Add(Declarations(n, nl, netdoc.Scope{}))
	}
	if got := ix.Lookup("vnet-app", netdoc.Scope{}, "aks.bicep"); len(got) != 1 {
		t.Errorf("%d declarations, want 1", len(got))
	}
}

func TestJoinPeering(t *testing.T) {
	ix := New()
	n, nl := network("hub.sh", netdoc.KindAzCLI, "vnet-hub", "fw", "10.0.0.0/16", netdoc.Scope{ResourceGroup: "rg-hub"})
	ix.Add(Declarations(n, nl, netdoc.Scope{}))
	d := netdoc.New("spoke.json", netdoc.KindARM)
	d.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "vnet-spoke", AddressPrefixes: []string{"10.240.0.0/16"},
		Peerings: []netdoc.Peering{{Name: "to-hub", Remote: "vnet-hub", RemoteScope: netdoc.Scope{ResourceGroup: "rg-hub"}}}}}
	ptr := "/virtualNetworks/0/peerings/0/remoteAddressPrefixes"
	d.Unresolved = []netdoc.Unresolved{{Pointer: ptr, Reason: "not declared"}}
	locs := netdoc.Locations{}
	locs.Set(ptr, netdoc.Location{File: "spoke.json", Line: 20, Column: 5})
	if !External(d) {
		t.Fatal("a peering to an undeclared VNet is not external")
	}
	ix.Join(d, locs, netdoc.Scope{})
	p := d.VirtualNetworks[0].Peerings[0]
	if !slices.Equal(p.RemoteAddressPrefixes, []string{"10.0.0.0/16"}) || len(d.Unresolved) != 0 {
		t.Errorf("peering %+v, unresolved %+v", p, d.Unresolved)
	}
	if l := locs[ptr]; l.File != "hub.sh" || len(l.Related) == 0 || l.Related[0].File != "spoke.json" {
		t.Errorf("remote range located at %+v, want hub.sh with the peering related", l)
	}
	// A peering to a VNet of another resource group is not that one.
	d.VirtualNetworks[0].Peerings[0] = netdoc.Peering{Remote: "vnet-hub", RemoteScope: netdoc.Scope{ResourceGroup: "rg-other"}}
	ix.Join(d, locs, netdoc.Scope{})
	if len(d.VirtualNetworks[0].Peerings[0].RemoteAddressPrefixes) != 0 {
		t.Error("a peering was joined to a VNet of another resource group")
	}
}

func TestUnknownNamesNotIndexed(t *testing.T) {
	n, nl := network("net.json", netdoc.KindARM, "?parameters('vnet')", "nodes", "10.1.0.0/24", netdoc.Scope{})
	if got := Declarations(n, nl, netdoc.Scope{}); len(got.VNets) != 0 {
		t.Errorf("a VNet whose name is not known was indexed: %v", got)
	}
}

func TestJoinRouteTable(t *testing.T) {
	hub := func(file string) Declared {
		d := netdoc.New(file, netdoc.KindARM)
		d.RouteTables = []netdoc.RouteTable{{Key: "rt-hub", Declared: true, Routes: []netdoc.Route{{Name: "default", AddressPrefix: "0.0.0.0/0", NextHopType: "VirtualAppliance"}}}}
		locs := netdoc.Locations{}
		locs.Set("/routeTables/0", netdoc.Location{File: file, Line: 2, Column: 1})
		locs.Set("/routeTables/0/routes/0/addressPrefix", netdoc.Location{File: file, Line: 3, Column: 1})
		return Declarations(d, locs, netdoc.Scope{})
	}
	spoke := func() (*netdoc.Document, netdoc.Locations) {
		d := netdoc.New("spoke.sh", netdoc.KindAzCLI)
		d.RouteTables = []netdoc.RouteTable{{Key: "rt-hub", Routes: []netdoc.Route{{Name: "extra", AddressPrefix: "10.9.0.0/16"}}}}
		locs := netdoc.Locations{}
		locs.Set("/routeTables/0/routes/0/addressPrefix", netdoc.Location{File: "spoke.sh", Line: 7, Column: 1})
		return d, locs
	}
	ix := New()
	ix.Add(hub("hub.json"))
	d, locs := spoke()
	if !External(d) {
		t.Fatal("a route table the document only adds routes to is not external")
	}
	ix.Join(d, locs, netdoc.Scope{})
	r := d.RouteTables[0]
	if !r.Declared || len(r.Routes) != 2 || r.Routes[0].Name != "default" || r.Routes[1].Name != "extra" {
		t.Errorf("route table %+v, want the declared routes then the document's own", r)
	}
	if l := locs["/routeTables/0/routes/0/addressPrefix"]; l.File != "hub.json" {
		t.Errorf("declared route located at %+v", l)
	}
	if l := locs["/routeTables/0/routes/1/addressPrefix"]; l.File != "spoke.sh" || l.Line != 7 {
		t.Errorf("own route located at %+v", l)
	}
	ix.Add(hub("hub2.json"))
	d, locs = spoke()
	ix.Join(d, locs, netdoc.Scope{})
	if d.RouteTables[0].Declared || len(d.Unresolved) != 1 || !strings.Contains(d.Unresolved[0].Reason, "hub.json:2, hub2.json:2") {
		t.Errorf("two declarations: %+v, unresolved %+v", d.RouteTables[0], d.Unresolved)
	}
}

func TestJoinKeepsOwnSettings(t *testing.T) {
	ix := New()
	n, nl := network("net.json", netdoc.KindARM, "vnet-app", "nodes", "10.1.0.0/24", netdoc.Scope{})
	ix.Add(Declarations(n, nl, netdoc.Scope{}))
	// A script that attaches its own route table to the subnet declared elsewhere.
	c, cl := cluster("update.sh", "vnet-app", "nodes", netdoc.Scope{})
	c.Subnets[0].RouteTable = "rt-own"
	cl.Set("/subnets/0/routeTable", netdoc.Location{File: "update.sh", Line: 4, Column: 1})
	ix.Join(c, cl, netdoc.Scope{})
	s := c.Subnets[0]
	if s.RouteTable != "rt-own" || !slices.Equal(s.AddressPrefixes, []string{"10.1.0.0/24"}) {
		t.Errorf("subnet %+v, want the declared prefix and the script's route table", s)
	}
	if l := cl["/subnets/0/routeTable"]; l.File != "update.sh" {
		t.Errorf("route table located at %+v", l)
	}
}

// BenchmarkIndexAndJoin is the join's own work for 5,000 networks and the 5,000
// clusters on them (bench/scale.sh's split set of 10,000 files): reading the
// declarations, indexing them and joining every cluster. It reports the time per pair.
func BenchmarkIndexAndJoin(b *testing.B) {
	const pairs = 5000
	type input struct {
		doc  *netdoc.Document
		locs netdoc.Locations
	}
	nets, clusters := make([]input, pairs), make([]input, pairs)
	for i := range pairs {
		v := "vnet-" + strconv.Itoa(i)
		d, l := network("net"+strconv.Itoa(i)+".json", netdoc.KindARM, v, "nodes", "10.0.0.0/22", netdoc.Scope{})
		nets[i] = input{d, l}
	}
	for b.Loop() {
		b.StopTimer()
		for i := range pairs {
			d, l := cluster("aks"+strconv.Itoa(i)+".json", "vnet-"+strconv.Itoa(i), "nodes", netdoc.Scope{Deployment: true})
			clusters[i] = input{d, l}
		}
		b.StartTimer()
		ix := New()
		for _, n := range nets {
			ix.Add(Declarations(n.doc, n.locs, netdoc.Scope{}))
		}
		for _, c := range clusters {
			if j := ix.Join(c.doc, c.locs, netdoc.Scope{}); len(j.From) != 1 {
				b.Fatalf("joined %+v", j)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/pairs, "ns/pair")
}

// TestBucketGroupsByObject: each declared object gets its own locations relative to
// it, as netdoc.Pointer names them; other lists, indexes past the document's lists
// and indexes not written as Pointer writes them are left out.
func TestBucketGroupsByObject(t *testing.T) {
	d := netdoc.New("f.json", netdoc.KindARM)
	d.Subnets = make([]netdoc.Subnet, 12)
	d.RouteTables = make([]netdoc.RouteTable, 1)
	locs := netdoc.Locations{}
	at := func(line int) netdoc.Location { return netdoc.Location{File: "f.json", Line: line, Column: 1} }
	locs.Set("/subnets/11", at(1))
	locs.Set("/subnets/11/addressPrefixes/0", at(2))
	locs.Set("/subnets/1", at(3))
	locs.Set("/subnets/01", at(4)) // not how Pointer writes 1
	locs.Set("/subnets/12", at(5)) // past the list
	locs.Set("/subnets/x", at(6))  // not an index
	locs.Set("/routeTables/0/routes", at(7))
	locs.Set("/clusters/0", at(8)) // not a list declarations reads
	g := bucket(d, locs)
	line := func(ls []Loc, rel string) int {
		l, _ := compact(ls, "f.json").Get(rel)
		return l.Line
	}
	if got := g.subnets[11]; len(got) != 2 || line(got, "") != 1 || line(got, "/addressPrefixes/0") != 2 {
		t.Errorf("subnet 11: %v", got)
	}
	if got := g.subnets[1]; len(got) != 1 || line(got, "") != 3 {
		t.Errorf("subnet 1: %v", got)
	}
	if got := g.routes[0]; len(got) != 1 || line(got, "/routes") != 7 {
		t.Errorf("route table 0: %v", got)
	}
	for i, m := range g.subnets {
		if i != 1 && i != 11 && m != nil {
			t.Errorf("subnet %d: %v", i, m)
		}
	}
	if got := compact(g.subnets[0], "f.json"); len(got) != 0 || line(got, "") != 0 {
		t.Errorf("empty group: %v", got)
	}
}

// TestSameDeclarationTwiceWithRules: a module linted alone and through its parent is
// one declaration when its subnet's NSG has rules with a priority, which each read
// holds behind a pointer of its own (a fingerprint printing the pointer made them two).
func TestSameDeclarationTwiceWithRules(t *testing.T) {
	ix := New()
	for _, f := range []string{"modules/net.bicep", "main.bicep"} {
		n, nl := network(f, netdoc.KindBicep, "vnet-app", "nodes", "10.1.0.0/24", netdoc.Scope{})
		priority := 100
		n.Subnets[0].NetworkSecurityGroup = "nsg"
		n.NetworkSecurityGroups = []netdoc.SecurityGroup{{Key: "nsg", Name: "nsg", Declared: true, Rules: []netdoc.SecurityRule{
			{Name: "allow-https", Priority: &priority, Direction: "Inbound", Access: "Allow", DestinationPortRanges: []string{"443"}},
		}}}
		nl.Set("/networkSecurityGroups/0", netdoc.Location{File: f, Line: 8, Column: 1})
		for p, l := range nl {
			l.File = "modules/net.bicep"
			nl[p] = l
		}
		ix.Add(Declarations(n, nl, netdoc.Scope{}))
	}
	got := ix.Lookup("vnet-app", netdoc.Scope{}, "aks.bicep")
	if len(got) != 1 {
		t.Fatalf("%d declarations, want 1", len(got))
	}
	if len(got[0].NSGs) != 1 || *got[0].NSGs[0].V.Rules[0].Priority != 100 {
		t.Errorf("NSGs %+v, want the one with its rule", got[0].NSGs)
	}
}

// TestFingerprintTellsRulesApart: rules that differ in priority, or in having one, are
// different facts.
func TestFingerprintTellsRulesApart(t *testing.T) {
	decl := func(priority *int) *Decl {
		return &Decl{NSGs: []Object[netdoc.SecurityGroup]{{V: netdoc.SecurityGroup{Key: "nsg", Declared: true, Rules: []netdoc.SecurityRule{{Name: "r", Priority: priority}}}}}}
	}
	a, b, c := 100, 100, 200
	if fingerprint(decl(&a)) != fingerprint(decl(&b)) {
		t.Error("the same priority behind two pointers: two fingerprints")
	}
	if fingerprint(decl(&a)) == fingerprint(decl(&c)) || fingerprint(decl(&a)) == fingerprint(decl(nil)) {
		t.Error("different priorities: one fingerprint")
	}
}
