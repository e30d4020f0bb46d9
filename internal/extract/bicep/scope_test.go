package bicep

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// TestNestedScope: resources declared in one parent's body name each other by their
// own names, and so do resources nested deeper; a loop variable or lambda parameter
// of the same name shadows them; outside the parent they are parent::name only.
func TestNestedScope(t *testing.T) {
	const vnet = "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'v'\n" +
		"  resource a 'subnets' = {\n    name: 'a'\n    properties: { addressPrefix: '10.0.0.0/24' }\n  }\n"
	cases := []struct {
		name, src string
		// names are the compiled resources' names, by symbolic name.
		names map[string]string
	}{
		{"sibling", vnet + "  resource b 'subnets' = {\n    name: '${a.name}-b'\n  }\n}\n",
			map[string]string{"vnet::b": "[format('{0}/{1}', 'v', format('{0}-b', 'a'))]"}},
		{"sibling declared later", "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'v'\n" +
			"  resource b 'subnets' = {\n    name: '${a.name}-b'\n  }\n  resource a 'subnets' = {\n    name: 'a'\n  }\n}\n",
			map[string]string{"vnet::b": "[format('{0}/{1}', 'v', format('{0}-b', 'a'))]"}},
		{"parent's sibling, two levels down", vnet + "  resource b 'subnets' = {\n    name: 'b'\n" +
			"    resource c 'cs' = {\n      name: a.name\n    }\n  }\n}\n",
			map[string]string{"vnet::b::c": "[format('{0}/{1}', format('{0}/{1}', 'v', 'b'), 'a')]"}},
		{"a loop variable shadows", vnet + "  resource b 'subnets' = [for a in ['x']: {\n    name: a\n  }]\n}\n",
			map[string]string{"vnet::b": "[format('{0}/{1}', 'v', createArray('x')[copyIndex()])]"}},
		{"an instance of a nested loop, from outside", "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'v'\n" +
			"  resource b 'subnets' = [for (x, i) in ['p', 'q']: {\n    name: '${x}-${i}'\n  }]\n}\nresource r 'Microsoft.X/ys@2020-01-01' = {\n  name: vnet::b[1].name\n}\n",
			map[string]string{"r": "[format('{0}-{1}', createArray('p', 'q')[1], 1)]"}},
		{"out of scope", vnet + "}\nresource other 'Microsoft.X/ys@2020-01-01' = {\n  name: a.name\n}\n", nil},
		{"out of scope, in an output after the parent", vnet + "}\noutput o string = a.name\n", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, _, notes, err := Compile("main.bicep", []byte(tc.src), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			for sym, want := range tc.names {
				if got := gjson.GetBytes(out, "resources."+gjson.Escape(sym)+".name").String(); got != want {
					t.Errorf("%s: name %s, want %s", sym, got, want)
				}
			}
			if tc.names == nil {
				// Bicep refuses it (BCP057), but the file declares the name: the
				// value is unknown, and nothing is reported.
				got := gjson.GetBytes(out, "resources.other.name").String() + gjson.GetBytes(out, "outputs.o.value").String()
				if !strings.Contains(got, "a is not declared") {
					t.Errorf("value %s, want it unknown", got)
				}
				for _, n := range notes {
					if n.Invalid {
						t.Errorf("refused %q: the name is declared in the file", n.Reason)
					}
				}
			}
		})
	}
}

