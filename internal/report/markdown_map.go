package report

import (
	"cmp"
	"net/netip"
	"slices"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
)

// The address map draws each IPv4 range as a bar of mapWidth cells, scaled over the span
// of the ranges shown, so that ranges sharing addresses line up one above the other.
const (
	mapWidth      = 64
	mapLabelWidth = 40 // display cells; longer labels are cut in the middle
	cellFree      = '·'
	cellUsed      = '█'
	cellShared    = '▓' // addresses this range shares with a range it should not overlap
)

// mapRange is one row of the map: a range, the ranges it shares addresses with, and a
// note naming them.
type mapRange struct {
	Label  string
	Prefix netip.Prefix
	Kind   string
	Shared []netip.Prefix
	Note   string
}

// kindOrder puts containers before what they contain when two ranges start together.
var kindOrder = map[string]int{"vnet": 0, "subnet": 1, "service": 2, "pod": 3, "peering": 4, "connected": 5}

// mapRanges turns the summary's ranges into rows, in address order (a larger range before
// the ranges it contains). IPv6 ranges are returned apart: a bar scaled over an IPv6 span
// would show nothing.
func mapRanges(rs []engine.AddressRange) (v4 []mapRange, v6 []engine.AddressRange) {
	for _, r := range rs {
		p, err := netip.ParsePrefix(r.CIDR)
		if err != nil {
			continue // the policy only lists valid ranges; AKSNET114 reports the rest
		}
		if !p.Addr().Is4() {
			v6 = append(v6, r)
			continue
		}
		row := mapRange{Label: r.Label, Prefix: p.Masked(), Kind: r.Kind}
		var names []string
		for _, o := range r.Overlaps {
			if q, err := netip.ParsePrefix(o.CIDR); err == nil && q.Addr().Is4() {
				row.Shared = append(row.Shared, q.Masked())
				names = append(names, o.Label+" "+o.CIDR)
			}
		}
		if len(names) > 0 {
			slices.Sort(names)
			row.Note = "overlaps " + strings.Join(names, ", ")
		}
		v4 = append(v4, row)
	}
	slices.SortStableFunc(v4, func(a, b mapRange) int {
		return cmp.Or(
			a.Prefix.Addr().Compare(b.Prefix.Addr()),
			cmp.Compare(a.Prefix.Bits(), b.Prefix.Bits()),
			cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind]),
			cmp.Compare(a.Label, b.Label),
		)
	})
	slices.SortStableFunc(v6, func(a, b engine.AddressRange) int {
		return cmp.Or(cmp.Compare(a.CIDR, b.CIDR), cmp.Compare(a.Label, b.Label))
	})
	return v4, v6
}

// ipv4Bounds is the first and one past the last address of an IPv4 prefix.
func ipv4Bounds(p netip.Prefix) (lo, hi uint64) {
	a := p.Masked().Addr().As4()
	lo = uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
	return lo, lo + 1<<(32-p.Bits())
}

func ipv4String(n uint64) string {
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}).String()
}

// span is the scale of a map: addresses lo (inclusive) to hi (exclusive) over width cells.
type span struct {
	lo, hi uint64
	width  int
}

func spanOf(rows []mapRange, width int) span {
	s := span{width: width}
	for i, r := range rows {
		lo, hi := ipv4Bounds(r.Prefix)
		if i == 0 || lo < s.lo {
			s.lo = lo
		}
		if hi > s.hi {
			s.hi = hi
		}
	}
	return s
}

// cells maps addresses [lo, hi) to the cells [a, b) that show them. Every range gets at
// least one cell, so a /32 beside a /8 is still seen.
func (s span) cells(lo, hi uint64) (a, b int) {
	total := s.hi - s.lo
	a = int((lo - s.lo) * uint64(s.width) / total)
	b = int(((hi-s.lo)*uint64(s.width) + total - 1) / total)
	if a >= s.width {
		a = s.width - 1
	}
	if b <= a {
		b = a + 1
	}
	return a, b
}

// bar draws one range: its own cells, and over them the cells it shares with the ranges
// in r.Shared.
func (s span) bar(r mapRange) string {
	row := []rune(strings.Repeat(string(cellFree), s.width))
	lo, hi := ipv4Bounds(r.Prefix)
	a, b := s.cells(lo, hi)
	for i := a; i < b; i++ {
		row[i] = cellUsed
	}
	for _, q := range r.Shared {
		qlo, qhi := ipv4Bounds(q)
		ilo, ihi := max(lo, qlo), min(hi, qhi)
		if ilo >= ihi {
			continue
		}
		a, b := s.cells(ilo, ihi)
		for i := a; i < b; i++ {
			row[i] = cellShared
		}
	}
	return string(row)
}

// islands splits rows (in address order) into groups of ranges that are connected by
// shared addresses. Each group is drawn on its own scale: a service CIDR far from the
// VNet would otherwise squeeze every subnet into a cell.
func islands(rows []mapRange) [][]mapRange {
	var out [][]mapRange
	var end uint64
	for i, r := range rows {
		lo, hi := ipv4Bounds(r.Prefix)
		if i == 0 || lo >= end {
			out = append(out, nil)
			end = hi
		}
		out[len(out)-1] = append(out[len(out)-1], r)
		end = max(end, hi)
	}
	return out
}

// drawMap renders rows as text lines, one map per island separated by a blank line: an
// axis with the island's first and last address, then one line per range,
// "label  cidr  |bar|", with the ranges it overlaps after the bar.
func drawMap(rows []mapRange, width int) []string {
	labelW, cidrW := 0, 0
	labels := map[int]string{}
	for i, r := range rows {
		labels[i] = cutMiddle(oneLine(r.Label), mapLabelWidth)
		labelW = max(labelW, widths.StringWidth(labels[i]))
		cidrW = max(cidrW, len(r.Prefix.String()))
	}
	indent := strings.Repeat(" ", labelW+2+cidrW+3)
	var lines []string
	i := 0
	for _, group := range islands(rows) {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		s := spanOf(group, width)
		first, last := ipv4String(s.lo), ipv4String(s.hi-1)
		gap := max(width-len(first)-len(last), 1)
		lines = append(lines, indent+first+strings.Repeat(" ", gap)+last)
		for _, r := range group {
			line := labels[i] + strings.Repeat(" ", labelW-widths.StringWidth(labels[i])) + "  " +
				r.Prefix.String() + strings.Repeat(" ", cidrW-len(r.Prefix.String())) + "  |" + s.bar(r) + "|"
			if r.Note != "" {
				line += " " + oneLine(r.Note)
			}
			lines = append(lines, line)
			i++
		}
	}
	return lines
}

// cutMiddle shortens s to at most n display cells by replacing its middle with "…": the
// end of a long key (the subnet name, a copy index) tells rows apart better than its start.
func cutMiddle(s string, n int) string {
	if widths.StringWidth(s) <= n {
		return s
	}
	rs := []rune(s)
	head, tail := []rune{}, []rune{}
	room := n - 1
	for i, j := 0, len(rs)-1; i <= j && room > 0; {
		if len(head) <= len(tail) {
			w := widths.RuneWidth(rs[i])
			if w > room {
				break
			}
			head, room, i = append(head, rs[i]), room-w, i+1
		} else {
			w := widths.RuneWidth(rs[j])
			if w > room {
				break
			}
			tail, room, j = append([]rune{rs[j]}, tail...), room-w, j-1
		}
	}
	return string(head) + "…" + string(tail)
}
