package derive

import (
	"cmp"
	"encoding/binary"
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
func clusterRangeOverlaps(canon canonCache, doc *netdoc.Document) map[string]Meets {
	out := map[string]Meets{}
	queries := 0
	for _, c := range doc.Clusters {
		queries += len(c.NetworkProfile.PodCidrs) + len(c.NetworkProfile.ServiceCidrs)
	}
	if queries == 0 {
		return out
	}
	// Each distinct prefix is a block, with the places it is written. The blocks are
	// sorted through their indexes, by keys without pointers: sorting the prefixes
	// themselves moved pointers, and was most of the time this takes.
	// Made for as many blocks as there are prefixes, their most: grown by appending,
	// a network's thousands of blocks allocated about twice their size.
	n := 0
	for _, s := range doc.Subnets {
		n += len(s.AddressPrefixes)
	}
	for _, v := range doc.VirtualNetworks {
		n += len(v.AddressPrefixes)
	}
	prefixes, keys, refs := make([]netip.Prefix, 0, n), make([]prefixKey, 0, n), make([][]blockRef, 0, n)
	index := make(map[netip.Prefix]int32, n)
	add := func(c string, ref blockRef) {
		p, ok := canon.get(c)
		if !ok {
			return
		}
		i, seen := index[p]
		if !seen {
			i = int32(len(prefixes))
			index[p] = i
			prefixes = append(prefixes, p)
			keys = append(keys, keyOf(p))
			refs = append(refs, nil)
		}
		refs[i] = append(refs[i], ref)
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
	order := indexes(len(prefixes))
	slices.SortFunc(order, func(a, b int32) int { return keys[a].compare(keys[b]) })
	// The blocks still open when a block starts hold it, nested; the last is its
	// parent. parent[k] is the position in order of the parent of order[k], or -1.
	parent := make([]int32, len(order))
	var open []int32
	for k, i := range order {
		for len(open) > 0 && !holds(prefixes[order[open[len(open)-1]]], prefixes[i]) {
			open = open[:len(open)-1]
		}
		parent[k] = -1
		if len(open) > 0 {
			parent[k] = open[len(open)-1]
		}
		open = append(open, int32(k))
	}

	listed := 0
	for _, c := range doc.Clusters {
		for _, cidrs := range [][]string{c.NetworkProfile.PodCidrs, c.NetworkProfile.ServiceCidrs} {
			for _, cidr := range cidrs {
				q, ok := canon.get(cidr)
				if _, done := out[cidr]; done || !ok {
					continue
				}
				qk := keyOf(q)
				var met []int32
				// The blocks that start inside q: from the first at or after its start,
				// while they start at or before its end. q holds them, or (starting where
				// q starts, and larger) they hold q: either way they share an address.
				first, _ := slices.BinarySearchFunc(order, qk, func(i int32, qk prefixKey) int { return keys[i].compareStart(qk) })
				end := keyOf(netip.PrefixFrom(lastAddr(q), q.Addr().BitLen()))
				for k := first; k < len(order) && keys[order[k]].compareStart(end) <= 0; k++ {
					met = append(met, order[k])
				}
				// The blocks that start before q and hold it: up from the last block
				// starting before q, past those that do not hold it.
				for k := int32(first) - 1; k >= 0; k = parent[k] {
					if holds(prefixes[order[k]], q) {
						met = append(met, order[k])
					}
				}
				m := Meets{Subnets: []PrefixRef{}, VNets: []PrefixRef{}}
				for _, i := range met {
					for _, r := range refs[i] {
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

// prefixKey orders prefixes without pointers: by family, first address (as two words)
// and then the larger first.
type prefixKey struct {
	v6     bool
	hi, lo uint64
	bits   int
}

func keyOf(p netip.Prefix) prefixKey {
	a := p.Addr().As16()
	return prefixKey{v6: p.Addr().Is6(), hi: binary.BigEndian.Uint64(a[:8]), lo: binary.BigEndian.Uint64(a[8:]), bits: p.Bits()}
}

// compareStart compares the family and first address only. It returns at the first
// difference: cmp.Or evaluates every comparison it is given, and these comparisons
// are most of what sorting a network's prefixes costs (BenchmarkComputeHub).
func (k prefixKey) compareStart(o prefixKey) int {
	switch {
	case k.v6 != o.v6:
		if o.v6 {
			return -1
		}
		return 1
	case k.hi != o.hi:
		return cmp.Compare(k.hi, o.hi)
	default:
		return cmp.Compare(k.lo, o.lo)
	}
}

func (k prefixKey) compare(o prefixKey) int {
	if c := k.compareStart(o); c != 0 {
		return c
	}
	return cmp.Compare(k.bits, o.bits)
}

// blockRef is where a block is written: a subnet prefix or a VNet address prefix.
type blockRef struct {
	subnet bool
	at     PrefixRef
}

// indexes are 0 to n-1, to sort items through by keys without pointers: moving the
// items themselves (netip values hold a pointer) was most of the time of a sort.
func indexes(n int) []int32 {
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	return order
}

// holds is true when prefix a holds all of prefix b.
func holds(a, b netip.Prefix) bool {
	return a.Addr().BitLen() == b.Addr().BitLen() && a.Bits() <= b.Bits() && a.Contains(b.Addr())
}

func comparePrefixRefs(a, b PrefixRef) int {
	return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
}
