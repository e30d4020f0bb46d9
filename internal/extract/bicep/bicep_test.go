package bicep

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestSyntaxErrors: a syntax error is one error at the position of the offending
// token, saying what was expected.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"missing colon", "resource r 'T@1' = {\n  name 'x'\n}\n", 2, 8, "expected ':', found a string"},
		{"unterminated string", "var x = 'abc\n", 1, 13, "unterminated string: expected ' before the end of the line"},
		{"unterminated comment", "var x = 1 /* no end\n", 1, 11, "unterminated comment: expected */"},
		{"bad escape", `var x = 'a\qb'`, 1, 11, `invalid escape \q`},
		{"unknown statement", "bogus x = 1\n", 1, 1, "expected a declaration (param, var, resource, module, output, ...), found 'bogus'"},
		{"two declarations on a line", "var a = 1 var b = 2\n", 1, 11, "expected a new line after the declaration, found 'var'"},
		{"unclosed array", "var a = [\n  1\n", 3, 1, "expected an expression, found end of file"},
		{"unclosed interpolation", "var a = '${1'\n", 1, 14, "unterminated string"},
		{"resource body", "resource r 'T@1' = 3\n", 1, 20, "expected '{', 'if' or '[for', found number 3"},
		{"loop without in", "var a = [for x of y: x]\n", 1, 16, "expected 'in', found 'of'"},
		{"stray character", "var a = 1 ^ 2\n", 1, 11, "unexpected character '^'"},
		{"param without value in bicepparam", "using 'main.bicep'\nparam x\n", 2, 8, "expected '=' and the parameter's value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Extract("t.bicep", []byte(tc.src), Options{})
			if tc.name == "param without value in bicepparam" {
				_, err = ParseParamFile("t.bicepparam", []byte(tc.src))
			}
			var se *netdoc.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v, want a located syntax error", err)
			}
			if se.Line != tc.line || se.Column != tc.col || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("got %d:%d %q, want %d:%d %q", se.Line, se.Column, se.Msg, tc.line, tc.col, tc.msg)
			}
		})
	}
}

// TestLexer: strings, escapes, multi-line strings, interpolation and comments.
func TestLexer(t *testing.T) {
	tests := []struct{ src, want string }{
		{`'a\'b\\c\n\$d\u{41}'`, "a'b\\c\n$dA"},
		{"'''\nline1\n  line2 ${x}'''", "line1\n  line2 ${x}"},
		{"'''one'''", "one"},
		{"/* c */ 'x' // tail", "x"},
	}
	for _, tc := range tests {
		f, err := Parse("t.bicep", "var v = "+tc.src+"\n", false)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		s, ok := f.Vars[0].Value.(*Str)
		if !ok || len(s.Exprs()) != 0 || s.Parts[0] != tc.want {
			t.Errorf("%s: got %#v, want %q", tc.src, f.Vars[0].Value, tc.want)
		}
	}
	f, err := Parse("t.bicep", "var v = 'a${'b${c}d'}e'\n", false)
	if err != nil {
		t.Fatal(err)
	}
	s := f.Vars[0].Value.(*Str)
	inner, ok := s.Exprs()[0].(*Str)
	if len(s.Parts) != 2 || s.Parts[0] != "a" || s.Parts[1] != "e" || !ok || inner.Parts[0] != "b" || inner.Parts[1] != "d" {
		t.Errorf("nested interpolation: %#v", s)
	}
}

// compileVar compiles one variable's value and returns its text in the template.
func compileVar(t *testing.T, decls, value string) string {
	t.Helper()
	out, _, _, err := Compile("t.bicep", []byte(decls+"\nvar v = "+value+"\n"), nil, nil)
	if err != nil {
		t.Fatalf("%s: %v", value, err)
	}
	return gjson.GetBytes(out, "variables.v").Raw
}

