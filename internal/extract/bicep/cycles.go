package bicep

import "strings"

// inCycle reports whether a resource or module (by its node name, "r:"+sym or
// "m:"+name) takes part in a cycle of references among the file's resources,
// modules and variables. The Bicep compiler refuses such a file (BCP080); the ARM
// reader, handed reference() of a resource whose properties lead back to it, would
// follow it without end. So reading its runtime properties or outputs is unknown.
// The graph is built on first use, from what each declaration mentions: more
// edges than Bicep counts (a lambda's parameter named like a resource is one),
// which can only make more values unknown, never a wrong value.
func (fc *fileCtx) inCycle(node string) bool {
	if fc.cyclic == nil {
		fc.cyclic = fc.findCycles()
	}
	return fc.cyclic[node]
}

func (fc *fileCtx) findCycles() map[string]bool {
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
	// Tarjan's strongly connected components: a node is in a cycle when its
	// component has more than one node, or it mentions itself.
	index := map[string]int{}
	low := map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	cyclic := map[string]bool{}
	n := 0
	var connect func(v string)
	connect = func(v string) {
		index[v], low[v] = n, n
		n++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range edges[v] {
			if _, seen := index[w]; !seen {
				connect(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
			if w == v {
				cyclic[v] = true
			}
		}
		if low[v] == index[v] {
			var comp []string
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			if len(comp) > 1 {
				for _, w := range comp {
					cyclic[w] = true
				}
			}
		}
	}
	for v := range edges {
		if _, seen := index[v]; !seen {
			connect(v)
		}
	}
	return cyclic
}
