package bicep

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// ridDecls declare resources of every form a resource ID is written in: top-level
// and nested children, literal, interpolated and mismatched multi-segment names,
// each kind of scope: property, a loop, no name and a name that refers to itself.
const ridDecls = `param p string = 'x'
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${p}'
  resource snet 'subnets' = {
    name: 'nodes-${p}'
    resource deeper 'x' = {
      name: 'd'
    }
  }
}
resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' existing = {
  name: 'rg-${p}'
  scope: subscription()
}
resource lit 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  name: 'hub/nodes'
}
resource split2 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  name: '${p}/nodes'
}
resource mismatch 'Microsoft.Network/virtualNetworks/subnets/x@2024-05-01' existing = {
  name: 'a/b'
}
resource quoted 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'it\'s'
}
resource ext 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: 'ra'
  scope: vnet
}
resource inRg 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'v2'
  scope: rg
}
resource inSub 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'v3'
  scope: subscription('s')
}
resource atTenant 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'v4'
  scope: tenant()
}
resource other 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'v5'
  scope: resourceGroup('sub', 'rg-hub')
}
resource byExpr 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'v6'
  scope: vnet::snet
}
resource loop 'Microsoft.Network/virtualNetworks@2024-05-01' = [for i in range(0, 2): {
  name: 'l${i}'
}]
resource noName 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  location: 'x'
}
resource self 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: self.name
}`

var ridExprs = []string{"vnet.id", "vnet::snet.id", "vnet::snet::deeper.id", "vnet::snet.name", "vnet::snet::deeper.name", "vnet::snet.properties.addressPrefix", "vnet::snet.location",
	"lit.id", "split2.id", "mismatch.id", "quoted.id", "ext.id", "inRg.id", "inSub.id", "atTenant.id", "other.id", "byExpr.id", "loop[1].id", "loop[1].name", "noName.id", "self.id", "vnet::snet.listKeys().k"}

// TestResourceIDs: the IDs, names and runtime references of ridDecls' resources,
// at each target scope, and the names of the resources as written, are those of
// testdata/resourceids.golden (written by the compiler before IDs were appended
// part by part: the same text).
func TestResourceIDs(t *testing.T) {
	var got strings.Builder
	for _, scope := range []string{"", "targetScope = 'subscription'\n", "targetScope = 'tenant'\n", "targetScope = 'managementGroup'\n"} {
		var b strings.Builder
		b.WriteString(scope + ridDecls + "\n")
		for i, e := range ridExprs {
			fmt.Fprintf(&b, "var v%d = %s\n", i, e)
		}
		out, _, _, err := Compile("t.bicep", []byte(b.String()), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&got, "SCOPE %q\n", scope)
		for i := range ridExprs {
			fmt.Fprintf(&got, "  %d %s\n", i, gjson.GetBytes(out, fmt.Sprintf("variables.v%d", i)).Raw)
		}
		gjson.GetBytes(out, "resources").ForEach(func(k, v gjson.Result) bool {
			fmt.Fprintf(&got, "  name %s %s\n", k.String(), v.Get("name").Raw)
			return true
		})
	}
	want, err := os.ReadFile(filepath.Join("testdata", "resourceids.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("resource IDs differ from testdata/resourceids.golden:\n%s", got.String())
	}
}

// TestParentOrder: parent: properties are read in the order of the declarations,
// not a map's. A chain of children whose types are written short (invalid Bicep,
// read leniently) gets every parent's full type, whatever the order they are
// declared in, and of two resources that name each other as parent, the first
// declared gets its parent: the same compiled text every time.
func TestParentOrder(t *testing.T) {
	chainTypes := map[string]string{
		"['a']":                         "Microsoft.X/as",
		"[format('{0}/{1}', 'a', 'b')]": "Microsoft.X/as/bs",
		"[format('{0}/{1}', format('{0}/{1}', 'a', 'b'), 'c')]":                         "Microsoft.X/as/bs/cs",
		"[format('{0}/{1}', format('{0}/{1}', format('{0}/{1}', 'a', 'b'), 'c'), 'd')]": "Microsoft.X/as/bs/cs/ds",
	}
	chain := []string{
		"resource a 'Microsoft.X/as@2020-01-01' = {\n  name: 'a'\n}\n",
		"resource b 'bs@2020-01-01' = {\n  parent: a\n  name: 'b'\n}\n",
		"resource c 'cs@2020-01-01' = {\n  parent: b\n  name: 'c'\n}\n",
		"resource d 'ds@2020-01-01' = {\n  parent: c\n  name: 'd'\n}\n",
	}
	cases := []struct {
		name, src string
		want      map[string]string // resource name, as compiled → its type
	}{
		{"chain in order", strings.Join(chain, ""), chainTypes},
		{"chain reversed", chain[3] + chain[2] + chain[1] + chain[0], chainTypes},
		{"each other's parent", "resource x 'Microsoft.X/xs@2020-01-01' = {\n  parent: y\n  name: 'x'\n}\nresource y 'Microsoft.X/xs/ys@2020-01-01' = {\n  parent: x\n  name: 'y'\n}\n",
			map[string]string{"[format('{0}/{1}', 'y', 'x')]": "Microsoft.X/xs", "['y']": "Microsoft.X/xs/ys"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var first string
			for i := range 30 {
				out, _, _, err := Compile("main.bicep", []byte(tc.src), nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = string(out)
				} else if string(out) != first {
					t.Fatalf("run %d compiled another text:\n%s\nfirst:\n%s", i, out, first)
				}
			}
			got := map[string]string{}
			gjson.Get(first, "resources").ForEach(func(_, r gjson.Result) bool {
				got[r.Get("name").String()] = r.Get("type").String()
				return true
			})
			if len(got) != len(tc.want) {
				t.Errorf("resources %v, want %v", got, tc.want)
			}
			for name, typ := range tc.want {
				if got[name] != typ {
					t.Errorf("resource %s: type %q, want %q (all: %v)", name, got[name], typ, got)
				}
			}
		})
	}
}
