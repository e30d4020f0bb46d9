package armexpr

import (
	"reflect"
	"strings"
	"testing"
)

type obj = map[string]any

func arr(v ...any) []any { return append([]any{}, v...) }

// unk matches any Unknown; unkR matches an Unknown whose reason contains it.
type unk struct{}
type unkR string

// errW matches an *EvalError whose message contains it.
type errW string

func check(t *testing.T, name string, got, want any) {
	t.Helper()
	switch w := want.(type) {
	case unk:
		if _, ok := got.(Unknown); !ok {
			t.Errorf("%s: got %#v, want an Unknown", name, got)
		}
		return
	case unkR:
		u, ok := got.(Unknown)
		if !ok || !strings.Contains(u.Reason, string(w)) {
			t.Errorf("%s: got %#v, want an Unknown with reason %q", name, got, w)
		}
		return
	case errW:
		e, ok := got.(*EvalError)
		if !ok || !strings.Contains(e.Error(), string(w)) {
			t.Errorf("%s: got %#v, want an error containing %q", name, got, w)
		}
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %#v, want %#v", name, got, want)
	}
}

var vnetRID = ResourceID{Kind: KindResourceGroup, Type: "Microsoft.Network/virtualNetworks", Names: []string{"vnet"}}

func testEnv() *Env {
	params := obj{
		"s":     "Hello",
		"n":     int64(3),
		"b":     true,
		"o":     obj{"a": int64(1), "Nested": obj{"x": "y"}, "nul": nil},
		"a":     arr(int64(1), int64(2), int64(3)),
		"strs":  arr("x", "y"),
		"empty": "",
		"null":  nil,
		"u":     Unknown{Reason: "parameter u has no value"},
		"ua":    arr("k", Unknown{Reason: "inner"}),
		"rid":   vnetRID,
		"cidr":  "10.144.0.0/20",
	}
	vars := obj{"v": "var-value", "list": arr(obj{"name": "a"}, obj{"name": "b"})}
	return &Env{
		Parameter: func(name string) (any, bool) { v, ok, _ := Lookup(params, name); return v, ok },
		Variable:  func(name string) (any, bool) { v, ok, _ := Lookup(vars, name); return v, ok },
		CopyIndex: func(loop string, offset int64) any {
			if loop == "" || strings.EqualFold(loop, "loop") {
				return int64(2) + offset
			}
			return nil
		},
	}
}

func eval(t *testing.T, expr string) any {
	t.Helper()
	return EvalString("["+expr+"]", testEnv())
}

type evalCase struct {
	expr string
	want any
}

func runCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tt := range cases {
		check(t, tt.expr, eval(t, tt.expr), tt.want)
	}
}

func TestLiteralsAndAccess(t *testing.T) {
	runCases(t, []evalCase{
		{"'a'", "a"}, {"1", int64(1)}, {"-1", int64(-1)}, {"true", true}, {"null", nil},
		{"parameters('S')", "Hello"},
		{"parameters('o').a", int64(1)},
		{"parameters('o').nested.X", "y"},
		{"parameters('o')['Nested']['x']", "y"},
		{"parameters('a')[1]", int64(2)},
		{"parameters('a')[3]", errW("out of range")},
		{"parameters('a')['x']", errW("array index must be an integer")},
		{"parameters('o').missing", errW(`no property "missing"`)},
		{"parameters('s').x", errW("cannot access property")},
		{"parameters('u').x", unkR("no value")},
		{"parameters('u')[0]", unk{}},
		{"parameters('a')[parameters('u')]", unk{}},
		{"parameters('nope')", errW(`no parameter "nope"`)},
		{"variables('V')", "var-value"},
		{"variables('list')[1].name", "b"},
		{"variables('nope')", errW(`no variable "nope"`)},
		{"frobnicate()", errW("unknown function")},
		{"listKeys('x', '2020-01-01')", unkR("runtime")},
		{"utcNow()", unkR("deployment time")},
		{"uniqueString('a')", unkR("deployment time")},
		{"ns.f(1)", unkR("user-defined")},
		{"lambda('x', 1)", errW("lambda can only be")},
		{"concat(lambda('x', 1))", errW("lambda can only be")},
		{"lambdaVariables('x')", errW("not defined")},
	})
}

