package bicep

import (
	"errors"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// coverageVNet is the resource every coverage case feeds: the case's expression is the
// network's one address prefix, so what is checked is the value after evaluation by
// the ARM reader, not only the compiled text.
const coverageVNet = `
resource covered 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'covered'
  properties: {
    addressSpace: {
      addressPrefixes: [
        %s
      ]
    }
  }
}
`

// TestLanguageCoverage walks the constructs of the Bicep language (issue #19,
// "Language coverage") through the whole reader: each case's declarations and
// expression compile, evaluate, and give the network's address prefix, or leave it
// unknown with the exact reason the construct was not followed.
func TestLanguageCoverage(t *testing.T) {
	cases := []struct {
		name  string
		decls string
		expr  string
		files map[string]string
		want  string // the evaluated prefix, or
		why   string // a part of the AKSNET901 reason when the prefix is unknown
	}{
		{name: "targetScope", decls: "targetScope = 'resourceGroup'\n", expr: "'10.0.0.0/16'", want: "10.0.0.0/16"},
		{name: "param with type and default", decls: "param p string = '10.1.0.0/16'\n", expr: "p", want: "10.1.0.0/16"},
		{name: "param decorators", decls: "@allowed([\n  '10.2.0.0/16'\n])\n@minLength(1)\n@maxLength(20)\n@description('d')\n@metadata({\n  a: 1\n})\nparam p string = '10.2.0.0/16'\n@minValue(1)\n@maxValue(30)\nparam bits int = 16\n", expr: "'${split(p, '/')[0]}/${bits}'", want: "10.2.0.0/16"},
		{name: "secure param has no value to read", decls: "@secure()\nparam p string\n", expr: "p", why: "parameter"},
		{name: "var", decls: "var base = '10.3'\nvar p = '${base}.0.0/16'\n", expr: "p", want: "10.3.0.0/16"},
		{name: "existing resource", decls: "resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {\n  name: 'hub'\n}\n", expr: "hub.properties.addressSpace.addressPrefixes[0]", why: "hub"},
		{name: "parent and child name", decls: "resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {\n  name: 'hub'\n}\nresource sn 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {\n  parent: hub\n  name: 'nodes'\n  properties: {\n    addressPrefix: '10.4.0.0/24'\n  }\n}\n", expr: "last(split(sn.id, '/')) == 'nodes' ? sn.properties.addressPrefix : 'x'", want: "10.4.0.0/24"},
		{name: "nested child resource", decls: "resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'hub'\n  resource sn 'subnets' = {\n    name: 'nodes'\n    properties: {\n      addressPrefix: '10.5.0.0/24'\n    }\n  }\n}\n", expr: "hub::sn.properties.addressPrefix", want: "10.5.0.0/24"},
		{name: "nested resources name their siblings", decls: "resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'hub'\n  resource a 'subnets' = {\n    name: 'a'\n    properties: {\n      addressPrefix: '10.42.0.0/24'\n    }\n  }\n  resource b 'subnets' = {\n    name: '${a.name}-b'\n    properties: {\n      addressPrefix: a.properties.addressPrefix\n    }\n  }\n}\n", expr: "hub::b.properties.addressPrefix", want: "10.42.0.0/24"},
		{name: "array spread", decls: "var a = ['x']\nvar b = [...a, '10.40.0.0/16', ...['y', '10.41.0.0/16']]\n", expr: "b[1]", want: "10.40.0.0/16"},
		{name: "array spread, last item", decls: "var a = ['x']\nvar b = ['y', ...a, ...['10.41.0.0/16']]\n", expr: "last(b)", want: "10.41.0.0/16"},
		{name: "if condition", decls: "param on bool = false\nresource r 'Microsoft.Network/routeTables@2024-05-01' = if (on) {\n  name: 'rt'\n}\n", expr: "on ? 'x' : '10.6.0.0/16'", want: "10.6.0.0/16"},
		{name: "for loop", decls: "var ps = [for x in range(7, 2): '10.${x}.0.0/16']\n", expr: "ps[0]", want: "10.7.0.0/16"},
		{name: "for loop with index", decls: "var ps = [for (x, i) in ['a', 'b']: '10.${i + 8}.0.0/16']\n", expr: "ps[1]", want: "10.9.0.0/16"},
		{name: "filtered loop", decls: "var ps = [for x in range(0, 20): if (x > 9) '10.${x}.0.0/16']\n", expr: "ps[0]", want: "10.10.0.0/16"},
		{name: "batchSize", decls: "@batchSize(1)\nresource rts 'Microsoft.Network/routeTables@2024-05-01' = [for i in range(0, 2): {\n  name: 'rt${i}'\n}]\n", expr: "'10.11.0.0/16'", want: "10.11.0.0/16"},
		{name: "module params and outputs", decls: "module m 'm.bicep' = {\n  name: 'm'\n  params: {\n    p: '10.12.0.0/16'\n  }\n}\n", expr: "m.outputs.o", files: map[string]string{"m.bicep": "param p string\noutput o string = p\n"}, want: "10.12.0.0/16"},
		{name: "module scope", decls: "module m 'm.bicep' = {\n  name: 'm'\n  scope: resourceGroup('other')\n  params: {\n    p: '10.13.0.0/16'\n  }\n}\n", expr: "m.outputs.o", files: map[string]string{"m.bicep": "param p string\noutput o string = p\n"}, want: "10.13.0.0/16"},
		{name: "module loop", decls: "module ms 'm.bicep' = [for i in range(14, 2): {\n  name: 'm${i}'\n  params: {\n    p: '10.${i}.0.0/16'\n  }\n}]\n", expr: "ms[1].outputs.o", files: map[string]string{"m.bicep": "param p string\noutput o string = p\n"}, want: "10.15.0.0/16"},
		{name: "local JSON module", decls: "module m 'm.json' = {\n  name: 'm'\n  params: {\n    p: '10.16.0.0/16'\n  }\n}\n", expr: "m.outputs.o", files: map[string]string{"m.json": `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","parameters":{"p":{"type":"string"}},"resources":[],"outputs":{"o":{"type":"string","value":"[parameters('p')]"}}}`}, want: "10.16.0.0/16"},
		{name: "registry module br/public", decls: "module m 'br/public:avm/res/network/virtual-network:0.7.0' = {\n  name: 'm'\n}\n", expr: "m.outputs.o", why: "br/public:avm/res/network/virtual-network:0.7.0"},
		{name: "registry module br", decls: "module m 'br:contoso.azurecr.io/net/vnet:v1' = {\n  name: 'm'\n}\n", expr: "m.outputs.o", why: "br:contoso.azurecr.io/net/vnet:v1"},
		{name: "template spec module", decls: "module m 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {\n  name: 'm'\n}\n", expr: "m.outputs.o", why: "ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0"},
		{name: "output", decls: "output o string = '10.17.0.0/16'\n", expr: "'10.17.0.0/16'", want: "10.17.0.0/16"},
		{name: "type declaration", decls: "type cidr = string\ntype net = {\n  prefix: cidr\n}\nparam n net = {\n  prefix: '10.18.0.0/16'\n}\n", expr: "n.prefix", want: "10.18.0.0/16"},
		{name: "func declaration", decls: "func pfx(o int) string => '10.${o}.0.0/16'\n", expr: "pfx(19)", want: "10.19.0.0/16"},
		{name: "import", decls: "import { cidrOf } from 'shared.bicep'\n", expr: "cidrOf()", why: "cidrOf() is imported from shared.bicep"},
		{name: "import wildcard", decls: "import * as shared from 'shared.bicep'\n", expr: "shared.cidrOf()", why: "shared.cidrOf() is imported"},
		{name: "extension", decls: "extension microsoftGraphV1\n", expr: "'10.20.0.0/16'", want: "10.20.0.0/16"},
		{name: "interpolation", decls: "var a = 10\nvar b = 21\n", expr: "'${a}.${b}.0.0/${8 * 2}'", want: "10.21.0.0/16"},
		{name: "multi-line string", decls: "var s = '''\n10.22.0.0/16'''\n", expr: "trim(s)", want: "10.22.0.0/16"},
		{name: "escapes", decls: "var s = '\\'10.23.0.0/16\\'\\n\\t\\$\\u{41}'\n", expr: "s == '\\'10.23.0.0/16\\'\\n\\t$A' ? '10.23.0.0/16' : s", want: "10.23.0.0/16"},
		{name: "one item a line", decls: "var o = {\n  a: '10.24.0.0/16'\n  b: [\n    1\n    2\n  ]\n}\n", expr: "o.a", want: "10.24.0.0/16"},
		{name: "ternary", decls: "param n int = 2\n", expr: "n > 1 ? '10.25.0.0/16' : 'x'", want: "10.25.0.0/16"},
		{name: "coalesce", decls: "param o object = {}\n", expr: "o.?p ?? '10.26.0.0/16'", want: "10.26.0.0/16"},
		{name: "safe access on index", decls: "param a array = []\n", expr: "a[?0] ?? '10.27.0.0/16'", want: "10.27.0.0/16"},
		{name: "not, logical, comparison, arithmetic", decls: "param n int = 7\n", expr: "!(n < 3) && (n >= 7 || n <= 1) && n != 8 && n % 4 == 3 && n / 7 - 1 == 0 ? '10.28.0.0/16' : 'x'", want: "10.28.0.0/16"},
		{name: "case-insensitive equality", decls: "param s string = 'AbC'\n", expr: "s =~ 'abc' && !(s !~ 'ABC') ? '10.29.0.0/16' : 'x'", want: "10.29.0.0/16"},
		{name: "non-null assertion", decls: "param o object = {\n  p: '10.30.0.0/16'\n}\n", expr: "o.?p!", want: "10.30.0.0/16"},
		{name: "resource name", decls: "resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'hub'\n}\n", expr: "hub.name == 'hub' ? '10.31.0.0/16' : 'x'", want: "10.31.0.0/16"},
		{name: "resource id", decls: "resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'hub'\n}\n", expr: "hub.id", why: "depends on the deployment scope"},
		{name: "resource properties index", decls: "resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'hub'\n  properties: {\n    subnets: [\n      {\n        name: 'a'\n        properties: {\n          addressPrefix: '10.32.0.0/24'\n        }\n      }\n    ]\n  }\n}\n", expr: "hub.properties.subnets[0].properties.addressPrefix", want: "10.32.0.0/24"},
		{name: "filter lambda", decls: "var ps = ['x', '10.33.0.0/16']\n", expr: "first(filter(ps, p => p != 'x'))", want: "10.33.0.0/16"},
		{name: "map lambda", decls: "", expr: "map([34], o => '10.${o}.0.0/16')[0]", want: "10.34.0.0/16"},
		{name: "reduce lambda", decls: "", expr: "'10.${reduce([30, 5], 0, (acc, x) => acc + x)}.0.0/16'", want: "10.35.0.0/16"},
		{name: "sort lambda", decls: "", expr: "'10.${sort([37, 36], (a, b) => a < b)[0]}.0.0/16'", want: "10.36.0.0/16"},
		{name: "toObject lambda", decls: "", expr: "toObject(['k'], k => k, k => '10.37.0.0/16').k", want: "10.37.0.0/16"},
		{name: "sys namespace", decls: "", expr: "sys.concat('10.38.', '0.0/16')", want: "10.38.0.0/16"},
		{name: "az namespace", decls: "", expr: "az.resourceGroup().name == '' ? 'x' : '10.39.0.0/16'", why: "resourceGroup"},
		{name: "any", decls: "", expr: "any('10.40.0.0/16')", want: "10.40.0.0/16"},
		{name: "comments", decls: "// a line comment\n/* a block\n   comment */\nvar p = /* inline */ '10.41.0.0/16' // tail\n", expr: "p", want: "10.41.0.0/16"},
		{name: "loadTextContent", decls: "", expr: "trim(loadTextContent('p.txt'))", files: map[string]string{"p.txt": "10.42.0.0/16\n"}, want: "10.42.0.0/16"},
		{name: "loadJsonContent with path", decls: "", expr: "loadJsonContent('p.json', '$.net.prefix')", files: map[string]string{"p.json": `{"net":{"prefix":"10.43.0.0/16"}}`}, want: "10.43.0.0/16"},
		{name: "loadYamlContent", decls: "", expr: "loadYamlContent('p.yaml').net.prefix", files: map[string]string{"p.yaml": "net:\n  prefix: 10.44.0.0/16\n"}, want: "10.44.0.0/16"},
		{name: "loadYamlContent with path", decls: "", expr: "loadYamlContent('p.yaml', '$.net.prefix')", files: map[string]string{"p.yaml": "net:\n  prefix: 10.45.0.0/16\n"}, want: "10.45.0.0/16"},
		{name: "load of a computed path", decls: "param f string = 'p.txt'\n", expr: "loadTextContent(f)", why: "loadTextContent() of a path that is not a literal string"},
		{name: "readEnvironmentVariable", decls: "", expr: "readEnvironmentVariable('P')", why: "readEnvironmentVariable() is read where the deployment runs"},
		{name: "undeclared name", decls: "", expr: "nowhere", why: "nowhere is not declared"},
		{name: "unknown through a variable", decls: "var x = nowhere\nvar y = '${x}/16'\n", expr: "y", why: "nowhere is not declared"},
		{name: "unknown through a function", decls: "func f() string => readEnvironmentVariable('P')\n", expr: "f()", why: "readEnvironmentVariable() is read where the deployment runs"},
		{name: "unknown through a parameter default", decls: "param p string = '${nowhere}'\n", expr: "p", why: "nowhere is not declared"},
		{name: "unknown through a module output", decls: "module m 'm.bicep' = {\n  name: 'm'\n}\n", expr: "m.outputs.o", files: map[string]string{"m.bicep": "output o string = readEnvironmentVariable('P')\n"}, why: "readEnvironmentVariable() is read where the deployment runs"},
		{name: "unknown through a module parameter", decls: "module m 'm.bicep' = {\n  name: 'm'\n  params: {\n    p: nowhere\n  }\n}\n", expr: "m.outputs.o", files: map[string]string{"m.bicep": "param p string\noutput o string = p\n"}, why: "nowhere is not declared"},
		{name: "unknown registry output through a variable", decls: "module m 'br/public:avm/x:1.0.0' = {\n  name: 'm'\n}\nvar o = m.outputs.o\n", expr: "o", why: "outputs of registry module br/public:avm/x:1.0.0 are not fetched"},
		{name: "method on a non-resource", decls: "param o object = {}\n", expr: "o.listKeys()", why: "method listKeys() is not compiled"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			load := func(from, rel string) (string, []byte, error) {
				if d, ok := tc.files[rel]; ok {
					return rel, []byte(d), nil
				}
				return "", nil, errors.New("no such file")
			}
			src := tc.decls + strings.Replace(coverageVNet, "%s", tc.expr, 1)
			doc, _, err := Extract("t.bicep", []byte(src), Options{Load: load})
			if err != nil {
				t.Fatalf("%v\n%s", err, src)
			}
			var got []string
			for _, v := range doc.VirtualNetworks {
				if v.Name == "covered" {
					got = v.AddressPrefixes
				}
			}
			if tc.want != "" {
				if len(got) != 1 || got[0] != tc.want {
					t.Errorf("prefixes %q, want %q; unresolved %+v", got, tc.want, doc.Unresolved)
				}
				return
			}
			// The note on the prefix itself says why, not only a note elsewhere.
			found := ""
			for _, u := range doc.Unresolved {
				if strings.HasPrefix(u.Pointer, "/virtualNetworks/") && strings.Contains(u.Reason, tc.why) {
					found = u.Reason
				}
			}
			if found == "" {
				t.Errorf("no note saying %q; prefixes %q, unresolved %+v", tc.why, got, doc.Unresolved)
			}
		})
	}
}

