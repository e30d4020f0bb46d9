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
