package azcli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"mvdan.cc/sh/v3/syntax"
)

// Bounds that turn hostile scripts into unknowns instead of hangs.
const (
	maxDepth = 64      // nesting of statements, substitutions and expansions
	maxCalls = 16      // function call depth
	maxSteps = 1000000 // statements, words and copied variables, in total
)

// interp walks a parsed script in execution order. It never runs anything: it tracks
// what the variables hold and records what the az commands create.
type interp struct {
	src    *source
	m      *model
	env    *env
	funcs  map[string]funcDef
	frames []*frame
	loops  []*loopFrame
	level  int // subshell nesting
	depth  int
	steps  int
	// pure evaluates words without side effects (for deciding conditions).
	pure bool
	// output is what the last simple command is known to print (a resolved resource ID).
	output *value
	// exhausted is set once the work budget is spent; analysis stops there.
	exhausted bool
	// deep is set once something was nested too deeply to analyse.
	deep bool
	// zsh is set while the script read is zsh (no field splitting of parameter
	// expansions, arrays counted from 1).
	zsh bool
	// pre holds the assignments written before the command being dispatched.
	pre []preAssign
	// uncertain counts the enclosing branches and loop bodies that may not run: a
	// route table or NSG is complete (declared) only when the script certainly
	// creates it and certainly adds each of its routes or rules.
	uncertain int
	// slab holds pieces not yet handed out: a literal's one piece is cut from it
	// (in.knownValue), not allocated on its own.
	slab []piece
}

// slabPieces is the number of pieces allocated at once for literals' values.
const slabPieces = 32

// knownValue is knownValue(s, off) with its piece cut from the interpreter's slab:
// literals are most of a script's words, and a piece allocated for each was a tenth
// of the allocations of reading a small script (BenchmarkReadDir). The piece's slice
// is cut to a capacity of one, so that appending to it copies, as it does a new one.
func (in *interp) knownValue(s string, off int) value {
	if len(in.slab) == 0 {
		in.slab = make([]piece, slabPieces)
	}
	ps := in.slab[:1:1]
	in.slab = in.slab[1:]
	ps[0] = piece{text: s, off: off}
	return value{pieces: ps}
}

// maybe runs body as code that may not run.
func (in *interp) maybe(body func()) {
	in.uncertain++
	defer func() { in.uncertain-- }()
	body()
}

// under runs body, as code that may not run unless certain.
func (in *interp) under(certain bool, body func()) {
	if certain {
		body()
		return
	}
	in.maybe(body)
}

// frame is one function call.
type frame struct {
	name    string
	args    []value
	level   int
	saved   map[string]*value // variables shadowed by local, nil when they were unset
	returns []*env
}

// loopFrame collects the paths that leave a loop body early.
type loopFrame struct {
	level int
	exits []*env
}

func newInterp(src *source) *interp {
	return &interp{src: src, m: &model{}, env: newEnv(), funcs: map[string]funcDef{}}
}

// funcDef is a function declaration and the source (Markdown block) it was written in.
type funcDef struct {
	decl *syntax.FuncDecl
	src  *source
}

// spend charges n units of work and reports whether the budget still allows more.
func (in *interp) spend(n int) bool {
	if in.exhausted {
		return false
	}
	in.steps += n
	if in.steps > maxSteps {
		in.exhausted = true
		in.m.notes = append(in.m.notes, netdoc.Unresolved{Pointer: "", Expression: "",
			Reason: "the script is too large or too deeply repeated to analyse completely; analysis stopped at " + strconv.Itoa(maxSteps) + " steps"})
		return false
	}
	return true
}

// tooDeep reports (once, as a note) that the nesting limit is reached.
func (in *interp) tooDeep() bool {
	if in.depth < maxDepth {
		return false
	}
	if !in.deep {
		in.deep = true
		in.m.notes = append(in.m.notes, netdoc.Unresolved{Pointer: "", Expression: "",
			Reason: "commands nested more than " + strconv.Itoa(maxDepth) + " levels deep were not analysed"})
	}
	return true
}

