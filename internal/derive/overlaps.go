package derive

import (
	"cmp"
	"net/netip"
	"slices"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Meets are the subnet and VNet prefixes that share an address with one range.
type Meets struct {
	// Subnets are [subnet index, prefix index] of canonical subnet prefixes.
	Subnets []PrefixRef `json:"subnets"`
	// VNets are [VNet index, prefix index] of canonical VNet address prefixes.
	VNets []PrefixRef `json:"vnets"`
}

// clusterRangeOverlaps maps each canonical pod and service CIDR of the clusters to the
// subnet and VNet prefixes of the document that share an address with it, in document
// order: the prefixes a rule comparing a cluster's ranges with its network must look
// at, instead of every prefix of the cluster's VNets for every cluster. The prefixes
// are sorted once; each range finds the ones it holds with a binary search, and the
// ones that hold it by walking up from there through the blocks that hold each other
// (at most one a prefix length). It returns nil when the prefixes listed would pass
// MaxOverlaps (a hostile document): rules then compare the ranges themselves.
func clusterRangeOverlaps(doc *netdoc.Document) map[string]Meets {
	type block struct {
		p      netip.Prefix
		parent int // the nearest block that holds this one, or -1
		refs   []blockRef
	}
	var blocks []block
	index := map[netip.Prefix]int{}
	add := func(c string, ref blockRef) {
		p, ok := Canonical(c)
		if !ok {
			return
		}
		i, seen := index[p]
		if !seen {
			i = len(blocks)
			index[p] = i
			blocks = append(blocks, block{p: p, parent: -1})
		}
		blocks[i].refs = append(blocks[i].refs, ref)
	}
	for si, s := range doc.Subnets {
		for pi, c := range s.AddressPrefixes {
			add(c, blockRef{subnet: true, at: PrefixRef{si, pi}})
		}
	}
	for vi, v := range doc.VirtualNetworks {
		for pi, c := range v.AddressPrefixes {
			add(c, blockRef{at: PrefixRef{vi, pi}})
		}
	}
	slices.SortFunc(blocks, func(a, b block) int { return comparePrefixes(a.p, b.p) })
	// The blocks still open when a block starts hold it, nested; the last is its parent.
	var open []int
	for i := range blocks {
		for len(open) > 0 && !holds(blocks[open[len(open)-1]].p, blocks[i].p) {
			open = open[:len(open)-1]
		}
		if len(open) > 0 {
			blocks[i].parent = open[len(open)-1]
		}
		open = append(open, i)
	}

	out := map[string]Meets{}
	listed := 0
	for _, c := range doc.Clusters {
		for _, cidrs := range [][]string{c.NetworkProfile.PodCidrs, c.NetworkProfile.ServiceCidrs} {
			for _, cidr := range cidrs {
				q, ok := Canonical(cidr)
				if _, done := out[cidr]; done || !ok {
					continue
				}
				var met []int
				// The blocks that start inside q: from the first at or after its start,
				// while they start at or before its end. q holds them, or (starting where
				// q starts, and larger) they hold q: either way they share an address.
				first, _ := slices.BinarySearchFunc(blocks, q, func(b block, q netip.Prefix) int {
					return cmp.Or(cmp.Compare(b.p.Addr().BitLen(), q.Addr().BitLen()), b.p.Addr().Compare(q.Addr()))
				})
				last := lastAddr(q)
				for i := first; i < len(blocks) && blocks[i].p.Addr().BitLen() == q.Addr().BitLen() && !last.Less(blocks[i].p.Addr()); i++ {
					met = append(met, i)
				}
				// The blocks that start before q and hold it: up from the last block
				// starting before q, past those that do not hold it.
				for i := first - 1; i >= 0; i = blocks[i].parent {
					if holds(blocks[i].p, q) {
						met = append(met, i)
					}
				}
				m := Meets{Subnets: []PrefixRef{}, VNets: []PrefixRef{}}
				for _, i := range met {
					for _, r := range blocks[i].refs {
						if r.subnet {
							m.Subnets = append(m.Subnets, r.at)
						} else {
							m.VNets = append(m.VNets, r.at)
						}
					}
				}
				listed += len(m.Subnets) + len(m.VNets)
				if listed > MaxOverlaps {
					return nil
				}
				slices.SortFunc(m.Subnets, comparePrefixRefs)
				slices.SortFunc(m.VNets, comparePrefixRefs)
				out[cidr] = m
			}
		}
	}
	return out
}

// blockRef is where a block is written: a subnet prefix or a VNet address prefix.
type blockRef struct {
	subnet bool
	at     PrefixRef
}

// comparePrefixes orders prefixes by family, first address, and then the larger first.
func comparePrefixes(a, b netip.Prefix) int {
	return cmp.Or(cmp.Compare(a.Addr().BitLen(), b.Addr().BitLen()), a.Addr().Compare(b.Addr()), cmp.Compare(a.Bits(), b.Bits()))
}

// holds is true when prefix a holds all of prefix b.
func holds(a, b netip.Prefix) bool {
	return a.Addr().BitLen() == b.Addr().BitLen() && a.Bits() <= b.Bits() && a.Contains(b.Addr())
}

func comparePrefixRefs(a, b PrefixRef) int {
	return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
}
