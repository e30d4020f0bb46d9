// Package effective fills the defaults of RULES.md ("Effective values") into an
// extracted document, so every policy works on effective values. Every default is a row
// of one table (table.go), keyed by the field and by the request that creates the
// cluster or node pool (netdoc.Request): where az CLI and the AKS REST API document
// different defaults, each is a row of its own, not a branch on the input kind. Each
// filled value's pointer is appended to Document.Defaulted; a value that is unresolved,
// or that the input states is unset, is never filled, because a default would then be
// a guess.
package effective

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Apply fills the effective values into doc in place: first what the client that
// sends each request fills in (Requested), then the resource provider's defaults for
// the clusters the input creates, and the network model.
func Apply(doc *netdoc.Document) {
	a := applier{doc: doc}
	a.requested()
	for i := range doc.Clusters {
		a.cluster(i)
	}
}

// Requested fills only the defaults a client fills in before it sends the request
// that creates a cluster or pool (az aks create --node-count 3, say): they are part of
// what the command does, so the az CLI extractor's document states them. Apply fills
// them too; filling them twice changes nothing.
func Requested(doc *netdoc.Document) {
	applier{doc: doc}.requested()
}

type applier struct{ doc *netdoc.Document }

// site is the cluster or node pool (pi >= 0) a row fills.
type site struct {
	ci, pi  int
	c       *netdoc.Cluster
	p       *netdoc.NodePool
	request netdoc.Request
	// poolFlags: the request whose unreadable flags (FlagsPointer) apply is the
	// pool's own, not its cluster's.
	poolFlags bool
}

// pointer is the pointer of the site's field, formatted only when a row asks for it:
// most sites fill nothing, or nothing a document states otherwise, and formatting
// each site's pointer up front was most of this package's allocations
// (BenchmarkReadDir's memory profile).
func (s site) pointer(field string) string { return s.under(s.pi >= 0, field) }

// flags is the pointer of the request's unreadable flags (FlagsPointer), if any.
func (s site) flags() string { return s.under(s.poolFlags, FlagsPointer) }

// under is netdoc.Pointer("clusters", ci[, "nodePools", pi]) + "/" + field, in one
// buffer: the field names are the table's, with nothing to escape.
func (s site) under(pool bool, field string) string {
	var buf [64]byte
	b := append(buf[:0], "/clusters/"...)
	b = strconv.AppendInt(b, int64(s.ci), 10)
	if pool {
		b = append(b, "/nodePools/"...)
		b = strconv.AppendInt(b, int64(s.pi), 10)
	}
	b = append(b, '/')
	return string(append(b, field...))
}

func (a applier) clusterSite(ci int) site {
	c := &a.doc.Clusters[ci]
	return site{ci: ci, pi: -1, c: c, request: c.Request}
}

// poolSite: a pool with no request of its own is created by its cluster's request, and
// that request's flags are the cluster's.
func (a applier) poolSite(ci, pi int) site {
	s := a.clusterSite(ci)
	s.pi, s.p = pi, &s.c.NodePools[pi]
	if s.p.Request != netdoc.RequestAKSAPI {
		s.request = s.p.Request
		s.poolFlags = true
	}
	return s
}

// requested applies the client's rows to every cluster and pool, in document order.
func (a applier) requested() {
	for ci := range a.doc.Clusters {
		a.rows(a.clusterSite(ci), true, false)
		for pi := range a.doc.Clusters[ci].NodePools {
			a.rows(a.poolSite(ci, pi), true, true)
		}
	}
}

// rows applies the rows of the table for one site: the client's (client) or the
// resource provider's, of clusters or of pools (pool).
func (a applier) rows(s site, client, pool bool) {
	for i := range table {
		r := &table[i]
		if r.Client != client || r.Pool != pool || !r.appliesTo(s.request) {
			continue
		}
		// The checks read the document's unresolved and unset pointers: with none (most
		// documents) the field's pointer is not formatted for them.
		switch {
		case client && len(a.doc.Unresolved)+len(a.doc.Unset) > 0:
			// The client fills what the command leaves out: the command decides, by a
			// flag given (known or not) or by words that may hold any flag.
			if p := s.pointer(r.Field); a.unresolvedAt(p) || a.unset(p) || (!r.Fixed && a.unresolvedAt(s.flags())) {
				continue
			}
		case !client && len(a.doc.Unset) > 0:
			if a.unset(s.pointer(r.Field)) {
				continue
			}
		}
		for _, f := range r.fill(a, s) {
			a.doc.Defaulted = append(a.doc.Defaulted, s.pointer(f))
		}
	}
}

