package armexpr

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpusDir holds real templates (see its NOTICE).
const corpusDir = "../../../../testdata/corpus"

// stripJSONC removes // and /* */ comments and trailing commas outside
// strings, enough to read the corpus in tests.
func stripJSONC(b []byte) []byte {
	var out []byte
	inStr := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inStr {
			out = append(out, c)
			if c == '\\' && i+1 < len(b) {
				i++
				out = append(out, b[i])
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
			out = append(out, c)
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			i += 2
			for i+1 < len(b) && (b[i] != '*' || b[i+1] != '/') {
				i++
			}
			i++
		case c == ']' || c == '}':
			// drop a trailing comma before the closing bracket
			j := len(out) - 1
			for j >= 0 && (out[j] == ' ' || out[j] == '\n' || out[j] == '\r' || out[j] == '\t') {
				j--
			}
			if j >= 0 && out[j] == ',' {
				out = append(out[:j], out[j+1:]...)
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

func readCorpusJSON(t testing.TB, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	dec := json.NewDecoder(strings.NewReader(string(stripJSONC(b))))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return Normalize(v).(map[string]any)
}

// corpusFiles are the templates and parameter files of the corpus (not the
// extractor's golden documents kept beside them).
func corpusFiles(t testing.TB) []string {
	all, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	var files []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".golden.json") {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Fatal("corpus not found at " + corpusDir)
	}
	return files
}

// scope is a small stand-in for the extractor: one template's parameters
// and variables (with copy variables), evaluated lazily and memoized.
type scope struct {
	params   map[string]any
	supplied map[string]func() any
	vars     map[string]any
	cache    map[string]any
	busy     map[string]bool
	copyIdx  map[string]int64
	budget   int
}

func newScope(tmpl map[string]any) *scope {
	s := &scope{supplied: map[string]func() any{}, cache: map[string]any{}, busy: map[string]bool{}, copyIdx: map[string]int64{}, budget: 50_000_000}
	s.params, _ = tmpl["parameters"].(map[string]any)
	s.vars, _ = tmpl["variables"].(map[string]any)
	return s
}

func ciGet(m map[string]any, name string) (string, any, bool) {
	if v, ok := m[name]; ok {
		return name, v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return k, v, true
		}
	}
	return "", nil, false
}

func (s *scope) env() *Env {
	return &Env{
		Parameter: s.parameter,
		Variable:  s.variable,
		CopyIndex: func(loop string, offset int64) any {
			if i, ok := s.copyIdx[strings.ToLower(loop)]; ok {
				return i + offset
			}
			return Unknown{Reason: "outside copy loop"}
		},
		Budget: &s.budget,
	}
}

func (s *scope) parameter(name string) (any, bool) {
	k, def, ok := ciGet(s.params, name)
	if !ok {
		return nil, false
	}
	for sk, f := range s.supplied {
		if strings.EqualFold(sk, k) {
			return f(), true
		}
	}
	d, _ := def.(map[string]any)
	if dv, ok := d["defaultValue"]; ok {
		return s.evalJSON(dv), true
	}
	if d["nullable"] == true {
		return nil, true
	}
	return Unknown{Reason: "parameter " + k + " has no value"}, true
}

func (s *scope) variable(name string) (any, bool) {
	if arr, ok := s.vars["copy"].([]any); ok {
		for _, c := range arr {
			cm, _ := c.(map[string]any)
			if n, _ := cm["name"].(string); strings.EqualFold(n, name) {
				return s.memo("copy:"+strings.ToLower(n), func() any { return s.copyVar(n, cm) }), true
			}
		}
	}
	k, raw, ok := ciGet(s.vars, name)
	if !ok || k == "copy" {
		return nil, false
	}
	return s.memo("var:"+strings.ToLower(k), func() any { return s.evalJSON(raw) }), true
}

func (s *scope) memo(key string, f func() any) any {
	if v, ok := s.cache[key]; ok {
		return v
	}
	if s.busy[key] {
		return Unknown{Reason: "circular reference " + key}
	}
	s.busy[key] = true
	v := f()
	delete(s.busy, key)
	s.cache[key] = v
	return v
}

func (s *scope) copyVar(name string, c map[string]any) any {
	count := s.evalJSON(c["count"])
	n, ok := asInt(count)
	if !ok {
		return Unknown{Reason: "copy count unknown"}
	}
	out := make([]any, 0, n)
	for i := int64(0); i < n && i < 800; i++ {
		s.copyIdx[strings.ToLower(name)] = i
		out = append(out, s.evalJSON(c["input"]))
	}
	delete(s.copyIdx, strings.ToLower(name))
	return out
}

func (s *scope) evalJSON(v any) any {
	switch x := v.(type) {
	case string:
		return EvalString(x, s.env())
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = s.evalJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			kv := EvalString(k, s.env())
			ks, ok := kv.(string)
			if !ok {
				return Unknown{Reason: "unknown property name " + k}
			}
			out[ks] = s.evalJSON(e)
		}
		return out
	}
	return v
}

// nestedScope is the scope of an inline nested deployment with inner
// expression evaluation: parameters passed down from the outer scope.
func (s *scope) nestedScope(dep map[string]any) (*scope, map[string]any, bool) {
	props, _ := dep["properties"].(map[string]any)
	tmpl, ok := props["template"].(map[string]any)
	if !ok {
		return nil, nil, false
	}
	opts, _ := props["expressionEvaluationOptions"].(map[string]any)
	if sc, _ := opts["scope"].(string); !strings.EqualFold(sc, "inner") {
		return s, tmpl, true
	}
	inner := newScope(tmpl)
	passed, _ := props["parameters"].(map[string]any)
	for k, pv := range passed {
		pm, _ := pv.(map[string]any)
		raw, has := pm["value"]
		if !has {
			continue
		}
		name, _ := dep["name"].(string)
		inner.supplied[k] = func() any {
			return s.memo("passed:"+k+":"+name, func() any { return s.evalJSON(raw) })
		}
	}
	return inner, tmpl, true
}

// expressions calls fn for every expression string in a template, with the
// scope it is evaluated in, descending into nested deployments.
func (s *scope) expressions(tmpl map[string]any, fn func(sc *scope, expr string)) {
	var walk func(v any, top bool)
	walk = func(v any, top bool) {
		switch x := v.(type) {
		case string:
			if IsExpression(x) {
				fn(s, x)
			}
		case []any:
			for _, e := range x {
				walk(e, false)
			}
		case map[string]any:
			if t, _ := x["type"].(string); strings.EqualFold(t, "Microsoft.Resources/deployments") && !top {
				if inner, nt, ok := s.nestedScope(x); ok {
					for k, e := range x {
						if k != "properties" {
							walk(e, false)
						}
					}
					props := x["properties"].(map[string]any)
					for k, e := range props {
						if k != "template" {
							walk(e, false)
						}
					}
					inner.expressions(nt, fn)
					return
				}
			}
			for k, e := range x {
				walk(k, false)
				walk(e, false)
			}
		}
	}
	walk(tmpl, true)
}

func loadScope(t testing.TB, file string) (*scope, map[string]any) {
	tmpl := readCorpusJSON(t, file)
	s := newScope(tmpl)
	pf := strings.TrimSuffix(file, ".json") + ".parameters.json"
	if _, err := os.Stat(pf); err == nil {
		pv := readCorpusJSON(t, pf)
		ps, _ := pv["parameters"].(map[string]any)
		for k, v := range ps {
			vm, _ := v.(map[string]any)
			if val, ok := vm["value"]; ok {
				s.supplied[k] = func() any { return val }
			}
		}
	}
	return s, tmpl
}

// knownCorpusErrors are evaluation errors, checked by reading the
// templates, that are real: defects of the templates, or expressions only
// evaluated by ARM when a condition that is false with the default values
// holds.
var knownCorpusErrors = map[string][]string{
	// Bicep 0.17.1 emitted a createObject with 33 arguments (a property
	// name is missing before createObject('restrictionLevel', ...)) and a
	// reference to an undeclared parameter ebpfDataplane.
	"aksc-system-preset.json": {`createObject: expects an even number of arguments`, `no parameter "ebpfDataplane"`},
	// calcAzFwIp module, deployed only when azureFirewalls is true: the
	// default firewall prefix '' has no octets.
	"aksc-network-for-byo.json": {`[]: index 1 is out of range (length 1)`},
	// The flux module is deployed only when fluxExtension is not empty.
	"carml-managed-cluster.json": {`the object has no property "configurations"`},
	// Checkov test fixtures use parameters and variables they never declare.
	"checkov-aks-agentpool-maxpods-33.json": {`the template has no parameter`},
	"checkov-aks-maxpods-28-kubenet.json":   {`the template has no parameter`, `the template has no variable`},
}

func TestCorpusExpressions(t *testing.T) {
	total := 0
	for _, f := range corpusFiles(t) {
		base := filepath.Base(f)
		if strings.HasSuffix(base, ".parameters.json") {
			continue // parameter files hold literal values, not expressions
		}
		s, tmpl := loadScope(t, f)
		counts := map[string]int{}
		s.expressions(tmpl, func(sc *scope, expr string) {
			total++
			if _, err := ParseString(expr); err != nil {
				t.Errorf("%s: %v in %.200s", base, err, expr)
				return
			}
			v := EvalString(expr, sc.env())
			switch x := v.(type) {
			case *EvalError:
				msg := x.Error()
				for _, want := range knownCorpusErrors[base] {
					if strings.Contains(msg, want) {
						counts["known-error"]++
						return
					}
				}
				t.Errorf("%s: %v\n  in %.300s", base, x, expr)
			case Unknown:
				counts["unknown"]++
			default:
				counts["known"]++
			}
		})
		t.Logf("%-45s %v", base, counts)
	}
	t.Logf("%d expressions", total)
}

// evalIn evaluates one expression in a template's scope (or in the scope
// of the nested deployment named dep).
func evalIn(t *testing.T, file, dep, expr string) any {
	t.Helper()
	s, tmpl := loadScope(t, filepath.Join(corpusDir, file))
	if dep != "" {
		found := false
		res, _ := tmpl["resources"].([]any)
		for _, r := range res {
			rm, _ := r.(map[string]any)
			if n, _ := rm["name"].(string); n == dep {
				s, _, found = s.nestedScope(rm)
			}
		}
		if !found {
			t.Fatalf("no nested deployment %s in %s", dep, file)
		}
	}
	return EvalString(expr, s.env())
}

func TestCorpusValues(t *testing.T) {
	corpusFiles(t)
	tests := []struct {
		file, dep, expr string
		want            any
	}{
		// AKS Construction with its parameter file (resourceName "byo",
		// agentCount 1, agentCountMax 2, availabilityZones 1-3,
		// SystemPoolType Standard, ...).
		{"aksc-main-2022.json", "", "[format('agw-{0}', parameters('resourceName'))]", "agw-byo"},
		{"aksc-main-2022.json", "", "[variables('autoScale')]", true},
		{"aksc-main-2022.json", "", "[variables('userPoolVmProfile')]", obj{
			"vmSize": "Standard_DS3_v2", "count": int64(1), "minCount": int64(1), "maxCount": int64(2),
			"enableAutoScaling": true, "availabilityZones": arr("1", "2", "3")}},
		{"aksc-main-2022.json", "", "[variables('systemPoolPresets')[parameters('SystemPoolType')].vmSize]", "Standard_DS2_v2"},
		{"aksc-main-2022.json", "", "[variables('AlertFrequency').windowSize]", "PT1H"},
		// byoAKSSubnetId is '/this/parameter/is/overridden/...': segment 4.
		{"aksc-main-2022.json", "", "[variables('existingAksVnetRG')]", "overridden"},
		{"aksc-main-2022.json", "", "[variables('isPrivate')]", false},
		{"aksc-main-2022.json", "", "[variables('akssku')]", "Free"},
		// ingressApplicationGateway with a BYO app gateway subnet.
		{"aksc-main-2022.json", "", "[variables('deployAppGw')]", true},
		{"aksc-main-2022.json", "", "[variables('appgwResourceId')]", ResourceID{Kind: KindResourceGroup, Type: "Microsoft.Network/applicationGateways", Names: []string{"agw-byo"}}},
		{"aksc-main-2022.json", "", "[variables('keyVaultSecretsUserRole')]", ResourceID{Kind: KindResourceGroup, Type: "Microsoft.Authorization/roleDefinitions", Names: []string{"4633458b-17de-408a-b874-0445c86b69e6"}}},
		{"aksc-main-2022.json", "", "[variables('akvName')]", Unknown{Expr: "uniqueString(resourceGroup().id, parameters('resourceName'))", Reason: "uniqueString() is only known at deployment time"}},
		// The network module: subnets built by concat/array/union.
		{"aksc-main-2022.json", "network", "[variables('vnetName')]", "vnet-byo"},
		{"aksc-main-2022.json", "network", "[variables('subnets_4')]", arr(obj{"name": "aks-sn", "properties": obj{"addressPrefix": "10.240.0.0/22"}})},
		{"aksc-main-2022.json", "network", "[format('{0}/subnets/{1}', resourceId('Microsoft.Network/virtualNetworks', variables('vnetName')), variables('aks_subnet_name'))]",
			ResourceID{Kind: KindResourceGroup, Type: "Microsoft.Network/virtualNetworks/subnets", Names: []string{"vnet-byo", "aks-sn"}}},
		// AVM managed cluster (languageVersion 2.0, lambdas, tryGet).
		{"avm-managed-cluster.json", "", "[map(parameters('primaryAgentPoolProfiles'), lambda('p', tryGet(lambdaVariables('p'), 'vnetSubnetResourceId')))]", unk{}},
		{"avm-managed-cluster.json", "", "[reduce(map(coalesce(tryGet(parameters('managedIdentities'), 'userAssignedResourceIds'), createArray()), lambda('id', createObject(format('{0}', lambdaVariables('id')), createObject()))), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]", obj{}},
		{"avm-managed-cluster.json", "", "[if(equals(tryGet(parameters('lock'), 'kind'), 'None'), null(), 'x')]", "x"},
		{"avm-managed-cluster.json", "", "[coalesce(tryGet(parameters('managedIdentities'), 'systemAssigned'), false())]", false},
	}
	for _, tt := range tests {
		got := evalIn(t, tt.file, tt.dep, tt.expr)
		check(t, tt.file+" "+tt.dep+" "+tt.expr, got, tt.want)
	}
}

// corpusSeeds returns distinct expression texts from the corpus (without
// brackets), for fuzzing and benchmarks.
func corpusSeeds(t testing.TB) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if IsExpression(x) && !seen[x] {
				seen[x] = true
				out = append(out, x[1:len(x)-1])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for k, e := range x {
				walk(k)
				walk(e)
			}
		}
	}
	for _, f := range corpusFiles(t) {
		if strings.HasSuffix(f, ".parameters.json") {
			continue
		}
		walk(readCorpusJSON(t, f))
	}
	sort.Strings(out)
	return out
}

func BenchmarkCorpusExpressions(b *testing.B) {
	seeds := corpusSeeds(b)
	env := testEnv()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range seeds {
			n, err := Parse(s)
			if err == nil {
				Eval(n, env)
			}
		}
	}
}
