package bicep

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cyclicByName is the cycle finder as it was, over names ("r:"+sym, "m:"+name,
// "v:"+name) in maps: the reference the numbered graph must agree with.
func cyclicByName(fc *fileCtx) map[string]bool {
	edges := map[string][]string{}
	mentions := func(from string, xs ...Expr) {
		for _, x := range xs {
			walk(x, func(e Expr) {
				switch v := e.(type) {
				case *Ident:
					if _, ok := fc.res[v.Name]; ok {
						edges[from] = append(edges[from], "r:"+v.Name)
					} else if _, ok := fc.mods[v.Name]; ok {
						edges[from] = append(edges[from], "m:"+v.Name)
					} else if _, ok := fc.vars[v.Name]; ok {
						edges[from] = append(edges[from], "v:"+v.Name)
					}
				case *Member:
					if strings.HasPrefix(v.Name, "::") {
						if ri := fc.resourceOf(v); ri != nil {
							edges[from] = append(edges[from], "r:"+ri.sym)
						}
					}
				}
			})
		}
	}
	for sym, ri := range fc.res {
		var xs []Expr
		if ri.body != nil {
			for _, p := range ri.body.Props {
				xs = append(xs, p.Value)
			}
		}
		if ri.loop != nil {
			xs = append(xs, ri.loop.Iter)
		}
		mentions("r:"+sym, append(xs, ri.cond)...)
	}
	for name, mi := range fc.mods {
		var xs []Expr
		if mi.body != nil {
			for _, p := range mi.body.Props {
				xs = append(xs, p.Value)
			}
		}
		if mi.loop != nil {
			xs = append(xs, mi.loop.Iter)
		}
		mentions("m:"+name, append(xs, mi.cond)...)
	}
	for name, v := range fc.vars {
		mentions("v:"+name, v.Value)
	}
	// Every node that can reach itself: a cycle, by search from each node.
	cyclic := map[string]bool{}
	for start := range edges {
		seen := map[string]bool{}
		todo := append([]string(nil), edges[start]...)
		for len(todo) > 0 {
			w := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			if w == start {
				cyclic[start] = true
				break
			}
			if !seen[w] {
				seen[w] = true
				todo = append(todo, edges[w]...)
			}
		}
	}
	return cyclic
}

// checkCycles compares resInCycle and modInCycle with cyclicByName on src, and
// returns how many declarations are in a cycle.
func checkCycles(t *testing.T, name, src string) int {
	t.Helper()
	f, err := Parse(name, src, false)
	if err != nil {
		return 0
	}
	c := &compiler{w: newJW(), reads: map[[2]string]readResult{}, loaded: map[[2]string]string{}, compiled: map[string]compiledModule{}}
	fc := newFileCtx(c, f)
	want := cyclicByName(fc)
	n := 0
	for sym := range fc.res {
		if got := fc.resInCycle(sym); got != want["r:"+sym] {
			t.Errorf("%s: resource %s: in a cycle %v, want %v", name, sym, got, want["r:"+sym])
		}
		if want["r:"+sym] {
			n++
		}
	}
	for m := range fc.mods {
		if got := fc.modInCycle(m); got != want["m:"+m] {
			t.Errorf("%s: module %s: in a cycle %v, want %v", name, m, got, want["m:"+m])
		}
		if want["m:"+m] {
			n++
		}
	}
	if fc.resInCycle("no such resource") || fc.modInCycle("no such module") {
		t.Errorf("%s: an undeclared name is in a cycle", name)
	}
	return n
}

// TestCyclesMatchNames: the numbered graph finds the cycles that a search over
// names finds, on graphs made to have cycles (self, two, three through a variable
// and a module, two cycles joined by a path, nested resources by a::b) and on every
// Bicep file of testdata and of the shared corpus.
func TestCyclesMatchNames(t *testing.T) {
	res := func(name, props string) string {
		return "resource " + name + " 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: '" + name + "'\n  properties: " + props + "\n}\n"
	}
	cycles := 0
	for name, src := range map[string]string{
		"self":   res("a", "a.properties"),
		"two":    res("a", "b.properties") + res("b", "a.properties") + res("c", "a.properties"),
		"three":  "var x = m.outputs.o\nmodule m 'm.bicep' = {\n  name: 'm'\n  params: {\n    p: a.properties\n  }\n}\n" + res("a", "x"),
		"joined": res("a", "b.properties") + res("b", "a.properties") + res("c", "{\n    x: a.properties\n    y: d.properties\n  }") + res("d", "c.properties") + res("e", "e.id"),
		"nested": "resource a 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'a'\n  properties: a::s.properties\n  resource s 'subnets' = {\n    name: 's'\n    properties: a.properties\n  }\n}\n",
		"loop":   "resource a 'Microsoft.Network/virtualNetworks@2024-05-01' = [for i in b.properties.x: {\n  name: 'a'\n}]\n" + res("b", "a[0].properties"),
		"none":   res("a", "{}") + res("b", "a.properties") + "var x = b.id\n",
	} {
		cycles += checkCycles(t, name, src)
	}
	if cycles < 12 {
		t.Errorf("%d declarations in cycles, want the 12 or more the cases have", cycles)
	}
	n := 0
	for _, dir := range []string{filepath.Join(repoRoot, "testdata", "bicep"), filepath.Join(repoRoot, "..", "shared", "corpus", "bicep")} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !IsBicepName(p) {
				return err
			}
			data, err := os.ReadFile(p)
			if err == nil {
				n++
				checkCycles(t, p, string(data))
			}
			return nil
		})
	}
	if n < 50 {
		t.Errorf("only %d files read", n)
	}
}
