package engine

import (
	"context"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
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
