package armexpr

import (
	"strconv"
	"strings"
	"testing"
)

// TestLimitBoundaries: each limit accepts a value exactly at it and refuses one
// past it, with the documented outcome (a parse error, an Unknown, an error).
func TestLimitBoundaries(t *testing.T) {
	// n calls deep: true() is a call too.
	nested := func(n int) string { return strings.Repeat("not(", n-1) + "true()" + strings.Repeat(")", n-1) }
	if _, err := Parse(nested(MaxDepth)); err != nil {
		t.Errorf("%d nested calls: %v", MaxDepth, err)
	}
	if _, err := Parse(nested(MaxDepth + 1)); err == nil || !strings.Contains(err.Error(), "nested deeper than 256") {
		t.Errorf("%d nested calls: %v, want nested deeper than %d", MaxDepth+1, err, MaxDepth)
	}
	str := func(n int) string { return "'" + strings.Repeat("x", n-2) + "'" }
	if _, err := Parse(str(MaxLength)); err != nil {
		t.Errorf("%d bytes: %v", MaxLength, err)
	}
	if _, err := Parse(str(MaxLength + 1)); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("%d bytes: %v, want longer than", MaxLength+1, err)
	}

	pad := func(n int) string { return "[length(padLeft('', " + strconv.Itoa(n) + ", 'x'))]" }
	check(t, "string at MaxStringLength", EvalString(pad(MaxStringLength), nil), int64(MaxStringLength))
	check(t, "string over MaxStringLength", EvalString(pad(MaxStringLength+1), nil), unkR(reasonTooLarge))

	ranges := func(n int, extra string) string {
		return "[length(concat(" + strings.TrimSuffix(strings.Repeat("range(0, 10000), ", n), ", ") + extra + "))]"
	}
	check(t, "array at MaxArrayLength", EvalString(ranges(MaxArrayLength/10000, ""), nil), int64(MaxArrayLength))
	check(t, "array over MaxArrayLength", EvalString(ranges(MaxArrayLength/10000, ", createArray(1)"), nil), unkR(reasonTooLarge))

	check(t, "range at its limit", EvalString("[length(range(0, "+strconv.Itoa(maxRange)+"))]", nil), int64(maxRange))
	check(t, "range over its limit", EvalString("[range(0, "+strconv.Itoa(maxRange+1)+")]", nil), errW("out of range"))
}

// TestBudgetBoundary: an expression evaluates completely with exactly the steps it
// needs, and is Unknown (budget exhausted) with one step fewer.
func TestBudgetBoundary(t *testing.T) {
	for _, expr := range []string{
		"[concat('a', 'b')]",
		"[map(range(0, 50), lambda('i', add(lambdaVariables('i'), 1)))]",
		"[reduce(range(0, 20), 0, lambda('a', 'b', add(lambdaVariables('a'), lambdaVariables('b'))))]",
		"[equals(createArray(createArray(1, 2), createObject('a', 3)), json('[[1, 2], {\"a\": 3}]'))]",
	} {
		env := testEnv()
		plenty := DefaultBudget
		env.Budget = &plenty
		want := EvalString(expr, env)
		need := DefaultBudget - plenty
		if _, unknown := want.(Unknown); unknown || need <= 0 {
			t.Fatalf("%s: %#v with %d steps", expr, want, need)
		}
		exact := need
		env.Budget = &exact
		check(t, expr+" with the steps it needs", EvalString(expr, env), want)
		fewer := need - 1
		env.Budget = &fewer
		check(t, expr+" with one step fewer", EvalString(expr, env), unkR(ReasonBudget))
	}
}
