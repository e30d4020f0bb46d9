package azcli

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// piece is a run of a shell value: known text, or an unknown hole.
type piece struct {
	text    string
	unknown bool
	// uid identifies an unknown hole: two holes with the same uid hold the same runtime
	// text (the same variable, unchanged; the same placeholder).
	uid    string
	reason string
	// off is the source byte offset of text[0] when text maps byte for byte onto the
	// source, else -1.
	off int
	// split marks the result of an unquoted expansion, subject to field splitting.
	split bool
}

// maxFrom caps the related locations a value carries.
const maxFrom = 6

// value is what a shell word evaluates to.
type value struct {
	pieces []piece
	// ref is set when the value is the ID of a resource the script resolved through
	// `az ... show|create --query id -o tsv`: "subnet:<key>", "vnet:<key>", ...
	ref string
	// from lists the variable assignments the value came through, most recent first.
	from []netdoc.Related
	// array marks an indexed array. Its elements are elems when pieces is empty; an
	// array whose elements are not known holds one unknown piece instead.
	array bool
	elems []value
}

// maxElems bounds the elements of an array the analysis keeps.
const maxElems = 1024

// arrayValue is an array of known elements.
func arrayValue(elems []value) value {
	if elems == nil {
		elems = []value{}
	}
	return value{array: true, elems: elems}
}

// unknownArray is an array whose elements are not known.
func unknownArray(uid, reason string) value {
	v := unknownValue(uid, reason)
	v.array = true
	return v
}

// knownElems returns an array's elements when they are known.
func (v value) knownElems() ([]value, bool) {
	if !v.array || len(v.pieces) > 0 {
		return nil, false
	}
	return v.elems, true
}

// scalar is what $A gives: a scalar's value, an array's first element.
func (v value) scalar() value {
	if !v.array {
		return v
	}
	if els, ok := v.knownElems(); ok {
		if len(els) == 0 {
			return value{from: v.from}
		}
		e := els[0]
		e.from = v.from
		return e
	}
	out := v
	out.array = false
	return out
}

func knownValue(s string, off int) value {
	return value{pieces: []piece{{text: s, off: off}}}
}

func unknownValue(uid, reason string) value {
	return value{pieces: []piece{{unknown: true, uid: uid, reason: reason, off: -1}}}
}

// known returns the value's text when no part of it is unknown.
func (v value) known() (string, bool) {
	if len(v.pieces) == 1 && !v.pieces[0].unknown {
		return v.pieces[0].text, true
	}
	var b strings.Builder
	for _, p := range v.pieces {
		if p.unknown {
			return "", false
		}
		b.WriteString(p.text)
	}
	return b.String(), true
}

// reason explains why the value is unknown (the first hole's reason).
func (v value) reason() string {
	for _, p := range v.pieces {
		if p.unknown {
			return p.reason
		}
	}
	return ""
}