// TestExpressions: Bicep expressions become the ARM expressions the Bicep compiler
// writes, or ones the ARM reader evaluates to the same value.
func TestExpressions(t *testing.T) {
	decls := `param p string = 'x'
param n int = 2
param arr array = []
var w = 1
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${p}'
  resource snet 'subnets' = {
    name: 'nodes'
  }
}
resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' existing = {
  name: 'rg'
  scope: subscription()
}
resource other 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'hub'
  scope: resourceGroup('sub', 'rg-hub')
}
module m 'm.bicep' = {
  name: 'mod'
}
func double(x int) int => x * 2`
	tests := []struct{ bicep, arm string }{
		{"'plain'", `"plain"`},
		{"'[bracket'", `"[[bracket"`},
		{"'a${p}{b}'", `"[format('a{0}{{b}}', parameters('p'))]"`},
		{"n + 1 * w", `"[add(parameters('n'), mul(1, variables('w')))]"`},
		{"n == 2 && !(p != 'y') || p =~ 'X'", `"[or(and(equals(parameters('n'), 2), not(not(equals(parameters('p'), 'y')))), equals(toLower(parameters('p')), toLower('X')))]"`},
		{"n > 1 ? p : 'z'", `"[if(greater(parameters('n'), 1), parameters('p'), 'z')]"`},
		{"arr[?0] ?? 'none'", `"[coalesce(tryGet(parameters('arr'), 0), 'none')]"`},
		{"vnet.id", `"[resourceId('Microsoft.Network/virtualNetworks', format('vnet-{0}', parameters('p')))]"`},
		{"vnet::snet.id", `"[resourceId('Microsoft.Network/virtualNetworks/subnets', format('vnet-{0}', parameters('p')), 'nodes')]"`},
		{"vnet.name", `"[format('vnet-{0}', parameters('p'))]"`},
		{"vnet.properties.subnets[0].id", `"[reference(resourceId('Microsoft.Network/virtualNetworks', format('vnet-{0}', parameters('p'))), '2024-05-01').subnets[0].id]"`},
		{"other.id", `"[resourceId('sub', 'rg-hub', 'Microsoft.Network/virtualNetworks', 'hub')]"`},
		{"m.outputs.subnetId", `"[reference('m').outputs.subnetId.value]"`},
		{"m.outputs.?missing", `"[tryGet(reference('m').outputs, 'missing').value]"`},
		{"map(arr, x => x.name)", `"[map(parameters('arr'), lambda('x', lambdaVariables('x').name))]"`},
		{"double(n)", `"[mul(parameters('n'), 2)]"`},
		{"any(n)", `"[parameters('n')]"`},
		{"sys.length(arr)", `"[length(parameters('arr'))]"`},
		{"-5", `-5`},
		{"{\n  a: 1\n  '${p}': true\n}", `{"a":1,"[format('{0}', parameters('p'))]":true}`},
		{"undeclared", `"[bicep.unknown8lpjfrless6h('undeclared is not declared')]"`},
	}
	for _, tc := range tests {
		got := compileVar(t, decls, tc.bicep)
		got = strings.ReplaceAll(got, "\n", "")
		if got != tc.arm {
			t.Errorf("%s:\n got %s\nwant %s", tc.bicep, got, tc.arm)
		}
	}
}

