package azcli

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// arith evaluates shell arithmetic on known integers. Assignments inside it update the
// variables (or make them unknown); ok is false when the result is unknown.
func (in *interp) arith(x syntax.ArithmExpr) (n int64, ok bool) {
	if x == nil || in.depth >= maxDepth || !in.spend(1) {
		return 0, false
	}
	in.depth++
	defer func() { in.depth-- }()
	switch x := x.(type) {
	case *syntax.Word:
		if name := x.Lit(); syntax.ValidName(name) {
			v, st := in.lookup(name, x)
			if st == varUnset {
				return 0, true
			}
			return parseInt(v)
		}
		return parseInt(in.value(x))
	case *syntax.ParenArithm:
		return in.arith(x.X)
	case *syntax.UnaryArithm:
		if x.Op == syntax.Inc || x.Op == syntax.Dec {
			w, _ := x.X.(*syntax.Word)
			if w == nil || !syntax.ValidName(w.Lit()) {
				return 0, false
			}
			old, ok := in.arith(w)
			nv := old + 1
			if x.Op == syntax.Dec {
				nv = old - 1
			}
			in.setIntVar(w.Lit(), nv, ok, x)
			if x.Post {
				return old, ok
			}
			return nv, ok
		}
		v, ok := in.arith(x.X)
		switch x.Op {
		case syntax.Not:
			if v == 0 {
				return 1, ok
			}
			return 0, ok
		case syntax.BitNegation:
			return ^v, ok
		case syntax.Minus:
			return -v, ok
		default:
		}
		return v, ok
	case *syntax.BinaryArithm:
		return in.binaryArith(x)
	}
	return 0, false
}

func (in *interp) binaryArith(x *syntax.BinaryArithm) (int64, bool) {
	switch x.Op {
	case syntax.Assgn, syntax.AddAssgn, syntax.SubAssgn, syntax.MulAssgn, syntax.QuoAssgn,
		syntax.RemAssgn, syntax.AndAssgn, syntax.OrAssgn, syntax.XorAssgn, syntax.ShlAssgn,
		syntax.ShrAssgn, syntax.PowAssgn, syntax.AndBoolAssgn, syntax.OrBoolAssgn, syntax.XorBoolAssgn:
		w, _ := x.X.(*syntax.Word)
		y, ok := in.arith(x.Y)
		if w == nil || !syntax.ValidName(w.Lit()) {
			return 0, false
		}
		if x.Op != syntax.Assgn {
			old, ok2 := in.arith(w)
			var op syntax.BinAritOperator
			switch x.Op {
			case syntax.AddAssgn:
				op = syntax.Add
			case syntax.SubAssgn:
				op = syntax.Sub
			case syntax.MulAssgn:
				op = syntax.Mul
			case syntax.QuoAssgn:
				op = syntax.Quo
			case syntax.RemAssgn:
				op = syntax.Rem
			case syntax.AndAssgn:
				op = syntax.And
			case syntax.OrAssgn:
				op = syntax.Or
			case syntax.XorAssgn:
				op = syntax.Xor
			case syntax.ShlAssgn:
				op = syntax.Shl
			case syntax.ShrAssgn:
				op = syntax.Shr
			case syntax.PowAssgn:
				op = syntax.Pow
			default:
				ok2 = false
			}
			y, ok = applyArith(op, old, y, ok && ok2)
		}
		in.setIntVar(w.Lit(), y, ok, x)
		return y, ok
	case syntax.TernQuest:
		c, ok := in.arith(x.X)
		colon, isColon := x.Y.(*syntax.BinaryArithm)
		if !isColon || colon.Op != syntax.TernColon {
			return 0, false
		}
		if !ok {
			in.arith(colon.X)
			in.arith(colon.Y)
			return 0, false
		}
		if c != 0 {
			return in.arith(colon.X)
		}
		return in.arith(colon.Y)
	case syntax.AndArit, syntax.OrArit:
		a, ok := in.arith(x.X)
		if ok && (a == 0) == (x.Op == syntax.AndArit) {
			return boolInt(x.Op == syntax.OrArit), true
		}
		b, ok2 := in.arith(x.Y)
		return boolInt(b != 0), ok && ok2
	case syntax.Comma:
		in.arith(x.X)
		return in.arith(x.Y)
	default:
	}
	a, ok1 := in.arith(x.X)
	b, ok2 := in.arith(x.Y)
	return applyArith(x.Op, a, b, ok1 && ok2)
}

func (in *interp) setIntVar(name string, n int64, ok bool, at syntax.Node) {
	if ok {
		in.assign(name, knownValue(strconv.FormatInt(n, 10), -1), at, false)
	} else {
		in.setUnknown(name, at, "$"+name+" is computed from unknown values")
	}
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func applyArith(op syntax.BinAritOperator, a, b int64, ok bool) (int64, bool) {
	if !ok {
		return 0, false
	}
	switch op {
	case syntax.Add:
		return a + b, true
	case syntax.Sub:
		return a - b, true
	case syntax.Mul:
		return a * b, true
	case syntax.Quo, syntax.Rem:
		if b == 0 || a == -1<<63 && b == -1 {
			return 0, false
		}
		if op == syntax.Quo {
			return a / b, true
		}
		return a % b, true
	case syntax.Pow:
		if b < 0 || b > 64 {
			return 0, false
		}
		r := int64(1)
		for range b {
			r *= a
		}
		return r, true
	case syntax.Eql:
		return boolInt(a == b), true
	case syntax.Neq:
		return boolInt(a != b), true
	case syntax.Lss:
		return boolInt(a < b), true
	case syntax.Gtr:
		return boolInt(a > b), true
	case syntax.Leq:
		return boolInt(a <= b), true
	case syntax.Geq:
		return boolInt(a >= b), true
	case syntax.And:
		return a & b, true
	case syntax.Or:
		return a | b, true
	case syntax.Xor:
		return a ^ b, true
	case syntax.Shl:
		return a << (uint64(b) & 63), true
	case syntax.Shr:
		return a >> (uint64(b) & 63), true
	default:
		return 0, false
	}
}

// parseInt reads a known value as a shell integer (decimal, 0x hex, 0 octal).
func parseInt(v value) (int64, bool) {
	s, ok := v.known()
	if !ok {
		return 0, false
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}
