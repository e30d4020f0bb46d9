// Package arm maps an evaluated ARM deployment (internal/extract/arm/armeval, which
// evaluates ARM templates and the templates the Bicep front-end compiles) to the
// network document: clusters and their node pools, virtual networks, subnets, route
// tables, network security groups, peerings, user-assigned identities and role
// assignments. It also pairs templates with their parameter files by name.
//
// A value that is not known statically is absent from the document and listed in
// Unresolved with the expression it is written as; nothing is guessed. Every value is
// located where the resource uses it, with the related locations the evaluation
// gives (a variable, a parameter's default value, the parameter file entry, a nested
// deployment's output).
package arm

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
)

// Extract reads a template with its parameters' default values.
func Extract(src *jsonsrc.Source, root gjson.Result) (*netdoc.Document, netdoc.Locations) {
	return ExtractWith(src, root, armeval.Options{})
}

// ExtractWith evaluates a template with the given options (the resource types
// that make the document: opt.Types is ResourceTypes) and maps it to the network
// document.
func ExtractWith(src *jsonsrc.Source, root gjson.Result, opt armeval.Options) (*netdoc.Document, netdoc.Locations) {
	opt.Types = ResourceTypes
	return Map(armeval.Evaluate(src, root, opt))
}

// Map maps an evaluated deployment to the network document and its location table.
// It reads the values it needs through the Deployment, which evaluates them then.
func Map(ev *armeval.Deployment) (*netdoc.Document, netdoc.Locations) {
	src, root := ev.Template()
	kind := netdoc.KindARM
	if armeval.IsBicep(src, root) {
		kind = netdoc.KindBicep
	}
	// Locations grow with the file: sized from its number of objects and arrays, they
	// are not rehashed a dozen times on a large template (BenchmarkRunNestedTemplate,
	// bench/scale.sh). A template gives about 5 located values for 3 containers (a
	// subnet's 2 objects give 4: its entry, name, prefix list and prefix), so the
	// hint is that many and a large hub is not rehashed once more at the end
	// (BenchmarkExtractHub).
	b := build.New(src.File, kind)
	b.Locs = make(netdoc.Locations, armeval.SizeHint(src)*5/3)
	x := &extractor{ev: ev, b: b}
	if p := ev.Params(); p != nil {
		x.b.Doc.ParameterFile = p.File()
	}
	for i, v := range ev.Violations() {
		x.b.Doc.Invalid = append(x.b.Doc.Invalid, netdoc.Invalid{Code: v.Code, Message: v.Message})
		x.b.Locs.Set(netdoc.Pointer("invalid", i), v.Loc.Location, v.Loc.Related...)
	}
	x.takeNotes()
	x.build()
	x.finish()
	return x.b.Result()
}

// extractor maps one evaluated deployment to its document.
type extractor struct {
	ev *armeval.Deployment
	// b writes the document: x.b.Doc and x.b.Locs are the document and its locations.
	b *build.Builder

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
	insts := x.ev.Resources()
	pass := func(types []string, fn func(*armeval.Resource)) {
		for _, in := range insts {
			for _, t := range types {
				if in.Type() == t {
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
	for _, in := range insts {
		if in.Type() == typeRole || strings.HasSuffix(in.Type(), "/providers/roleassignments") {
			x.roleAssignment(in)
		}
	}
}

// finish links references: undeclared subnets, peered address spaces, and
// for a pairing, the parameter file on every location.
func (x *extractor) finish() {
	x.linkSubnets()
	x.linkPeerings()
	x.takeNotes()
	pf := x.ev.Params()
	if pf == nil {
		return
	}
	note := netdoc.Related{Location: pf.Anchor(), Message: "with parameter file " + filepath.Base(pf.File())}
	withNote := func(l netdoc.Located) netdoc.Located {
		if slices.ContainsFunc(l.Related, func(r netdoc.Related) bool { return r.File == pf.File() }) {
			return l
		}
		l.Related = append(slices.Clip(l.Related), note)
		return l
	}
	for p, l := range x.b.Locs {
		x.b.Locs[p] = withNote(l)
	}
	for i, u := range x.b.Doc.Unresolved {
		if u.At != nil {
			at := withNote(*u.At)
			x.b.Doc.Unresolved[i].At = &at
		}
	}
}

// countNote reports a resource whose copy count is not known.
func (x *extractor) countNote(in *armeval.Resource, pointer string) {
	n := in.CountNote(pointer)
	x.unresolvedAt(n.Pointer, n.Expr, n.Reason, n.Loc)
}

// takeNotes writes the notes the evaluation found since the last call.
func (x *extractor) takeNotes() {
	for _, n := range x.ev.TakeNotes() {
		x.b.Unknown(n.Pointer, n.Expr, n.Reason, n.Loc)
	}
}
