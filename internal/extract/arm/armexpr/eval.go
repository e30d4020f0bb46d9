package armexpr

import (
	"errors"
	"fmt"
	"strings"
)

// Limits on evaluation.
const (
	// DefaultBudget is the number of evaluation steps of one Eval call when
	// Env.Budget is nil. A step is a function call, a lambda application or
	// a value node visited by a deep operation (equals, union, string, ...).
	DefaultBudget = 1_000_000
	// MaxStringLength and MaxArrayLength bound the values functions build;
	// larger results are Unknown ("value too large").
	MaxStringLength = 1 << 20
	MaxArrayLength  = 100_000
	// maxValueDepth bounds the nesting of values deep operations traverse.
	maxValueDepth = 1000
)

// Env connects the evaluator to a template. Every field is optional.
type Env struct {
	// Parameter and Variable look a name up (case-insensitively; done by the
	// caller). Not found is an error; a nil func makes every value Unknown.
	Parameter func(name string) (any, bool)
	Variable  func(name string) (any, bool)
	// CopyIndex returns the index of loop ("" for the innermost) plus
	// offset, or Unknown outside a loop. nil: Unknown.
	CopyIndex func(loop string, offset int64) any
	// Reference resolves reference(args...) (args evaluated; the first may
	// be a string, ResourceID or Unknown). nil: Unknown.
	Reference func(args []any) any
	// ResourceID builds the ID for kind "resourceId",
	// "subscriptionResourceId", "tenantResourceId",
	// "managementGroupResourceId" or "extensionResourceId" from the
	// evaluated args. nil: DefaultResourceID.
	ResourceID func(kind string, args []any) any
	// UserFunction evaluates ns.fn(args...). nil: Unknown.
	UserFunction func(namespace, name string, args []any) any
	// Builtin may supply deployment(), resourceGroup(), subscription(),
	// tenant(), managementGroup() or environment() (name lower case), e.g.
	// for a nested deployment whose scope is known. Not ok (or nil): Unknown.
	Builtin func(name string) (any, bool)
	// Budget is the number of evaluation steps left, shared across calls
	// (decremented in place). Exhausted: Unknown{Reason: "evaluation budget
	// exhausted"}. nil: DefaultBudget per Eval call.
	Budget *int
}

// ReasonFails starts the Reason of an Unknown that stands for a part of a value
// whose expression fails (Failed).
const ReasonFails = "the expression fails: "

// Failed is the Unknown that stands for the member n of a value being built whose
// expression fails with e: the value's other members stay known, as they are
// evaluated member by member.
func Failed(n Node, e *EvalError) Unknown {
	msg := e.Msg
	if e.Func != "" {
		msg = e.Func + ": " + msg
	}
	expr := ""
	if n != nil {
		expr = n.Source()
	}
	return Unknown{Expr: expr, Reason: ReasonFails + msg}
}

// ReasonBudget is the Reason of Unknowns produced by an exhausted budget.
const ReasonBudget = "evaluation budget exhausted"

const reasonTooLarge = "value too large"

// recoverPanics turns an internal panic into an *EvalError; tests disable it
// so that fuzzing finds bugs.
var recoverPanics = true

// Eval evaluates a parsed expression. The result is a value of the model
// described in the package documentation: possibly Unknown, ResourceID or
// *EvalError. It never panics.
func Eval(n Node, env *Env) (result any) {
	if n == nil {
		return &EvalError{Msg: "no expression", Pos: -1}
	}
	if env == nil {
		env = &Env{}
	}
	ev := &evaluator{env: env}
	if env.Budget != nil {
		ev.budget = env.Budget
	} else {
		ev.local = DefaultBudget
		ev.budget = &ev.local
	}
	if recoverPanics {
		defer func() {
			if r := recover(); r != nil {
				result = &EvalError{Msg: fmt.Sprintf("internal error: %v", r), Pos: n.Pos()}
			}
		}()
	}
	v := ev.eval(n)
	if l, ok := v.(*Lambda); ok {
		return errAt(l, "lambda", "a lambda can only be an argument of map, filter, reduce, sort, toObject, groupBy or mapValues")
	}
	return v
}

// EvalString evaluates a JSON string value: an expression ("[...]") is
// parsed and evaluated, "[[..." is unescaped, anything else is returned as
// is. A syntax error is returned as an *EvalError with Func "" and the
// offset of the error in s.
func EvalString(s string, env *Env) any {
	if !IsExpression(s) {
		return Unescape(s)
	}
	n, err := ParseString(s)
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			return &EvalError{Msg: err.Error(), Pos: -1}
		}
		return &EvalError{Msg: "syntax error: " + pe.Msg, Pos: pe.Offset}
	}
	return Eval(n, env)
}

