package derive

import (
	"fmt"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// hubDoc is a document shaped like bench/gen -hub: vnets VNets of 16 /24 subnets each
// (a /20 of 10.0.0.0/8 apiece), and a cluster in each of the first clusters spokes.
func hubDoc(vnets, clusters int) *netdoc.Document {
	d := &netdoc.Document{}
	for v := range vnets {
		base := v * 16
		key := fmt.Sprintf("vnet-%d", v)
		d.VirtualNetworks = append(d.VirtualNetworks, netdoc.VirtualNetwork{Key: key, AddressPrefixes: []string{fmt.Sprintf("10.%d.%d.0/20", base/256, base%256)}})
		for s := range 16 {
			d.Subnets = append(d.Subnets, netdoc.Subnet{Key: fmt.Sprintf("%s/snet-%d", key, s), VNet: key, AddressPrefixes: []string{fmt.Sprintf("10.%d.%d.0/24", (base+s)/256, (base+s)%256)}})
		}
	}
	for c := range clusters {
		key := fmt.Sprintf("vnet-%d", c+1)
		d.Clusters = append(d.Clusters, netdoc.Cluster{
			NetworkProfile: netdoc.NetworkProfile{PodCidrs: []string{"192.168.0.0/16"}, ServiceCidrs: []string{"172.16.0.0/16"}},
			NodePools:      []netdoc.NodePool{{VnetSubnet: key + "/snet-0", PodSubnet: key + "/snet-1"}},
		})
	}
	return d
}

// BenchmarkComputeHub is Compute on a hub of 200 VNets, 3,200 subnets and 100
// clusters, the second size of bench/network.sh.
func BenchmarkComputeHub(b *testing.B) {
	d := hubDoc(200, 100)
	for b.Loop() {
		Compute(d)
	}
}
