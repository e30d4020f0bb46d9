package netindex

import (
	"slices"
	"strings"
	"unique"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// A run of many files keeps every file's declarations until the last file is read
// (a reference may come from any of them), so what a declaration holds is what the
// run holds per file: a map of locations per object, and strings that are slices of
// the file's text (JSON strings without escapes are read in place) and so kept the
// whole text, made it several kilobytes a file. A declaration keeps its locations in
// a sorted slice, and its own copies of the strings (a VNet's are packed, packed.go).

// Locs are the locations of a declared value, by pointer relative to the value ("" the
// value itself, "/addressPrefixes/0" ...), sorted by pointer.
type Locs []Loc

// Loc is one location of Locs.
type Loc struct {
	Rel string
	At  netdoc.Located
}

// Get is the location of rel.
func (ls Locs) Get(rel string) (netdoc.Located, bool) {
	i, ok := slices.BinarySearchFunc(ls, rel, func(l Loc, rel string) int { return strings.Compare(l.Rel, rel) })
	if !ok {
		return netdoc.Located{}, false
	}
	return ls[i].At, true
}

// compact is ls sorted, in a slice of its own length, with the strings detached
// from the file's text (file, the declaring document's, is shared as it is).
func compact(ls []Loc, file string) Locs {
	out := make(Locs, len(ls))
	for i, l := range ls {
		out[i] = Loc{Rel: intern(l.Rel), At: detachLocated(l.At, file)}
	}
	slices.SortFunc(out, func(a, b Loc) int { return strings.Compare(a.Rel, b.Rel) })
	return out
}

// sorted is ls sorted in place, for a declaration that is packed (which copies what
// it keeps).
func sorted(ls []Loc) Locs {
	slices.SortFunc(ls, func(a, b Loc) int { return strings.Compare(a.Rel, b.Rel) })
	return ls
}

// intern is the one copy of a relative pointer: the same few are in every file.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// detach is a copy of s that does not keep the text s was sliced from.
func detach(s string) string { return strings.Clone(s) }

func detachAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = detach(s)
	}
	return out
}

func detachFile(f, file string) string {
	if f == file {
		return file
	}
	return detach(f)
}

func detachLocated(l netdoc.Located, file string) netdoc.Located {
	l.File = detachFile(l.File, file)
	if l.Related != nil {
		rel := make([]netdoc.Related, len(l.Related))
		for i, r := range l.Related {
			rel[i] = netdoc.Related{Location: r.Location, Message: detach(r.Message)}
			rel[i].File = detachFile(r.File, file)
		}
		l.Related = rel
	}
	return l
}

func detachScope(s netdoc.Scope) netdoc.Scope {
	s.Subscription, s.ResourceGroup = detach(s.Subscription), detach(s.ResourceGroup)
	return s
}

func detachRouteTable(r netdoc.RouteTable) netdoc.RouteTable {
	r.Key, r.Name = detach(r.Key), detach(r.Name)
	if r.Routes != nil {
		rs := make([]netdoc.Route, len(r.Routes))
		for i, x := range r.Routes {
			rs[i] = netdoc.Route{Name: detach(x.Name), AddressPrefix: detach(x.AddressPrefix), NextHopType: detach(x.NextHopType)}
		}
		r.Routes = rs
	}
	return r
}

func detachSecurityGroup(g netdoc.SecurityGroup) netdoc.SecurityGroup {
	g.Key, g.Name = detach(g.Key), detach(g.Name)
	if g.Rules != nil {
		rs := make([]netdoc.SecurityRule, len(g.Rules))
		for i, x := range g.Rules {
			x.Name, x.Direction, x.Access, x.Protocol = detach(x.Name), detach(x.Direction), detach(x.Access), detach(x.Protocol)
			x.SourceAddressPrefixes = detachAll(x.SourceAddressPrefixes)
			x.DestinationAddressPrefixes = detachAll(x.DestinationAddressPrefixes)
			x.DestinationPortRanges = detachAll(x.DestinationPortRanges)
			rs[i] = x
		}
		g.Rules = rs
	}
	return g
}