type evaluator struct {
	env    *Env
	budget *int
	local  int
	// lambda variables in scope, innermost last
	vars []lambdaBinding
}

type lambdaBinding struct {
	name  string
	value any
}

func errAt(n Node, fn, format string, args ...any) *EvalError {
	pos := -1
	if n != nil {
		pos = n.Pos()
	}
	return &EvalError{Func: fn, Msg: fmt.Sprintf(format, args...), Pos: pos}
}

func unknownAt(n Node, format string, args ...any) Unknown {
	return Unknown{Expr: n.Source(), Reason: fmt.Sprintf(format, args...)}
}

// step consumes one unit of budget; false when exhausted.
func (ev *evaluator) step() bool {
	if *ev.budget <= 0 {
		return false
	}
	*ev.budget--
	return true
}

// charge consumes k units; false when exhausted.
func (ev *evaluator) charge(k int) bool {
	if *ev.budget < k {
		*ev.budget = 0
		return false
	}
	*ev.budget -= k
	return true
}

func (ev *evaluator) exhausted(n Node) Unknown {
	return Unknown{Expr: n.Source(), Reason: ReasonBudget}
}

func (ev *evaluator) eval(n Node) any {
	switch x := n.(type) {
	case *StringLit:
		return x.Value
	case *IntLit:
		return x.Value
	case *BoolLit:
		return x.Value
	case *NullLit:
		return nil
	case *Call:
		if !ev.step() {
			return ev.exhausted(x)
		}
		return ev.call(x)
	case *Property:
		t := ev.eval(x.Target)
		return ev.property(x, t)
	case *Index:
		t := ev.eval(x.Target)
		if isStop(t) {
			return ev.accessUnknown(x, t)
		}
		i := ev.eval(x.Index)
		return ev.index(x, t, i)
	case *Lambda:
		return x
	case *LambdaVar:
		if !ev.step() {
			return ev.exhausted(x)
		}
		for i := len(ev.vars) - 1; i >= 0; i-- {
			if strings.EqualFold(ev.vars[i].name, x.Name) {
				return ev.vars[i].value
			}
		}
		return errAt(x, "lambdaVariables", "lambda variable %q is not defined", x.Name)
	}
	return &EvalError{Msg: fmt.Sprintf("unsupported node %T", n), Pos: -1}
}

// isStop reports values that end an access chain: errors and unknowns.
func isStop(v any) bool {
	switch v.(type) {
	case *EvalError, Unknown:
		return true
	}
	return false
}

// accessUnknown is the result of .prop or [i] on an error or unknown target:
// the error itself, or an Unknown naming the whole access.
func (ev *evaluator) accessUnknown(n Node, t any) any {
	switch x := t.(type) {
	case *EvalError:
		return x
	case Unknown:
		if x.Reason == ReasonBudget {
			return x
		}
		return Unknown{Expr: n.Source(), Reason: x.Reason}
	}
	return t
}

func (ev *evaluator) property(n *Property, t any) any {
	if isStop(t) {
		return ev.accessUnknown(n, t)
	}
	return ev.member(n, t, n.Name, ".")
}

// member looks key up in an object value.
func (ev *evaluator) member(n Node, t any, key string, op string) any {
	switch x := t.(type) {
	case map[string]any:
		v, found, ambiguous := Lookup(x, key)
		if ambiguous {
			return unknownAt(n, "several properties match %q ignoring case", key)
		}
		if !found {
			return errAt(n, op, "the object has no property %q", key)
		}
		return v
	case Open:
		v, found, ambiguous := Lookup(x.Known, key)
		if !found || ambiguous {
			return Unknown{Expr: n.Source(), Reason: x.Reason}
		}
		return v
	case ResourceID:
		return errAt(n, op, "cannot access property %q of a string", key)
	case *Lambda:
		return errAt(n, op, "cannot access property %q of a lambda", key)
	}
	return errAt(n, op, "cannot access property %q of a value of type %s", key, TypeName(t))
}

func (ev *evaluator) index(n *Index, t, i any) any {
	switch x := i.(type) {
	case *EvalError:
		return x
	case Unknown:
		if x.Reason == ReasonBudget {
			return x
		}
		return Unknown{Expr: n.Source(), Reason: x.Reason}
	case ResourceID:
		return ridUnknown(n.Index, x)
	}
	switch x := t.(type) {
	case []any:
		k, ok := asInt(i)
		if !ok {
			return errAt(n, "[]", "an array index must be an integer, not %s", TypeName(i))
		}
		if k < 0 || k >= int64(len(x)) {
			return errAt(n, "[]", "index %d is out of range (length %d)", k, len(x))
		}
		return x[k]
	case map[string]any, Open:
		s, ok := i.(string)
		if !ok {
			return errAt(n, "[]", "an object index must be a string, not %s", TypeName(i))
		}
		return ev.member(n, x, s, "[]")
	}
	return errAt(n, "[]", "cannot index a value of type %s", TypeName(t))
}