func TestLogic(t *testing.T) {
	runCases(t, []evalCase{
		{"and(true, true)", true}, {"and(true, false)", false}, {"and(true, true, false)", false},
		{"and(false, parameters('u'))", false}, {"and(true, parameters('u'))", unk{}},
		{"and(1, true)", errW("must be a bool")},
		{"or(false, true)", true}, {"or(parameters('u'), true)", true}, {"or(false, parameters('u'))", unk{}},
		{"not(true)", false}, {"not('x')", errW("must be a bool")}, {"not(parameters('u'))", unk{}},
		{"bool('TRUE')", true}, {"bool(0)", false}, {"bool(2)", true}, {"bool('x')", errW("cannot convert")},
		{"true()", true}, {"false()", false}, {"null()", nil},
		{"if(true, 'a', 'b')", "a"}, {"if(false, 'a', 'b')", "b"},
		{"if(true, 'a', parameters('u'))", "a"},
		{"if(true, 'a', variables('nope'))", "a"},
		{"if(parameters('u'), 'a', 'b')", unk{}},
		{"if(parameters('u'), 'a', 'a')", "a"},
		{"if('x', 'a', 'b')", errW("must be a bool")},
		{"coalesce(null, parameters('o').nul, 'x', variables('nope'))", "x"},
		{"coalesce(null, null)", nil},
		{"coalesce(parameters('u'), 'x')", unk{}},
		{"coalesce('x', parameters('u'))", "x"},
		{"coalesce(parameters('rid'), 'x')", vnetRID},
		{"equals(1, 1)", true}, {"equals('a', 'A')", false}, {"equals(parameters('o'), parameters('o'))", true},
		{"equals(createArray(1, 'a'), createArray(1, 'a'))", true}, {"equals(createArray(1), createArray(1, 2))", false},
		{"equals(createObject('a', 1), createObject('a', 2))", false},
		{"equals(json('1.0'), 1)", true},
		{"equals(parameters('u'), 1)", unk{}},
		{"equals(createArray(1, parameters('u')), createArray(2, 3))", false},
		{"equals(createArray(1, parameters('u')), createArray(1, 3))", unk{}},
		{"equals(parameters('rid'), resourceId('Microsoft.Network/virtualNetworks', 'VNET'))", true},
		{"equals(parameters('rid'), resourceId('Microsoft.Network/virtualNetworks', 'other'))", false},
		{"equals(parameters('rid'), resourceId('rg', 'Microsoft.Network/virtualNetworks', 'vnet'))", unk{}},
		{"equals(parameters('rid'), '/x/providers/Microsoft.Network/virtualNetworks/vnet')", unk{}},
		{"equals(parameters('rid'), 'vnet')", false},
		{"empty('')", true}, {"empty(null)", true}, {"empty(createArray())", true}, {"empty(createObject())", true},
		{"empty('x')", false}, {"empty(parameters('rid'))", false}, {"empty(parameters('u'))", unk{}}, {"empty(1)", errW("must be")},
		{"less(1, 2)", true}, {"lessOrEquals(2, 2)", true}, {"greater('b', 'a')", true}, {"greaterOrEquals(1, 2)", false},
		{"less(json('1.5'), 2)", true}, {"less(1, 'a')", errW("must be")}, {"less(parameters('u'), 1)", unk{}},
	})
}

