package extract

import (
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestScopes: the extractors record where a declaration is deployed and where a
// reference says its network is, for the join of files; a value not written out is
// not known.
func TestScopes(t *testing.T) {
	script := `#!/bin/bash
az network vnet create -g RG-Net --subscription Sub1 -n vnet-a --address-prefixes 10.0.0.0/16
az network vnet create -g "$RG" -n vnet-b --address-prefixes 10.1.0.0/16
az aks create -g rg-aks -n aks --vnet-subnet-id /subscriptions/$SUB/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-c/subnets/nodes
az network vnet peering create -g rg-net -n to-hub --vnet-name vnet-a --remote-vnet /subscriptions/s2/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub
`
	rs, err := File(Candidate{Path: "s.sh"}, []byte(script))
	if err != nil || len(rs) != 1 {
		t.Fatalf("%v %v", rs, err)
	}
	d := rs[0].Doc
	if len(d.VirtualNetworks) != 2 || len(d.Subnets) != 1 {
		t.Errorf("VNets %+v, subnets %+v", d.VirtualNetworks, d.Subnets)
	}
	want := map[string]netdoc.Scope{"vnet-a": {ResourceGroup: "rg-net", Subscription: "sub1"}, "vnet-b": {}}
	for _, v := range d.VirtualNetworks {
		if v.Scope != want[v.Key] {
			t.Errorf("VNet %s scope %+v, want %+v", v.Key, v.Scope, want[v.Key])
		}
		for _, p := range v.Peerings {
			if p.Remote != "vnet-hub" || p.RemoteScope != (netdoc.Scope{ResourceGroup: "rg-hub", Subscription: "s2"}) {
				t.Errorf("peering %+v", p)
			}
		}
	}
	for _, s := range d.Subnets {
		if s.Key == "vnet-c/nodes" && s.Scope != (netdoc.Scope{ResourceGroup: "rg-spoke"}) {
			t.Errorf("referenced subnet scope %+v, want rg-spoke and the subscription not known", s.Scope)
		}
	}

	template := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
 "parameters": {"rg": {"type": "string"}},
 "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",
  "properties": {"agentPoolProfiles": [
   {"name": "a", "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v1', 's')]"},
   {"name": "b", "vnetSubnetID": "[resourceId('rg-x', 'Microsoft.Network/virtualNetworks/subnets', 'v2', 's')]"},
   {"name": "c", "vnetSubnetID": "[resourceId(parameters('rg'), 'Microsoft.Network/virtualNetworks/subnets', 'v3', 's')]"},
   {"name": "d", "vnetSubnetID": "/subscriptions/s9/resourceGroups/RG-Y/providers/Microsoft.Network/virtualNetworks/v4/subnets/s"}]}}]}`
	rs, err = File(Candidate{Path: "t.json"}, []byte(template))
	if err != nil || len(rs) != 1 {
		t.Fatalf("%v %v", rs, err)
	}
	wantSub := map[string]netdoc.Scope{
		"v1/s": {Deployment: true}, "v2/s": {ResourceGroup: "rg-x"}, "v3/s": {}, "v4/s": {ResourceGroup: "rg-y", Subscription: "s9"},
	}
	if len(rs[0].Doc.Subnets) != len(wantSub) {
		t.Errorf("subnets %+v, want %d", rs[0].Doc.Subnets, len(wantSub))
	}
	for _, s := range rs[0].Doc.Subnets {
		if s.Scope != wantSub[s.Key] {
			t.Errorf("subnet %s scope %+v, want %+v", s.Key, s.Scope, wantSub[s.Key])
		}
	}
}
