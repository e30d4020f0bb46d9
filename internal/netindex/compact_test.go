package netindex

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestDeclarationsKeepNoSourceText: a document's strings may be slices of the file's
// text (a JSON string read in place); the index keeps every file's declarations for
// the whole run, so none of its strings may point into that text, or it keeps the
// text of every file.
func TestDeclarationsKeepNoSourceText(t *testing.T) {
	text := strings.Repeat("x", 64) + "vnet1 sub1 10.0.0.0/16 10.0.0.0/24 rt1 nsg1 Microsoft.ContainerService/managedClusters Allow Inbound Tcp 443 peer1 rg1 sub-id"
	word := func(w string) string { // w, sliced from text
		i := strings.Index(text, w)
		return text[i : i+len(w)]
	}
	prio := 100
	d := netdoc.New("f.json", netdoc.KindARM)
	d.VirtualNetworks = []netdoc.VirtualNetwork{{
		Key: word("vnet1"), Name: word("vnet1"), AddressPrefixes: []string{word("10.0.0.0/16")},
		Peerings: []netdoc.Peering{{Name: word("peer1"), Remote: word("vnet1"), RemoteAddressPrefixes: []string{word("10.0.0.0/24")}, RemoteScope: netdoc.Scope{ResourceGroup: word("rg1")}}},
		Scope:    netdoc.Scope{Subscription: word("sub-id"), ResourceGroup: word("rg1")},
	}}
	d.Subnets = []netdoc.Subnet{{
		Key: word("vnet1") + "/" + word("sub1"), VNet: word("vnet1"), Name: word("sub1"), Declared: true,
		AddressPrefixes: []string{word("10.0.0.0/24")}, Delegations: []string{word("Microsoft.ContainerService/managedClusters")},
		RouteTable: word("rt1"), NetworkSecurityGroup: word("nsg1"), Scope: netdoc.Scope{ResourceGroup: word("rg1")},
	}}
	d.RouteTables = []netdoc.RouteTable{{Key: word("rt1"), Name: word("rt1"), Declared: true, Routes: []netdoc.Route{{Name: word("rt1"), AddressPrefix: word("10.0.0.0/16"), NextHopType: word("Allow")}}}}
	d.NetworkSecurityGroups = []netdoc.SecurityGroup{{Key: word("nsg1"), Name: word("nsg1"), Declared: true, Rules: []netdoc.SecurityRule{{
		Name: word("nsg1"), Priority: &prio, Direction: word("Inbound"), Access: word("Allow"), Protocol: word("Tcp"),
		SourceAddressPrefixes: []string{word("10.0.0.0/24")}, DestinationAddressPrefixes: []string{word("10.0.0.0/16")}, DestinationPortRanges: []string{word("443")},
	}}}}
	locs := netdoc.Locations{}
	other := word("sub-id") // a location in another file, named from the text
	locs.Set("/virtualNetworks/0", netdoc.Location{File: "f.json", Line: 1, Column: 1}, netdoc.Related{Location: netdoc.Location{File: other, Line: 2}, Message: word("peer1")})
	locs.Set("/subnets/0/addressPrefixes/0", netdoc.Location{File: other, Line: 3, Column: 1})
	locs.Set("/routeTables/0", netdoc.Location{File: "f.json", Line: 4, Column: 1})
	locs.Set("/networkSecurityGroups/0", netdoc.Location{File: "f.json", Line: 5, Column: 1})

	decl := Declarations(d, locs, netdoc.Scope{})
	if len(decl.VNets) != 1 || len(decl.Routes) != 1 || len(decl.NSGs) != 1 {
		t.Fatalf("declared %d VNets, %d route tables, %d NSGs; want 1 each", len(decl.VNets), len(decl.Routes), len(decl.NSGs))
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	var strs int
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			strs++
			if p := uintptr(unsafe.Pointer(unsafe.StringData(v.String()))); v.Len() > 0 && p >= lo && p < hi {
				t.Errorf("%s = %q points into the file's text", path, v.String())
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
				strs++
				if p := v.Pointer(); v.Len() > 0 && p >= lo && p < hi {
					t.Errorf("%s points into the file's text", path)
				}
				return
			}
			for i := range v.Len() {
				walk(path+"[]", v.Index(i))
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(path+"[key]", it.Key())
				walk(path+"[]", it.Value())
			}
		default: // numbers and booleans hold no text
		}
	}
	walk("Declared", reflect.ValueOf(decl))
	if strs < 10 {
		t.Errorf("walked %d strings; the walk misses the declaration's", strs)
	}
	// The copies hold the same text.
	v := decl.VNets[word("vnet1")].unpack()
	if v == nil || v.VNet.V.Name != "vnet1" || v.Subnets[0].V.Delegations[0] != "Microsoft.ContainerService/managedClusters" || decl.NSGs[0].V.Rules[0].Priority != &prio {
		t.Errorf("declaration %+v", v)
	}
	if l, ok := v.Subnets[0].Locs.Get("/addressPrefixes/0"); !ok || l.File != "sub-id" || l.Line != 3 {
		t.Errorf("subnet prefix located at %+v, %v", l, ok)
	}
}