// TestLoops: resource, property and variable loops become ARM copy loops; a filtered
// resource loop keeps every index, its filter the condition of each instance.
func TestLoops(t *testing.T) {
	src := `param names array = ['a', 'b']
var doubled = [for (n, i) in names: '${n}-${i}']
resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = [for n in names: if (n != 'b') {
  name: n
  properties: {
    securityRules: [for r in range(0, 2): {
      name: '${n}-${r}'
    }]
  }
}]`
	out, _, _, err := Compile("t.bicep", []byte(src), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	j := gjson.ParseBytes(out)
	checks := map[string]string{
		"variables.copy.0.name":                      "doubled",
		"variables.copy.0.count":                     "[length(parameters('names'))]",
		"variables.copy.0.input":                     "[format('{0}-{1}', parameters('names')[copyIndex('doubled')], copyIndex('doubled'))]",
		"resources.nsg.copy.count":                   "[length(parameters('names'))]",
		"resources.nsg.condition":                    "[not(equals(parameters('names')[copyIndex()], 'b'))]",
		"resources.nsg.name":                         "[parameters('names')[copyIndex()]]",
		"resources.nsg.properties.copy.0.name":       "securityRules",
		"resources.nsg.properties.copy.0.input.name": "[format('{0}-{1}', parameters('names')[copyIndex()], range(0, 2)[copyIndex('securityRules')])]",
		"resources.nsg.properties.copy.0.count":      "[length(range(0, 2))]",
		"resources.nsg.type":                         "Microsoft.Network/networkSecurityGroups",
		"resources.nsg.apiVersion":                   "2024-05-01",
		"metadata._generator.name":                   "bicep",
		"languageVersion":                            "2.0",
	}
	for path, want := range checks {
		if got := j.Get(path).String(); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
}

// TestModules: a module cycle and modules nested too deeply are located errors; a
// module that cannot be read and a registry module are notes, their outputs unknown.
func TestModules(t *testing.T) {
	files := map[string]string{
		"a.bicep":    "module b 'b.bicep' = {\n  name: 'b'\n}\n",
		"b.bicep":    "module a 'a.bicep' = {\n  name: 'a'\n}\n",
		"deep.bicep": "module d 'deep.bicep' = {\n  name: 'd'\n}\n",
	}
	load := func(from, rel string) (string, []byte, error) {
		if d, ok := files[rel]; ok {
			return rel, []byte(d), nil
		}
		return "", nil, errors.New("no such file")
	}
	_, _, err := Extract("a.bicep", []byte(files["a.bicep"]), Options{Load: load})
	var se *netdoc.SourceError
	if !errors.As(err, &se) || se.File != "b.bicep" || se.Line != 1 || se.Column != 10 || !strings.Contains(se.Msg, "module cycle") {
		t.Errorf("cycle: %v", err)
	}
	// A chain of distinct files deeper than the limit.
	chain := func(from, rel string) (string, []byte, error) {
		var n int
		if _, err := fmtSscan(rel, &n); err != nil {
			return "", nil, err
		}
		return rel, []byte("module m 'm" + itoa(n+1) + ".bicep' = {\n  name: 'm'\n}\n"), nil
	}
	_, _, err = Extract("m0.bicep", []byte("module m 'm1.bicep' = {\n  name: 'm'\n}\n"), Options{Load: chain})
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "nested more than") {
		t.Errorf("depth: %v", err)
	}
	src := `module reg 'br/public:avm/res/network/virtual-network:0.7.0' = {
  name: 'reg'
}
module gone 'missing.bicep' = {
  name: 'gone'
}
var fromReg = reg.outputs.id
var fromGone = gone.outputs.id`
	doc, locs, err := Extract("t.bicep", []byte(src), Options{Load: load})
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, u := range doc.Unresolved {
		notes[u.Pointer] = u.Reason
	}
	if !strings.Contains(notes["/modules/reg"], "br/public:avm/res/network/virtual-network:0.7.0 is in a registry") {
		t.Errorf("registry note: %v", notes)
	}
	if !strings.Contains(notes["/modules/gone"], "missing.bicep cannot be read") {
		t.Errorf("missing module note: %v", notes)
	}
	if l := locs["/modules/reg"]; l.File != "t.bicep" || l.Line != 1 || l.Column != 12 {
		t.Errorf("registry note located at %+v", l)
	}
}

// fmtSscan reads the number in "m<n>.bicep".
func fmtSscan(rel string, n *int) (int, error) {
	s := strings.TrimSuffix(strings.TrimPrefix(rel, "m"), ".bicep")
	v := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, errors.New("not a chain file")
		}
		v = v*10 + int(c-'0')
	}
	*n = v
	return 1, nil
}