// call evaluates a function call.
func (ev *evaluator) call(n *Call) any {
	if n.Namespace != "" {
		for _, a := range n.Args {
			if _, isLambda := a.(*Lambda); isLambda {
				return errAt(a, n.Name, "a lambda can only be an argument of map, filter, reduce, sort, toObject, groupBy or mapValues")
			}
		}
		args, stop := ev.evalArgs(n, false, false, nil)
		if stop != nil {
			return stop
		}
		if ev.env.UserFunction == nil {
			return unknownAt(n, "user-defined function %s.%s is not resolved", n.Namespace, n.Name)
		}
		return fillUnknown(ev.env.UserFunction(n.Namespace, n.Name, args), n)
	}
	name := n.key
	if name == "" {
		name = strings.ToLower(n.Name)
	}
	spec, ok := functions[name]
	if !ok {
		if strings.HasPrefix(name, "list") {
			return unknownAt(n, "%s() reads a runtime value", n.Name)
		}
		if _, ok := runtimeFunctions[name]; ok {
			return unknownAt(n, "%s() is only known at deployment time", n.Name)
		}
		return errAt(n, n.Name, "unknown function")
	}
	if len(n.Args) < spec.min || (spec.max >= 0 && len(n.Args) > spec.max) {
		return errAt(n, n.Name, "%s", arityMsg(spec.min, spec.max, len(n.Args)))
	}
	c := &callCtx{ev: ev, node: n, name: n.Name}
	if spec.lazy {
		return spec.fn(c)
	}
	for _, a := range n.Args {
		if _, isLambda := a.(*Lambda); isLambda && !spec.lambdas {
			return errAt(a, n.Name, "a lambda can only be an argument of map, filter, reduce, sort, toObject, groupBy or mapValues")
		}
	}
	args, stop := ev.evalArgs(n, !spec.unknowns, spec.members, c.argBuf[:0])
	if stop != nil {
		return stop
	}
	if !spec.rids {
		for i, a := range args {
			if r, ok := a.(ResourceID); ok {
				if spec.unknowns {
					args[i] = ridUnknown(n.Args[i], r)
				} else {
					return ridUnknown(n.Args[i], r)
				}
			}
		}
	}
	for i, a := range args {
		if o, ok := a.(Open); ok {
			u := Unknown{Expr: n.Args[i].Source(), Reason: o.Reason}
			if !spec.unknowns {
				return u
			}
			args[i] = u
		}
	}
	c.args = args
	cost := 0
	for _, a := range args {
		cost += sizeCost(a)
	}
	if cost > 0 && !ev.charge(cost) {
		return ev.exhausted(n)
	}
	v := spec.fn(c)
	if cost := sizeCost(v); cost > 0 && !ev.charge(cost) {
		return ev.exhausted(n)
	}
	return v
}

// sizeCost is the extra budget a function pays for handling a large string
// or collection, so that one step stays cheap.
func sizeCost(v any) int {
	switch x := v.(type) {
	case string:
		return len(x) / 64
	case []any:
		return len(x) / 16
	case map[string]any:
		return len(x) / 16
	}
	return 0
}

// ridUnknown is what string functions see of a ResourceID.
func ridUnknown(n Node, r ResourceID) Unknown {
	return Unknown{Expr: n.Source(), Reason: "resource ID " + r.Describe() + " depends on the deployment scope"}
}