// TestJSONModule: a local ARM template module is read as the nested deployment's
// template, its values located in the JSON file; a JSON file that is not a template
// is a located error in it.
func TestJSONModule(t *testing.T) {
	tmpl := `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"prefix": {"type": "string"}},
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2024-05-01",
      "name": "spoke",
      "properties": {"addressSpace": {"addressPrefixes": ["[parameters('prefix')]"]}}
    }
  ]
}`
	files := map[string]string{"net.json": tmpl, "bad.json": "{\n  \"resources\": [}\n", "list.json": "[1]"}
	load := func(from, rel string) (string, []byte, error) {
		if d, ok := files[rel]; ok {
			return rel, []byte(d), nil
		}
		return "", nil, errors.New("no such file")
	}
	src := "module net 'net.json' = {\n  name: 'net'\n  params: {\n    prefix: '10.50.0.0/16'\n  }\n}\n"
	doc, locs, err := Extract("main.bicep", []byte(src), Options{Load: load})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.VirtualNetworks) != 1 || len(doc.VirtualNetworks[0].AddressPrefixes) != 1 || doc.VirtualNetworks[0].AddressPrefixes[0] != "10.50.0.0/16" {
		t.Fatalf("virtual networks %+v, unresolved %+v", doc.VirtualNetworks, doc.Unresolved)
	}
	l := locs["/virtualNetworks/0/addressPrefixes/0"]
	if l.File != "net.json" || l.Line != 10 || l.Column != 59 {
		t.Errorf("prefix located at %+v, want net.json:10:59", l)
	}
	if len(l.Related) == 0 || l.Related[0].File != "main.bicep" || l.Related[0].Line != 4 {
		t.Errorf("prefix related %+v, want the argument at main.bicep:4", l.Related)
	}
	for _, tc := range []struct{ file, msg string }{{"bad.json", "the module's template"}, {"list.json", "expected a template object"}} {
		_, _, err = Extract("main.bicep", []byte("module m '"+tc.file+"' = {\n  name: 'm'\n}\n"), Options{Load: load})
		var se *netdoc.SourceError
		if !errors.As(err, &se) || se.File != tc.file || se.Line < 1 || !strings.Contains(se.Msg, tc.msg) {
			t.Errorf("%s: %v", tc.file, err)
		}
	}
}

