package armeval

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// scope is one template's evaluation context: its parameters and variables.
// A nested deployment with inner expression scope (or a linked template)
// has its own; one with outer scope shares its parent's.
type scope struct {
	x      *Deployment
	src    *jsonsrc.Source
	tmpl   gjson.Result
	lv2    bool
	parent *scope    // the scope the deployment that created this one is in
	dep    *Resource // that deployment (nil for the root)
	depth  int       // nesting of deployments
	id     int       // creation order, for keys of unknown names

	params   map[string]*param
	vars     map[string]gjson.Result // lower-case name -> value JSON
	copyVars map[string]gjson.Result // lower-case name -> copy element
	varVals  map[string]any
	varBusy  map[string]bool

	deps     []*Resource            // nested deployments read here
	depDecls []*depDecl             // nested deployments declared here
	symbols  map[string][]*Resource // languageVersion 2.0 symbolic names (lower case)
	envs     map[*frame]*armexpr.Env
}

func (x *Deployment) newScope(src *jsonsrc.Source, tmpl gjson.Result, parent *scope, dep *Resource) *scope {
	s := &scope{
		x: x, src: src, tmpl: tmpl, parent: parent, dep: dep, id: len(x.scopes),
		lv2:    src.Get(tmpl, "languageVersion").String() != "" && !strings.HasPrefix(src.Get(tmpl, "languageVersion").String(), "1."),
		params: map[string]*param{},
		vars:   map[string]gjson.Result{},
	}
	x.scopes = append(x.scopes, s)
	if parent != nil {
		s.depth = parent.depth + 1
	}
	src.ForEach(src.Get(tmpl, "parameters"), func(k, v gjson.Result) bool {
		name := strings.ToLower(k.String())
		if _, dup := s.params[name]; !dup {
			s.params[name] = &param{name: k.String(), def: v}
		}
		return true
	})
	src.ForEach(src.Get(tmpl, "variables"), func(k, v gjson.Result) bool {
		name := strings.ToLower(k.String())
		if name == "copy" && v.IsArray() {
			v.ForEach(func(_, c gjson.Result) bool {
				if n := getFold(c, "name").String(); n != "" {
					put(&s.copyVars, strings.ToLower(n), c)
				}
				return true
			})
			return true
		}
		if _, dup := s.vars[name]; !dup {
			s.vars[name] = v
		}
		return true
	})
	return s
}

// label names the scope for messages: the deployment's name where known.
func (s *scope) label() string {
	if s.dep == nil {
		return "(the template)"
	}
	s.x.Names(s.dep)
	if n, ok := s.dep.nameText(); ok {
		return quote(n)
	}
	if s.dep.symbol != "" {
		return quote(s.dep.symbol)
	}
	// The line of the template's own text: a reader of generated text (Bicep)
	// rewrites it into the line of the source it was generated from.
	return "declared at line " + itoa(s.dep.src.TextLoc(s.dep.j).Line)
}

func (s *scope) param(name string) *param { p, _ := lookupLower(s.params, name); return p }

func (s *scope) variable(name string) (any, bool) {
	if v, ok := lookupLower(s.varVals, name); ok {
		return v, true
	}
	c, isCopy := lookupLower(s.copyVars, name)
	raw, isVar := lookupLower(s.vars, name)
	if !isCopy && !isVar {
		return nil, false
	}
	key := strings.ToLower(name)
	if s.varBusy[key] {
		return armexpr.Unknown{Reason: "variable " + quote(name) + " refers to itself"}, true
	}
	put(&s.varBusy, key, true)
	var v any
	if isCopy {
		v = s.x.copyArray(s, nil, s.src, c, getFold(c, "name").String())
	} else {
		v = s.x.evalJSON(s, nil, s.src, raw)
	}
	delete(s.varBusy, key)
	put(&s.varVals, key, v)
	return v, true
}

// env is the evaluation environment of the scope with copy frame f.
func (s *scope) env(f *frame) *armexpr.Env {
	if e, ok := s.envs[f]; ok {
		return e
	}
	e := &armexpr.Env{
		Parameter: func(name string) (any, bool) {
			p := s.param(name)
			if p == nil {
				return nil, false
			}
			if _, seen := lookupLower(s.x.read, name); !seen && s.parent == nil {
				put(&s.x.read, strings.ToLower(name), true)
			}
			return s.paramValue(p), true
		},
		Variable: s.variable,
		CopyIndex: func(loop string, offset int64) any {
			i, ok := f.lookup(loop)
			if !ok {
				return nil
			}
			if i < 0 {
				return armexpr.Unknown{Reason: "the copy count of loop " + quote(f.find(loop).name) + " is not known"}
			}
			return int64(i) + offset
		},
		Reference: func(args []any) any { return s.x.reference(s, args) },
		Budget:    &s.x.budget,
	}
	put(&s.envs, f, e)
	return e
}