func TestStrings(t *testing.T) {
	runCases(t, []evalCase{
		{"concat('a', 'b', 1, true)", "ab1True"},
		// arguments held in the call's own room (up to four) and past it, each call
		// with its own values however they nest
		{"concat('a', concat('b', 'c', 'd', 'e'), 'f', concat('g', concat('h'), 'i', 'j', 'k'))", "abcdefghijk"},
		{"createArray(createArray(1, 2, 3, 4), createArray(5, 6, 7, 8, 9))", arr(arr(int64(1), int64(2), int64(3), int64(4)), arr(int64(5), int64(6), int64(7), int64(8), int64(9)))},
		{"concat(createArray(1), createArray(2), null())", arr(int64(1), int64(2))},
		{"concat(createArray(1), 'x')", errW("must be arrays or all strings")},
		{"concat('a', createArray(1))", errW("must be strings or all arrays")},
		{"concat('a', parameters('u'))", unk{}},
		{"concat()", ""},
		{"concat(parameters('rid'), '/subnets/', 'snet')", ResourceID{Kind: KindResourceGroup, Type: "Microsoft.Network/virtualNetworks/subnets", Names: []string{"vnet", "snet"}}},
		{"concat(parameters('rid'), '-x')", unkR("depends on the deployment scope")},
		{"concat('x', parameters('rid'))", unkR("depends on the deployment scope")},
		{"format('{0}-{1}', 'a', 2)", "a-2"},
		{"format('{{{0}}}', 'a')", "{a}"},
		{"format('{0,4}|{0,-4}|', 'ab')", "  ab|ab  |"},
		{"format('{0:D3}', 7)", "007"},
		{"format('{0:N0}', 1234567)", "1,234,567"},
		{"format('{1}', 'a')", errW("has no argument")},
		{"format('{0', 'a')", errW("unterminated")},
		{"format('{0:X}', 'a')", unkR("not supported")},
		{"format('{0}/subnets/{1}', parameters('rid'), 'snet')", ResourceID{Kind: KindResourceGroup, Type: "Microsoft.Network/virtualNetworks/subnets", Names: []string{"vnet", "snet"}}},
		{"format('{0}', parameters('rid'))", vnetRID},
		{"format('{0}/{0}', parameters('rid'))", unk{}},
		{"format('x{0}', parameters('rid'))", unk{}},
		{"format('{0}', parameters('u'))", unk{}},
		{"replace('a-b-c', '-', '')", "abc"}, {"replace('a', '', 'x')", errW("must not be empty")},
		{"split('a/b//c', '/')", arr("a", "b", "", "c")},
		{"split('a,b;c', createArray(',', ';'))", arr("a", "b", "c")},
		{"split('a', '')", errW("must not be empty")},
		{"split(parameters('rid'), '/')[8]", "vnet"},
		{"split(parameters('rid'), '/')[2]", unk{}},
		{"split(resourceId('rg', 'Microsoft.Network/virtualNetworks', 'v'), '/')[4]", "rg"},
		{"split(parameters('rid'), '-')", unk{}},
		{"toLower('AbC')", "abc"}, {"toUpper('AbC')", "ABC"}, {"toLower(parameters('rid'))", unk{}}, {"toLower(1)", errW("must be a string")},
		{"trim('  a ')", "a"},
		{"substring('hello', 1, 3)", "ell"}, {"substring('hello', 2)", "llo"}, {"substring('hello', 4, 3)", errW("out of range")},
		{"indexOf('abcABC', 'C')", int64(2)}, {"lastIndexOf('abcABC', 'c')", int64(5)}, {"indexOf('abc', 'z')", int64(-1)},
		{"indexOf(createArray('a', 'b'), 'b')", int64(1)}, {"indexOf(createArray(1, parameters('u')), 2)", unk{}},
		{"startsWith('Hello', 'he')", true}, {"endsWith('Hello', 'LO')", true},
		{"string(1)", "1"}, {"string(true)", "True"}, {"string(createObject('a', 1))", `{"a":1}`}, {"string(createArray('x'))", `["x"]`},
		{"json('{\"a\": [1, 2.5, null]}')", obj{"a": arr(int64(1), 2.5, nil)}},
		{"json('null')", nil}, {"json('{')", errW("invalid JSON")}, {"json('1 2')", errW("invalid JSON")},
		{"padLeft('7', 3, '0')", "007"}, {"padLeft(7, 1)", "7"}, {"padLeft('7', 3, 'ab')", errW("one character")},
		{"base64('hi')", "aGk="}, {"base64ToString('aGk=')", "hi"}, {"base64ToJson('eyJhIjoxfQ==')", obj{"a": int64(1)}}, {"base64ToString('*')", errW("invalid base64")},
		{"dataUri('hi')", "data:text/plain;charset=utf8;base64,aGk="}, {"dataUriToString('data:;base64,aGk=')", "hi"},
		{"uri('http://a/b/c', 'd')", "http://a/b/d"}, {"uri('rel', 'd')", errW("absolute")},
		{"uriComponent('a b/c')", "a%20b%2Fc"}, {"uriComponentToString('a%20b')", "a b"},
	})
}

