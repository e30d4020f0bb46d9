package effective

import (
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestSitePointers: a site's field and flags pointers, formatted when asked, are the
// pointers netdoc.Pointer makes of the cluster or pool whose request applies.
func TestSitePointers(t *testing.T) {
	pool := func(r netdoc.Request) netdoc.NodePool { return netdoc.NodePool{Request: r} }
	doc := &netdoc.Document{Clusters: make([]netdoc.Cluster, 12)}
	doc.Clusters[11].NodePools = []netdoc.NodePool{pool(netdoc.RequestAKSAPI), pool(netdoc.RequestAKSAPI), pool("az aks nodepool add")}
	for i := 0; i < 10; i++ {
		doc.Clusters[11].NodePools = append(doc.Clusters[11].NodePools, pool(netdoc.RequestAKSAPI))
	}
	a := applier{doc: doc}
	cases := []struct {
		s            site
		field, flags string
	}{
		{a.clusterSite(0), netdoc.Pointer("clusters", 0, "name"), netdoc.Pointer("clusters", 0, FlagsPointer)},
		{a.clusterSite(11), netdoc.Pointer("clusters", 11, "name"), netdoc.Pointer("clusters", 11, FlagsPointer)},
		{a.poolSite(11, 1), netdoc.Pointer("clusters", 11, "nodePools", 1, "name"), netdoc.Pointer("clusters", 11, FlagsPointer)},
		{a.poolSite(11, 2), netdoc.Pointer("clusters", 11, "nodePools", 2, "name"), netdoc.Pointer("clusters", 11, "nodePools", 2, FlagsPointer)},
		{a.poolSite(11, 12), netdoc.Pointer("clusters", 11, "nodePools", 12, "name"), netdoc.Pointer("clusters", 11, FlagsPointer)},
	}
	for _, c := range cases {
		if got := c.s.pointer("name"); got != c.field {
			t.Errorf("pointer: %q, want %q", got, c.field)
		}
		if got := c.s.flags(); got != c.flags {
			t.Errorf("flags: %q, want %q", got, c.flags)
		}
	}
}

// TestOpaque: a cluster or pool is opaque when its own flags pointer is unresolved,
// and nothing is opaque in a document with nothing unresolved.
func TestOpaque(t *testing.T) {
	doc := &netdoc.Document{Clusters: make([]netdoc.Cluster, 2)}
	a := applier{doc: doc}
	if a.opaque(0, -1) || a.opaque(1, 0) {
		t.Error("opaque with nothing unresolved")
	}
	doc.Unresolved = []netdoc.Unresolved{
		{Pointer: netdoc.Pointer("clusters", 0, FlagsPointer)},
		{Pointer: netdoc.Pointer("clusters", 1, "nodePools", 1, FlagsPointer)},
	}
	cases := []struct {
		ci, pi int
		want   bool
	}{
		{0, -1, true}, {0, 0, false}, {1, -1, false}, {1, 0, false}, {1, 1, true},
	}
	for _, c := range cases {
		if got := a.opaque(c.ci, c.pi); got != c.want {
			t.Errorf("opaque(%d, %d) = %v, want %v", c.ci, c.pi, got, c.want)
		}
	}
}
