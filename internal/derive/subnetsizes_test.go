package derive_test

import (
	"reflect"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/derive"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestSubnetSizeCandidates(t *testing.T) {
	doc := &netdoc.Document{Subnets: []netdoc.Subnet{
		{Key: "v/a", VNet: "v", AddressPrefixes: []string{"10.0.0.0/29", "10.0.0.8/30", "10.0.0.12/31", "10.0.0.14/32"}}, // /29 allowed; longer ones not
		{Key: "v/b", VNet: "v", AddressPrefixes: []string{"fd00::/64", "fd00:1::/56", "fd00:2::/80"}},                    // /64 only
		{Key: "v/c", VNet: "v", AddressPrefixes: []string{"10.0.1.1/30", "FD00:3::/56", "not a cidr", "10.0.2.0/24"}},    // not canonical: left to noncanonicalSubnetPrefixes
	}}
	got := derive.Compute(doc).SubnetSizeCandidates
	want := []derive.PrefixRef{{0, 1}, {0, 2}, {0, 3}, {1, 1}, {1, 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SubnetSizeCandidates = %v, want %v", got, want)
	}
	if empty := derive.Compute(&netdoc.Document{}).SubnetSizeCandidates; empty == nil {
		t.Error("an empty document's SubnetSizeCandidates is nil, want an empty list (JSON [], not null)")
	}
}
