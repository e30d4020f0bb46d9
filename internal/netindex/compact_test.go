package netindex

import (
	"reflect"
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
			for i := range v.Len() {
				walk(path+"[]", v.Index(i))
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(path+"[key]", it.Key())
				walk(path+"[]", it.Value())
			}
		}
	}
	walk("Declared", reflect.ValueOf(decl))
	if strs < 30 {
		t.Errorf("walked %d strings; the walk misses the declaration's", strs)
	}
	// The copies hold the same text.
	v := decl.VNets[word("vnet1")]
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
