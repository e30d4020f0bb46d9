package armexpr

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseShapes(t *testing.T) {
	tests := []struct {
		src  string
		want string // a compact rendering of the tree
	}{
		{"'a'", `"a"`},
		{"'it''s'", `"it's"`},
		{"''", `""`},
		{"-12", "-12"},
		{"true", "true"},
		{"FALSE", "false"},
		{"null", "null"},
		{"true()", "true()"},
		{"concat('a', 'b')", `concat("a","b")`},
		{" concat ( 'a' ,'b' ) ", `concat("a","b")`},
		{"f()", "f()"},
		{"parameters('x').y.z", `parameters("x").y.z`},
		{"variables('a')[0]['k']", `variables("a")[0]["k"]`},
		{"ns.fn(1)", "ns.fn(1)"},
		{"lambda('x', 'y', add(lambdaVariables('x'), 1))", "lambda(x,y:add($x,1))"},
		{"map(createArray(1), lambda('i', lambdaVariables('i')))", "map(createArray(1),lambda(i:$i))"},
		{"resourceGroup().location", "resourceGroup().location"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.src)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if got := render(n); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.src, got, tt.want)
		}
	}
}

func render(n Node) string {
	switch x := n.(type) {
	case *StringLit:
		return `"` + x.Value + `"`
	case *IntLit:
		return itoa64(x.Value)
	case *BoolLit:
		if x.Value {
			return "true"
		}
		return "false"
	case *NullLit:
		return "null"
	case *Call:
		var parts []string
		for _, a := range x.Args {
			parts = append(parts, render(a))
		}
		name := x.Name
		if x.Namespace != "" {
			name = x.Namespace + "." + name
		}
		return name + "(" + strings.Join(parts, ",") + ")"
	case *Property:
		return render(x.Target) + "." + x.Name
	case *Index:
		return render(x.Target) + "[" + render(x.Index) + "]"
	case *Lambda:
		return "lambda(" + strings.Join(x.Params, ",") + ":" + render(x.Body) + ")"
	case *LambdaVar:
		return "$" + x.Name
	}
	return "?"
}

func itoa64(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	var b []byte
	for {
		b = append([]byte{byte('0' + v%10)}, b...)
		v /= 10
		if v == 0 {
			break
		}
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src    string
		offset int
		msg    string
	}{
		{"", 0, "empty expression"},
		{"   ", 3, "empty expression"},
		{"'abc", 0, "unterminated string literal"},
		{"concat('a'", 10, "expected ',' or ')'"},
		{"concat('a',)", 11, "unexpected"},
		{"concat('a') x", 12, "after the expression"},
		{"abc", 3, "expected '('"},
		{"f().", 4, "expected a property name"},
		{"f()[1", 5, "expected ']'"},
		{"99999999999999999999", 0, "out of range"},
		{"12abc", 2, "invalid number"},
		{"lambda(1, 2)", 7, "parameter name must be a string literal"},
		{"lambdaVariables(x())", 16, "must be a string literal"},
		{"#", 0, "unexpected"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: got %v, want a ParseError", tt.src, err)
			continue
		}
		if pe.Offset != tt.offset || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("%q: got %d %q, want %d %q", tt.src, pe.Offset, pe.Msg, tt.offset, tt.msg)
		}
	}
}

func TestParseStringOffsetsIncludeBracket(t *testing.T) {
	n, err := ParseString("[concat('a', parameters('b'))]")
	if err != nil {
		t.Fatal(err)
	}
	c := n.(*Call)
	if c.Pos() != 1 || c.End() != 29 || c.Source() != "concat('a', parameters('b'))" {
		t.Errorf("span %d-%d %q", c.Pos(), c.End(), c.Source())
	}
	p := c.Args[1].(*Call)
	if p.Pos() != 13 || p.Source() != "parameters('b')" {
		t.Errorf("arg span %d %q", p.Pos(), p.Source())
	}
	_, err = ParseString("[concat(]")
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Offset != 8 {
		t.Errorf("error offset: %v", err)
	}
	if _, err := ParseString("not"); err == nil {
		t.Error("a non-expression parsed")
	}
}

