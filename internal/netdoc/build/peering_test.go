package build

import (
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// peeringBuilder declares VNet "spoke" (with a peering to remote) and, when hubSpace
// is not nil, VNet "hub" with that address space, each range located on its own line.
func peeringBuilder(remote string, hubSpace []string) *Builder {
	b := New("t.sh", netdoc.KindAzCLI)
	b.Doc.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "spoke", AddressPrefixes: []string{"10.1.0.0/16"}, Peerings: []netdoc.Peering{{Name: "to-hub"}}}}
	if hubSpace != nil {
		b.Doc.VirtualNetworks = append(b.Doc.VirtualNetworks, netdoc.VirtualNetwork{Key: "hub", AddressPrefixes: hubSpace})
		b.Locate("/virtualNetworks/1/addressPrefixes", at(20))
		for i := range hubSpace {
			b.Locate("/virtualNetworks/1/addressPrefixes/"+string(rune('0'+i)), at(21+i))
		}
	}
	b.LinkPeering(PeeringLink{VNet: 0, Peering: 0, Remote: remote, Scope: netdoc.Scope{ResourceGroup: "rg-hub"},
		Missing: NotKnown[[]string]("$HUB", "the remote VNet is not created in this script", at(5))})
	b.LinkPeerings()
	return b
}

const remotePtr = "/virtualNetworks/0/peerings/0/remoteAddressPrefixes"

func TestLinkPeeringsToADeclaredVNet(t *testing.T) {
	b := peeringBuilder("hub", []string{"10.0.0.0/16", "10.2.0.0/16"})
	pe := b.Doc.VirtualNetworks[0].Peerings[0]
	if !slices.Equal(pe.RemoteAddressPrefixes, []string{"10.0.0.0/16", "10.2.0.0/16"}) || len(b.Doc.Unresolved) != 0 || pe.Remote != "" {
		t.Fatalf("peering %+v, unresolved %+v", pe, b.Doc.Unresolved)
	}
	for ptr, line := range map[string]int{remotePtr: 20, remotePtr + "/0": 21, remotePtr + "/1": 22} {
		l := b.Locs[ptr]
		if l.Line != line || len(l.Related) != 1 || l.Related[0].Line != 5 || l.Related[0].Message != PeeredHere {
			t.Errorf("%s: want the range's line %d, related to the peering's reference (line 5): %+v", ptr, line, l)
		}
	}
}

func TestLinkPeeringsLeavesTheUnknownUnknown(t *testing.T) {
	for _, tc := range []struct {
		name, remote string
		hubSpace     []string
		reason       string
		joinable     bool // the peering names its remote for the join of files
	}{
		{"not declared", "elsewhere", []string{"10.0.0.0/16"}, "the remote VNet is not created in this script", true},
		{"not declared, expression key", "?[parameters('hub')]", nil, "the remote VNet is not created in this script", false},
		{"declared, address space not known", "hub", []string{}, "the address space of the remote VNet hub is not known", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := peeringBuilder(tc.remote, tc.hubSpace)
			pe := b.Doc.VirtualNetworks[0].Peerings[0]
			if len(pe.RemoteAddressPrefixes) != 0 {
				t.Fatalf("guessed the remote address space: %+v", pe)
			}
			want := []netdoc.Unresolved{{Pointer: remotePtr, Expression: "$HUB", Reason: tc.reason}}
			if !slices.Equal(b.Doc.Unresolved, want) {
				t.Errorf("unresolved %+v, want %+v", b.Doc.Unresolved, want)
			}
			if l := b.Locs[remotePtr]; l.Line != 5 {
				t.Errorf("not located at the reference: %+v", l)
			}
			if joinable := pe.Remote == tc.remote && pe.RemoteScope.ResourceGroup == "rg-hub"; joinable != tc.joinable {
				t.Errorf("remote for the join: %+v, want joinable %v", pe, tc.joinable)
			}
		})
	}
}

func TestPeerReplacesTheUnresolvedEntry(t *testing.T) {
	doc := netdoc.New("t.json", netdoc.KindARM)
	doc.VirtualNetworks = []netdoc.VirtualNetwork{{Key: "spoke", Peerings: []netdoc.Peering{{Remote: "hub"}}}}
	doc.Unresolved = []netdoc.Unresolved{{Pointer: remotePtr, Reason: "not declared"}, {Pointer: "/clusters/0/name"}}
	locs := netdoc.Locations{remotePtr + "/0": {Location: at(99).Location}}
	Peer(doc, locs, 0, 0, at(5).Location, []string{"10.0.0.0/16"}, func(string) (netdoc.Located, bool) { return netdoc.Located{}, false })
	if !slices.Equal(doc.Unresolved, []netdoc.Unresolved{{Pointer: "/clusters/0/name"}}) {
		t.Errorf("unresolved: %+v", doc.Unresolved)
	}
	if l := locs[remotePtr]; l.Line != 5 || len(l.Related) != 1 {
		t.Errorf("a range with no location of its own is located at the peering: %+v", l)
	}
	if _, stale := locs[remotePtr+"/0"]; stale {
		t.Error("a stale element location survived")
	}
}
