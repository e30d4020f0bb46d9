package armexpr

import "fmt"

// Issue is a problem ARM's template validation finds in an expression before any
// value is known: a function it does not have, a wrong number of arguments.
type Issue struct {
	Node Node   // the call
	Msg  string // what is wrong
}

// Check lists the calls of an expression that ARM rejects whatever the values: a
// function that does not exist, or a built-in given a number of arguments it does
// not take (createObject an odd one). User-defined functions (ns.fn) are the
// caller's to check. The walk is bounded by the parser's depth limit.
func Check(n Node) []Issue {
	var out []Issue
	var walk func(Node)
	walk = func(n Node) {
		switch x := n.(type) {
		case *Call:
			if p := checkCall(x); p != "" {
				out = append(out, Issue{Node: x, Msg: p})
			}
			for _, a := range x.Args {
				walk(a)
			}
		case *Property:
			walk(x.Target)
		case *Index:
			walk(x.Target)
			walk(x.Index)
		case *Lambda:
			walk(x.Body)
		}
	}
	walk(n)
	return out
}

func checkCall(c *Call) string {
	if c.Namespace != "" {
		return ""
	}
	name := c.Key()
	spec, ok := functions[name]
	if !ok {
		if _, runtime := runtimeFunctions[name]; runtime || len(name) > 4 && name[:4] == "list" {
			return ""
		}
		return fmt.Sprintf("the template language function '%s' is not valid", c.Name)
	}
	if len(c.Args) < spec.min || (spec.max >= 0 && len(c.Args) > spec.max) {
		return fmt.Sprintf("the template language function '%s' %s", c.Name, arityMsg(spec.min, spec.max, len(c.Args)))
	}
	if name == "createobject" && len(c.Args)%2 != 0 {
		return fmt.Sprintf("the template language function '%s' must have an even number of arguments (name, value pairs), got %d", c.Name, len(c.Args))
	}
	return ""
}
