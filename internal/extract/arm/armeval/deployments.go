package armeval

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armexpr"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// deployment is a nested deployment (Microsoft.Resources/deployments with
// an inline or linked template).
type nestedDeployment struct {
	in    *Resource
	inner *scope // the scope its template's expressions evaluate in
	outer bool   // expressionEvaluationOptions.scope outer: inner == in.sc
	src   *jsonsrc.Source
	tmpl  gjson.Result

	walked  bool
	outDone bool
	outBusy bool
	outputs map[string]any
}

func (d *nestedDeployment) innerFrame() *frame {
	if d.outer {
		return d.in.f
	}
	return nil
}

type depDecl struct {
	src    *jsonsrc.Source
	j      gjson.Result
	symbol string
	f      *frame
	owner  *Resource // the nested deployment whose template declares it (nil: the top level)
	done   bool
	busy   bool
	insts  []*Resource
}

// declareDeployments indexes the nested deployments of a resource list so
// that reference() finds them before the walk reaches them.
func (s *scope) declareDeployments(src *jsonsrc.Source, list gjson.Result, f *frame, owner *Resource) {
	src.ForEach(list, func(k, r gjson.Result) bool {
		if strings.EqualFold(s.x.field(src, r, "type").String(), "Microsoft.Resources/deployments") {
			d := &depDecl{src: src, j: r, f: f, owner: owner}
			if list.IsObject() {
				d.symbol = k.String()
			}
			s.depDecls = append(s.depDecls, d)
		}
		return true
	})
}

func (s *scope) decl(src *jsonsrc.Source, r gjson.Result) *depDecl {
	for _, d := range s.depDecls {
		if d.src == src && d.j.Index == r.Index {
			return d
		}
	}
	return nil
}

// deploymentInsts expands a nested deployment once (copy loop, condition,
// nested scope), memoized so that reference() and the walk share it.
func (x *Deployment) deploymentInsts(s *scope, f *frame, src *jsonsrc.Source, r gjson.Result, symbol string) []*Resource {
	d := s.decl(src, r)
	if d == nil {
		d = &depDecl{src: src, j: r, symbol: symbol, f: f, owner: x.owner}
		s.depDecls = append(s.depDecls, d)
	}
	return x.declInsts(s, d)
}

func (x *Deployment) declInsts(s *scope, d *depDecl) []*Resource {
	if d.done || d.busy {
		return d.insts
	}
	d.busy = true
	// The instances belong to the deployment that declares them, whichever
	// evaluation (a reference() to its outputs) reaches them first.
	saved := x.owner
	x.owner = d.owner
	ins := x.instances(s, d.f, d.src, d.j, d.symbol, nil, x.field(d.src, d.j, "type").String())
	x.owner = saved
	for _, in := range ins {
		switch {
		case in.countUnknown != "":
			// What it deploys is not read: rules that look for the absence
			// of a resource (a role assignment, a route) must know that.
			x.Names(in)
			pointer := netdoc.Pointer("deployments", len(s.deps))
			if n, ok := in.nameText(); ok {
				pointer = netdoc.Pointer("deployments", n)
			}
			x.countNote(in, pointer)
		case !in.existing:
			x.nest(in)
		}
	}
	d.insts, d.done, d.busy = ins, true, false
	return ins
}

