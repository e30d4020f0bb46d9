// Package arm extracts the network document from an ARM template or compiled
// Bicep, following what can be known statically: parameters (defaults and a
// parameter file), variables, the expression language (armexpr), copy
// loops, conditions, child resources, nested deployments (inline or linked,
// inner or outer expression scope) and languageVersion 2.0 templates.
//
// A value that cannot be known statically is absent from the document and
// listed in Unresolved with the expression it is written as; nothing is
// guessed. Every value is located where the resource uses it, with related
// locations for the definitions it came through (a variable, a parameter's
// default value, the parameter file entry, a nested deployment's output).
package arm

import (
	"path/filepath"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Options configure ExtractWith.
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
	// Info, when not nil, is filled with what the evaluation tells beyond the
	// document: the template's bounded parameters.
	Info *Info
}

// IsBicep reports whether a template was emitted by the Bicep compiler.
func IsBicep(src *jsonsrc.Source, root gjson.Result) bool {
	generator := src.Get(src.Get(root, "metadata"), "_generator")
	return strings.EqualFold(src.Get(generator, "name").String(), "bicep")
}

// Extract reads a template with its parameters' default values.
func Extract(src *jsonsrc.Source, root gjson.Result) (*netdoc.Document, netdoc.Locations) {
	return ExtractWith(src, root, Options{})
}

// ExtractWith reads a template with the given options.
func ExtractWith(src *jsonsrc.Source, root gjson.Result, opt Options) (*netdoc.Document, netdoc.Locations) {
	kind := netdoc.KindARM
	if IsBicep(src, root) {
		kind = netdoc.KindBicep
	}
	// Locations and object indexes grow with the file: sized from its number of objects
	// and arrays, they are not rehashed a dozen times on a large template
	// (BenchmarkRunNestedTemplate, bench/scale.sh). Capped, so that a hostile file of
	// millions of empty arrays does not reserve memory up front.
	hint := min(src.Containers(), maxSizeHint)
	x := &extractor{
		opt:            opt,
		doc:            netdoc.New(src.File, kind),
		locs:           make(netdoc.Locations, hint),
		budget:         budget,
		parsed:         map[nodeKey]parsed{},
		evals:          map[evalKey]any{},
		frames:         map[frameKey]*frame{},
		objs:           make(map[nodeKey]*objIndex, hint),
		unresolvedSeen: map[string]bool{},
		unknownOwners:  map[string]*scope{},
		read:           map[string]bool{},
	}
	if opt.Params != nil {
		x.doc.ParameterFile = opt.Params.src.File
	}
	s := x.newScope(src, root, nil, nil)
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
	x.build()
	x.finish()
	if opt.Info != nil {
		opt.Info.Bounded = x.bounded(s)
	}
	return x.doc, x.locs
}

type extractor struct {
	opt  Options
	doc  *netdoc.Document
	locs netdoc.Locations
	// scratchKeys and scratchVals gather an object's members (object).
	scratchKeys []string
	scratchVals []gjson.Result
	budget      int

	scopes []*scope
	parsed map[nodeKey]parsed
	evals  map[evalKey]any
	frames map[frameKey]*frame
	objs   map[nodeKey]*objIndex

	insts     []*inst
	owner     *inst // the nested deployment being walked
	count     int
	truncated bool

	unresolvedSeen map[string]bool
	unknownOwners  map[string]*scope
	// read holds the root template's parameters (lower case) that an expression read.
	read map[string]bool

	// document state
	clusterIdx map[string]int
	vnetIdx    map[string]int
	subnetIdx  map[string]int
	rtIdx      map[string]int
	nsgIdx     map[string]int
	refs       []subnetRef
	peerings   []peeringRef
	identities map[string]bool
	// listedIdentity holds the identities listed in the document (created
	// here for certain), so one declared twice is listed once.
	listedIdentity map[string]bool
}

// subnetRef is a reference to a subnet (by key) from a cluster setting.
type subnetRef struct {
	key   string
	loc   netdoc.Located
	scope netdoc.Scope // where the ID says the subnet's VNet is
}

// build turns the resource instances into the document, in dependency
// order: networks before the clusters that use them.
func (x *extractor) build() {
	x.clusterIdx, x.vnetIdx, x.subnetIdx = map[string]int{}, map[string]int{}, map[string]int{}
	x.rtIdx, x.nsgIdx, x.identities, x.listedIdentity = map[string]int{}, map[string]int{}, map[string]bool{}, map[string]bool{}
	pass := func(types []string, fn func(*inst)) {
		for _, in := range x.insts {
			for _, t := range types {
				if in.typ == t {
					fn(in)
				}
			}
		}
	}
	pass([]string{typeRouteTable}, x.routeTable)
	pass([]string{typeRoute}, x.routeResource)
	pass([]string{typeNSG}, x.nsg)
	pass([]string{typeNSGRule}, x.nsgRuleResource)
	pass([]string{typeVNet}, x.vnet)
	pass([]string{typeSubnet}, x.subnetResource)
	pass([]string{typeIdentity}, x.identity)
	pass([]string{typeCluster}, x.cluster)
	pass([]string{typeAgentPool}, x.agentPoolResource)
	pass([]string{typePeering}, x.peeringResource)
	for _, in := range x.insts {
		if in.typ == typeRole || strings.HasSuffix(in.typ, "/providers/roleassignments") {
			x.roleAssignment(in)
		}
	}
}

// finish links references: undeclared subnets, peered address spaces, and
// for a pairing, the parameter file on every location.
func (x *extractor) finish() {
	x.linkSubnets()
	x.linkPeerings()
	if x.opt.Params == nil {
		return
	}
	pf := x.opt.Params.src
	anchor := pf.Loc(x.opt.Params.root)
	if anchor.IsZero() {
		anchor = pf.At(0, 0)
	}
	note := netdoc.Related{Location: anchor, Message: "with parameter file " + filepath.Base(pf.File)}
	for p, l := range x.locs {
		mentions := false
		for _, r := range l.Related {
			if r.File == pf.File {
				mentions = true
				break
			}
		}
		if !mentions {
			l.Related = append(l.Related, note)
			x.locs[p] = l
		}
	}
}

// typeLoc locates a resource by its type property.
func (x *extractor) typeLoc(in *inst) netdoc.Location {
	if t := getFold(in.j, "type"); t.Exists() {
		return in.src.Loc(t)
	}
	return in.src.Loc(in.j)
}

// countNote reports a resource whose copy count is not known.
func (x *extractor) countNote(in *inst, pointer string) {
	c := getFold(in.j, "copy.count")
	if !c.Exists() {
		c = in.j
	}
	x.unresolvedAt(pointer, clip(c.String()), "copy loop of "+in.typText+": "+in.countUnknown, netdoc.Located{Location: in.src.Loc(c)})
}