func TestCollections(t *testing.T) {
	runCases(t, []evalCase{
		{"createArray(1, 'a', parameters('u'))", arr(int64(1), "a", Unknown{Expr: "parameters('u')", Reason: "parameter u has no value"})},
		{"createArray()", arr()},
		{"createArray(parameters('rid'))", arr(vnetRID)},
		{"createObject('a', 1, 'b', parameters('u')).a", int64(1)},
		{"createObject('a', 1, 'A', 2)", obj{"A": int64(2)}},
		{"createObject('a')", obj{}}, // ARM rejects it (Check); the pairs are read
		{"createObject('a', 1, 'b')", obj{"a": int64(1)}},
		{"createObject(1, 2)", errW("property name")},
		{"createObject(parameters('u'), 2)", unk{}},
		{"array('x')", arr("x")}, {"array(createArray(1))", arr(int64(1))}, {"array(parameters('u'))", unk{}},
		{"union(createArray(1, 2), createArray(2, 3))", arr(int64(1), int64(2), int64(3))},
		{"union(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2)))", obj{"a": int64(1), "b": int64(2), "n": obj{"x": int64(1), "y": int64(2)}}},
		{"union(createObject('a', 1), createObject('A', 2))", obj{"A": int64(2)}},
		{"union(createArray(1), createObject())", errW("all arguments must be arrays")},
		{"union(createArray(parameters('u')), createArray(1))", unk{}},
		{"union(parameters('u'), createArray(1))", unk{}},
		{"intersection(createArray(1, 2, 3), createArray(2, 3, 4))", arr(int64(2), int64(3))},
		{"intersection(createObject('a', 1, 'b', 2), createObject('a', 1, 'b', 3))", obj{"a": int64(1)}},
		{"contains('abc', 'b')", true}, {"contains('abc', 'B')", false}, {"contains(createArray(1, 2), 2)", true},
		{"contains(createObject('Key', 1), 'key')", true}, {"contains(createArray(parameters('u')), 2)", unk{}},
		{"contains(createArray(parameters('u'), 2), 2)", true}, {"contains(parameters('u'), 'x')", unk{}}, {"contains(1, 1)", errW("must be")},
		{"length('héllo')", int64(5)}, {"length(createArray(1, 2))", int64(2)}, {"length(parameters('o'))", int64(3)}, {"length(1)", errW("must be")},
		{"length(parameters('u'))", unk{}}, {"length(parameters('ua'))", int64(2)},
		{"first(createArray(1, 2))", int64(1)}, {"last(createArray(1, 2))", int64(2)}, {"first(createArray())", nil}, {"first('abc')", "a"}, {"last('abc')", "c"},
		{"skip(createArray(1, 2, 3), 1)", arr(int64(2), int64(3))}, {"take(createArray(1, 2, 3), 5)", arr(int64(1), int64(2), int64(3))},
		{"skip('hello', -1)", "hello"}, {"take('hello', 2)", "he"}, {"take(1, 1)", errW("must be")},
		{"tryGet(parameters('o'), 'nested', 'x')", "y"}, {"tryGet(parameters('o'), 'zzz', 'x')", nil}, {"tryGet(null, 'a')", nil},
		{"tryGet(parameters('a'), 5)", nil}, {"tryGet(parameters('a'), 0)", int64(1)}, {"tryGet(parameters('u'), 'a')", unk{}}, {"tryGet('s', 'a')", errW("cannot read")},
		{"tryIndexFromEnd(parameters('a'), 1)", int64(3)}, {"tryIndexFromEnd(parameters('a'), 9)", nil},
		{"indexFromEnd(parameters('a'), 3)", int64(1)}, {"indexFromEnd(parameters('a'), 4)", errW("out of range")},
		{"shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('n', createObject('y', 2))))", obj{"a": int64(1), "n": obj{"y": int64(2)}}},
		{"flatten(createArray(createArray(1), createArray(2, 3)))", arr(int64(1), int64(2), int64(3))}, {"flatten(createArray(1))", errW("array of arrays")},
		{"join(createArray('a', 'b'), '-')", "a-b"}, {"join(parameters('ua'), '-')", unk{}},
		{"items(createObject('b', 2, 'a', 1))", arr(obj{"key": "a", "value": int64(1)}, obj{"key": "b", "value": int64(2)})},
		{"objectKeys(createObject('b', 2, 'a', 1))", arr("a", "b")},
	})
}