// nest prepares a deployment's template and scope (parameters passed down).
func (x *Deployment) nest(in *Resource) {
	s := in.sc
	props := x.field(in.src, in.j, "properties")
	if s.depth+1 > maxDeploymentDepth {
		x.note("", clip(getFold(in.j, "name").String()), "nested deployments deeper than "+itoa(maxDeploymentDepth)+" levels are not followed", locate(x.jsonTrace(s, in.f, in.src, getFold(in.j, "name"))))
		return
	}
	tmpl := x.field(in.src, props, "template")
	src := in.src
	linked := false
	if !tmpl.IsObject() {
		rel := getFold(props, "templateLink.relativePath")
		if !rel.Exists() || x.opt.Load == nil {
			if link := getFold(props, "templateLink"); link.Exists() {
				x.Names(in)
				pointer := netdoc.Pointer("deployments", len(s.deps))
				if n, ok := in.nameText(); ok {
					pointer = netdoc.Pointer("deployments", n)
				}
				x.note(pointer, clip(link.Raw), "the nested deployment's template is linked by URI or template spec and is not read: resources it deploys are not checked", netdoc.Located{Location: in.src.Loc(link)})
			}
			return
		}
		relV, ok := x.evalJSON(s, in.f, in.src, rel).(string)
		if !ok {
			x.note("", clip(rel.String()), "the linked template's path is not known", locate(x.jsonTrace(s, in.f, in.src, rel)))
			return
		}
		lsrc, root, err := x.opt.Load(in.src.File, relV)
		if err != nil {
			x.note("", clip(rel.String()), "the linked template is not read: "+err.Error(), locate(x.jsonTrace(s, in.f, in.src, rel)))
			return
		}
		tmpl, src, linked = root, lsrc, true
	}
	d := &nestedDeployment{in: in, tmpl: tmpl, src: src}
	in.dep = d
	if linked || strings.EqualFold(getFold(props, "expressionEvaluationOptions.scope").String(), "inner") {
		d.inner = x.newScope(src, tmpl, s, in)
		pp := getFold(props, "parameters")
		switch {
		case pp.IsObject():
			pp.ForEach(func(k, v gjson.Result) bool {
				if p := d.inner.param(k.String()); p != nil {
					p.passed = v
				}
				return true
			})
		case pp.Type == gjson.String:
			if m, ok := x.evalJSON(s, in.f, in.src, pp).(map[string]any); ok {
				for k, e := range m {
					if p := d.inner.param(k); p != nil {
						p.hasPassed = true
						if em, ok := e.(map[string]any); ok {
							p.passedValue, _, _ = armexpr.Lookup(em, "value")
						}
					}
				}
			}
		}
		d.inner.declareDeployments(src, src.Get(tmpl, "resources"), nil, in)
	} else {
		d.inner, d.outer = s, true
		s.declareDeployments(src, src.Get(tmpl, "resources"), in.f, in)
	}
	s.deps = append(s.deps, in)
}

// walkDeployment reads the resources of a nested deployment's template.
func (x *Deployment) walkDeployment(in *Resource) {
	d := in.dep
	if d == nil || d.walked {
		return
	}
	d.walked = true
	saved := x.owner
	x.owner = in
	x.walk(d.inner, d.innerFrame(), d.src, d.src.Get(d.tmpl, "resources"), nil)
	x.owner = saved
}

// findDeployment finds the nested deployment a reference() argument names
// in scope s: a languageVersion 2.0 symbolic name, a deployment name, a
// resource ID of Microsoft.Resources/deployments, or an unknown ID written
// with the same name expression as the deployment (Bicep writes
// take(format('{0}-x', deployment().name), 64) in both places).
func (x *Deployment) findDeployment(s *scope, arg any) *nestedDeployment {
	if s == nil {
		return nil
	}
	var name string
	switch a := arg.(type) {
	case string:
		if ins := s.symbols[strings.ToLower(a)]; len(ins) == 1 && ins[0].dep != nil {
			return ins[0].dep
		}
		for _, d := range s.depDecls {
			if strings.EqualFold(d.symbol, a) {
				if ins := x.declInsts(s, d); len(ins) == 1 && ins[0].dep != nil {
					return ins[0].dep
				}
			}
		}
		name = a
		if i := strings.LastIndex(strings.ToLower(a), "/microsoft.resources/deployments/"); i >= 0 {
			name = a[i+len("/microsoft.resources/deployments/"):]
		}
	case armexpr.ResourceID:
		if !strings.EqualFold(a.Type, "Microsoft.Resources/deployments") || len(a.Names) != 1 {
			return nil
		}
		name = a.Names[0]
	case armexpr.Unknown:
		return x.findDeploymentByText(s, a.Expr)
	default:
		return nil
	}
	for _, d := range s.depDecls {
		for _, in := range x.declInsts(s, d) {
			if in.dep == nil {
				continue
			}
			x.Names(in)
			if n, ok := in.nameText(); ok && strings.EqualFold(n, name) {
				return in.dep
			}
		}
	}
	return nil
}