// unknown reports whether pointer, an ancestor of it or a descendant of it is unresolved:
// then the value is stated but not known, and must not be defaulted. An entry of the
// document itself (pointer "": a linked template or part of a script not read) is no
// value's ancestor: what AKS fills in for a value the input leaves out does not depend
// on the other resources it deploys.
func (a applier) unknown(pointer string) bool {
	for _, u := range a.doc.Unresolved {
		if u.Pointer == "" {
			continue
		}
		if u.Pointer == pointer || strings.HasPrefix(pointer, u.Pointer+"/") || strings.HasPrefix(u.Pointer, pointer+"/") {
			return true
		}
	}
	return false
}

// unknownAt is unknown(s.pointer(field)), the pointer formatted only when the
// document has unresolved values (most have none).
func (a applier) unknownAt(s site, field string) bool {
	return len(a.doc.Unresolved) > 0 && a.unknown(s.pointer(field))
}

// unresolvedAt reports whether pointer itself is unresolved.
func (a applier) unresolvedAt(pointer string) bool {
	for _, u := range a.doc.Unresolved {
		if u.Pointer == pointer {
			return true
		}
	}
	return false
}

func (a applier) unset(pointer string) bool {
	for _, p := range a.doc.Unset {
		if p == pointer {
			return true
		}
	}
	return false
}

// FlagsPointer is the last segment of an unresolved pointer under a cluster or node
// pool ("/clusters/0/flags") that says the command creating it has words that may hold
// any setting (an unknown "${ARGS[@]}"): no value of it is known to be absent, so no
// default is applied to it (for a cluster, nor to its pools).
const FlagsPointer = "flags"

// opaque reports an unresolved FlagsPointer under cluster ci, or under its pool pi when
// pi >= 0; the pointer is formatted only for a document with unresolved values.
func (a applier) opaque(ci, pi int) bool {
	return len(a.doc.Unresolved) > 0 && a.unresolvedAt(site{ci: ci, pi: pi}.under(pi >= 0, FlagsPointer))
}

func (a applier) cluster(ci int) {
	c := &a.doc.Clusters[ci]
	if c.Existing || a.opaque(ci, -1) {
		// Defaults describe a new cluster; an existing one has settings we cannot see,
		// and one created with flags we cannot read may have set any of them.
		c.Model = a.model(ci)
		return
	}
	a.rows(a.clusterSite(ci), false, false)
	c.Model = a.model(ci)
	for pi := range c.NodePools {
		if a.opaque(ci, pi) {
			continue
		}
		a.rows(a.poolSite(ci, pi), false, true)
	}
}

// model derives the network model; "" when it cannot be known.
func (a applier) model(ci int) string {
	c := &a.doc.Clusters[ci]
	np := c.NetworkProfile
	if len(a.doc.Unresolved) > 0 && a.unknown(netdoc.Pointer("clusters", ci, "networkProfile", "networkPluginMode")) {
		return ""
	}
	switch strings.ToLower(np.NetworkPlugin) {
	case "kubenet":
		return ModelKubenet
	case "none":
		return ModelBYOCNI
	case "azure":
	default:
		return ""
	}
	if strings.EqualFold(np.NetworkPluginMode, "overlay") {
		return ModelOverlay
	}
	podSubnet, static, dynamic := false, false, false
	for pi, p := range c.NodePools {
		if len(a.doc.Unresolved) > 0 && a.unknown(netdoc.Pointer("clusters", ci, "nodePools", pi, "podSubnet")) {
			return ""
		}
		if p.PodSubnet == "" {
			continue
		}
		podSubnet = true
		if strings.EqualFold(p.PodIPAllocationMode, "StaticBlock") {
			static = true
		} else {
			dynamic = true
		}
	}
	switch {
	case !podSubnet:
		return ModelNodeSubnet
	case static && !dynamic:
		return ModelPodSubnetStatic
	default:
		return ModelPodSubnetDynamic
	}
}

// versionAtLeast130 reports whether a Kubernetes version ("1.31", "1.29.7") is >= 1.30.
// An empty version is the newest, so counts as >= 1.30; one that does not parse is unknown.
func versionAtLeast130(v string) (atLeast, known bool) {
	if v == "" {
		return true, true
	}
	parts := strings.Split(strings.TrimPrefix(v, "v"), ".")
	if len(parts) < 2 {
		return false, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false, false
	}
	return major > 1 || (major == 1 && minor >= 30), true
}

// ipv4Only reports whether the IP families are unset or IPv4 alone; the IPv4 defaults
// of RULES.md are only sound then.
func ipv4Only(families []string) bool {
	return len(families) == 0 || (len(families) == 1 && strings.EqualFold(families[0], "IPv4"))
}