func TestIsExpressionAndUnescape(t *testing.T) {
	for s, want := range map[string]bool{"[a()]": true, "[[a()]": false, "a": false, "[]": true, "[": false, "]": false} {
		if IsExpression(s) != want {
			t.Errorf("IsExpression(%q) = %v", s, !want)
		}
	}
	if Unescape("[[x]") != "[x]" || Unescape("x") != "x" || Unescape("[[") != "[[" {
		t.Error("Unescape")
	}
}

func TestParseDepthLimit(t *testing.T) {
	deep := strings.Repeat("f(", MaxDepth) + strings.Repeat(")", MaxDepth)
	if _, err := Parse(deep); err != nil {
		t.Errorf("depth %d rejected: %v", MaxDepth, err)
	}
	tooDeep := strings.Repeat("f(", MaxDepth+1) + strings.Repeat(")", MaxDepth+1)
	if _, err := Parse(tooDeep); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("depth %d: %v", MaxDepth+1, err)
	}
	chain := "f()" + strings.Repeat(".a", MaxDepth)
	if _, err := Parse(chain); err == nil {
		t.Error("an accessor chain deeper than the limit was accepted")
	}
	long := "'" + strings.Repeat("x", MaxLength) + "'"
	if _, err := Parse(long); err == nil {
		t.Error("an over-long expression was accepted")
	}
}

func TestWalkAndReferences(t *testing.T) {
	n, err := Parse("concat(parameters('A'), variables('v'), parameters('a'), parameters(variables('x')), lambda('i', parameters('p')))")
	if err != nil {
		t.Fatal(err)
	}
	params, vars := References(n)
	if strings.Join(params, ",") != "A,p" || strings.Join(vars, ",") != "v,x" {
		t.Errorf("params %v vars %v", params, vars)
	}
	count := 0
	Walk(n, func(m Node) bool {
		count++
		_, isCall := m.(*Call)
		return !isCall || m == n
	})
	if count != 7 {
		t.Errorf("walk visited %d nodes with pruning", count)
	}
}

// TestParseCallArguments: each call keeps its own arguments, in order, however many
// (gathered on the stack, copied once), nested calls' beside their caller's; a call
// without arguments has none.
func TestParseCallArguments(t *testing.T) {
	for _, src := range []string{
		"f()",
		"f('a')",
		"f('a', g('b', 'c'), 'd')",
		"f('a', 'b', 'c', 'd')",
		"f('a', 'b', 'c', 'd', 'e')",
		"f('a', g('b', 'c', 'd', 'e', 'f'), 'g', h(), 'i', 'j', 'k', 'l', 'm')",
	} {
		n, err := Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		var got strings.Builder
		Walk(n, func(n Node) bool {
			switch n := n.(type) {
			case *Call:
				fmt.Fprintf(&got, "%s(%d", n.Name, len(n.Args))
				if n.Args == nil {
					got.WriteString(" nil")
				}
				got.WriteString(") ")
			case *StringLit:
				got.WriteString(n.Value + " ")
			}
			return true
		})
		want := map[string]string{
			"f()":                        "f(0 nil) ",
			"f('a')":                     "f(1) a ",
			"f('a', g('b', 'c'), 'd')":   "f(3) a g(2) b c d ",
			"f('a', 'b', 'c', 'd')":      "f(4) a b c d ",
			"f('a', 'b', 'c', 'd', 'e')": "f(5) a b c d e ",
		}[src]
		if want == "" {
			want = "f(9) a g(5) b c d e f g h(0 nil) i j k l m "
		}
		if got.String() != want {
			t.Errorf("%s: %q, want %q", src, got.String(), want)
		}
		if c, ok := n.(*Call); ok && len(c.Args) != cap(c.Args) {
			t.Errorf("%s: %d arguments with room for %d: an append would write into a neighbour", src, len(c.Args), cap(c.Args))
		}
	}
}
