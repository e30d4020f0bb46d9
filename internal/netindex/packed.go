package netindex

import (
	"encoding/binary"
	"errors"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// The index holds every file's VNet declarations for the whole run, and a run reads
// few of them (only documents that reference a network they do not declare look any
// up), so each is kept packed: what Lookup compares (file, scope) as it is, the rest
// in one byte slice of varints and strings, unpacked when a lookup gives it. Kept as
// structures of slices, maps and strings it was most of what a run of many files
// held per file (internal/lint TestRunRetainsLittle).

// packed is a Decl as the index keeps it.
type packed struct {
	File, ParameterFile string
	Scope               netdoc.Scope
	data                []byte
}

// pack packs d.
func pack(d *Decl) *packed {
	e := encoder{file: d.File}
	e.location(d.At)
	e.bool(d.VNet != nil)
	if d.VNet != nil {
		e.vnet(d.VNet.V)
		e.locs(d.VNet.Locs)
	}
	e.count(len(d.Subnets), d.Subnets == nil)
	for _, s := range d.Subnets {
		e.subnet(s.V)
		e.locs(s.Locs)
	}
	e.count(len(d.Routes), d.Routes == nil)
	for _, r := range d.Routes {
		e.routeTable(r.V)
		e.locs(r.Locs)
	}
	e.count(len(d.NSGs), d.NSGs == nil)
	for _, n := range d.NSGs {
		e.securityGroup(n.V)
		e.locs(n.Locs)
	}
	return &packed{File: d.File, ParameterFile: d.ParameterFile, Scope: d.Scope, data: append([]byte(nil), e.b...)}
}

// unpack is the Decl p was packed from.
func (p *packed) unpack() *Decl {
	dec := decoder{b: p.data, file: p.File}
	d := &Decl{File: p.File, ParameterFile: p.ParameterFile, Scope: p.Scope}
	d.At = dec.location()
	if dec.bool() {
		d.VNet = &Object[netdoc.VirtualNetwork]{V: dec.vnet(), Locs: dec.locs()}
	}
	if n, ok := dec.count(); ok {
		d.Subnets = make([]Object[netdoc.Subnet], n)
		for i := range d.Subnets {
			d.Subnets[i] = Object[netdoc.Subnet]{V: dec.subnet(), Locs: dec.locs()}
		}
	}
	if n, ok := dec.count(); ok {
		d.Routes = make([]Object[netdoc.RouteTable], n)
		for i := range d.Routes {
			d.Routes[i] = Object[netdoc.RouteTable]{V: dec.routeTable(), Locs: dec.locs()}
		}
	}
	if n, ok := dec.count(); ok {
		d.NSGs = make([]Object[netdoc.SecurityGroup], n)
		for i := range d.NSGs {
			d.NSGs[i] = Object[netdoc.SecurityGroup]{V: dec.securityGroup(), Locs: dec.locs()}
		}
	}
	if dec.err != nil || len(dec.b) != 0 {
		// pack wrote it in this process: a mismatch is a bug, not an input.
		panic("netindex: a packed declaration does not unpack")
	}
	return d
}

// encoder appends values: a string as its length and bytes, or as the number of the
// same string written before (a VNet's key is its name and in each of its subnets,
// the same relative pointers locate each subnet), a slice as its length plus one (0
// for nil, so that nil and empty stay apart), an int as a varint.
type encoder struct {
	b    []byte
	file string   // the declaring file: a location in it is written as a mark
	seen []string // strings written, to refer back to (maxSeen at most)
}

// maxSeen bounds the strings an encoder refers back to, and so the time it takes to
// look one up, however many a declaration has (the hub of bench/network.sh has
// thousands of subnets).
const maxSeen = 64

func (e *encoder) uint(n uint64) { e.b = binary.AppendUvarint(e.b, n) }
func (e *encoder) int(n int)     { e.b = binary.AppendVarint(e.b, int64(n)) }
func (e *encoder) str(s string) {
	if len(s) >= 2 {
		for i, w := range e.seen {
			if w == s {
				e.uint(uint64(i)<<1 | 1)
				return
			}
		}
		if len(e.seen) < maxSeen {
			e.seen = append(e.seen, s)
		}
	}
	e.uint(uint64(len(s)) << 1)
	e.b = append(e.b, s...)
}

func (e *encoder) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

func (e *encoder) count(n int, isNil bool) {
	if isNil {
		e.uint(0)
	} else {
		e.uint(uint64(n) + 1)
	}
}

func (e *encoder) strs(ss []string) {
	e.count(len(ss), ss == nil)
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) scope(s netdoc.Scope) {
	e.str(s.Subscription)
	e.str(s.ResourceGroup)
	e.bool(s.Deployment)
}

func (e *encoder) location(l netdoc.Location) {
	e.bool(l.File == e.file)
	if l.File != e.file {
		e.str(l.File)
	}
	e.int(l.Line)
	e.int(l.Column)
	e.int(l.EndLine - l.Line) // most end on their line, near where they start
	e.int(l.EndColumn - l.Column)
}

func (e *encoder) locs(ls Locs) {
	e.count(len(ls), ls == nil)
	for _, l := range ls {
		e.str(l.Rel)
		e.location(l.At.Location)
		e.count(len(l.At.Related), l.At.Related == nil)
		for _, r := range l.At.Related {
			e.location(r.Location)
			e.str(r.Message)
		}
	}
}

func (e *encoder) vnet(v netdoc.VirtualNetwork) {
	e.str(v.Key)
	e.str(v.Name)
	e.strs(v.AddressPrefixes)
	e.count(len(v.Peerings), v.Peerings == nil)
	for _, p := range v.Peerings {
		e.str(p.Name)
		e.strs(p.RemoteAddressPrefixes)
		e.str(p.Remote)
		e.scope(p.RemoteScope)
	}
	e.scope(v.Scope)
}

func (e *encoder) subnet(s netdoc.Subnet) {
	e.str(s.Key)
	e.str(s.VNet)
	e.str(s.Name)
	e.strs(s.AddressPrefixes)
	e.strs(s.Delegations)
	e.str(s.RouteTable)
	e.str(s.NetworkSecurityGroup)
	e.bool(s.Declared)
	e.scope(s.Scope)
}

func (e *encoder) routeTable(r netdoc.RouteTable) {
	e.str(r.Key)
	e.str(r.Name)
	e.count(len(r.Routes), r.Routes == nil)
	for _, x := range r.Routes {
		e.str(x.Name)
		e.str(x.AddressPrefix)
		e.str(x.NextHopType)
	}
	e.bool(r.Declared)
}

func (e *encoder) securityGroup(g netdoc.SecurityGroup) {
	e.str(g.Key)
	e.str(g.Name)
	e.count(len(g.Rules), g.Rules == nil)
	for _, x := range g.Rules {
		e.str(x.Name)
		e.bool(x.Priority != nil)
		if x.Priority != nil {
			e.int(*x.Priority)
		}
		e.str(x.Direction)
		e.str(x.Access)
		e.str(x.Protocol)
		e.strs(x.SourceAddressPrefixes)
		e.strs(x.DestinationAddressPrefixes)
		e.strs(x.DestinationPortRanges)
	}
	e.bool(g.Declared)
}

var errPacked = errors.New("short packed declaration")

// decoder reads what encoder wrote; past the end it reads zeros and sets err.
type decoder struct {
	b    []byte
	file string
	seen []string
	err  error
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errPacked, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errPacked, nil
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) str() string {
	tag := d.uint()
	if tag&1 == 1 {
		if i := tag >> 1; i < uint64(len(d.seen)) {
			return d.seen[i]
		}
		d.err, d.b = errPacked, nil
		return ""
	}
	n := tag >> 1
	if n > uint64(len(d.b)) {
		d.err, d.b = errPacked, nil
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	if len(s) >= 2 && len(d.seen) < maxSeen {
		d.seen = append(d.seen, s)
	}
	return s
}

func (d *decoder) bool() bool { return d.uint() == 1 }

// count is a slice's length, and false for a nil slice. It never exceeds what is
// left to read: every element takes a byte at least.
func (d *decoder) count() (int, bool) {
	n := d.uint()
	if n == 0 {
		return 0, false
	}
	if n-1 > uint64(len(d.b)) {
		d.err, d.b = errPacked, nil
		return 0, false
	}
	return int(n - 1), true
}

func (d *decoder) strs() []string {
	n, ok := d.count()
	if !ok {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) scope() netdoc.Scope {
	return netdoc.Scope{Subscription: d.str(), ResourceGroup: d.str(), Deployment: d.bool()}
}

func (d *decoder) location() netdoc.Location {
	l := netdoc.Location{File: d.file}
	if !d.bool() {
		l.File = d.str()
	}
	l.Line, l.Column = d.int(), d.int()
	l.EndLine, l.EndColumn = l.Line+d.int(), l.Column+d.int()
	return l
}

func (d *decoder) locs() Locs {
	n, ok := d.count()
	if !ok {
		return nil
	}
	ls := make(Locs, n)
	for i := range ls {
		ls[i].Rel = d.str()
		ls[i].At.Location = d.location()
		if m, ok := d.count(); ok {
			ls[i].At.Related = make([]netdoc.Related, m)
			for j := range ls[i].At.Related {
				ls[i].At.Related[j].Location = d.location()
				ls[i].At.Related[j].Message = d.str()
			}
		}
	}
	return ls
}

func (d *decoder) vnet() netdoc.VirtualNetwork {
	v := netdoc.VirtualNetwork{Key: d.str(), Name: d.str(), AddressPrefixes: d.strs()}
	if n, ok := d.count(); ok {
		v.Peerings = make([]netdoc.Peering, n)
		for i := range v.Peerings {
			v.Peerings[i] = netdoc.Peering{Name: d.str(), RemoteAddressPrefixes: d.strs(), Remote: d.str(), RemoteScope: d.scope()}
		}
	}
	v.Scope = d.scope()
	return v
}

func (d *decoder) subnet() netdoc.Subnet {
	return netdoc.Subnet{
		Key: d.str(), VNet: d.str(), Name: d.str(), AddressPrefixes: d.strs(), Delegations: d.strs(),
		RouteTable: d.str(), NetworkSecurityGroup: d.str(), Declared: d.bool(), Scope: d.scope(),
	}
}

func (d *decoder) routeTable() netdoc.RouteTable {
	r := netdoc.RouteTable{Key: d.str(), Name: d.str()}
	if n, ok := d.count(); ok {
		r.Routes = make([]netdoc.Route, n)
		for i := range r.Routes {
			r.Routes[i] = netdoc.Route{Name: d.str(), AddressPrefix: d.str(), NextHopType: d.str()}
		}
	}
	r.Declared = d.bool()
	return r
}

func (d *decoder) securityGroup() netdoc.SecurityGroup {
	g := netdoc.SecurityGroup{Key: d.str(), Name: d.str()}
	if n, ok := d.count(); ok {
		g.Rules = make([]netdoc.SecurityRule, n)
		for i := range g.Rules {
			r := &g.Rules[i]
			r.Name = d.str()
			if d.bool() {
				p := d.int()
				r.Priority = &p
			}
			r.Direction, r.Access, r.Protocol = d.str(), d.str(), d.str()
			r.SourceAddressPrefixes, r.DestinationAddressPrefixes, r.DestinationPortRanges = d.strs(), d.strs(), d.strs()
		}
	}
	g.Declared = d.bool()
	return g
}
