package azcli

import (
	"maps"
)

// env is the variable state along one execution path. Paths share their variable map
// until one of them writes (copy on write), so branches that assign nothing cost nothing.
type env struct {
	vars map[string]value // absent: unset
	// tag identifies the map version; paths with the same tag hold the same variables.
	tag *byte
	// owned is set when this path may write vars in place.
	owned bool
	// dead marks a path that ended (exit, return, break, continue).
	dead bool
}

func newEnv() *env { return &env{vars: map[string]value{}, tag: new(byte), owned: true} }

// clone returns a path that starts with e's variables.
func (e *env) clone() *env {
	e.owned = false
	return &env{vars: e.vars, tag: e.tag, dead: e.dead}
}

func (e *env) own() {
	if !e.owned {
		e.vars = maps.Clone(e.vars)
		e.tag = new(byte)
		e.owned = true
	}
}

func (e *env) set(name string, v value) {
	e.own()
	e.vars[name] = v
}

func (e *env) del(name string) {
	if _, ok := e.vars[name]; ok {
		e.own()
		delete(e.vars, name)
	}
}

// merge joins the live paths: a variable keeps its value when every live path agrees,
// and becomes unknown otherwise. uid names the merge point for the unknowns it creates.
// With no live path the result is dead.
func merge(uid string, paths ...*env) *env {
	var live []*env
	for _, p := range paths {
		if p != nil && !p.dead {
			live = append(live, p)
		}
	}
	switch len(live) {
	case 0:
		e := newEnv()
		if len(paths) > 0 && paths[0] != nil {
			e = paths[0].clone()
		}
		e.dead = true
		return e
	case 1:
		return live[0]
	}
	same := true
	for _, p := range live[1:] {
		if p.tag != live[0].tag {
			same = false
			break
		}
	}
	if same {
		return live[0]
	}
	names := map[string]bool{}
	for _, p := range live {
		for k := range p.vars {
			names[k] = true
		}
	}
	out := &env{vars: make(map[string]value, len(names)), tag: new(byte), owned: true}
	for k := range names {
		first, set0 := live[0].vars[k]
		agree := true
		for _, p := range live[1:] {
			v, set := p.vars[k]
			if set != set0 || set && !v.same(first) {
				agree = false
				break
			}
		}
		switch {
		case agree && set0:
			for _, p := range live[1:] {
				first.addFrom(p.vars[k].from...)
			}
			out.vars[k] = first
		case !agree:
			out.vars[k] = unknownValue("$"+k+"@"+uid, "$"+k+" is assigned differently on different paths")
		}
	}
	return out
}
