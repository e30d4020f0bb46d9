package armexpr

import (
	"strconv"
	"strings"
)

func registerDeployment() {
	register("parameters", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		return c.lookupName("parameter", c.ev.env.Parameter)
	}})
	register("variables", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		return c.lookupName("variable", c.ev.env.Variable)
	}})
	register("copyIndex", fnSpec{min: 0, max: 2, fn: fnCopyIndex})
	register("reference", fnSpec{min: 1, max: 3, unknowns: true, rids: true, fn: func(c *callCtx) any {
		if c.ev.env.Reference == nil {
			return c.unknown("reference() reads deployed state")
		}
		return fillUnknown(c.ev.env.Reference(c.args), c.node)
	}})
	for _, kind := range []string{"resourceId", "subscriptionResourceId", "tenantResourceId", "managementGroupResourceId", "extensionResourceId"} {
		register(kind, fnSpec{min: 1, max: -1, unknowns: true, rids: kind == "extensionResourceId", fn: func(c *callCtx) any {
			var v any
			if c.ev.env.ResourceID != nil {
				v = c.ev.env.ResourceID(kind, c.args)
			} else {
				v = DefaultResourceID(kind, c.args)
			}
			switch x := v.(type) {
			case Unknown:
				// Name the whole call: its text identifies the resource.
				if x.Reason != ReasonBudget {
					x.Expr = c.node.Source()
				}
				return x
			case *EvalError:
				if x.Pos < 0 {
					x.Pos = c.node.Pos()
				}
				if x.Func == "" {
					x.Func = c.name
				}
				return x
			}
			return v
		}})
	}
	for _, name := range []string{"resourceGroup", "subscription", "deployment", "tenant", "environment", "managementGroup"} {
		register(name, fnSpec{min: 0, max: 0, fn: func(c *callCtx) any {
			if c.ev.env.Builtin != nil {
				if v, ok := c.ev.env.Builtin(strings.ToLower(name)); ok {
					return fillUnknown(v, c.node)
				}
			}
			return c.unknown("%s() is only known at deployment time", name)
		}})
	}
}

// fillUnknown gives an Unknown returned by an Env hook the call's text when
// it has none.
func fillUnknown(v any, n Node) any {
	if u, ok := v.(Unknown); ok && u.Expr == "" {
		u.Expr = n.Source()
		if u.Reason == "" {
			u.Reason = "not known statically"
		}
		return u
	}
	return v
}

func (c *callCtx) lookupName(what string, fn func(string) (any, bool)) any {
	name, err := c.str(0)
	if err != nil {
		return err
	}
	if fn == nil {
		return c.unknown("%s values are not available", what)
	}
	v, ok := fn(name)
	if !ok {
		return c.errf("the template has no %s %q", what, name)
	}
	return fillUnknown(v, c.node)
}

func fnCopyIndex(c *callCtx) any {
	loop, offset := "", int64(0)
	switch len(c.args) {
	case 1:
		if s, ok := c.args[0].(string); ok {
			loop = s
		} else {
			n, err := c.int(0)
			if err != nil {
				return c.argErr(0, "a loop name or an offset")
			}
			offset = n
		}
	case 2:
		s, err := c.str(0)
		if err != nil {
			return err
		}
		n, err := c.int(1)
		if err != nil {
			return err
		}
		loop, offset = s, n
	}
	if c.ev.env.CopyIndex == nil {
		return c.unknown("copyIndex() outside a resolved copy loop")
	}
	v := c.ev.env.CopyIndex(loop, offset)
	if v == nil {
		return c.unknown("copyIndex() outside a copy loop")
	}
	return fillUnknown(v, c.node)
}