func (in *interp) stmts(list []*syntax.Stmt) {
	for _, s := range list {
		if in.env.dead || in.exhausted {
			return
		}
		in.stmt(s)
	}
}

func (in *interp) stmt(s *syntax.Stmt) {
	if s == nil || !in.spend(1) || in.tooDeep() {
		return
	}
	in.depth++
	defer func() { in.depth-- }()
	if s.Background || s.Coprocess || s.Disown {
		in.subshell(func() { in.command(s.Cmd) })
	} else {
		in.command(s.Cmd)
	}
	for _, r := range s.Redirs {
		in.effects(r.Word)
		in.effects(r.Hdoc)
	}
}

// setVar assigns in the current path, charging a copy of shared variables to the budget.
func (in *interp) setVar(name string, v value) {
	if !in.env.owned {
		in.spend(len(in.env.vars))
	}
	in.env.set(name, v)
}

func (in *interp) delVar(name string) {
	if !in.env.owned {
		in.spend(len(in.env.vars))
	}
	in.env.del(name)
}

// clone copies a path's variables, charging the copy to the work budget.
func (in *interp) clone(e *env) *env {
	in.spend(1)
	return e.clone()
}

// merge joins paths, charging the comparison to the work budget.
func (in *interp) merge(uid string, paths ...*env) *env {
	out := merge(uid, paths...)
	if out.owned {
		in.spend(len(out.vars))
	}
	return out
}

// rejoin gives the state after a branch back its write access when it is still the
// state before the branch (no path assigned anything) and that state owned its
// variables: the paths that shared them are gone.
func (in *interp) rejoin(base *env, owned bool) {
	if owned && in.env.tag == base.tag {
		in.env.owned = true
	}
}

// subshell runs f with a copy of the variables: nothing it assigns survives, but the
// resources it creates do.
func (in *interp) subshell(f func()) {
	saved := in.env
	owned := saved.owned
	in.env = in.clone(saved)
	in.level++
	f()
	in.level--
	in.env = saved
	in.env.owned = owned // the subshell's copy is gone
}

func (in *interp) command(c syntax.Command) {
	switch c := c.(type) {
	case *syntax.CallExpr:
		in.call(c)
	case *syntax.DeclClause:
		in.decl(c)
	case *syntax.IfClause:
		in.ifClause(c)
	case *syntax.WhileClause:
		in.loop(c, func() { in.stmts(c.Cond); in.stmts(c.Do) })
	case *syntax.ForClause:
		in.forClause(c)
	case *syntax.CaseClause:
		in.caseClause(c)
	case *syntax.Block:
		in.stmts(c.Stmts)
	case *syntax.Subshell:
		in.subshell(func() { in.stmts(c.Stmts) })
	case *syntax.BinaryCmd:
		in.binary(c)
	case *syntax.FuncDecl:
		if c.Name != nil {
			in.funcs[c.Name.Value] = funcDef{c, in.src}
		}
		for _, n := range c.Names {
			in.funcs[n.Value] = funcDef{c, in.src}
		}
	case *syntax.ArithmCmd:
		in.arith(c.X)
	case *syntax.LetClause:
		for _, x := range c.Exprs {
			in.arith(x)
		}
	case *syntax.TestClause:
		in.testEffects(c.X)
	case *syntax.TimeClause:
		in.stmt(c.Stmt)
	case *syntax.CoprocClause:
		in.subshell(func() { in.stmt(c.Stmt) })
	}
}

// effects evaluates a word for its side effects only.
func (in *interp) effects(w *syntax.Word) {
	if w != nil {
		in.word(w)
	}
}

func (in *interp) testEffects(x syntax.TestExpr) {
	switch x := x.(type) {
	case *syntax.Word:
		in.effects(x)
	case *syntax.UnaryTest:
		in.testEffects(x.X)
	case *syntax.BinaryTest:
		in.testEffects(x.X)
		in.testEffects(x.Y)
	case *syntax.ParenTest:
		in.testEffects(x.X)
	}
}

