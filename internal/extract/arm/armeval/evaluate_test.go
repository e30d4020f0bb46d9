package armeval_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// evalTemplate is a template with a parameter file value, a variable, a copy loop, a
// condition known false, a nested deployment whose output another resource reads, a
// copy count not known, and a reference to an undeclared parameter.
const evalTemplate = `{
  "parameters": {"prefix": {"type": "string", "defaultValue": "10.0"}, "count": {"type": "int"}},
  "variables": {"space": "[format('{0}.0.0/16', parameters('prefix'))]"},
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "[format('vnet{0}', copyIndex())]",
     "copy": {"name": "v", "count": 2},
     "properties": {"addressSpace": {"addressPrefixes": ["[variables('space')]"]}}},
    {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-09-01", "name": "gone", "condition": false},
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
     "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
       "template": {"resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-09-01", "name": "rt"}],
         "outputs": {"id": {"type": "string", "value": "made-inside"}}}}},
    {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "[reference('inner').outputs.id.value]"},
    {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-09-01", "name": "[format('many{0}', copyIndex())]",
     "copy": {"name": "m", "count": "[parameters('count')]"}},
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[parameters('nope')]"}
  ]
}`

// TestEvaluate: a template evaluates to its resource instances (nested deployments'
// included, conditions and copy loops applied), whose properties are values located
// where they are written, traced through variables; with the notes on what
// is not known and the violations ARM's validation reports.
func TestEvaluate(t *testing.T) {
	src, root, err := jsonsrc.Parse("t.json", []byte(evalTemplate))
	if err != nil {
		t.Fatal(err)
	}
	psrc, proot, err := jsonsrc.Parse("t.parameters.json", []byte(`{"parameters": {"prefix": {"value": "10.9"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	params, err := armeval.ParseParams(psrc, proot)
	if err != nil {
		t.Fatal(err)
	}
	network := func(typ string) bool { return strings.HasPrefix(typ, "microsoft.network/") }
	ev := armeval.Evaluate(src, root, armeval.Options{Params: params, Types: network})

	var got []string
	for _, r := range ev.Resources() {
		var names []string
		for _, sg := range ev.Names(r) {
			s, _ := sg.V.(string)
			names = append(names, s)
		}
		got = append(got, r.Type()+" "+strings.Join(names, "/")+" "+r.APIVersion())
	}
	want := []string{
		"microsoft.network/virtualnetworks vnet0 2023-09-01",
		"microsoft.network/virtualnetworks vnet1 2023-09-01",
		"microsoft.network/routetables rt 2023-09-01",
		"microsoft.network/networksecuritygroups made-inside 2023-09-01",
		"microsoft.network/routetables many 2023-09-01",
	}
	if len(got) != len(want) {
		t.Fatalf("resources %q, want %q", got, want)
	}
	for i := range want {
		if i != 4 && got[i] != want[i] {
			t.Errorf("resource %d: %q, want %q", i, got[i], want[i])
		}
	}
	if many := ev.Resources()[4]; many.CountUnknown() == "" {
		t.Errorf("the copy count of %q is known", got[4])
	}

	vnet := ev.Resources()[1]
	prefixes := ev.Elems(ev.Path(ev.Body(vnet), "properties", "addressSpace", "addressPrefixes"))
	if len(prefixes) != 1 || prefixes[0].V != "10.9.0.0/16" {
		t.Fatalf("prefixes %+v, want the parameter file's 10.9.0.0/16", prefixes)
	}
	l := ev.Loc(prefixes[0])
	if l.File != "t.json" || l.Line != 7 || len(l.Related) != 1 || l.Related[0].Line != 3 || l.Related[0].Message != "variable 'space'" {
		t.Errorf("prefix located at %+v; want its use on line 7, traced to the variable on line 3", l)
	}
	if v := ev.Get(ev.Body(vnet), "nothing"); !v.Absent {
		t.Errorf("a property not written: %+v", v)
	}

	notes := ev.TakeNotes()
	if len(notes) != 0 {
		t.Errorf("notes before any value was read past the resources: %+v", notes)
	}
	note := ev.Resources()[4].CountNote("/routeTables")
	if note.Pointer != "/routeTables" || !strings.Contains(note.Reason, "no value") || note.Loc.Line != 15 {
		t.Errorf("count note %+v", note)
	}
	name := ev.Get(ev.Body(ev.Resources()[4]), "name")
	if p, bad := name.Problem(); !bad {
		t.Errorf("the name of an instance of a loop whose count is not known: %+v", name)
	} else if _, unknown := p.(armexpr.Unknown); !unknown {
		t.Errorf("problem %#v, want an Unknown", p)
	}

	var violations []string
	for _, v := range ev.Violations() {
		violations = append(violations, v.Code+": "+v.Message)
	}
	if !slices.Equal(violations, []string{"InvalidTemplate: The template parameter 'nope' is not declared"}) {
		t.Errorf("violations %q", violations)
	}
}
