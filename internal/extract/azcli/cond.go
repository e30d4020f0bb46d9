package azcli

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// tri is a truth value that may be unknown.
type tri uint8

const (
	unk tri = iota
	yes
	no
)

func triOf(b bool) tri {
	if b {
		return yes
	}
	return no
}

func (t tri) not() tri {
	switch t {
	case yes:
		return no
	case no:
		return yes
	default:
		return unk
	}
}

func (t tri) and(u tri) tri {
	switch {
	case t == no || u == no:
		return no
	case t == yes && u == yes:
		return yes
	}
	return unk
}

func (t tri) or(u tri) tri {
	switch {
	case t == yes || u == yes:
		return yes
	case t == no && u == no:
		return no
	}
	return unk
}

// truthList decides a condition list by its last statement.
func (in *interp) truthList(list []*syntax.Stmt) tri {
	if len(list) == 0 {
		return unk
	}
	return in.truth(list[len(list)-1])
}

// truth decides, where the values allow it, whether a statement succeeds. It evaluates
// words without side effects.
func (in *interp) truth(s *syntax.Stmt) tri {
	if s == nil || in.depth >= maxDepth {
		return unk
	}
	saved := in.pure
	in.pure = true
	in.depth++
	defer func() { in.pure = saved; in.depth-- }()
	t := in.cmdTruth(s.Cmd)
	if s.Negated {
		t = t.not()
	}
	return t
}

func (in *interp) cmdTruth(c syntax.Command) tri {
	switch c := c.(type) {
	case *syntax.CallExpr:
		if len(c.Args) == 0 {
			return unk
		}
		args := in.args(c.Args)
		if len(args) == 0 {
			return unk
		}
		name, ok := args[0].known()
		if !ok {
			return unk
		}
		switch name {
		case "true", ":":
			return yes
		case "false":
			return no
		case "test":
			return testArgs(args[1:])
		case "[":
			if s, _ := args[len(args)-1].known(); s != "]" {
				return unk
			}
			return testArgs(args[1 : len(args)-1])
		}
	case *syntax.TestClause:
		return in.testTruth(c.X)
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.AndStmt:
			return in.truth(c.X).and(in.truth(c.Y))
		case syntax.OrStmt:
			return in.truth(c.X).or(in.truth(c.Y))
		default:
		}
	case *syntax.Block:
		return in.truthList(c.Stmts)
	case *syntax.Subshell:
		return in.truthList(c.Stmts)
	}
	return unk
}

// testArgs evaluates the arguments of test / [ for the string tests.
func testArgs(a []arg) tri {
	lit := func(i int) string { s, _ := a[i].known(); return s }
	switch len(a) {
	case 0:
		return no
	case 1:
		return nonEmpty(a[0].value)
	case 2:
		switch lit(0) {
		case "!":
			return nonEmpty(a[1].value).not()
		case "-n":
			return nonEmpty(a[1].value)
		case "-z":
			return nonEmpty(a[1].value).not()
		}
	case 3:
		switch lit(1) {
		case "=", "==":
			return equal(a[0].value, a[2].value)
		case "!=":
			return equal(a[0].value, a[2].value).not()
		}
		if lit(0) == "!" {
			return testArgs(a[1:]).not()
		}
	case 4:
		if lit(0) == "!" {
			return testArgs(a[1:]).not()
		}
	}
	return unk
}

func nonEmpty(v value) tri {
	if s, ok := v.known(); ok {
		return triOf(s != "")
	}
	if hasText(v) {
		return yes
	}
	return unk
}

func equal(a, b value) tri {
	x, ok1 := a.known()
	y, ok2 := b.known()
	if ok1 && ok2 {
		return triOf(x == y)
	}
	return unk
}

func (in *interp) testTruth(x syntax.TestExpr) tri {
	switch x := x.(type) {
	case *syntax.Word:
		return nonEmpty(in.value(x))
	case *syntax.ParenTest:
		return in.testTruth(x.X)
	case *syntax.UnaryTest:
		switch x.Op {
		case syntax.TsNot:
			return in.testTruth(x.X).not()
		case syntax.TsEmpStr, syntax.TsNempStr:
			w, ok := x.X.(*syntax.Word)
			if !ok {
				return unk
			}
			t := nonEmpty(in.value(w))
			if x.Op == syntax.TsEmpStr {
				t = t.not()
			}
			return t
		default:
		}
	case *syntax.BinaryTest:
		switch x.Op {
		case syntax.AndTest:
			return in.testTruth(x.X).and(in.testTruth(x.Y))
		case syntax.OrTest:
			return in.testTruth(x.X).or(in.testTruth(x.Y))
		case syntax.TsMatch, syntax.TsMatchShort, syntax.TsNoMatch:
			l, ok1 := x.X.(*syntax.Word)
			r, ok2 := x.Y.(*syntax.Word)
			if !ok1 || !ok2 || unquotedGlob(r) {
				return unk
			}
			t := equal(in.value(l), in.value(r))
			if x.Op == syntax.TsNoMatch {
				t = t.not()
			}
			return t
		default:
		}
	}
	return unk
}

// unquotedGlob reports a pattern character outside quotes (a [[ == ]] pattern).
func unquotedGlob(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if strings.ContainsAny(p.Value, "*?[") {
				return true
			}
		case *syntax.SglQuoted, *syntax.DblQuoted:
		default:
			return true
		}
	}
	return false
}
