package bicep

import (
	"fmt"
	"testing"
)

func TestProbeLoc19(t *testing.T) {
	mod := "output a string = 'x'\n"
	load := func(from, rel string) (string, []byte, error) { return "mod.bicep", []byte(mod), nil }
	src := "module m 'mod.bicep' = {\n  name: 'm'\n}\nresource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: '${m.outputs.nope}-${m.outputs.other}'\n  properties: {\n    addressSpace: {\n      addressPrefixes: [\n        '10.0.0.0/16'\n      ]\n    }\n  }\n}\n"
	doc, locs, err := Extract("main.bicep", []byte(src), Options{Load: load})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range doc.Invalid {
		fmt.Printf("%d %+v %+v\n", i, v, locs[fmt.Sprintf("/invalid/%d", i)])
	}
}
