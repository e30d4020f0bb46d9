// Package armeval evaluates an ARM template (or the template the Bicep front-end
// compiles) as far as it can be known statically: parameters (defaults and a
// parameter file), variables, user functions, the expression language (armexpr),
// copy loops, conditions, child resources, nested deployments (inline or linked,
// inner or outer expression scope) and their outputs, reference() of declared
// resources, and languageVersion 2.0 templates. It also checks what ARM's template
// validation rejects (Violations, AKSNET904).
//
// Evaluate yields a Deployment: its resource instances, in the order the template
// declares them, whose properties are read as located Values (each knows where it is
// written, through variables, parameters, the parameter file and nested deployment
// outputs, and, when it is not known statically, why); the notes on what could not
// be read (AKSNET901); and the violations. It knows nothing of the network document
// or of AKS: internal/extract/arm maps a Deployment to the network document.
//
// Values are evaluated lazily, member by member, when the reader of a Deployment asks
// for them (Get, Path, Elems...): evaluating one may follow reference() into a nested
// deployment not reached before, which adds notes (TakeNotes).
package armeval

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Options configure Evaluate.
type Options struct {
	// Params is the parameter file to apply, or nil for the defaults alone.
	Params *Params
	// Load reads a template linked by templateLink.relativePath from the
	// template at path from; nil: linked templates are not followed.
	Load func(from, rel string) (*jsonsrc.Source, gjson.Result, error)
	// UnknownFunctions are the "namespace.name" functions (lower case) that a
	// front-end emits for a value it could not compile (the Bicep reader's
	// bicep.unknown): not declared in the template, yet no AKSNET904, since the
	// author never wrote them; their values stay unknown.
	UnknownFunctions map[string]bool
	// Override sets one parameter of the template for this evaluation (a variant).
	Override *Override
	// Types selects the resources evaluated, by full type in lower case (nested
	// deployments are always read); nil: every resource. Only a selected resource is
	// a Resource, and only it is what reference() of a declared resource finds: a
	// reader gives the types it maps (arm.ResourceTypes), so that the rest costs
	// nothing and reads as deployed state.
	Types func(typ string) bool
}

// IsBicep reports whether a template was emitted by the Bicep compiler.
func IsBicep(src *jsonsrc.Source, root gjson.Result) bool {
	generator := src.Get(src.Get(root, "metadata"), "_generator")
	return strings.EqualFold(src.Get(generator, "name").String(), "bicep")
}

// Note is a value or part of the template that is not known statically
// (AKSNET901): Pointer names what it is about ("" for the template, "/deployments/x"
// for a nested deployment, or the pointer a reader passed to CountNote), Expr is the
// expression as written and Loc where.
type Note struct {
	Pointer, Expr, Reason string
	Loc                   netdoc.Located
}

// Violation is what ARM's template validation rejects (AKSNET904).
type Violation struct {
	Code, Message string
	Loc           netdoc.Located
}

// SizeHint is the number of entries worth reserving up front for the locations and
// object indexes of a template: its number of objects and arrays, capped, so that a
// hostile file of millions of empty arrays does not reserve memory up front.
func SizeHint(src *jsonsrc.Source) int { return min(src.Containers(), maxSizeHint) }

// Evaluate evaluates a template with the given options: the resources are
// expanded (copy loops, conditions, nested deployments) and the template is
// validated; the resources' properties are evaluated when they are read.
func Evaluate(src *jsonsrc.Source, root gjson.Result, opt Options) *Deployment {
	// Object indexes grow with the file: sized from its number of objects and arrays,
	// they are not rehashed a dozen times on a large template
	// (BenchmarkRunNestedTemplate, bench/scale.sh).
	hint := SizeHint(src)
	x := &Deployment{
		opt:    opt,
		src:    src,
		root:   root,
		budget: budget,
		objs:   make(map[nodeKey]*objIndex, hint),
		// the other maps are made at their first entry (put)
	}
	s := x.newScope(src, root, nil, nil)
	x.top = s
	if opt.Params != nil {
		for name, e := range opt.Params.entries {
			if p := s.params[name]; p != nil {
				p.file = e
			}
		}
	}
	x.applyOverride(s)
	resources := src.Get(root, "resources")
	s.declareDeployments(src, resources, nil, nil)
	x.walk(s, nil, src, resources, nil)
	x.validate(s)
	if x.truncated {
		x.note("", "(resources)", "the template declares more than "+itoa(maxInstances)+" resource instances; the rest were not read", netdoc.Located{Location: src.At(0, 0)})
	}
	return x
}

// Deployment is an evaluated template: its resource instances, notes and
// violations, and the state that evaluates their values on demand. It is used by
// one goroutine.
type Deployment struct {
	opt  Options
	src  *jsonsrc.Source
	root gjson.Result
	top  *scope
	// scratchKeys and scratchVals gather an object's members (object).
	scratchKeys []string
	scratchVals []gjson.Result
	budget      int

	scopes []*scope
	parsed map[nodeKey]parsed
	evals  map[evalKey]any
	frames map[frameKey]*frame
	objs   map[nodeKey]*objIndex

	insts     []*Resource
	owner     *Resource // the nested deployment being walked
	count     int
	truncated bool

	unknownOwners map[string]*scope
	// read holds the root template's parameters (lower case) that an expression read.
	read map[string]bool

	// notes are the notes in the order they were found; taken of them were
	// returned by TakeNotes.
	notes      []Note
	taken      int
	violations []Violation
}

// Template is the evaluated template.
func (x *Deployment) Template() (*jsonsrc.Source, gjson.Result) { return x.src, x.root }

// Params is the parameter file applied, or nil.
func (x *Deployment) Params() *Params { return x.opt.Params }

// Resources are the resource instances the template (and the nested deployments it
// reads) declares whose condition is not known to be false, in declaration order:
// one per iteration of a copy loop, or one marked CountUnknown.
func (x *Deployment) Resources() []*Resource { return x.insts }

// Violations are what ARM's template validation rejects, in the order of the files.
func (x *Deployment) Violations() []Violation { return x.violations }

// TakeNotes returns the notes found since the last call, in the order they were
// found. Reading values may find more (a reference() that reaches a nested
// deployment for the first time): a reader that writes notes of its own takes these
// first, so that the order does not depend on when a value was read.
func (x *Deployment) TakeNotes() []Note {
	out := x.notes[x.taken:]
	x.taken = len(x.notes)
	return out
}

// note records a note.
func (x *Deployment) note(pointer, expr, reason string, loc netdoc.Located) {
	x.notes = append(x.notes, Note{Pointer: pointer, Expr: expr, Reason: reason, Loc: loc})
}

// Bounded lists the template's bounded parameters, in declaration order. Read says
// whether an expression read the parameter so far: call it after reading the values.
func (x *Deployment) Bounded() []Bounded { return x.bounded(x.top) }

// countNote notes a resource whose copy count is not known.
func (x *Deployment) countNote(in *Resource, pointer string) {
	x.notes = append(x.notes, in.CountNote(pointer))
}