// TestParamFile: .bicepparam values replace the defaults and are located in the
// .bicepparam; readEnvironmentVariable() makes a value unknown.
func TestParamFile(t *testing.T) {
	tmpl := "param a string = 'default'\nparam b int = 1\nparam c string = 'keep'\nvar out = '${a}-${b}-${c}'\n"
	pf, err := ParseParamFile("t.bicepparam", []byte("using 't.bicep'\nvar prefix = 'v'\nparam a = '${prefix}1'\nparam b = int(readEnvironmentVariable('B'))\n"))
	if err != nil {
		t.Fatal(err)
	}
	if pf.UsingPath() != "t.bicep" {
		t.Errorf("using %q", pf.UsingPath())
	}
	out, sm, _, err := Compile("t.bicep", []byte(tmpl), pf, nil)
	if err != nil {
		t.Fatal(err)
	}
	j := gjson.ParseBytes(out)
	if got := j.Get("parameters.a.defaultValue").String(); got != "[format('{0}1', variables('__bicepparam_prefix'))]" {
		t.Errorf("a = %s", got)
	}
	if got := j.Get("parameters.b.defaultValue").String(); !strings.Contains(got, "('readEnvironmentVariable() is read where the deployment runs')") {
		t.Errorf("b = %s", got)
	}
	if got := j.Get("parameters.c.defaultValue").String(); got != "keep" {
		t.Errorf("c = %s", got)
	}
	d := j.Get("parameters.a.defaultValue")
	lines := netdoc.LineStarts(out)
	line := 0
	for line+1 < len(lines) && lines[line+1] <= d.Index {
		line++
	}
	loc := sm.Translate(netdoc.Location{File: "t.bicep", Line: line + 1, Column: d.Index - lines[line] + 1})
	if loc.File != "t.bicepparam" || loc.Line != 3 || loc.Column != 11 {
		t.Errorf("a's value located at %+v, want t.bicepparam:3:11", loc)
	}
}

// TestCycles: names, parents and scopes that refer to themselves (which the Bicep
// compiler refuses) make values unknown, and end.
func TestCycles(t *testing.T) {
	src := `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnet.name
}
resource a 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: b
  name: 'a'
}
resource b 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: a
  name: 'b'
}
resource c 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: d
  name: 'c'
}
resource d 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: c
  name: 'd'
}
var ids = [a.id, c.id]`
	doc, _, err := Extract("t.bicep", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.VirtualNetworks) != 1 || !strings.Contains(doc.VirtualNetworks[0].Key, "the name of vnet refers to itself") {
		t.Errorf("virtual networks: %+v", doc.VirtualNetworks)
	}
}