// TestLoadYamlBounds: YAML that JSON cannot hold, or that is not YAML, leaves the
// value unknown with the reason.
func TestLoadYamlBounds(t *testing.T) {
	files := map[string]string{
		"keys.yaml": "1: a\n2: b\n",
		"bad.yaml":  "a: [\n",
		"bomb.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n",
	}
	load := func(from, rel string) (string, []byte, error) { return rel, []byte(files[rel]), nil }
	for file, why := range map[string]string{"keys.yaml": "has a value that is not JSON", "bad.yaml": "is not YAML", "bomb.yaml": "is not YAML"} {
		src := "var y = loadYamlContent('" + file + "')\n" + strings.Replace(coverageVNet, "%s", "y.a", 1)
		doc, _, err := Extract("t.bicep", []byte(src), Options{Load: load})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, u := range doc.Unresolved {
			found = found || strings.Contains(u.Reason, file+" "+why)
		}
		if !found {
			t.Errorf("%s: no note saying %q: %+v", file, why, doc.Unresolved)
		}
	}
}

// TestBadInputBounds: very deep nesting and a module fan-out whose compiled template
// would be too large end in one located error, not a crash or an unbounded read.
func TestBadInputBounds(t *testing.T) {
	deep := "var x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"
	_, _, err := Extract("t.bicep", []byte(deep), Options{})
	var se *netdoc.SourceError
	if !errors.As(err, &se) || se.File != "t.bicep" || se.Line != 1 || !strings.Contains(se.Msg, "nested more than") {
		t.Errorf("deep nesting: %v", err)
	}
	// Each of 12 files uses the next 8 times: 8^12 copies of the last.
	fan := func(from, rel string) (string, []byte, error) {
		var n int
		if _, err := fmtSscan(rel, &n); err != nil {
			return "", nil, err
		}
		var b strings.Builder
		b.WriteString("param p string = '" + strings.Repeat("x", 100) + "'\n")
		if n < 12 {
			for i := range 8 {
				b.WriteString("module m" + itoa(i) + " 'm" + itoa(n+1) + ".bicep' = {\n  name: 'm" + itoa(i) + "'\n}\n")
			}
		}
		return rel, []byte(b.String()), nil
	}
	_, _, err = Extract("m0.bicep", []byte("module m 'm1.bicep' = {\n  name: 'm'\n}\n"), Options{Load: fan})
	if !errors.As(err, &se) || se.Line < 1 || !strings.Contains(se.Msg, "larger than") {
		t.Errorf("fan-out: %v", err)
	}
}