// findDeploymentByText matches resourceId('Microsoft.Resources/deployments',
// X) (or any of the ID functions, at any scope) whose X is not known with a
// deployment whose name is written "[X]".
func (x *Deployment) findDeploymentByText(s *scope, expr string) *nestedDeployment {
	n, err := armexpr.Parse(expr)
	if err != nil {
		return nil
	}
	c, ok := n.(*armexpr.Call)
	if !ok || len(c.Args) < 2 {
		return nil
	}
	switch c.Key() {
	case "resourceid", "subscriptionresourceid", "tenantresourceid", "managementgroupresourceid", "extensionresourceid":
		// Bicep writes a module at another scope as
		// extensionResourceId(<scope>, 'Microsoft.Resources/deployments', <name>) or
		// resourceId(<subscription>, <group>, ...): the type and name come last.
	default:
		return nil
	}
	t, ok := c.Args[len(c.Args)-2].(*armexpr.StringLit)
	if !ok || !strings.EqualFold(t.Value, "Microsoft.Resources/deployments") {
		return nil
	}
	want := normExpr(c.Args[len(c.Args)-1].Source())
	if strings.Contains(want, "copyindex(") {
		return nil
	}
	var hit *nestedDeployment
	for _, d := range s.depDecls {
		name := getFold(d.j, "name").String()
		if !armexpr.IsExpression(name) || normExpr(name[1:len(name)-1]) != want {
			continue
		}
		for _, in := range x.declInsts(s, d) {
			if in.dep != nil {
				if hit != nil {
					return nil
				}
				hit = in.dep
			}
		}
	}
	return hit
}

// reference is the Env hook: the outputs of a nested deployment declared
// in the same scope; anything else is deployed state, not known.
func (x *Deployment) reference(s *scope, args []any) any {
	if len(args) == 0 {
		return armexpr.Unknown{}
	}
	d := x.findDeployment(s, args[0])
	if d == nil {
		if in := x.declaredInst(s, args[0]); in != nil && in.dep == nil {
			return x.declaredReference(in, isFull(args))
		}
		return armexpr.Unknown{Reason: "reference() reads deployed state"}
	}
	if len(args) == 3 {
		if full, ok := args[2].(string); ok && strings.EqualFold(full, "Full") {
			return map[string]any{"properties": map[string]any{"outputs": x.outputs(d)}}
		}
	}
	return map[string]any{"outputs": x.outputs(d)}
}

// isFull reports reference(x, apiVersion, 'Full').
func isFull(args []any) bool {
	if len(args) == 3 {
		full, ok := args[2].(string)
		return ok && strings.EqualFold(full, "Full")
	}
	return false
}

// outputs evaluates a nested deployment's outputs ({name: {type, value}}).
func (x *Deployment) outputs(d *nestedDeployment) any {
	if d.outDone {
		return d.outputs
	}
	if d.outBusy {
		return armexpr.Unknown{Reason: "the outputs of a nested deployment refer to themselves"}
	}
	d.outBusy = true
	out := map[string]any{}
	d.src.ForEach(x.field(d.src, d.tmpl, "outputs"), func(k, v gjson.Result) bool {
		o := map[string]any{"type": getFold(v, "type").String()}
		if c := getFold(v, "copy"); c.IsObject() {
			o["value"] = x.copyArray(d.inner, d.innerFrame(), d.src, c, "")
		} else {
			o["value"] = x.evalJSON(d.inner, d.innerFrame(), d.src, getFold(v, "value"))
		}
		out[k.String()] = o
		return true
	})
	d.outputs, d.outDone, d.outBusy = out, true, false
	return out
}

// normExpr normalizes an expression text for comparison: lower case, no
// blanks outside string literals.
func normExpr(s string) string {
	var b strings.Builder
	inStr := false
	for _, r := range s {
		switch {
		case r == '\'':
			inStr = !inStr
			b.WriteRune(r)
		case !inStr && (r == ' ' || r == '\t' || r == '\n' || r == '\r'):
		case !inStr:
			b.WriteString(strings.ToLower(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