// TestParamDecorators: the decorators of a parameter become its ARM declaration.
func TestParamDecorators(t *testing.T) {
	src := "@description('the CIDR')\n@metadata({\n  owner: 'net'\n})\n@allowed([\n  '10.0.0.0/16'\n])\n@minLength(9)\n@maxLength(18)\n@secure()\nparam cidr string = '10.0.0.0/16'\n@minValue(1)\n@maxValue(9)\nparam n int?\n"
	out, _, _, err := Compile("t.bicep", []byte(src), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(gjson.GetBytes(out, "parameters").Raw, "\n", "")
	want := `{"cidr":{"type":"secureString","defaultValue":"10.0.0.0/16","allowedValues":["10.0.0.0/16"],"minLength":9,"maxLength":18,"metadata":{"description":"the CIDR","owner":"net"}},"n":{"type":"int","nullable":true,"minValue":1,"maxValue":9}}`
	if got != want {
		t.Errorf("parameters:\n got %s\nwant %s", got, want)
	}
}

// TestModuleMessages: the ARM reader's messages name Bicep modules, at their Bicep line.
func TestModuleMessages(t *testing.T) {
	mod := "param prefix string\nresource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'vnet'\n  properties: {\n    addressSpace: {\n      addressPrefixes: [\n        prefix\n      ]\n    }\n  }\n}\n"
	load := func(from, rel string) (string, []byte, error) { return "mod.bicep", []byte(mod), nil }
	src := "\n\nmodule net 'mod.bicep' = {\n  name: 'net-${uniqueString(resourceGroup().id)}'\n  params: {\n    prefix: '10.0.0.0/16'\n  }\n}\n"
	_, locs, err := Extract("main.bicep", []byte(src), Options{Load: load})
	if err != nil {
		t.Fatal(err)
	}
	l := locs["/virtualNetworks/0/addressPrefixes/0"]
	if l.File != "mod.bicep" || l.Line != 7 || len(l.Related) == 0 {
		t.Fatalf("located at %+v", l)
	}
	r := l.Related[0]
	if r.File != "main.bicep" || r.Line != 6 || r.Message != "value passed to parameter 'prefix' of module 'net'" {
		t.Errorf("related %+v", r)
	}
}

// TestParamFileLocations: with a .bicepparam file, a value set in it is located
// with it ("value of parameter", no default value), and every other location,
// a compiler's note among them, names the parameter file once.
func TestParamFileLocations(t *testing.T) {
	tmpl := `param prefix string = '10.0.0.0/16'
module hub 'br:example.azurecr.io/hub:v1' = {
  name: 'hub'
}
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [prefix]
    }
  }
}
`
	pf, err := ParseParamFile("t.bicepparam", []byte("using 't.bicep'\nparam prefix = '10.1.0.0/16'\n"))
	if err != nil {
		t.Fatal(err)
	}
	doc, locs, err := Extract("t.bicep", []byte(tmpl), Options{ParamFile: pf})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.VirtualNetworks) != 1 || len(doc.VirtualNetworks[0].AddressPrefixes) != 1 || doc.VirtualNetworks[0].AddressPrefixes[0] != "10.1.0.0/16" {
		t.Fatalf("virtual networks %+v", doc.VirtualNetworks)
	}
	anchor := netdoc.Related{Location: netdoc.Location{File: "t.bicepparam", Line: 1, Column: 1}, Message: "with parameter file t.bicepparam"}
	prefix := locs["/virtualNetworks/0/addressPrefixes/0"]
	if prefix.File != "t.bicep" || prefix.Line != 10 {
		t.Errorf("prefix located at %+v, want t.bicep:10", prefix.Location)
	}
	var fromFile int
	for _, r := range prefix.Related {
		if r.File != "t.bicepparam" {
			continue
		}
		fromFile++
		if r.Line != 2 || r.Message != "value of parameter 'prefix' in t.bicepparam" {
			t.Errorf("prefix related %+v, want the value of parameter prefix at t.bicepparam:2", r)
		}
	}
	if fromFile != 1 {
		t.Errorf("prefix related %+v: %d in t.bicepparam, want 1", prefix.Related, fromFile)
	}
	if name := locs["/virtualNetworks/0"]; !reflect.DeepEqual(name.Related, []netdoc.Related{anchor}) {
		t.Errorf("network related %+v, want the parameter file's anchor alone", name.Related)
	}
	var noted bool
	for _, u := range doc.Unresolved {
		if !strings.HasPrefix(u.Pointer, "/modules/hub") {
			continue
		}
		noted = true
		if l := locs[u.Pointer]; l.File != "t.bicep" || l.Line != 2 || !reflect.DeepEqual(l.Related, []netdoc.Related{anchor}) {
			t.Errorf("note %s located at %+v, want t.bicep:2 with the parameter file's anchor", u.Pointer, l)
		}
	}
	if !noted {
		t.Errorf("no note on the registry module in %+v", doc.Unresolved)
	}
}