// TestParamFileUnknowns: in a .bicepparam, getSecret() and readEnvironmentVariable()
// make the parameter's value unknown, the note saying which.
func TestParamFileUnknowns(t *testing.T) {
	tmpl := "param p string = '10.60.0.0/16'\n" + strings.Replace(coverageVNet, "%s", "p", 1)
	for call, why := range map[string]string{
		"az.getSecret('sub', 'rg', 'kv', 'cidr')": "getSecret() reads a Key Vault secret",
		"getSecret('sub', 'rg', 'kv', 'cidr')":    "getSecret() reads a Key Vault secret",
		"readEnvironmentVariable('CIDR', 'x')":    "readEnvironmentVariable() is read where the deployment runs",
	} {
		pf, err := ParseParamFile("t.bicepparam", []byte("using 't.bicep'\nparam p = "+call+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := Extract("t.bicep", []byte(tmpl), Options{ParamFile: pf})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, u := range doc.Unresolved {
			found = found || strings.HasPrefix(u.Pointer, "/virtualNetworks/") && u.Reason == why
		}
		if !found {
			t.Errorf("%s: no note %q: %+v", call, why, doc.Unresolved)
		}
	}
}

// TestReferenceCycles: properties or outputs that lead back to themselves (through
// resources, variables, modules), which Bicep refuses, are unknown: the ARM reader
// would follow reference() without end (found by FuzzExtract: a stack overflow).
func TestReferenceCycles(t *testing.T) {
	files := map[string]string{"m.bicep": "param p object\noutput o object = p\n"}
	load := func(from, rel string) (string, []byte, error) { return rel, []byte(files[rel]), nil }
	for name, src := range map[string]string{
		"self":          "resource a 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'a'\n  properties: a.properties\n}\n",
		"whole":         "resource a 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'a'\n  properties: a\n}\n",
		"two resources": "resource a 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'a'\n  properties: b.properties\n}\nresource b 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'b'\n  properties: a.properties\n}\n",
		"variable":      "var x = a.properties\nresource a 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'a'\n  properties: x\n}\n",
		"module":        "module m 'm.bicep' = {\n  name: 'm'\n  params: {\n    p: a.properties\n  }\n}\nresource a 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'a'\n  properties: m.outputs.o\n}\n",
	} {
		doc, _, err := Extract("t.bicep", []byte(src), Options{Load: load})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		found := false
		for _, u := range doc.Unresolved {
			found = found || strings.Contains(u.Reason, "refer back to it")
		}
		if !found {
			t.Errorf("%s: no note on the cycle: %+v", name, doc.Unresolved)
		}
	}
	// Not a cycle: a child's ID in its parent, the parent's name in the child.
	src := "resource a 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'a'\n  properties: {\n    addressSpace: {\n      addressPrefixes: [\n        '10.0.0.0/16'\n      ]\n    }\n  }\n  resource s 'subnets' = {\n    name: '${a.name}-s'\n    properties: {\n      addressPrefix: a.properties.addressSpace.addressPrefixes[0]\n    }\n  }\n}\n"
	doc, _, err := Extract("t.bicep", []byte(src), Options{})
	if err != nil || len(doc.Subnets) != 1 || len(doc.Subnets[0].AddressPrefixes) != 1 || doc.Subnets[0].AddressPrefixes[0] != "10.0.0.0/16" {
		t.Errorf("parent and child: %v %+v %+v", err, doc.Subnets, doc.Unresolved)
	}
}
