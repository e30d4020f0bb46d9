package azcli

import (
	"slices"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/effective"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestRequestDefaults: the document names the request that creates each cluster and
// pool, and states what az CLI fills in before sending it (internal/effective's
// client rows); a service principal leaves the cluster without a managed identity,
// and the RP's defaults of effective.Apply still follow.
func TestRequestDefaults(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		identity  string
		requests  []netdoc.Request // the cluster's, then each pool's
		defaulted []string
	}{
		{"az aks create", "az aks create -g rg -n aks\n", "SystemAssigned",
			[]netdoc.Request{netdoc.RequestAzAKSCreate, netdoc.RequestAKSAPI},
			[]string{"/clusters/0/identity/type", "/clusters/0/nodePools/0/name", "/clusters/0/nodePools/0/mode", "/clusters/0/nodePools/0/osType", "/clusters/0/nodePools/0/count"}},
		{"--service-principal", "az aks create -g rg -n aks --service-principal $SP --client-secret $S --node-count 2\n", "",
			[]netdoc.Request{netdoc.RequestAzAKSCreate, netdoc.RequestAKSAPI},
			[]string{"/clusters/0/nodePools/0/name", "/clusters/0/nodePools/0/mode", "/clusters/0/nodePools/0/osType"}},
		{"--enable-managed-identity is stated", "az aks create -g rg -n aks --enable-managed-identity --nodepool-name sys\n", "SystemAssigned",
			[]netdoc.Request{netdoc.RequestAzAKSCreate, netdoc.RequestAKSAPI},
			[]string{"/clusters/0/nodePools/0/mode", "/clusters/0/nodePools/0/osType", "/clusters/0/nodePools/0/count"}},
		{"nodepool add to a cluster the script does not create", "az aks nodepool add -g rg --cluster-name aks -n user1\n", "",
			[]netdoc.Request{netdoc.RequestAKSAPI, netdoc.RequestAzNodepoolAdd},
			[]string{"/clusters/0/nodePools/0/mode", "/clusters/0/nodePools/0/osType", "/clusters/0/nodePools/0/count"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, err := Extract("t.sh", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			c := doc.Clusters[0]
			identity := ""
			if c.Identity != nil {
				identity = c.Identity.Type
			}
			if identity != tt.identity {
				t.Errorf("identity %q, want %q", identity, tt.identity)
			}
			got := []netdoc.Request{c.Request}
			for _, p := range c.NodePools {
				got = append(got, p.Request)
			}
			if !slices.Equal(got, tt.requests) {
				t.Errorf("requests %q, want %q", got, tt.requests)
			}
			if !slices.Equal(doc.Defaulted, tt.defaulted) {
				t.Errorf("defaulted %v, want %v", doc.Defaulted, tt.defaulted)
			}
			// The RP's defaults never replace what az CLI sends, nor give an identity.
			effective.Apply(doc)
			if c := doc.Clusters[0]; (c.Identity == nil) != (tt.identity == "") {
				t.Errorf("identity after Apply: %+v", c.Identity)
			}
			if n := doc.Clusters[0].NodePools[0].Count; n != nil && *n == effective.DefaultARMCount {
				t.Errorf("the REST API's count default replaced az CLI's")
			}
		})
	}
}