func (in *interp) uidAt(n syntax.Node) string {
	l, c := in.src.pos(int(n.Pos().Offset()))
	return strconv.Itoa(l) + ":" + strconv.Itoa(c)
}

func (in *interp) binary(c *syntax.BinaryCmd) {
	switch c.Op {
	case syntax.Pipe, syntax.PipeAll:
		in.subshell(func() { in.stmt(c.X) })
		in.subshell(func() { in.stmt(c.Y) })
	case syntax.AndStmt, syntax.OrStmt:
		in.stmt(c.X)
		t := in.truth(c.X)
		if c.Op == syntax.OrStmt {
			t = t.not()
		}
		switch t {
		case yes:
			in.stmt(c.Y)
		case no:
		default:
			base := in.env
			owned := base.owned
			in.env = in.clone(base)
			in.maybe(func() { in.stmt(c.Y) })
			in.env = in.merge(in.uidAt(c), base, in.env)
			in.rejoin(base, owned)
		}
	}
}

func (in *interp) ifClause(c *syntax.IfClause) {
	in.stmts(c.Cond)
	if in.env.dead {
		return
	}
	t := in.truthList(c.Cond)
	base := in.env
	owned := base.owned
	var paths []*env
	if t != no {
		in.env = in.clone(base)
		in.under(t == yes, func() { in.stmts(c.Then) })
		paths = append(paths, in.env)
	}
	if t != yes {
		in.env = in.clone(base)
		in.under(t == no, func() {
			switch {
			case c.Else == nil:
			case c.Else.ThenPos.IsValid():
				in.ifClause(c.Else)
			default:
				in.stmts(c.Else.Then)
			}
		})
		paths = append(paths, in.env)
	}
	in.env = in.merge(in.uidAt(c), paths...)
	in.rejoin(base, owned)
}

func (in *interp) caseClause(c *syntax.CaseClause) {
	subject := in.value(c.Word)
	s, known := subject.known()
	base := in.env
	owned := base.owned
	var paths []*env
	matched := false
	for _, it := range c.Items {
		m := unk
		if known {
			m = no
			for _, p := range it.Patterns {
				switch pm := in.patternMatch(p, s); pm {
				case yes:
					m = yes
				case unk:
					if m == no {
						m = unk
					}
				default:
				}
				if m == yes {
					break
				}
			}
		}
		if m == no {
			continue
		}
		in.env = in.clone(base)
		// Certain only for the first item that can match, when it matches for sure.
		in.under(m == yes && len(paths) == 0, func() { in.stmts(it.Stmts) })
		paths = append(paths, in.env)
		if m == yes && it.Op == syntax.Break {
			matched = true
			break
		}
	}
	if !matched && !hasCatchAll(c) {
		paths = append(paths, in.clone(base))
	}
	in.env = in.merge(in.uidAt(c), paths...)
	in.rejoin(base, owned)
}

func hasCatchAll(c *syntax.CaseClause) bool {
	for _, it := range c.Items {
		for _, p := range it.Patterns {
			if p.Lit() == "*" {
				return true
			}
		}
	}
	return false
}

// patternMatch decides a case pattern against known text when the pattern is plain text
// or a lone "*".
func (in *interp) patternMatch(p *syntax.Word, s string) tri {
	if p.Lit() == "*" {
		return yes
	}
	saved := in.pure
	in.pure = true
	v := in.value(p)
	in.pure = saved
	t, ok := v.known()
	if !ok || strings.ContainsAny(p.Lit(), "*?[") {
		return unk
	}
	if t == s {
		return yes
	}
	return no
}

