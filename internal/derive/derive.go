// Package derive computes, once per network document and in Go, the facts that the
// policies would otherwise recompute in Rego for every rule: where each subnet key is,
// which node pools draw on each subnet, the first and last address of each range, the
// usable addresses of each subnet, and which subnet prefixes of one VNet overlap. The
// engine gives them to the policies as input.derived (docs/policies.md documents them).
//
// Every fact is something a rule can also compute from the document itself: the Rego
// keeps each rule's logic and its tests, and reads a fact where it saves work. A fact is
// left out, never guessed, where Go and OPA could read a value differently: a range is
// listed only when it is written canonically (a value AKSNET114 does not report), so a
// rule that finds no fact falls back to its own computation.
package derive

import (
	"cmp"
	"maps"
	"net/netip"
	"slices"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// MaxOverlaps bounds the overlapping pairs listed for one document. Disjoint or nested
// prefixes (the real case) give few; a hostile document of many copies of one prefix
// would give a number of pairs quadratic in its size. Past the bound the list is
// dropped and OverlapsComplete is false: rules then compare the pairs themselves,
// under the engine's time budget, as they would without derived facts.
const MaxOverlaps = 10000

// Facts are the derived facts of one document (input.derived).
type Facts struct {
	// Subnets maps each subnet key to the facts of its first entry in input.subnets
	// (a key written twice keeps its first entry, as doc.subnets does).
	Subnets map[string]Subnet `json:"subnets"`
	// VNets maps each VNet key named by a subnet key's first entry to the subnets of
	// that VNet, so a rule reads one VNet's subnets without grouping all of them.
	VNets map[string]VNet `json:"vnets"`
	// Ranges maps each canonically written CIDR of the document (subnet, VNet, pod and
	// service ranges) to its family and first and last address.
	Ranges map[string]Range `json:"ranges"`
	// VNetOverlaps lists every pair of prefixes of two subnets of one VNet that share
	// an address, the earlier subnet first: found by sorting each VNet's prefixes and
	// sweeping them once, not by comparing every pair.
	VNetOverlaps []Overlap `json:"vnetOverlaps"`
	// OverlapsComplete is true when VNetOverlaps holds every such pair: every subnet
	// prefix parsed, and the list stayed within MaxOverlaps.
	OverlapsComplete bool `json:"overlapsComplete"`
	// PrefixLengths groups the canonical subnet prefixes by family and length
	// ("IPv4/24", "IPv6/64"), in document order (prefixes.go).
	PrefixLengths map[string][]PrefixRef `json:"prefixLengths"`
	// SubnetSizeCandidates lists, in document order, the canonical subnet prefixes of
	// a size Azure does not allow: IPv4 longer than /29, IPv6 other than /64
	// (subnetsizes.go).
	SubnetSizeCandidates []PrefixRef `json:"subnetSizeCandidates"`
	// OutsideVNet lists, in document order, every canonical subnet prefix that no
	// canonical address prefix of a virtualNetworks[] entry with the subnet's VNet key
	// holds (all of them when the document declares no such VNet).
	OutsideVNet []PrefixRef `json:"outsideVNet"`
	// NoncanonicalSubnetPrefixes and NoncanonicalVNetPrefixes list, in document order,
	// every subnet and VNet address prefix that is not written canonically (the ones
	// Ranges and the lists above leave out).
	NoncanonicalSubnetPrefixes []PrefixRef `json:"noncanonicalSubnetPrefixes"`
	NoncanonicalVNetPrefixes   []PrefixRef `json:"noncanonicalVNetPrefixes"`
	// ClusterRangeOverlaps maps each canonical pod and service CIDR of the clusters to
	// the canonical subnet and VNet prefixes that share an address with it
	// (overlaps.go); absent when they would pass MaxOverlaps.
	ClusterRangeOverlaps map[string]Meets `json:"clusterRangeOverlaps,omitempty"`
	// ClusterRangeCandidates are the places of the clusters' service and pod CIDRs
	// that may share an address with a subnet or VNet prefix (clusterranges.go).
	ClusterRangeCandidates *ClusterRanges `json:"clusterRangeCandidates"`
	// ClusterValueCandidates are the places of the clusters' CIDRs and DNS service
	// addresses that may be invalid (clustervalues.go).
	ClusterValueCandidates *ClusterValues `json:"clusterValueCandidates"`
	// ReservedCandidates are the places of the pod and service CIDRs and VNet and
	// subnet prefixes that may overlap a range AKS reserves (reserved.go).
	ReservedCandidates *Reserved `json:"reservedCandidates"`
	// DNSReservedCandidates are [cluster index, service CIDR index] of the service
	// CIDRs whose cluster's dnsServiceIP may be a reserved address of it (reserved.go).
	DNSReservedCandidates []PrefixRef `json:"dnsReservedCandidates"`
	// DNSConventionCandidates are [cluster index, service CIDR index] of the service
	// CIDRs whose cluster's dnsServiceIP may be inside them but not their tenth address
	// (dnsconvention.go).
	DNSConventionCandidates []PrefixRef `json:"dnsConventionCandidates"`
	// ForbiddenCandidates are the places of the VNet and subnet prefixes that may
	// overlap a range Azure forbids in a virtual network (forbidden.go).
	ForbiddenCandidates *Forbidden `json:"forbiddenCandidates"`
	// DualStackCandidates are the indexes of the clusters whose IP family settings may
	// be inconsistent (dualstack.go).
	DualStackCandidates []int `json:"dualStackCandidates"`
	// NodeCountCandidates are the indexes of the clusters whose node counts may pass a
	// limit AKS sets (nodecounts.go).
	NodeCountCandidates []int `json:"nodeCountCandidates"`
	// NodeSubnetCandidates are the node subnet keys whose pools may need more
	// addresses than the subnet has, with or without surge nodes (capacity.go).
	NodeSubnetCandidates []string `json:"nodeSubnetCandidates"`
	// PodCidrCandidates are the indexes of the kubenet and overlay clusters whose nodes
	// may not fit their pod CIDR, with or without surge nodes (capacity.go).
	PodCidrCandidates []int `json:"podCidrCandidates"`
	// UnknownValueCandidates are the indexes of the clusters with a setting that may
	// not be a documented value (documented.go).
	UnknownValueCandidates []int `json:"unknownValueCandidates"`

	canon canonCache // every range parsed once (parseAll), while the facts are computed
}

// canonCache is Canonical's answer for each range of a document, parsed once by
// parseAll: a document's prefixes are read by several facts. It is only read once
// made, so steps on several goroutines share it; a value it lacks is parsed again.
type canonCache map[string]canonical

type canonical struct {
	p  netip.Prefix
	ok bool
}

func (c canonCache) get(s string) (netip.Prefix, bool) {
	if v, seen := c[s]; seen {
		return v.p, v.ok
	}
	return Canonical(s)
}

// Subnet is what the rules need of one subnet key.
type Subnet struct {
	// Index is the subnet's first entry in input.subnets.
	Index int `json:"index"`
	// Entries are every index of input.subnets with this key, in document order (the
	// first is Index): a subnet written twice has the prefixes of both entries.
	Entries []int `json:"entries"`
	// NodePools are the pools naming the key as vnetSubnet, in document order.
	NodePools []PoolRef `json:"nodePools"`
	// PodPools are the pools naming the key as podSubnet, in document order, whatever
	// their cluster's network model (a rule decides which draw on it).
	PodPools []PoolRef `json:"podPools"`
	// Usable is the sum over the subnet's IPv4 prefixes of 2^(32 - length) - 5, none
	// below 0 (Azure reserves 5 addresses of each); absent when the subnet has no IPv4
	// prefix or a prefix that is not canonical.
	Usable *int64 `json:"usable,omitempty"`
}

// VNet is what the rules need of one VNet key.
type VNet struct {
	// Subnets are the Index of every subnet key whose first entry names this VNet, in
	// document order: the subnets doc.vnet_subnets gives.
	Subnets []int `json:"subnets"`
}

// PoolRef is a node pool: the indexes of its cluster and of the pool in it.
type PoolRef struct {
	CI int `json:"ci"`
	PI int `json:"pi"`
}

// Range is a CIDR as its family ("IPv4", "IPv6") and first and last address.
type Range struct {
	Family string `json:"family"`
	First  string `json:"first"`
	Last   string `json:"last"`
}

// Overlap is two overlapping prefixes: [subnet index, prefix index] of each.
type Overlap struct {
	A [2]int `json:"a"`
	B [2]int `json:"b"`
}

// Compute derives the facts of doc. Its cost is O(n log n) in the size of the document.
func Compute(doc *netdoc.Document) *Facts {
	c := Begin(doc)
	for _, step := range c.Steps {
		step()
	}
	return c.Facts()
}

// Computation is Compute cut into steps that several goroutines may run at once: each
// step computes its own facts, reading only the document and the values parsed by
// Begin, so the facts do not depend on which goroutine runs a step nor in which order
// (TestStepsInAnyOrderAreCompute compares them with Compute under -race). The engine
// runs the steps of a large document on two cores (internal/engine/input.go).
type Computation struct {
	// Steps are to be run once each, on any goroutine, the costliest first (on the
	// hub of bench/network.sh), so that goroutines taking them in turn finish together.
	Steps []func()
	f     *Facts
	doc   *netdoc.Document
}

// Begin parses every range of doc once, and returns the steps that compute its facts
// from them.
func Begin(doc *netdoc.Document) *Computation {
	f := &Facts{canon: parseAll(doc)}
	return &Computation{f: f, Steps: []func(){
		func() { f.ClusterRangeOverlaps = clusterRangeOverlaps(f.canon, doc) },
		func() { f.VNetOverlaps, f.OverlapsComplete = vnetOverlaps(doc.Subnets) },
		func() {
			f.subnetFacts(doc)
			f.nodeSubnetFacts(doc) // reads the subnet facts
		},
		func() { f.rangeFacts(doc) },
		func() { f.prefixFacts(doc) },
		func() {
			f.reservedFacts(doc)
			f.dnsReservedFacts(doc)
			f.forbiddenFacts(doc)
		},
		func() { f.subnetSizeFacts(doc) },
		func() {
			f.clusterValueFacts(doc)
			f.dnsConventionFacts(doc)
			f.dualStackFacts(doc)
			f.unknownValueFacts(doc)
			f.nodeCountFacts(doc)
			f.podCidrFacts(doc)
		},
	}, doc: doc}
}

// Facts returns the facts, once every step has run. The cluster-range candidates are
// made here: they read the facts of two steps (the overlaps and the non-canonical
// prefixes), and are linear in the clusters' CIDRs.
func (c *Computation) Facts() *Facts {
	c.f.clusterRangeFacts(c.doc)
	c.f.canon = nil
	return c.f
}

// parseAll is the canonical parse of every range of doc the steps read: the clusters'
// pod and service CIDRs and the VNet and subnet prefixes.
func parseAll(doc *netdoc.Document) canonCache {
	c := make(canonCache, len(doc.Subnets)+len(doc.VirtualNetworks))
	add := func(values []string) {
		for _, s := range values {
			if _, seen := c[s]; !seen {
				var v canonical
				v.p, v.ok = Canonical(s)
				c[s] = v
			}
		}
	}
	for _, cl := range doc.Clusters {
		add(cl.NetworkProfile.PodCidrs)
		add(cl.NetworkProfile.ServiceCidrs)
	}
	for _, v := range doc.VirtualNetworks {
		add(v.AddressPrefixes)
	}
	for _, s := range doc.Subnets {
		add(s.AddressPrefixes)
	}
	return c
}

// subnetFacts fills f.Subnets and f.VNets.
func (f *Facts) subnetFacts(doc *netdoc.Document) {
	f.Subnets, f.VNets = make(map[string]Subnet, len(doc.Subnets)), map[string]VNet{}
	for i, s := range doc.Subnets {
		if first, seen := f.Subnets[s.Key]; seen {
			first.Entries = append(first.Entries, i)
			f.Subnets[s.Key] = first
			continue
		}
		f.Subnets[s.Key] = Subnet{Index: i, Entries: []int{i}, NodePools: []PoolRef{}, PodPools: []PoolRef{}, Usable: usable(f.canon, s.AddressPrefixes)}
		v := f.VNets[s.VNet]
		v.Subnets = append(v.Subnets, i)
		f.VNets[s.VNet] = v
	}
	for ci, c := range doc.Clusters {
		for pi, p := range c.NodePools {
			if s, ok := f.Subnets[p.VnetSubnet]; ok && p.VnetSubnet != "" {
				s.NodePools = append(s.NodePools, PoolRef{ci, pi})
				f.Subnets[p.VnetSubnet] = s
			}
			if s, ok := f.Subnets[p.PodSubnet]; ok && p.PodSubnet != "" {
				s.PodPools = append(s.PodPools, PoolRef{ci, pi})
				f.Subnets[p.PodSubnet] = s
			}
		}
	}
}

// rangeFacts fills f.Ranges.
func (f *Facts) rangeFacts(doc *netdoc.Document) {
	f.Ranges = make(map[string]Range, len(f.canon))
	for _, c := range doc.Clusters {
		f.addRanges(c.NetworkProfile.PodCidrs)
		f.addRanges(c.NetworkProfile.ServiceCidrs)
	}
	for _, v := range doc.VirtualNetworks {
		f.addRanges(v.AddressPrefixes)
	}
	for _, s := range doc.Subnets {
		f.addRanges(s.AddressPrefixes)
	}
}

func (f *Facts) addRanges(cidrs []string) {
	for _, c := range cidrs {
		if _, done := f.Ranges[c]; done {
			continue
		}
		if p, ok := f.canon.get(c); ok {
			f.Ranges[c] = rangeOf(p)
		}
	}
}

// Canonical parses c as a CIDR written canonically: its network address (no host bits
// set), IPv4 in dotted decimal without leading zeros and with a prefix length without
// one, IPv6 as netip writes it. Those are exactly the values the policies' validity
// helpers (lib/addressing) accept; any other value gets no fact.
func Canonical(c string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(c)
	if err != nil || p.Addr().Zone() != "" || p.Masked() != p || p.String() != c {
		return netip.Prefix{}, false
	}
	if p.Addr().Is4In6() {
		return netip.Prefix{}, false
	}
	return p, true
}

func rangeOf(p netip.Prefix) Range {
	family := "IPv4"
	if p.Addr().Is6() {
		family = "IPv6"
	}
	return Range{Family: family, First: p.Addr().String(), Last: lastAddr(p).String()}
}

// lastAddr is the last address of a masked prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// usable is the subnet's usable IPv4 addresses, or nil (see Subnet.Usable).
func usable(canon canonCache, prefixes []string) *int64 {
	var n int64
	v4 := 0
	for _, c := range prefixes {
		p, ok := canon.get(c)
		if !ok {
			return nil
		}
		if !p.Addr().Is4() {
			continue
		}
		v4++
		n += max(0, int64(1)<<(32-p.Bits())-5)
	}
	if v4 == 0 {
		return nil
	}
	return &n
}

// vnetOverlaps sorts the prefixes of every subnet by VNet, family and first address
// (a larger prefix before the ones it holds) and sweeps them: CIDR ranges are nested or
// disjoint, so the ranges still open when a prefix starts are exactly those that
// hold it, kept on a stack. complete is false when a prefix does not parse or the
// pairs pass MaxOverlaps.
func vnetOverlaps(subnets []netdoc.Subnet) (out []Overlap, complete bool) {
	type item struct {
		vnet  int // the rank of the VNet key among the document's, so items hold no pointers
		key   prefixKey
		first netip.Addr
		last  netip.Addr
		at    [2]int
	}
	rank := map[string]int{}
	n := 0
	for _, s := range subnets {
		rank[s.VNet] = 0
		n += len(s.AddressPrefixes)
	}
	// Made at its size: an item is about a hundred bytes, and a network's thousands
	// of prefixes grown by appending allocated about twice their size.
	items := make([]item, 0, n)
	names := slices.Sorted(maps.Keys(rank))
	for i, n := range names {
		rank[n] = i
	}
	for i, s := range subnets {
		for j, c := range s.AddressPrefixes {
			p, err := netip.ParsePrefix(c)
			if err != nil {
				return []Overlap{}, false
			}
			p = p.Masked()
			items = append(items, item{vnet: rank[s.VNet], key: keyOf(p), first: p.Addr(), last: lastAddr(p), at: [2]int{i, j}})
		}
	}
	// Sorted through their indexes, by keys without pointers (netip.Addr holds one):
	// moving the items themselves was most of the time this takes.
	order := indexes(len(items))
	slices.SortFunc(order, func(x, y int32) int {
		a, b := &items[x], &items[y]
		// Compared in turn, not through cmp.Or, which compares every key every time.
		if a.vnet != b.vnet {
			return cmp.Compare(a.vnet, b.vnet)
		}
		if c := a.key.compare(b.key); c != 0 {
			return c
		}
		if a.at[0] != b.at[0] {
			return cmp.Compare(a.at[0], b.at[0])
		}
		return cmp.Compare(a.at[1], b.at[1])
	})
	sorted := make([]item, len(items))
	for k, i := range order {
		sorted[k] = items[i]
	}
	items = sorted
	out = []Overlap{}
	var open []item
	for k, it := range items {
		if k == 0 || it.vnet != items[k-1].vnet || it.first.BitLen() != items[k-1].first.BitLen() {
			open = open[:0]
		}
		for len(open) > 0 && open[len(open)-1].last.Less(it.first) {
			open = open[:len(open)-1]
		}
		for _, o := range open {
			if o.at[0] == it.at[0] {
				continue // two prefixes of one subnet
			}
			a, b := o.at, it.at
			if b[0] < a[0] {
				a, b = b, a
			}
			if len(out) == MaxOverlaps {
				return []Overlap{}, false
			}
			out = append(out, Overlap{A: a, B: b})
		}
		open = append(open, it)
	}
	return out, true
}
