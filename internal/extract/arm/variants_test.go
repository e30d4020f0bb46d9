package arm

import (
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

const boundedTemplate = `{
  "parameters": {
    "agentCount": {"type": "int", "defaultValue": 3, "minValue": 1, "maxValue": 50},
    "plugin": {"type": "string", "defaultValue": "azure", "allowedValues": ["azure", "kubenet"]},
    "unused": {"type": "int", "defaultValue": 1, "maxValue": 9},
    "name": {"type": "string", "defaultValue": "aks"}
  },
  "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "[parameters('name')]",
    "properties": {"networkProfile": {"networkPlugin": "[parameters('plugin')]"},
      "agentPoolProfiles": [{"name": "system", "count": "[parameters('agentCount')]"}]}}]
}`

func TestBoundedAndOverride(t *testing.T) {
	src, root, err := jsonsrc.Parse("t.json", []byte(boundedTemplate))
	if err != nil {
		t.Fatal(err)
	}
	psrc, proot, err := jsonsrc.Parse("t.parameters.json", []byte(`{"parameters": {"plugin": {"value": "kubenet"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	params, err := armeval.ParseParams(psrc, proot)
	if err != nil {
		t.Fatal(err)
	}
	ev := armeval.Evaluate(src, root, armeval.Options{Params: params, Types: ResourceTypes})
	Map(ev)
	bounded := ev.Bounded()
	if len(bounded) != 3 {
		t.Fatalf("bounded %+v, want agentCount, plugin and unused", bounded)
	}
	ac, plugin, unused := bounded[0], bounded[1], bounded[2]
	if ac.Name != "agentCount" || *ac.Min != 1 || *ac.Max != 50 || ac.Value != int64(3) || !ac.Read || ac.Pinned || ac.Decl.Line != 3 {
		t.Errorf("agentCount: %+v", ac)
	}
	if plugin.Name != "plugin" || len(plugin.Allowed) != 2 || plugin.Value != "kubenet" || !plugin.Pinned {
		t.Errorf("plugin: %+v", plugin)
	}
	if unused.Read {
		t.Errorf("unused was read: %+v", unused)
	}

	doc, locs := ExtractWith(src, root, armeval.Options{Override: &armeval.Override{Name: "AGENTCOUNT", Value: int64(50)}})
	if c := doc.Clusters[0].NodePools[0].Count; c == nil || *c != 50 {
		t.Errorf("count %v, want the override's 50", c)
	}
	if l := locs["/clusters/0/nodePools/0/count"]; l.Line != 10 || len(l.Related) != 0 {
		t.Errorf("the count is located at %+v; want its use, with no default value traced", l)
	}
	if len(doc.Invalid) != 0 {
		t.Errorf("invalid: %+v", doc.Invalid)
	}
	doc, _ = ExtractWith(src, root, armeval.Options{Override: &armeval.Override{Name: "agentCount", Value: armeval.Probe()}})
	if doc.Clusters[0].NodePools[0].Count != nil || len(doc.Unresolved) == 0 {
		t.Errorf("the probe left the count known: %+v", doc.Clusters[0].NodePools[0])
	}
}