func (in *interp) forClause(c *syntax.ForClause) {
	var loopVar string
	switch l := c.Loop.(type) {
	case *syntax.WordIter:
		for _, w := range l.Items {
			in.effects(w)
		}
		loopVar = l.Name.Value
	case *syntax.CStyleLoop:
		in.arith(l.Init)
	}
	in.loop(c, func() {
		if loopVar != "" {
			in.setVar(loopVar, unknownValue("$"+loopVar+"@"+in.uidAt(c), "$"+loopVar+" is a loop variable"))
		}
		if cl, ok := c.Loop.(*syntax.CStyleLoop); ok {
			in.arith(cl.Cond)
		}
		in.stmts(c.Do)
		if cl, ok := c.Loop.(*syntax.CStyleLoop); ok {
			in.arith(cl.Post)
		}
	})
}

// loop analyses a loop body once. The variables the loop assigns are unknown inside it
// (they change from one pass to the next). The loop may run zero or more times, so the
// state after it merges the state before it, after one pass, and wherever the body left
// early.
func (in *interp) loop(c syntax.Node, body func()) {
	base := in.env
	owned := base.owned
	in.env = in.clone(base)
	for _, name := range assignedNames(c) {
		in.setVar(name, unknownValue("$"+name+"@"+in.uidAt(c), "$"+name+" changes from one pass of the loop to the next"))
	}
	lf := &loopFrame{level: in.level}
	in.loops = append(in.loops, lf)
	in.maybe(body) // a loop body may run no time
	in.loops = in.loops[:len(in.loops)-1]
	paths := append([]*env{base, in.env}, lf.exits...)
	in.env = in.merge(in.uidAt(c), paths...)
	in.rejoin(base, owned)
}

// assignedNames lists the variables a loop assigns, in order of first appearance.
func assignedNames(n syntax.Node) []string {
	var names []string
	seen := map[string]bool{}
	add := func(name string) {
		if name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	arithTarget := func(x syntax.ArithmExpr) {
		if w, ok := x.(*syntax.Word); ok && syntax.ValidName(w.Lit()) {
			add(w.Lit())
		}
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Assign:
			if n.Name != nil {
				add(n.Name.Value)
			}
		case *syntax.ParamExp:
			if n.Param != nil && n.Exp != nil && (n.Exp.Op == syntax.AssignUnset || n.Exp.Op == syntax.AssignUnsetOrNull) {
				add(n.Param.Value)
			}
		case *syntax.UnaryArithm:
			if n.Op == syntax.Inc || n.Op == syntax.Dec {
				arithTarget(n.X)
			}
		case *syntax.BinaryArithm:
			switch n.Op {
			case syntax.Assgn, syntax.AddAssgn, syntax.SubAssgn, syntax.MulAssgn, syntax.QuoAssgn,
				syntax.RemAssgn, syntax.AndAssgn, syntax.OrAssgn, syntax.XorAssgn, syntax.ShlAssgn,
				syntax.ShrAssgn, syntax.PowAssgn:
				arithTarget(n.X)
			default:
			}
		case *syntax.WordIter:
			add(n.Name.Value)
		}
		return true
	})
	return names
}

// assign sets a variable, recording where (for related locations).
func (in *interp) assign(name string, v value, at syntax.Node, local bool) {
	if in.pure || name == "" {
		return
	}
	if local && len(in.frames) > 0 {
		f := in.frames[len(in.frames)-1]
		if _, saved := f.saved[name]; !saved {
			if old, ok := in.env.vars[name]; ok {
				f.saved[name] = &old
			} else {
				f.saved[name] = nil
			}
		}
	}
	if at != nil {
		start, end := int(at.Pos().Offset()), int(at.End().Offset())
		v = v.withFrom(netdoc.Related{Location: in.src.loc(start, end), Message: "value of $" + name + " assigned here"})
	}
	in.setVar(name, v)
}

func (in *interp) setUnknown(name string, at syntax.Node, reason string) {
	in.assign(name, unknownValue("$"+name+"@"+in.uidAt(at), reason), nil, false)
}

