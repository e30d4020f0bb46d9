package inventory

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func load(t *testing.T) *Inventory {
	t.Helper()
	data, err := os.ReadFile("../../testdata/inventory/vnets.json")
	if err != nil {
		t.Fatal(err)
	}
	inv, err := Parse("testdata/inventory/vnets.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestMergeFillsReferencedVNet(t *testing.T) {
	doc := netdoc.New("t.json", netdoc.KindARM)
	doc.Subnets = []netdoc.Subnet{{Key: "vnet-spoke/snet-aks", VNet: "vnet-spoke", Name: "snet-aks"}}
	locs := netdoc.Locations{}
	locs.Set("/subnets/0", netdoc.Location{File: "t.json", Line: 12, Column: 5})
	load(t).Merge(doc, locs)

	if len(doc.VirtualNetworks) != 1 || doc.VirtualNetworks[0].Key != "vnet-spoke" ||
		!slices.Equal(doc.VirtualNetworks[0].Peerings[0].RemoteAddressPrefixes, []string{"10.100.0.0/16"}) {
		t.Errorf("vnets: %+v", doc.VirtualNetworks)
	}
	if len(doc.Subnets) != 2 {
		t.Fatalf("subnets: %+v", doc.Subnets)
	}
	aks, db := doc.Subnets[0], doc.Subnets[1]
	if !slices.Equal(aks.AddressPrefixes, []string{"10.0.0.0/22"}) || aks.RouteTable != "rt-aks" || !aks.Declared {
		t.Errorf("referenced subnet not filled: %+v", aks)
	}
	if db.Key != "vnet-spoke/snet-db" || !slices.Equal(db.Delegations, []string{"Microsoft.DBforPostgreSQL/flexibleServers"}) {
		t.Errorf("sibling subnet: %+v", db)
	}
	if l := locs["/subnets/0"]; l.File != "t.json" || l.Line != 12 {
		t.Errorf("the reference's own location was replaced: %+v", l)
	}
	if l := locs["/subnets/0/addressPrefixes/0"]; l.File != "testdata/inventory/vnets.json" || l.Line != 9 {
		t.Errorf("prefix not located in the inventory: %+v", l)
	}
}

func TestDeclaredValuesWin(t *testing.T) {
	doc := netdoc.New("t.json", netdoc.KindARM)
	doc.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "vnet-spoke", AddressPrefixes: []string{"10.9.0.0/16"}}}
	doc.Subnets = []netdoc.Subnet{{Key: "vnet-spoke/snet-aks", VNet: "vnet-spoke", Name: "snet-aks", AddressPrefixes: []string{"10.9.0.0/24"}, Declared: true}}
	load(t).Merge(doc, netdoc.Locations{})
	if len(doc.VirtualNetworks) != 1 || doc.VirtualNetworks[0].AddressPrefixes[0] != "10.9.0.0/16" || doc.Subnets[0].AddressPrefixes[0] != "10.9.0.0/24" {
		t.Errorf("declared values overwritten: %+v %+v", doc.VirtualNetworks, doc.Subnets)
	}
}

func TestUnrelatedVNetsStayOut(t *testing.T) {
	doc := netdoc.New("t.json", netdoc.KindARM)
	load(t).Merge(doc, netdoc.Locations{})
	if len(doc.VirtualNetworks) != 0 || len(doc.Subnets) != 0 {
		t.Errorf("merged VNets nobody references: %+v", doc)
	}
	var none *Inventory
	none.Merge(doc, nil) // no inventory: nothing to do
}

func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{"[": "unexpected end", "42": "az network vnet list"} {
		if _, err := Parse("inv.json", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v", src, err)
		}
	}
}

// peeringDoc is a document with one VNet peered with vnet-spoke of resource group rg
// ("" when the peering's ID does not say), whose address space is not known yet.
func peeringDoc(rg string) (*netdoc.Document, netdoc.Locations) {
	doc := netdoc.New("t.sh", netdoc.KindAzCLI)
	doc.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "vnet-hub", AddressPrefixes: []string{"10.200.0.0/16"},
		Peerings: []netdoc.Peering{{Name: "hub-to-spoke", Remote: "vnet-spoke", RemoteScope: netdoc.Scope{ResourceGroup: rg}}}}}
	ptr := "/virtualNetworks/0/peerings/0/remoteAddressPrefixes"
	doc.Unresolved = []netdoc.Unresolved{{Pointer: ptr, Expression: "vnet-spoke", Reason: "the remote VNet is not created in this script"}}
	locs := netdoc.Locations{}
	locs.Set(ptr, netdoc.Location{File: "t.sh", Line: 7, Column: 60})
	return doc, locs
}

func TestMergeGivesPeeringsTheRemoteAddressSpace(t *testing.T) {
	for _, rg := range []string{"", "rg-network"} {
		doc, locs := peeringDoc(rg)
		load(t).Merge(doc, locs)
		pe := doc.VirtualNetworks[0].Peerings[0]
		if !slices.Equal(pe.RemoteAddressPrefixes, []string{"10.0.0.0/16"}) || len(doc.Unresolved) != 0 {
			t.Fatalf("rg %q: peering %+v, unresolved %+v", rg, pe, doc.Unresolved)
		}
		l := locs["/virtualNetworks/0/peerings/0/remoteAddressPrefixes/0"]
		if l.File != "testdata/inventory/vnets.json" || l.Line != 5 || len(l.Related) != 1 ||
			l.Related[0].Line != 7 || l.Related[0].Message != "the VNet peered here" {
			t.Errorf("rg %q: the range is not located in the inventory, related to the peering: %+v", rg, l)
		}
		if len(doc.VirtualNetworks) != 1 {
			t.Errorf("rg %q: the peered VNet was added to the document: %+v", rg, doc.VirtualNetworks)
		}
	}
}

func TestMergeLeavesAPeeringToAnotherGroupUnknown(t *testing.T) {
	doc, locs := peeringDoc("rg-elsewhere")
	load(t).Merge(doc, locs)
	if pe := doc.VirtualNetworks[0].Peerings[0]; len(pe.RemoteAddressPrefixes) != 0 || len(doc.Unresolved) != 1 {
		t.Errorf("a VNet of another resource group was taken for the remote: %+v", pe)
	}
}
