package azcli

import (
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestPeeringRemoteAddressSpace: a peering gets the address space of the VNet it
// names when the script creates that VNet, before or after the peering (the document
// builder links them once the script is read, as for templates); otherwise it stays
// unknown, named for the join of files.
func TestPeeringRemoteAddressSpace(t *testing.T) {
	const hub = "az network vnet create -g rg -n hub --address-prefixes 10.0.0.0/16 10.9.0.0/16\n"
	const spoke = "az network vnet create -g rg -n spoke --address-prefixes 10.1.0.0/16\n"
	const peer = "az network vnet peering create -g rg -n to-hub --vnet-name spoke --remote-vnet hub --allow-vnet-access\n"
	for _, tt := range []struct {
		name, src string
		want      []string
		remote    string // the remote named for the join
	}{
		{"remote created before", hub + spoke + peer, []string{"10.0.0.0/16", "10.9.0.0/16"}, ""},
		{"remote created after", spoke + peer + hub, []string{"10.0.0.0/16", "10.9.0.0/16"}, ""},
		{"remote not created", spoke + peer, nil, "hub"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, locs, err := Extract("s.sh", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			vi := slices.IndexFunc(doc.VirtualNetworks, func(v netdoc.VirtualNetwork) bool { return v.Key == "spoke" })
			pe := doc.VirtualNetworks[vi].Peerings[0]
			if !slices.Equal(pe.RemoteAddressPrefixes, tt.want) || pe.Remote != tt.remote {
				t.Fatalf("peering %+v, want %v (remote %q)", pe, tt.want, tt.remote)
			}
			unresolved := slices.ContainsFunc(doc.Unresolved, func(u netdoc.Unresolved) bool { return u.Reason == "the remote VNet is not created in this script" })
			if unresolved != (tt.want == nil) {
				t.Errorf("unresolved %+v", doc.Unresolved)
			}
			if tt.want != nil {
				l := locs[netdoc.Pointer("virtualNetworks", vi, "peerings", 0, "remoteAddressPrefixes", 1)]
				if l.Line == 0 || len(l.Related) == 0 || l.Related[0].Message != "the VNet peered here" {
					t.Errorf("second range not located at its --address-prefixes value, related to the peering: %+v", l)
				}
			}
		})
	}
}