func (in *interp) decl(c *syntax.DeclClause) {
	variant := c.Variant.Value
	local := variant == "local" || (variant == "declare" || variant == "typeset") && len(in.frames) > 0
	opaque, lower, upper := variant == "nameref", false, false
	opts := "" // the options given, for telling indexed arrays (-a) from the rest
	for _, a := range c.Args {
		if a.Naked && a.Name == nil {
			// an option such as -x, -r, -a, or a dynamic name
			if a.Value == nil {
				continue
			}
			opt := a.Value.Lit()
			if !strings.HasPrefix(opt, "-") && !strings.HasPrefix(opt, "+") {
				in.effects(a.Value)
				continue
			}
			if strings.ContainsAny(opt, "aAniI") {
				opaque = true
			}
			opts += opt
			lower = lower || strings.Contains(opt, "l") && opt[0] == '-'
			upper = upper || strings.Contains(opt, "u") && opt[0] == '-'
			continue
		}
		if a.Name == nil {
			continue
		}
		name := a.Name.Value
		switch {
		case (a.Index != nil || a.Array != nil) && !strings.ContainsAny(opts, "AniI") && variant != "nameref":
			if local {
				in.assign(name, value{}, nil, true)
			}
			in.assign(name, in.arrayAssign(a), a, local)
		case a.Naked && strings.Contains(opts, "a") && !strings.ContainsAny(opts, "AniI+"):
			// declare -a A: an empty array, unless A already holds one
			if _, st := in.lookup(name, a); local || st != varSet {
				in.assign(name, arrayValue(nil), a, local)
			}
		case a.Index != nil || a.Array != nil || opaque:
			if a.Array != nil {
				for _, el := range a.Array.Elems {
					in.effects(el.Value)
				}
			}
			if local {
				in.assign(name, value{}, nil, true)
			}
			in.setUnknown(name, a, "$"+name+" is an array or reference, which is not analysed")
		case a.Naked:
			if local {
				// local X: a fresh, empty variable in the function's scope
				in.assign(name, value{}, nil, true)
				in.delVar(name)
			}
		default:
			v := in.value(a.Value)
			if a.Append {
				v = in.appended(name, a, v)
			}
			if lower || upper {
				v = mapCase(v, lower)
			}
			in.assign(name, v, a, local)
		}
	}
}

// arrayAssign is the value A=(...), A+=(...) or A[i]=v gives A. Elements are expanded
// with field splitting; an element that may be several words ($X unquoted and unknown,
// an array whose elements are not known), a [k]=v element or an index that is not known
// make the elements unknown.
func (in *interp) arrayAssign(a *syntax.Assign) value {
	name := a.Name.Value
	unknown := func(reason string) value {
		return unknownArray("$"+name+"[]@"+in.uidAt(a), reason)
	}
	old, st := in.lookup(name, a)
	oldEls, oldKnown := in.elems(old, st)
	if a.Array == nil {
		// A[i]=v
		v := in.value(a.Value)
		i, ok := in.arith(a.Index)
		if in.zsh {
			i-- // zsh arrays count from 1
		}
		if ok && i == 0 && st == varEnv {
			// element 0 replaces whatever scalar the environment may hold
			oldEls, oldKnown = nil, true
		}
		if !ok || !oldKnown || i < 0 || i > int64(len(oldEls)) || i >= maxElems {
			return unknown("$" + name + " is an array assigned at an index that is not known")
		}
		els := slices.Clone(oldEls)
		if a.Append && i < int64(len(els)) {
			joined := els[i]
			joined.concat(v)
			v = joined
		}
		if i == int64(len(els)) {
			els = append(els, v)
		} else {
			els[i] = v
		}
		return arrayValue(els)
	}
	var els []value
	known := true
	for _, el := range a.Array.Elems {
		if el.Value == nil {
			continue
		}
		if el.Index != nil {
			in.effects(el.Value)
			known = false
			continue
		}
		for _, f := range in.appendFields(nil, el.Value) {
			if mayBeMany(f.value) {
				known = false
			}
			els = append(els, f.value)
		}
	}
	if a.Append {
		if !oldKnown {
			known = false
		}
		els = append(slices.Clone(oldEls), els...)
	}
	in.spend(len(els))
	if !known || len(els) > maxElems {
		return unknown("the elements of $" + name + " are not known")
	}
	return arrayValue(els)
}