func TestNumeric(t *testing.T) {
	runCases(t, []evalCase{
		{"add(1, 2)", int64(3)}, {"sub(1, 2)", int64(-1)}, {"mul(3, 4)", int64(12)}, {"div(7, 2)", int64(3)}, {"mod(7, 2)", int64(1)},
		{"div(1, 0)", errW("division by zero")}, {"add(9223372036854775807, 1)", errW("overflow")}, {"mul(9223372036854775807, 2)", errW("overflow")},
		{"add('1', 2)", errW("must be an integer")}, {"add(parameters('u'), 1)", unk{}},
		{"int('42')", int64(42)}, {"int(json('4.7'))", int64(4)}, {"int('x')", errW("cannot convert")},
		{"float('1.5')", 1.5}, {"float(2)", 2.0},
		{"min(3, 1, 2)", int64(1)}, {"max(createArray(3, 7, 2))", int64(7)}, {"min(createArray())", errW("at least one")}, {"max(1, 'a')", errW("numbers")},
		{"range(2, 3)", arr(int64(2), int64(3), int64(4))}, {"range(0, 0)", arr()}, {"range(0, 10001)", errW("out of range")},
		{"copyIndex()", int64(2)}, {"copyIndex(1)", int64(3)}, {"copyIndex('loop', 10)", int64(12)}, {"copyIndex('other')", unkR("outside a copy loop")},
		{"copyIndex(true)", errW("loop name or an offset")},
	})
}

func TestLambdas(t *testing.T) {
	runCases(t, []evalCase{
		{"map(createArray(1, 2), lambda('x', mul(lambdaVariables('x'), 10)))", arr(int64(10), int64(20))},
		{"map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))", arr("a0", "b1")},
		{"map(createArray(1, 2), lambda('x', if(equals(lambdaVariables('x'), 1), parameters('u'), 'k')))[1]", "k"},
		{"map(parameters('u'), lambda('x', 1))", unk{}},
		{"map(createArray(1), lambda('x', 'y', 'z', 1))", errW("the lambda must have")},
		{"map(createArray(1), 'x')", errW("must be a lambda")},
		{"filter(createArray(1, 2, 3), lambda('x', greater(lambdaVariables('x'), 1)))", arr(int64(2), int64(3))},
		{"filter(createArray(1), lambda('x', 'y'))", errW("must return a bool")},
		{"filter(createArray(1), lambda('x', parameters('u')))", unk{}},
		{"reduce(createArray(1, 2, 3), 0, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))", int64(6)},
		{"reduce(createArray(1), 0, lambda('acc', 'x', parameters('u')))", unk{}},
		{"sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))", arr(int64(1), int64(2), int64(3))},
		{"toObject(variables('list'), lambda('e', lambdaVariables('e').name))", obj{"a": obj{"name": "a"}, "b": obj{"name": "b"}}},
		{"toObject(variables('list'), lambda('e', lambdaVariables('e').name), lambda('e', 1))", obj{"a": int64(1), "b": int64(1)}},
		{"toObject(createArray(1), lambda('e', lambdaVariables('e')))", errW("key must be a string")},
		{"groupBy(createArray('ab', 'ac', 'b'), lambda('s', substring(lambdaVariables('s'), 0, 1)))", obj{"a": arr("ab", "ac"), "b": arr("b")}},
		{"mapValues(createObject('a', 1), lambda('v', add(lambdaVariables('v'), 1)))", obj{"a": int64(2)}},
		{"map(createArray(1), lambda('x', lambda('y', 1)))", errW("lambda can only be")},
	})
}

