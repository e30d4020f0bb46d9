// Package arm extracts the network document from an ARM template or compiled Bicep.
//
// This first version reads literal values only: a value written as an ARM expression
// ("[parameters('x')]") is recorded as unresolved, never guessed. Expression evaluation,
// parameter files, copy loops and nested deployments build on this reader.
package arm

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Resource types, lower case (ARM types are case-insensitive).
const (
	typeCluster = "microsoft.containerservice/managedclusters"
	typeVNet    = "microsoft.network/virtualnetworks"
	typeSubnet  = "microsoft.network/virtualnetworks/subnets"
)

// IsBicep reports whether a template was emitted by the Bicep compiler.
func IsBicep(root gjson.Result) bool {
	return strings.EqualFold(root.Get("metadata._generator.name").String(), "bicep")
}

// Extract reads the clusters, VNets and subnets of a parsed template.
func Extract(src *jsonsrc.Source, root gjson.Result) (*netdoc.Document, netdoc.Locations) {
	kind := netdoc.KindARM
	if IsBicep(root) {
		kind = netdoc.KindBicep
	}
	x := &extractor{src: src, doc: netdoc.New(src.File, kind), locs: netdoc.Locations{}}
	root.Get("resources").ForEach(func(_, res gjson.Result) bool {
		x.resource(res)
		return true
	})
	x.linkSubnets()
	return x.doc, x.locs
}

type extractor struct {
	src  *jsonsrc.Source
	doc  *netdoc.Document
	locs netdoc.Locations
	// referenced subnet keys with the location of the first reference, in order.
	refs []subnetRef
}

type subnetRef struct {
	key string
	loc netdoc.Location
}

func (x *extractor) resource(res gjson.Result) {
	if res.Get("existing").Bool() {
		return
	}
	if c := res.Get("condition"); c.Exists() && c.Type == gjson.False {
		return
	}
	switch strings.ToLower(res.Get("type").String()) {
	case typeCluster:
		x.cluster(res)
	case typeVNet:
		x.vnet(res)
	case typeSubnet:
		name, ok := literal(res.Get("name"))
		vnet, sub, found := strings.Cut(name, "/")
		if ok && found {
			x.subnet(vnet, sub, res, netdoc.Location{})
		}
	}
}

// literal returns a JSON string that is not an ARM expression, unescaping "[[".
func literal(r gjson.Result) (string, bool) {
	if r.Type != gjson.String {
		return "", false
	}
	s := r.String()
	if isExpression(s) {
		return "", false
	}
	if strings.HasPrefix(s, "[[") {
		s = s[1:]
	}
	return s, true
}

func isExpression(s string) bool {
	return strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") && !strings.HasPrefix(s, "[[")
}

// unresolved records that the value at pointer is written as something not known
// statically, locating it where it was written.
func (x *extractor) unresolved(pointer string, r gjson.Result, reason string) {
	x.doc.Unresolved = append(x.doc.Unresolved, netdoc.Unresolved{Pointer: pointer, Expression: r.String(), Reason: reason})
	x.locs.Set(pointer, x.src.Loc(r))
}

const reasonExpression = "ARM expressions are not evaluated yet"

// str reads an optional string property; ok is false when absent or unresolved.
func (x *extractor) str(r gjson.Result, pointer string) (string, bool) {
	if !r.Exists() || r.Type == gjson.Null {
		return "", false
	}
	s, ok := literal(r)
	if !ok {
		x.unresolved(pointer, r, x.reason(r))
		return "", false
	}
	x.locs.Set(pointer, x.src.Loc(r))
	return s, true
}

func (x *extractor) reason(r gjson.Result) string {
	if r.Type == gjson.String {
		return reasonExpression
	}
	return "expected a string"
}

// integer reads an optional integer property.
func (x *extractor) integer(r gjson.Result, pointer string) *int {
	if !r.Exists() || r.Type == gjson.Null {
		return nil
	}
	if r.Type != gjson.Number || r.Num != float64(int(r.Num)) {
		x.unresolved(pointer, r, x.numberReason(r))
		return nil
	}
	n := int(r.Int())
	x.locs.Set(pointer, x.src.Loc(r))
	return &n
}

func (x *extractor) numberReason(r gjson.Result) string {
	if r.Type == gjson.String && isExpression(r.String()) {
		return reasonExpression
	}
	return "expected an integer"
}

// boolean reads an optional boolean property.
func (x *extractor) boolean(r gjson.Result, pointer string) *bool {
	if !r.Exists() || r.Type == gjson.Null {
		return nil
	}
	if r.Type != gjson.True && r.Type != gjson.False {
		reason := "expected a boolean"
		if r.Type == gjson.String && isExpression(r.String()) {
			reason = reasonExpression
		}
		x.unresolved(pointer, r, reason)
		return nil
	}
	b := r.Bool()
	x.locs.Set(pointer, x.src.Loc(r))
	return &b
}

// strs reads an optional array of strings; any element not known makes the whole
// array unresolved, since a rule over a partial list could miss an overlap.
func (x *extractor) strs(r gjson.Result, pointer string) []string {
	if !r.Exists() || r.Type == gjson.Null {
		return nil
	}
	if !r.IsArray() {
		x.unresolved(pointer, r, x.reason(r))
		return nil
	}
	var out []string
	complete := true
	r.ForEach(func(_, v gjson.Result) bool {
		s, ok := literal(v)
		if !ok {
			complete = false
			return false
		}
		out = append(out, s)
		return true
	})
	if !complete {
		x.unresolved(pointer, r, reasonExpression)
		return nil
	}
	x.locs.Set(pointer, x.src.Loc(r))
	i := 0
	r.ForEach(func(_, v gjson.Result) bool {
		x.locs.Set(pointer+"/"+itoa(i), x.src.Loc(v))
		i++
		return true
	})
	return out
}

// single reads a string property that the newer API also offers as an array
// (podCidr / podCidrs): the array wins when both are written.
func (x *extractor) single(props gjson.Result, one, many, pointer string) []string {
	if v := props.Get(many); v.Exists() && v.Type != gjson.Null {
		return x.strs(v, pointer)
	}
	if s, ok := x.str(props.Get(one), pointer+"/0"); ok {
		x.locs.Set(pointer, x.src.Loc(props.Get(one)))
		return []string{s}
	}
	return nil
}

func itoa(i int) string { return netdoc.Pointer(i)[1:] }