// mayBeMany reports a field that may be several words at run time: it holds an unknown
// unquoted expansion, which bash splits on blanks.
func mayBeMany(v value) bool {
	for _, p := range v.pieces {
		if p.unknown && p.split {
			return true
		}
	}
	return false
}

// appended is the value of X+=v.
func (in *interp) appended(name string, at syntax.Node, v value) value {
	old, st := in.lookup(name, at)
	if st == varEnv {
		old = unknownValue("$"+name, "$"+name+" is not set in the script")
	}
	out := value{from: old.from}
	out.concat(value{pieces: old.pieces})
	out.concat(v)
	return out
}

func mapCase(v value, lower bool) value {
	out := value{ref: "", from: v.from}
	for _, p := range v.pieces {
		if !p.unknown {
			if lower {
				p.text = strings.ToLower(p.text)
			} else {
				p.text = strings.ToUpper(p.text)
			}
			p.off = -1
		}
		out.pieces = append(out.pieces, p)
	}
	return out
}

// call handles a simple command.
func (in *interp) call(c *syntax.CallExpr) {
	if len(c.Args) == 0 {
		for _, a := range c.Assigns {
			in.plainAssign(a)
		}
		return
	}
	// Assignments before a command only reach that command's environment (and, for a
	// function, its body for that call), but their values are evaluated in any case.
	var pre []preAssign
	for _, a := range c.Assigns {
		if a.Value == nil || a.Name == nil || a.Array != nil || a.Index != nil {
			if a.Value != nil {
				in.effects(a.Value)
			}
			continue
		}
		pre = append(pre, preAssign{a: a, v: in.value(a.Value)})
	}
	args := in.args(c.Args)
	in.output = nil
	in.pre = pre
	in.dispatch(c, args)
	in.pre = nil
}

// preAssign is a VAR=value written before a command.
type preAssign struct {
	a *syntax.Assign
	v value
}

func (in *interp) plainAssign(a *syntax.Assign) {
	if a.Name == nil {
		return
	}
	name := a.Name.Value
	if a.Array != nil || a.Index != nil {
		in.assign(name, in.arrayAssign(a), a, false)
		return
	}
	var v value
	if a.Value != nil {
		v = in.value(a.Value)
	}
	if a.Append {
		v = in.appended(name, a, v)
	}
	in.assign(name, v, a, false)
}