func TestLocsGet(t *testing.T) {
	ls := compact([]Loc{
		{Rel: "/b", At: netdoc.Located{Location: netdoc.Location{Line: 2}}},
		{Rel: "", At: netdoc.Located{Location: netdoc.Location{Line: 1}}},
		{Rel: "/a/0", At: netdoc.Located{Location: netdoc.Location{Line: 3}}},
	}, "f")
	for _, c := range []struct {
		rel  string
		line int
		ok   bool
	}{{"", 1, true}, {"/b", 2, true}, {"/a/0", 3, true}, {"/a", 0, false}, {"/c", 0, false}} {
		l, ok := ls.Get(c.rel)
		if ok != c.ok || l.Line != c.line {
			t.Errorf("Get(%q) = line %d, %v; want %d, %v", c.rel, l.Line, ok, c.line, c.ok)
		}
	}
	if l, ok := Locs(nil).Get(""); ok || l.Line != 0 {
		t.Errorf("empty Locs: %+v, %v", l, ok)
	}
}

// TestPackRoundTrip: a declaration unpacks to what was packed, nil and empty slices
// apart, locations in the declaring file and in others.
func TestPackRoundTrip(t *testing.T) {
	prio := 200
	here := func(line int) netdoc.Location {
		return netdoc.Location{File: "a.json", Line: line, Column: 2, EndLine: line, EndColumn: 9}
	}
	for _, d := range []*Decl{
		{File: "a.json"},
		{File: "a.json", ParameterFile: "a.parameters.json", Scope: netdoc.Scope{Subscription: "s", ResourceGroup: "rg", Deployment: true}, At: here(3)},
		{
			File: "a.json", At: netdoc.Location{File: "b.json", Line: -1},
			VNet: &Object[netdoc.VirtualNetwork]{V: netdoc.VirtualNetwork{Key: "v", Name: "V", AddressPrefixes: []string{}, Peerings: []netdoc.Peering{
				{Name: "p", Remote: "r", RemoteScope: netdoc.Scope{ResourceGroup: "rg2"}},
				{RemoteAddressPrefixes: []string{"10.1.0.0/16", ""}},
			}, Scope: netdoc.Scope{Subscription: "ü"}}, Locs: Locs{}},
			Subnets: []Object[netdoc.Subnet]{
				{V: netdoc.Subnet{Key: "v/s", VNet: "v", Name: "s", AddressPrefixes: []string{"10.0.0.0/24"}, Delegations: []string{}, RouteTable: "rt", NetworkSecurityGroup: "n", Declared: true}},
				{V: netdoc.Subnet{Key: "v/t"}, Locs: Locs{
					{Rel: "", At: netdoc.Located{Location: here(4)}},
					{Rel: "/addressPrefixes/0", At: netdoc.Located{Location: here(5), Related: []netdoc.Related{{Location: netdoc.Location{File: "p.json", Line: 7}, Message: "from p"}, {Location: here(1)}}}},
					{Rel: "/name", At: netdoc.Located{Location: here(6), Related: []netdoc.Related{}}},
				}},
			},
			Routes: []Object[netdoc.RouteTable]{{V: netdoc.RouteTable{Key: "rt", Routes: []netdoc.Route{{Name: "r", AddressPrefix: "0.0.0.0/0", NextHopType: "VirtualAppliance"}}, Declared: true}}, {V: netdoc.RouteTable{Routes: []netdoc.Route{}}}},
			NSGs: []Object[netdoc.SecurityGroup]{{V: netdoc.SecurityGroup{Key: "n", Rules: []netdoc.SecurityRule{
				{Name: "a", Priority: &prio, Direction: "Inbound", Access: "Deny", Protocol: "*", SourceAddressPrefixes: []string{"*"}, DestinationAddressPrefixes: []string{}, DestinationPortRanges: []string{"22", "3389"}},
				{Name: "b"},
			}, Declared: true}}},
		},
		{File: "a.json", Subnets: []Object[netdoc.Subnet]{}, Routes: []Object[netdoc.RouteTable]{}, NSGs: []Object[netdoc.SecurityGroup]{}},
		many(3 * maxSeen), // more strings than the encoder refers back to
	} {
		got := pack(d).unpack()
		if !reflect.DeepEqual(got, d) {
			t.Errorf("unpacked\n%+v\nwant\n%+v", got, d)
		}
	}
}

// TestUnpackShort: a packed declaration cut short is a bug, and says so.
func TestUnpackShort(t *testing.T) {
	p := pack(&Decl{File: "a.json", Subnets: []Object[netdoc.Subnet]{{V: netdoc.Subnet{Key: "v/s"}}}})
	p.data = p.data[:len(p.data)-3]
	defer func() {
		if recover() == nil {
			t.Error("a short declaration unpacked")
		}
	}()
	p.unpack()
}

// many is a declaration of n subnets of one VNet, each named twice and located.
func many(n int) *Decl {
	d := &Decl{File: "h.json", VNet: &Object[netdoc.VirtualNetwork]{V: netdoc.VirtualNetwork{Key: "hub", Name: "hub"}}}
	for i := range n {
		name := "s" + strconv.Itoa(i)
		d.Subnets = append(d.Subnets, Object[netdoc.Subnet]{
			V:    netdoc.Subnet{Key: "hub/" + name, VNet: "hub", Name: name, RouteTable: name, AddressPrefixes: []string{"10.0." + strconv.Itoa(i%256) + ".0/24"}},
			Locs: Locs{{Rel: "", At: netdoc.Located{Location: netdoc.Location{File: "h.json", Line: 1000 + i, Column: 5}}}, {Rel: "/name", At: netdoc.Located{Location: netdoc.Location{File: "h.json", Line: 1000 + i, Column: 9, EndLine: 1000 + i, EndColumn: 12}}}},
		})
	}
	return d
}