func TestCIDR(t *testing.T) {
	runCases(t, []evalCase{
		{"parseCidr('10.144.0.0/20')", obj{"network": "10.144.0.0", "netmask": "255.255.240.0", "broadcast": "10.144.15.255", "firstUsable": "10.144.0.1", "lastUsable": "10.144.15.254", "cidr": int64(20)}},
		{"parseCidr('10.1.2.3/32').firstUsable", "10.1.2.3"},
		{"parseCidr('fdad:3236:5555::/48').lastUsable", "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff"},
		{"parseCidr('x')", errW("invalid CIDR")},
		{"cidrSubnet(parameters('cidr'), 24, 0)", "10.144.0.0/24"},
		{"cidrSubnet(parameters('cidr'), 24, 15)", "10.144.15.0/24"},
		{"cidrSubnet(parameters('cidr'), 24, 16)", errW("out of range")},
		{"cidrSubnet(parameters('cidr'), 16, 0)", errW("must be between")},
		{"cidrSubnet('fdad:3236:5555::/48', 52, 1)", "fdad:3236:5555:1000::/52"},
		{"cidrHost('10.144.3.0/24', 0)", "10.144.3.1"},
		{"cidrHost('10.144.3.0/24', 253)", "10.144.3.254"},
		{"cidrHost('10.144.3.0/24', 254)", errW("out of range")},
		{"cidrHost(parameters('u'), 1)", unk{}},
	})
}

func TestResourceIDs(t *testing.T) {
	sub := ResourceID{Kind: KindResourceGroup, Type: "Microsoft.Network/virtualNetworks/subnets", Names: []string{"v", "s"}}
	runCases(t, []evalCase{
		{"resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')", sub},
		{"resourceId('Microsoft.Network/virtualNetworks/subnets', 'v/s')", sub},
		{"resourceId('rg', 'Microsoft.Network/virtualNetworks', 'v')", ResourceID{Kind: KindResourceGroup, ResourceGroup: "rg", Type: "Microsoft.Network/virtualNetworks", Names: []string{"v"}}},
		{"resourceId('sub', 'rg', 'Microsoft.Network/virtualNetworks', 'v')", "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"},
		{"resourceId('Microsoft.Network/virtualNetworks/subnets', 'v')", errW("needs 2 name segments")},
		{"resourceId('a', 'b', 'c', 'Microsoft.Network/virtualNetworks', 'v')", errW("too many arguments")},
		{"resourceId('Microsoft.Network/virtualNetworks', parameters('u'))", unk{}},
		{"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'g')", ResourceID{Kind: KindSubscription, Type: "Microsoft.Authorization/roleDefinitions", Names: []string{"g"}}},
		{"tenantResourceId('Microsoft.Management/managementGroups', 'mg')", "/providers/Microsoft.Management/managementGroups/mg"},
		{"managementGroupResourceId('mg', 'Microsoft.Authorization/policyDefinitions', 'p')", "/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policyDefinitions/p"},
		{"extensionResourceId('/x/y', 'Microsoft.Authorization/locks', 'l')", "/x/y/providers/Microsoft.Authorization/locks/l"},
		{"extensionResourceId(parameters('rid'), 'Microsoft.Authorization/locks', 'l')", ResourceID{Kind: KindExtension, Parent: vnetRID, Type: "Microsoft.Authorization/locks", Names: []string{"l"}}},
		// segments read in place: slashes trimmed from the type, empty segments, a
		// name of several segments, too many names, and the kinds' scope counts
		{"resourceId('/Microsoft.Network/virtualNetworks/subnets/', 'v/s')", sub},
		{"resourceId('Microsoft.Network//subnets', 'v', 's')", errW("invalid resource type")},
		{"resourceId('/', 'v')", errW("invalid resource type")},
		{"resourceId('Microsoft.Network/virtualNetworks/subnets', 'v//s')", errW("empty resource name segment")},
		{"resourceId('Microsoft.Network/virtualNetworks/subnets', 'v/s/')", errW("empty resource name segment")},
		{"resourceId('Microsoft.Network/virtualNetworks', 'v', 's')", errW("needs 1 name segments, got 2")},
		{"resourceId('s', 'rg', 'A.B/c/d', 'x/y')", "/subscriptions/s/resourceGroups/rg/providers/A.B/c/x/d/y"},
		{"subscriptionResourceId('s', 'A.B/c', 'x')", "/subscriptions/s/providers/A.B/c/x"},
		{"subscriptionResourceId('s', 'rg', 'A.B/c', 'x')", errW("too many arguments")},
		{"tenantResourceId('t', 'A.B/c', 'x')", errW("too many arguments")},
		{"reference('x')", unkR("deployed state")},
		{"resourceGroup().location", unk{}},
		{"deployment().name", unk{}},
	})
	if got := (ResourceID{Kind: KindResourceGroup, Type: "A.B/c/d", Names: []string{"x", "y"}}).Describe(); got != "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/A.B/c/x/d/y" {
		t.Errorf("Describe: %s", got)
	}
}