// dispatch runs the command named by the first argument.
func (in *interp) dispatch(c *syntax.CallExpr, args []arg) {
	for len(args) > 0 {
		name, ok := args[0].known()
		if !ok {
			return
		}
		switch name {
		case "az":
			in.az(c, args)
			return
		case "command", "builtin", "exec", "sudo", "nohup", "time":
			args = args[1:]
			for len(args) > 0 {
				if s, ok := args[0].known(); ok && strings.HasPrefix(s, "-") {
					args = args[1:]
					continue
				}
				break
			}
			continue
		case "env":
			args = args[1:]
			for len(args) > 0 {
				if s, ok := args[0].known(); ok && (strings.HasPrefix(s, "-") || strings.Contains(s, "=")) {
					args = args[1:]
					continue
				}
				break
			}
			continue
		case "unset":
			funcs := false
			for _, a := range args[1:] {
				s, ok := a.known()
				switch {
				case !ok:
				case s == "-f":
					funcs = true
				case strings.HasPrefix(s, "-"):
				case funcs:
					delete(in.funcs, s)
				default:
					in.delVar(s)
				}
			}
		case "read", "mapfile", "readarray", "getopts", "printf":
			in.opaqueAssign(c, name, args[1:])
		case "exit":
			in.env.dead = true
		case "return":
			// outside a function bash reports an error and carries on
			if n := len(in.frames); n > 0 {
				if in.frames[n-1].level == in.level {
					in.frames[n-1].returns = append(in.frames[n-1].returns, in.clone(in.env))
				}
				in.env.dead = true
			}
		case "break", "continue":
			if n := len(in.loops); n > 0 {
				if in.loops[n-1].level == in.level {
					in.loops[n-1].exits = append(in.loops[n-1].exits, in.clone(in.env))
				}
				in.env.dead = true
			}
		case "shift":
			if n := len(in.frames); n > 0 {
				f := in.frames[n-1]
				k := 1
				if len(args) > 1 {
					s, ok := args[1].known()
					k, _ = strconv.Atoi(s)
					if !ok {
						k = len(f.args)
					}
				}
				f.args = f.args[min(max(k, 0), len(f.args)):]
			}
		case "set":
			if len(args) > 1 {
				if s, _ := args[1].known(); s == "--" && len(in.frames) > 0 {
					in.frames[len(in.frames)-1].args = nil
				}
			}
		default:
			if f, ok := in.funcs[name]; ok {
				in.callFunc(c, name, f, args[1:])
			}
		}
		return
	}
}

// opaqueAssign marks the variables a command reads into as unknown.
func (in *interp) opaqueAssign(c *syntax.CallExpr, name string, args []arg) {
	for i := 0; i < len(args); i++ {
		s, ok := args[i].known()
		if !ok {
			continue
		}
		if strings.HasPrefix(s, "-") {
			// options with a value: read -p PROMPT -d DELIM -t T -n N -u FD -a ARRAY; printf -v VAR
			if name == "printf" && s == "-v" && i+1 < len(args) {
				if v, ok := args[i+1].known(); ok {
					in.setUnknown(v, c, "$"+v+" is set by printf")
				}
				return
			}
			if strings.ContainsAny(s, "pdtnuaNC") && len(s) == 2 {
				if s == "-a" && i+1 < len(args) {
					if v, ok := args[i+1].known(); ok {
						in.setUnknown(v, c, "$"+v+" is read at run time")
					}
				}
				i++
			}
			continue
		}
		if name == "printf" {
			return
		}
		if syntax.ValidName(s) {
			in.setUnknown(s, c, "$"+s+" is read at run time")
		}
		if name == "getopts" {
			return
		}
	}
}

func (in *interp) callFunc(c *syntax.CallExpr, name string, f funcDef, args []arg) {
	if len(in.frames) >= maxCalls {
		return
	}
	for _, fr := range in.frames {
		if fr.name == name {
			return // no recursion
		}
	}
	fr := &frame{name: name, level: in.level, saved: map[string]*value{}}
	for i, a := range args {
		fr.args = append(fr.args, a.withFrom(netdoc.Related{Location: in.src.loc(a.start, a.end),
			Message: "argument $" + strconv.Itoa(i+1) + " of " + name + " passed here"}))
	}
	in.frames = append(in.frames, fr)
	// VAR=value f: the function sees VAR for this call only, as if it were local.
	for _, p := range in.pre {
		in.assign(p.a.Name.Value, p.v, p.a, true)
	}
	in.pre = nil
	saved := in.src
	in.src = f.src
	in.stmt(f.decl.Body)
	in.src = saved
	in.frames = in.frames[:len(in.frames)-1]
	exited := in.env.dead && len(fr.returns) == 0
	paths := append([]*env{in.env}, fr.returns...)
	in.env = in.merge(in.uidAt(c), paths...)
	if exited {
		return
	}
	in.env.dead = false
	for k, old := range fr.saved {
		if old == nil {
			in.delVar(k)
		} else {
			in.setVar(k, *old)
		}
	}
}