// DefaultResourceID builds a resource ID for kind "resourceId",
// "subscriptionResourceId", "tenantResourceId", "managementGroupResourceId"
// or "extensionResourceId" (the function names) from evaluated arguments:
// a plain string when every part is known (explicit subscription and group,
// tenant scope, a known extension scope), a ResourceID when the scope is the
// deployment's, Unknown when an argument is unknown, *EvalError when the
// arguments are malformed.
func DefaultResourceID(kind string, args []any) any {
	var scope any // extension scope
	rest := args
	if kind == "extensionResourceId" {
		if len(args) < 2 {
			return &EvalError{Func: kind, Msg: "expects a scope ID, a resource type and names", Pos: -1}
		}
		switch x := args[0].(type) {
		case Unknown:
			return x
		case string, ResourceID:
			scope = x
		default:
			return &EvalError{Func: kind, Msg: "the scope must be a resource ID string, not " + TypeName(args[0]), Pos: -1}
		}
		rest = args[1:]
	}
	strs := make([]string, len(rest))
	var unk *Unknown
	for i, a := range rest {
		switch x := a.(type) {
		case string:
			strs[i] = x
		case Unknown:
			if unk == nil {
				unk = &x
			}
		case ResourceID:
			if unk == nil {
				u := Unknown{Reason: "resource ID " + x.Describe() + " used as a name"}
				unk = &u
			}
		default:
			return &EvalError{Func: kind, Msg: "arguments must be strings, not " + TypeName(a), Pos: -1}
		}
	}
	if unk != nil {
		return *unk
	}
	// The resource type is the first argument with a '/'; scope arguments
	// (subscription ID, resource group name, management group name) never
	// contain one.
	t := -1
	for i, s := range strs {
		if strings.Contains(s, "/") {
			t = i
			break
		}
	}
	maxScope := 0 // tenantResourceId, extensionResourceId, and any other kind
	switch kind {
	case "resourceId":
		maxScope = 2
	case "subscriptionResourceId", "managementGroupResourceId":
		maxScope = 1
	}
	if t < 0 {
		return &EvalError{Func: kind, Msg: "no resource type (namespace/type) among the arguments", Pos: -1}
	}
	if t > maxScope {
		return &EvalError{Func: kind, Msg: "too many arguments before the resource type", Pos: -1}
	}
	// The type's and names' segments are read in place, the names gathered in one
	// slice of the type's name count: strings.Split and growing the names were
	// most of the allocations of a resource ID (BenchmarkReadDir's memory
	// profile). Trimmed of its slashes, the type has an empty segment only
	// between two.
	typ := strings.Trim(strs[t], "/")
	if !strings.Contains(typ, "/") || strings.Contains(typ, "//") {
		return &EvalError{Func: kind, Msg: "invalid resource type " + strs[t], Pos: -1}
	}
	want := strings.Count(typ, "/") // names the type needs
	names := make([]string, 0, want)
	for _, n := range strs[t+1:] {
		for rest, more := n, true; more; {
			var part string
			part, rest, more = strings.Cut(rest, "/")
			if part == "" {
				return &EvalError{Func: kind, Msg: "empty resource name segment in " + n, Pos: -1}
			}
			names = append(names, part)
		}
	}
	if len(names) != want {
		return &EvalError{Func: kind, Msg: "resource type " + typ + " needs " + strconv.Itoa(want) + " name segments, got " + strconv.Itoa(len(names)), Pos: -1}
	}
	for _, s := range strs[:t] {
		if s == "" {
			return &EvalError{Func: kind, Msg: "empty scope argument", Pos: -1}
		}
	}
	// the resource's path, made only for the kinds returned as strings
	path := func() string { return typeNamesPath("providers/", typ, names) }
	rid := ResourceID{Type: typ, Names: names}
	switch kind {
	case "resourceId":
		switch t {
		case 2:
			return "/subscriptions/" + strs[0] + "/resourceGroups/" + strs[1] + "/" + path()
		case 1:
			rid.ResourceGroup = strs[0]
		}
		rid.Kind = KindResourceGroup
	case "subscriptionResourceId":
		if t == 1 {
			return "/subscriptions/" + strs[0] + "/" + path()
		}
		rid.Kind = KindSubscription
	case "tenantResourceId":
		return "/" + path()
	case "managementGroupResourceId":
		if t == 1 {
			return "/providers/Microsoft.Management/managementGroups/" + strs[0] + "/" + path()
		}
		rid.Kind = KindManagementGroup
	case "extensionResourceId":
		if s, ok := scope.(string); ok {
			return s + "/" + path()
		}
		rid.Kind = KindExtension
		rid.Parent = scope
	}
	return rid
}