// TestRefused: a name nothing declares, and a .bicepparam value for a parameter
// the template does not declare, are refused (Note.Invalid, AKSNET904) once each,
// at the name; a name declared in some scope of the file, or base in a parameter
// file that extends another, is not.
func TestRefused(t *testing.T) {
	type refusal struct {
		file     string
		pos, end int
		msg      string
	}
	const mod = "param n string\nvar v = typo\noutput o string = n\n"
	cases := []struct {
		name, src, params string
		modules           map[string]string
		want              []refusal
	}{
		{"undeclared", "var a = 1\nvar b = '${nope}'\n", "", nil,
			[]refusal{{"main.bicep", 21, 25, "'nope' is not declared in main.bicep: no parameter, variable, resource, module or import has that name; bicep build refuses the file"}}},
		{"a parameter's name in another case", "param subnetId string\nvar b = subnetID\n", "", nil,
			[]refusal{{"main.bicep", 30, 38, "'subnetID' is not declared in main.bicep: no parameter, variable, resource, module or import has that name (did you mean parameter 'subnetId'?); bicep build refuses the file"}}},
		{"every kind of declaration", "param p string\nvar v = 1\nresource r 'Microsoft.X/ys@2020-01-01' = {\n  name: 'r'\n}\n" +
			"module m 'm.bicep' = {\n  name: 'm'\n}\nfunc f() string => 'x'\nimport { t } from 't.bicep'\n" +
			"var all = [p, v, r.id, m.name, f(), t, sys.concat('a'), az.resourceGroup().id, [for x in [1]: x], map([1], y => y)]\n", "",
			map[string]string{"m.bicep": "output o string = 'o'\n"}, nil},
		{"loop variables read away from their loop", "param names array = ['a', 'b']\n" +
			"resource nsgs 'Microsoft.Network/networkSecurityGroups@2024-05-01' = [for (n, i) in names: {\n  name: 'nsg-${n}-${i}'\n}]\n" +
			"resource lock 'Microsoft.Authorization/locks@2020-05-01' = {\n  name: 'l'\n  scope: nsgs[0]\n}\n" +
			"module m 'm.bicep' = {\n  name: 'm'\n  params: { n: nsgs[1].name }\n}\n", "",
			map[string]string{"m.bicep": "param n string\n"}, nil},
		{"declared out of scope", "resource r 'Microsoft.X/ys@2020-01-01' = {\n  name: 'r'\n  resource c 'cs' = {\n    name: 'c'\n  }\n}\n" +
			"type t = string\noutput o string = 'x'\nvar a = [c, t, o]\n", "", nil, nil},
		{"a module's, once for two uses", "module m1 'm.bicep' = {\n  name: 'm1'\n  params: { n: 'x' }\n}\nmodule m2 'm.bicep' = {\n  name: 'm2'\n  params: { n: 'y' }\n}\n", "",
			map[string]string{"m.bicep": mod}, []refusal{{"m.bicep", 23, 27, "'typo' is not declared in m.bicep: no parameter, variable, resource, module or import has that name; bicep build refuses the file"}}},
		{"a parameter file's undeclared parameter", "param subnetId string\n", "using 'main.bicep'\nparam subnetId = 'a'\nparam SUBNETID = 'b'\nparam extra = 1\n", nil,
			[]refusal{{"main.bicepparam", 67, 72, "The parameter file main.bicepparam sets parameter 'extra', which main.bicep does not declare"}}},
		{"a parameter file that extends another: its own names", "param subnetId string\n", "using 'main.bicep'\nextends 'base.bicepparam'\nparam extra = 1\nvar x = fromBase\nvar y = base.subnetId\n", nil,
			[]refusal{
				{"main.bicepparam", 51, 56, "The parameter file main.bicepparam sets parameter 'extra', which main.bicep does not declare"},
				// A base file's variables are its own (Bicep's extends passes on parameters only).
				{"main.bicepparam", 69, 77, "'fromBase' is not declared in main.bicepparam: no parameter, variable, resource, module or import has that name; bicep build refuses the file"},
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			load := func(from, rel string) (string, []byte, error) {
				src, ok := tc.modules[rel]
				if !ok {
					return "", nil, fs.ErrNotExist
				}
				return rel, []byte(src), nil
			}
			var pf *File
			if tc.params != "" {
				var err error
				if pf, err = ParseParamFile("main.bicepparam", []byte(tc.params)); err != nil {
					t.Fatal(err)
				}
			}
			_, _, notes, err := Compile("main.bicep", []byte(tc.src), pf, load)
			if err != nil {
				t.Fatal(err)
			}
			var got []refusal
			seen := map[refusal]bool{}
			for _, n := range notes {
				r := refusal{n.File, n.Pos, n.End, n.Reason}
				if n.Invalid && !seen[r] {
					seen[r] = true
					got = append(got, r)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("refused %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("refused %+v, want %+v", got[i], tc.want[i])
				}
			}
		})
	}
}

// TestNestedCycle: two resources of one parent's body that read each other's
// properties by their own names are a cycle (which Bicep refuses): their
// properties are unknown, not followed.
func TestNestedCycle(t *testing.T) {
	src := "resource p 'Microsoft.X/ps@2020-01-01' = {\n  name: 'p'\n" +
		"  resource a 'as' = {\n    name: 'a'\n    properties: { x: b.properties.y }\n  }\n" +
		"  resource b 'bs' = {\n    name: 'b'\n    properties: { y: a.properties.x }\n  }\n}\n"
	out, _, _, err := Compile("main.bicep", []byte(src), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, sym := range []string{"p::a", "p::b"} {
		got := gjson.GetBytes(out, "resources."+gjson.Escape(sym)+".properties").Raw
		if !strings.Contains(got, "refer back to it (a cycle, which Bicep refuses)") {
			t.Errorf("%s: properties %s, want the other's unknown", sym, got)
		}
	}
}