func TestEnvHooks(t *testing.T) {
	env := testEnv()
	env.Reference = func(args []any) any {
		if s, _ := args[0].(string); s == "dep" {
			return obj{"outputs": obj{"id": obj{"value": "x"}}}
		}
		return Unknown{}
	}
	env.Builtin = func(name string) (any, bool) {
		if name == "resourcegroup" {
			return obj{"location": "westeurope"}, true
		}
		return nil, false
	}
	env.UserFunction = func(ns, name string, args []any) any { return ns + "." + name }
	for expr, want := range map[string]any{
		"[reference('dep').outputs.id.value]": "x",
		"[reference('other')]":                unkR("not known statically"),
		"[resourceGroup().location]":          "westeurope",
		"[subscription().id]":                 unk{},
		"[my.fn(1)]":                          "my.fn",
	} {
		check(t, expr, EvalString(expr, env), want)
	}
}

func TestBudgetAndLimits(t *testing.T) {
	budget := 50
	env := testEnv()
	env.Budget = &budget
	v := EvalString("[map(range(0, 1000), lambda('i', add(lambdaVariables('i'), 1)))]", env)
	check(t, "budget", v, unkR(ReasonBudget))
	if budget != 0 {
		t.Errorf("budget left %d", budget)
	}
	check(t, "too large", EvalString("[range(0, 10000)]", nil), arr(rangeInts(10000)...))
	big := "[replace(replace(replace(replace(padLeft('', 1000, 'x'), 'x', padLeft('', 1000, 'x')), 'x', 'yy'), 'y', 'zz'), 'z', 'ww')]"
	check(t, "string size", EvalString(big, nil), unk{})
	check(t, "nil env", EvalString("[parameters('x')]", nil), unkR("not available"))
	check(t, "syntax", EvalString("[concat(]", nil), errW("syntax error"))
	check(t, "literal", EvalString("[[x]", nil), "[x]")
	check(t, "plain", EvalString("abc", nil), "abc")
}

func rangeInts(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = int64(i)
	}
	return out
}

func TestFirstUnknownAndNormalize(t *testing.T) {
	u := Unknown{Reason: "r"}
	if got, ok := FirstUnknown(obj{"a": arr(1, u)}); !ok || got != u {
		t.Errorf("FirstUnknown: %v %v", got, ok)
	}
	if _, ok := FirstUnknown(obj{"a": vnetRID}); ok {
		t.Error("a ResourceID is known")
	}
	if got := Normalize(map[string]any{"a": []any{1.0, 2.5}}); !reflect.DeepEqual(got, obj{"a": arr(int64(1), 2.5)}) {
		t.Errorf("Normalize: %#v", got)
	}
	if TypeName(vnetRID) != "string (resource ID)" || TypeName(int64(1)) != "int" {
		t.Error("TypeName")
	}
}