// ident renders the value with holes as their uid; equal idents mean equal runtime values.
func (v value) ident() string {
	var b strings.Builder
	for _, p := range v.pieces {
		if p.unknown {
			b.WriteString(p.uid)
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

// same reports whether two values are certainly equal at run time.
func (v value) same(w value) bool {
	if v.ref != w.ref || v.array != w.array || len(v.elems) != len(w.elems) {
		return false
	}
	for i := range v.elems {
		if !v.elems[i].same(w.elems[i]) {
			return false
		}
	}
	a, b := v.canon(), w.canon()
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].unknown != b[i].unknown || a[i].uid != b[i].uid || a[i].text != b[i].text {
			return false
		}
	}
	return true
}

// canon merges adjacent known text, for comparisons.
func (v value) canon() []piece {
	var out []piece
	for _, p := range v.pieces {
		if n := len(out); n > 0 && !p.unknown && !out[n-1].unknown {
			out[n-1].text += p.text
			continue
		}
		out = append(out, piece{text: p.text, unknown: p.unknown, uid: p.uid})
	}
	return out
}

// concat appends w to v.
func (v *value) concat(w value) {
	for _, p := range w.pieces {
		v.add(p)
	}
	v.addFrom(w.from...)
}

// add appends one piece, merging adjacent known text when that keeps the offsets true.
func (v *value) add(p piece) {
	if !p.unknown && p.text == "" {
		return
	}
	if n := len(v.pieces); n > 0 && !p.unknown && !v.pieces[n-1].unknown && v.pieces[n-1].split == p.split {
		last := &v.pieces[n-1]
		switch {
		case last.off >= 0 && p.off == last.off+len(last.text):
			last.text += p.text
			return
		case last.off < 0 && p.off < 0:
			last.text += p.text
			return
		}
	}
	v.pieces = append(v.pieces, p)
}

func (v *value) addFrom(rs ...netdoc.Related) {
	for _, r := range rs {
		if len(v.from) >= maxFrom {
			return
		}
		dup := false
		for _, f := range v.from {
			if f == r {
				dup = true
				break
			}
		}
		if !dup {
			v.from = append(v.from[:len(v.from):len(v.from)], r)
		}
	}
}

// withFrom returns v with r prepended to its related locations.
func (v value) withFrom(r netdoc.Related) value {
	from := make([]netdoc.Related, 0, len(v.from)+1)
	from = append(from, r)
	for _, f := range v.from {
		if len(from) < maxFrom && f != r {
			from = append(from, f)
		}
	}
	v.from = from
	return v
}

// segmentAfter finds "/<typ>/<name>" in a resource ID and returns the name, provided
// the type segment is known text and the name segment is known text or, with holes set,
// one unknown hole: a hole names the resource as keyOf does ("?" and its identity), so
// that .../virtualNetworks/<vnetName>/... can find the VNet created with --name
// <vnetName>. Other segments may be unknown.
func (v value) segmentAfter(typ string, holes bool) (string, bool) {
	type seg struct {
		text  string
		known bool
		holes int
		uid   string
	}
	var segs []seg
	cur := seg{known: true}
	for _, p := range v.pieces {
		if p.unknown {
			cur.known = false
			cur.holes++
			cur.uid = p.uid
			continue
		}
		parts := strings.Split(p.text, "/")
		for i, part := range parts {
			if i > 0 {
				segs = append(segs, cur)
				cur = seg{known: true}
			}
			cur.text += part
		}
	}
	segs = append(segs, cur)
	found, name := false, ""
	for i := 0; i+1 < len(segs); i++ {
		if segs[i].known && strings.EqualFold(segs[i].text, typ) {
			n := segs[i+1]
			switch {
			case n.known && n.text != "":
				found, name = true, n.text
			case holes && !n.known && n.holes == 1 && n.text == "":
				found, name = true, "?"+n.uid
			default:
				return "", false
			}
		}
	}
	return name, found
}

// subnetRef resolves a subnet reference (a resolved ref, or an ID whose
// virtualNetworks and subnets segments are known) to the VNet and subnet names. With
// holes set, a segment that is one unknown value gives the name keyOf gives it ("?...").
func (v value) subnetRef(holes bool) (vnet, subnet string, ok bool) {
	if r, found := strings.CutPrefix(v.ref, "subnet:"); found {
		vnet, subnet, ok = strings.Cut(r, "/")
		return vnet, subnet, ok
	}
	if v.ref != "" {
		return "", "", false
	}
	vnet, ok1 := v.segmentAfter("virtualNetworks", holes)
	subnet, ok2 := v.segmentAfter("subnets", holes)
	return vnet, subnet, ok1 && ok2
}

// resourceKey resolves a reference to a named resource: a resolved ref of the kind, a
// resource ID whose <typ> segment is known, or a plain known name.
func (v value) resourceKey(kind, typ string) (string, bool) {
	if k, ok := strings.CutPrefix(v.ref, kind+":"); ok {
		return k, true
	}
	if v.ref != "" {
		return "", false
	}
	if s, ok := v.known(); ok && !strings.Contains(s, "/") {
		return netdoc.NameKey(s), s != ""
	}
	if name, ok := v.segmentAfter(typ, false); ok {
		return netdoc.NameKey(name), true
	}
	return "", false
}
