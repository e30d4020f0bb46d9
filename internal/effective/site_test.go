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
