package engine

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/precompiled"
	"github.com/aksnet-lint/aksnet-lint/policies"
)

// BenchmarkNewPrecompiled is the per-run cost of loading the built-in policies.
func BenchmarkNewPrecompiled(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewFromSource is what loading cost before the policies were precompiled;
// the ratio of the two is what precompiling saves.
func BenchmarkNewFromSource(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background(), Options{FromSource: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPolicyInput is turning one small document (a cluster with a pool, its VNet
// and subnet) into the value the policies receive, with its derived facts.
func BenchmarkPolicyInput(b *testing.B) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	d := sampleDoc()
	d.VirtualNetworks = append(d.VirtualNetworks, netdoc.VirtualNetwork{Key: "v", Name: "v", AddressPrefixes: []string{"10.0.0.0/16"}})
	d.Subnets = append(d.Subnets, netdoc.Subnet{Key: "v/s", VNet: "v", Name: "s", AddressPrefixes: []string{"10.0.0.0/24"}})
	in := Input{Doc: d}
	for b.Loop() {
		if v, _ := e.inputValue(in); v == nil {
			b.Fatal("no input")
		}
	}
}

// hubDoc is a hub-and-spoke network as the ARM extractor gives bench/gen -hub's
// template: vnets VNets of 16 subnets, a cluster in each of the first clusters spokes
// with a node pool in its first subnet.
func hubDoc(vnets, clusters int) *netdoc.Document {
	d := netdoc.New("hub.json", netdoc.KindARM)
	for k := range vnets {
		v := fmt.Sprintf("vnet-%d", k)
		d.VirtualNetworks = append(d.VirtualNetworks, netdoc.VirtualNetwork{Key: v, Name: v,
			AddressPrefixes: []string{fmt.Sprintf("10.%d.%d.0/20", k/16, (k%16)*16)}})
		for s := range 16 {
			d.Subnets = append(d.Subnets, netdoc.Subnet{Key: fmt.Sprintf("%s/snet-%d", v, s), VNet: v, Name: fmt.Sprintf("snet-%d", s),
				AddressPrefixes: []string{fmt.Sprintf("10.%d.%d.0/24", k/16, (k%16)*16+s)}, Declared: true})
		}
	}
	for c := range clusters {
		name := fmt.Sprintf("aks-%d", c)
		d.Clusters = append(d.Clusters, netdoc.Cluster{Key: name, Name: name,
			NetworkProfile: netdoc.NetworkProfile{NetworkPlugin: "azure", ServiceCidrs: []string{"172.16.0.0/16"}, DNSServiceIP: "172.16.0.10"},
			NodePools:      []netdoc.NodePool{{Name: "system", Mode: "System", Count: ptr(3), MaxPods: ptr(30), VnetSubnet: fmt.Sprintf("vnet-%d/snet-0", c+1)}}})
	}
	return d
}

// BenchmarkPolicyInputHub is BenchmarkPolicyInput for a large network: 200 VNets,
// 3,200 subnets and 100 clusters.
func BenchmarkPolicyInputHub(b *testing.B) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	in := Input{Doc: hubDoc(200, 100)}
	for b.Loop() {
		if v, _ := e.inputValue(in); v == nil {
			b.Fatal("no input")
		}
	}
}

// BenchmarkSourceKey is hashing the embedded policy sources, which every run does to
// refuse a stale precompiled form.
func BenchmarkSourceKey(b *testing.B) {
	for b.Loop() {
		if _, err := sourceKey(policies.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeModules is decoding the precompiled modules alone (every module, on
// one goroutine when run with -cpu 1).
func BenchmarkDecodeModules(b *testing.B) {
	mods := precompiledModules(b)
	for b.Loop() {
		if _, err := precompiled.Decode(mods); err != nil {
			b.Fatal(err)
		}
	}
}

// precompiledModules is the modules' section of the precompiled policies.
func precompiledModules(tb testing.TB) []byte {
	tb.Helper()
	rest, ok := bytes.CutPrefix(precompiledData, []byte(precompiledMagic))
	if _, after, found := bytes.Cut(rest, []byte("\n")); ok && found {
		rest = after
	}
	for _, what := range []string{"registry", "guards", "comprehension index list"} {
		var err error
		if _, rest, err = cutSection(rest, what); err != nil {
			tb.Fatal(err)
		}
	}
	return rest
}
