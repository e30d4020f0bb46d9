package derive

import (
	"cmp"
	"net/netip"
	"slices"
	"strconv"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// The facts of this file let a rule that checks each subnet or VNet prefix visit only
// the prefixes that can give it a finding, instead of every prefix of the document:
// on a network of thousands of subnets, a Rego loop over every prefix costs far more
// than the rule's check (bench/network.sh). Each lists canonical prefixes only (see
// Canonical): a value that is not canonical is AKSNET114's, and every other rule
// passes it over.

// PrefixRef is where a prefix is written: [entry index, prefix index] in subnets[] or
// virtualNetworks[].
type PrefixRef = [2]int

// prefixFacts fills f.PrefixLengths, f.OutsideVNet and the lists of prefixes not
// written canonically. Its cost is O(n log n) in the number of prefixes.
func (f *Facts) prefixFacts(doc *netdoc.Document) {
	f.PrefixLengths = map[string][]PrefixRef{}
	f.OutsideVNet = []PrefixRef{}
	f.NoncanonicalSubnetPrefixes = []PrefixRef{}
	f.NoncanonicalVNetPrefixes = []PrefixRef{}
	for vi, v := range doc.VirtualNetworks {
		for pi, c := range v.AddressPrefixes {
			if _, ok := f.canon.get(c); !ok {
				f.NoncanonicalVNetPrefixes = append(f.NoncanonicalVNetPrefixes, PrefixRef{vi, pi})
			}
		}
	}
	spaces := vnetSpaces(f.canon, doc.VirtualNetworks)
	for si, s := range doc.Subnets {
		for pi, c := range s.AddressPrefixes {
			p, ok := f.canon.get(c)
			if !ok {
				f.NoncanonicalSubnetPrefixes = append(f.NoncanonicalSubnetPrefixes, PrefixRef{si, pi})
				continue
			}
			at := PrefixRef{si, pi}
			length := lengthKey(p)
			f.PrefixLengths[length] = append(f.PrefixLengths[length], at)
			if !spaces[s.VNet].holds(p) {
				f.OutsideVNet = append(f.OutsideVNet, at)
			}
		}
	}
}

// lengthKey is a prefix's family and length, "IPv4/24" or "IPv6/64".
func lengthKey(p netip.Prefix) string {
	family := "IPv4/"
	if p.Addr().Is6() {
		family = "IPv6/"
	}
	return family + strconv.Itoa(p.Bits())
}

// space is the canonical address prefixes of one VNet key, as the disjoint blocks no
// other of them holds, sorted by first address: a prefix lies inside the space when
// the last block starting at or before it holds it (CIDR blocks are nested or
// disjoint), found by a binary search.
type space []netip.Prefix

func (sp space) holds(p netip.Prefix) bool {
	i, _ := slices.BinarySearchFunc(sp, p, func(b, p netip.Prefix) int {
		return cmp.Or(cmp.Compare(b.Addr().BitLen(), p.Addr().BitLen()), b.Addr().Compare(p.Addr()), -1)
	})
	// sp[i-1] is the last block that starts at or before p, in p's family.
	return i > 0 && holds(sp[i-1], p)
}

// vnetSpaces groups the canonical address prefixes of every virtualNetworks[] entry
// by VNet key (a key written twice has the prefixes of both entries).
func vnetSpaces(canon canonCache, vnets []netdoc.VirtualNetwork) map[string]space {
	all := map[string][]netip.Prefix{}
	for _, v := range vnets {
		for _, c := range v.AddressPrefixes {
			if p, ok := canon.get(c); ok {
				all[v.Key] = append(all[v.Key], p)
			}
		}
	}
	out := make(map[string]space, len(all))
	for k, ps := range all {
		slices.SortFunc(ps, func(a, b netip.Prefix) int {
			return cmp.Or(cmp.Compare(a.Addr().BitLen(), b.Addr().BitLen()), a.Addr().Compare(b.Addr()), cmp.Compare(a.Bits(), b.Bits()))
		})
		var sp space
		for _, p := range ps {
			// Sorted so, a block held by an earlier one comes right after the last
			// block kept that holds it.
			if n := len(sp); n > 0 && holds(sp[n-1], p) {
				continue
			}
			sp = append(sp, p)
		}
		out[k] = sp
	}
	return out
}
