package bicep

import "strings"

// resInCycle and modInCycle report whether a resource (by symbolic name) or a
// module (by name) takes part in a cycle of references among the file's resources,
// modules and variables. The Bicep compiler refuses such a file (BCP080); the ARM
// reader, handed reference() of a resource whose properties lead back to it, would
// follow it without end. So reading its runtime properties or outputs is unknown.
// The graph is built on first use, from what each declaration mentions: more
// edges than Bicep counts (a lambda's parameter named like a resource is one),
// which can only make more values unknown, never a wrong value.
func (fc *fileCtx) resInCycle(sym string) bool {
	ri, ok := fc.res[sym]
	if !ok {
		return false
	}
	g := fc.cycles() // numbers the nodes
	return g.cyclic[ri.node]
}

func (fc *fileCtx) modInCycle(name string) bool {
	mi, ok := fc.mods[name]
	if !ok {
		return false
	}
	g := fc.cycles() // numbers the nodes
	return g.cyclic[mi.node]
}

// cycleGraph is the graph of references of a file's declarations: nodes numbered
// resources first (resInfo.node), then modules (modInfo.node), then variables.
// Numbers, not names: a map of names a graph, and a name built for each edge,
// were most of what finding the cycles of a module cost (BenchmarkCorpusPairs
// compiles each module of a project this way).
type cycleGraph struct {
	edges  [][]int32
	cyclic []bool
}

func (fc *fileCtx) cycles() *cycleGraph {
	if fc.graph == nil {
		fc.graph = fc.findCycles()
	}
	return fc.graph
}

func (fc *fileCtx) findCycles() *cycleGraph {
	n := int32(0)
	for _, ri := range fc.res {
		ri.node = n
		n++
	}
	for _, mi := range fc.mods {
		mi.node = n
		n++
	}
	vars := make(map[string]int32, len(fc.vars))
	for name := range fc.vars {
		vars[name] = n
		n++
	}
	g := &cycleGraph{edges: make([][]int32, n), cyclic: make([]bool, n)}
	// in is the resource the expressions are written in (env.in).
	mentions := func(from int32, in *Resource, xs ...Expr) {
		for _, x := range xs {
			walk(x, func(e Expr) {
				switch v := e.(type) {
				case *Ident:
					if ri := fc.resourceIn(in, v); ri != nil {
						g.edges[from] = append(g.edges[from], ri.node)
					} else if mi, ok := fc.mods[v.Name]; ok {
						g.edges[from] = append(g.edges[from], mi.node)
					} else if k, ok := vars[v.Name]; ok {
						g.edges[from] = append(g.edges[from], k)
					}
				case *Member:
					if strings.HasPrefix(v.Name, "::") {
						if ri := fc.resourceIn(in, v); ri != nil {
							g.edges[from] = append(g.edges[from], ri.node)
						}
					}
				}
			})
		}
	}
	var xs []Expr
	for _, ri := range fc.res {
		xs = xs[:0]
		if ri.body != nil {
			for _, p := range ri.body.Props {
				xs = append(xs, p.Value)
			}
		}
		if ri.loop != nil {
			xs = append(xs, ri.loop.Iter)
		}
		mentions(ri.node, ri.r, append(xs, ri.cond)...)
	}
	for _, mi := range fc.mods {
		xs = xs[:0]
		if mi.body != nil {
			for _, p := range mi.body.Props {
				xs = append(xs, p.Value)
			}
		}
		if mi.loop != nil {
			xs = append(xs, mi.loop.Iter)
		}
		mentions(mi.node, nil, append(xs, mi.cond)...)
	}
	for name, v := range fc.vars {
		mentions(vars[name], nil, v.Value)
	}
	g.findCyclic()
	return g
}

// findCyclic marks the nodes in a cycle, by Tarjan's strongly connected
// components: a node is in a cycle when its component has more than one node, or
// it mentions itself.
func (g *cycleGraph) findCyclic() {
	n := len(g.edges)
	index := make([]int32, n)
	low := make([]int32, n)
	for i := range index {
		index[i] = -1
	}
	onStack := make([]bool, n)
	var stack []int32
	next := int32(0)
	var connect func(v int32)
	connect = func(v int32) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range g.edges[v] {
			if index[w] < 0 {
				connect(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
			if w == v {
				g.cyclic[v] = true
			}
		}
		if low[v] == index[v] {
			top := len(stack) - 1
			for stack[top] != v {
				top--
			}
			if len(stack)-top > 1 {
				for _, w := range stack[top:] {
					g.cyclic[w] = true
				}
			}
			for _, w := range stack[top:] {
				onStack[w] = false
			}
			stack = stack[:top]
		}
	}
	for v := range g.edges {
		if index[v] < 0 && len(g.edges[v]) > 0 {
			connect(int32(v))
		}
	}
}
