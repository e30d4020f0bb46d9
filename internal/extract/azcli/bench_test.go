package azcli

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkExtract extracts every golden script once per iteration.
func BenchmarkExtract(b *testing.B) {
	type input struct {
		path string
		src  []byte
	}
	var inputs []input
	size := 0
	for _, path := range goldenCases(b) {
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, input{path, src})
		size += len(src)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			if _, _, err := extractFile(in.path, in.src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractLarge extracts a long generated script with many clusters.
func BenchmarkExtractLarge(b *testing.B) {
	var s strings.Builder
	s.WriteString("RG=rg\nVNET=vnet\naz network vnet create -g $RG -n $VNET --address-prefixes 10.0.0.0/8\n")
	for i := range 200 {
		n := itoa(i)
		s.WriteString("az network vnet subnet create -g $RG --vnet-name $VNET -n snet" + n +
			" --address-prefixes 10." + itoa(i/250) + "." + itoa(i%250) + ".0/24\n")
		s.WriteString("ID" + n + "=$(az network vnet subnet show -g $RG --vnet-name $VNET -n snet" + n + " --query id -o tsv)\n")
		s.WriteString("if [ -n \"$DEBUG\" ]; then echo " + n + "; fi\n")
		s.WriteString("az aks create -g $RG -n aks" + n + " \\\n  --network-plugin azure \\\n  --vnet-subnet-id $ID" + n + " \\\n  --node-count 3\n")
	}
	src := []byte(s.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Extract("large.sh", src); err != nil {
			b.Fatal(err)
		}
	}
}