// TestMemberWise: createObject, createArray and if() over a condition not known
// evaluate member by member: a member that fails or is not known leaves the others
// known; union() merges what is known.
func TestMemberWise(t *testing.T) {
	env := testEnv()
	ev := func(s string) any { return EvalString("["+s+"]", env) }
	m, ok := ev("createObject('a', 1, 'b', parameters('nope'), 'c', parameters('u'))").(obj)
	if !ok {
		t.Fatalf("createObject with a failing member: %#v", m)
	}
	check(t, "known member", m["a"], int64(1))
	check(t, "failing member", m["b"], unkR("the expression fails: parameters"))
	check(t, "unknown member", m["c"], unkR("parameter u has no value"))
	a, _ := ev("createArray(1, div(1, 0))").([]any)
	if len(a) != 2 || a[0] != int64(1) {
		t.Fatalf("createArray: %#v", a)
	}
	check(t, "failing element", a[1], unkR("the expression fails: div"))
	// AKS-Construction's shape: the cluster's properties built by union over if().
	u, ok := ev(`union(createObject('kubernetesVersion', '1.30', 'networkProfile', createObject('serviceCidr', '10.0.0.0/16', 'podCidr', parameters('nope'))),
		if(parameters('u'), createObject('dnsPrefix', 'x', 'networkProfile', createObject('networkPlugin', 'azure')), createObject('networkProfile', createObject('networkPlugin', 'azure'))))`).(obj)
	if !ok {
		t.Fatalf("union over if: %#v", u)
	}
	check(t, "union keeps a literal", u["kubernetesVersion"], "1.30")
	check(t, "branch-only member", u["dnsPrefix"], unkR("parameter u has no value"))
	np := u["networkProfile"].(obj)
	check(t, "member both branches agree on", np["networkPlugin"], "azure")
	check(t, "literal beside a failing member", np["serviceCidr"], "10.0.0.0/16")
	check(t, "failing member", np["podCidr"], unkR("the expression fails"))
	// A failing condition: the branches' common members still stand.
	c, _ := ev("if(parameters('nope'), createObject('x', 1, 'y', 2), createObject('x', 1, 'y', 3))").(obj)
	check(t, "common member under a failing condition", c["x"], int64(1))
	check(t, "differing member under a failing condition", c["y"], unkR("the expression fails"))
	// Not objects on both sides: the whole is not known.
	check(t, "if over object and string", ev("if(parameters('u'), createObject('x', 1), 'x')"), unk{})
	// A key that fails makes the whole object unknown: it could be any name.
	check(t, "failing key", ev("createObject(parameters('nope'), 1, 'a', 2)"), unkR("the expression fails"))
	// json() reads raw newlines inside strings, as ARM does.
	check(t, "json multi-line", ev("json('{\"a\": \"l1\nl2\", \"b\": [1,\n2]}')"), obj{"a": "l1\nl2", "b": arr(int64(1), int64(2))})
}

// TestCheck: Check names the calls ARM rejects whatever the values, and nothing else.
func TestCheck(t *testing.T) {
	for expr, want := range map[string][]string{
		"concat('a', 'b')": nil,
		"createObject('a', 1, 'b', createObject('b'))":                     {"createObject('b'): the template language function 'createObject' must have an even number of arguments (name, value pairs), got 1"},
		"concat(nosuch(1), listKeys('x', '2020-01-01').keys[0], utcNow())": {"nosuch(1): the template language function 'nosuch' is not valid"},
		"if(true, 1)":    {"if(true, 1): the template language function 'if' expects 3 arguments, got 2"},
		"ns.fn(1, 2, 3)": nil,
		"map(createArray(1), lambda('x', toLower()))": {"toLower(): the template language function 'toLower' expects 1 argument, got 0"},
	} {
		n, err := Parse(expr)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, is := range Check(n) {
			got = append(got, is.Node.Source()+": "+is.Msg)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", expr, got, want)
		}
	}
}