func arityMsg(min, max, got int) string {
	switch {
	case min == max:
		return fmt.Sprintf("expects %d argument%s, got %d", min, plural(min), got)
	case max < 0:
		return fmt.Sprintf("expects at least %d argument%s, got %d", min, plural(min), got)
	default:
		return fmt.Sprintf("expects %d to %d arguments, got %d", min, max, got)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// evalArgs evaluates the arguments left to right. It stops at the first
// error (with members, an error is the Unknown Failed makes of it instead); with
// strict, the first top-level Unknown is returned as stop too.
func (ev *evaluator) evalArgs(n *Call, strict, members bool, buf []any) ([]any, any) {
	var args []any // in buf when it has room (never nil, as before)
	if buf != nil && cap(buf) >= len(n.Args) {
		args = buf[:len(n.Args)]
	} else {
		args = make([]any, len(n.Args))
	}
	var firstUnknown any
	for i, a := range n.Args {
		v := ev.eval(a)
		if e, ok := v.(*EvalError); ok && members {
			v = Failed(a, e)
		}
		switch x := v.(type) {
		case *EvalError:
			return nil, x
		case Unknown:
			if x.Reason == ReasonBudget {
				return nil, x
			}
			if strict && firstUnknown == nil {
				firstUnknown = x
			}
		}
		args[i] = v
	}
	if firstUnknown != nil {
		return nil, firstUnknown
	}
	return args, nil
}

// callCtx is what a function implementation sees.
type callCtx struct {
	ev   *evaluator
	node *Call
	name string
	args []any
	// argBuf holds the values of a call of up to four arguments: the context and
	// its argument slice were two allocations a call (BenchmarkReadDir's memory
	// profile).
	argBuf [4]any
}

func (c *callCtx) errf(format string, args ...any) *EvalError {
	return errAt(c.node, c.name, format, args...)
}

// argErr reports a wrong argument type.
func (c *callCtx) argErr(i int, want string) *EvalError {
	return errAt(c.node.Args[i], c.name, "argument %d must be %s, not %s", i+1, want, TypeName(c.args[i]))
}

func (c *callCtx) unknown(format string, args ...any) Unknown {
	return unknownAt(c.node, format, args...)
}

// unknownFrom is the result of a call decided by an Unknown found in an
// argument: that Unknown, named after the call when it has no text.
func (c *callCtx) unknownFrom(u Unknown) Unknown {
	if u.Expr == "" {
		u.Expr = c.node.Source()
	}
	if u.Reason == "" {
		u.Reason = "not known statically"
	}
	return u
}

func (c *callCtx) tooLarge() Unknown {
	return unknownAt(c.node, "%s", reasonTooLarge)
}

func (c *callCtx) str(i int) (string, *EvalError) {
	s, ok := c.args[i].(string)
	if !ok {
		return "", c.argErr(i, "a string")
	}
	return s, nil
}

func (c *callCtx) int(i int) (int64, *EvalError) {
	v, ok := asInt(c.args[i])
	if !ok {
		return 0, c.argErr(i, "an integer")
	}
	return v, nil
}

func (c *callCtx) array(i int) ([]any, *EvalError) {
	a, ok := c.args[i].([]any)
	if !ok {
		return nil, c.argErr(i, "an array")
	}
	return a, nil
}

func (c *callCtx) object(i int) (map[string]any, *EvalError) {
	o, ok := c.args[i].(map[string]any)
	if !ok {
		return nil, c.argErr(i, "an object")
	}
	return o, nil
}

// eval evaluates argument i of a lazy function.
func (c *callCtx) eval(i int) any {
	a := c.node.Args[i]
	if _, ok := a.(*Lambda); ok {
		return errAt(a, c.name, "a lambda can only be an argument of map, filter, reduce, sort, toObject, groupBy or mapValues")
	}
	return c.ev.eval(a)
}

// fnSpec describes a built-in function.
type fnSpec struct {
	min, max int // max < 0: variadic
	// lazy: the implementation evaluates its own arguments (c.args is nil).
	lazy bool
	// unknowns: the implementation handles top-level Unknown arguments;
	// otherwise the first one is the result.
	unknowns bool
	// rids: the implementation handles ResourceID arguments; otherwise
	// they are Unknown.
	rids bool
	// lambdas: *Lambda arguments are allowed.
	lambdas bool
	// members: the arguments are members of the value built (createObject,
	// createArray): one that fails makes only its member Unknown (Failed), so that
	// the others stay known. Needs unknowns.
	members bool
	fn      func(c *callCtx) any
}

var functions map[string]fnSpec

// runtimeFunctions are valid ARM functions whose value is only known at
// deployment time (or is not modelled): their result is Unknown.
var runtimeFunctions = map[string]struct{}{
	"utcnow": {}, "newguid": {}, "uniquestring": {}, "guid": {}, "datetimeadd": {},
	"datetimefromepoch": {}, "datetimetoepoch": {}, "pickzones": {},
	"providers": {}, "deployer": {}, "getsecret": {},
	"externalinput": {}, "readenvironmentvariable": {},
}

func init() {
	functions = map[string]fnSpec{}
	registerLogic()
	registerStrings()
	registerCollections()
	registerNumeric()
	registerDeployment()
	registerLambdas()
	registerCIDR()
	bucketFunctions()
}

func register(name string, spec fnSpec) {
	functions[strings.ToLower(name)] = spec
}
