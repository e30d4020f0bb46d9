package azcli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// docFacts renders the parts of a document the bash-semantics cases check: clusters and
// their pools (name, count, maxPods, serviceCidrs), the defaulted and unresolved
// pointers, and the broken continuations.
func docFacts(d *netdoc.Document) string {
	var b strings.Builder
	for _, c := range d.Clusters {
		b.WriteString("cluster " + c.Name + " svc=" + strings.Join(c.NetworkProfile.ServiceCidrs, ",") + ";")
		for _, p := range c.NodePools {
			cnt, mp := "-", "-"
			if p.Count != nil {
				cnt = itoa(*p.Count)
			}
			if p.MaxPods != nil {
				mp = itoa(*p.MaxPods)
			}
			b.WriteString(" pool " + p.Name + " count=" + cnt + " maxPods=" + mp + ";")
		}
		b.WriteString("\n")
	}
	b.WriteString("defaulted " + strings.Join(d.Defaulted, " ") + "\n")
	var un []string
	for _, u := range d.Unresolved {
		un = append(un, u.Pointer)
	}
	b.WriteString("unresolved " + strings.Join(un, " ") + "\n")
	if d.Script != nil {
		for _, bc := range d.Script.BrokenContinuations {
			js, _ := json.Marshal(bc)
			b.WriteString("broken " + string(js) + "\n")
		}
	}
	return b.String()
}

func TestBashSemantics(t *testing.T) {
	tests := []struct {
		name, script string
		want         []string // lines docFacts must contain
		not          []string // substrings it must not contain
	}{
		{
			name: "comment line ends the continued command, with or without a trailing backslash",
			script: "az aks create -g rg -n a1 \\\n  --max-pods 40 \\\n  # --node-count 5 \\\n  --service-cidr 10.1.0.0/16\n" +
				"az aks create -g rg -n a2 \\\n  --max-pods 40 \\\n  # a comment\n  --service-cidr 10.1.0.0/16\n",
			want: []string{
				"cluster a1 svc=; pool nodepool1 count=3 maxPods=40;",
				"cluster a2 svc=; pool nodepool1 count=3 maxPods=40;",
				`broken {"command":"az aks create","flag":"--service-cidr","reason":"comment"}`,
			},
		},
		{
			name:   "a comment with a backslash outside a command stays a comment",
			script: "# note \\\naz aks create -g rg -n a1 --max-pods 40\n",
			want:   []string{"cluster a1 svc=; pool nodepool1 count=3 maxPods=40;"},
			not:    []string{"broken"},
		},
		{
			name: "arrays expand into flags",
			script: "ARGS=(--max-pods 40)\nARGS+=(--service-cidr \"10.1.0.0/16\")\nNAMES=(np0 np1)\n" +
				"az aks create -g rg -n a1 \"${ARGS[@]}\" --nodepool-name ${NAMES[1]}\n",
			want: []string{"cluster a1 svc=10.1.0.0/16; pool np1 count=3 maxPods=40;"},
		},
		{
			name:   "an unknown array in flag position: no default is taken",
			script: "az aks create -g rg -n a1 --max-pods 40 \"${NET_ARGS[@]}\"\n",
			want: []string{
				"cluster a1 svc=; pool  count=- maxPods=40;",
				"unresolved /clusters/0/flags",
			},
			not: []string{"nodePools/0/count", "identity"},
		},
		{
			name:   "an unknown variable right after the command path",
			script: "az aks create $AKS_ARGS -g rg -n a1\n",
			want:   []string{"unresolved /clusters/0/flags"},
		},
		{
			name:   "an unknown value after a flag is its value, not flags",
			script: "az aks create -g rg -n a1 --max-pods $MP\n",
			want:   []string{"pool nodepool1 count=3 maxPods=-;"},
			not:    []string{"/flags"},
		},
		{
			name:   "an unknown word after a switch is in flag position",
			script: "az aks nodepool add -g rg --cluster-name a1 -n np2 --enable-cluster-autoscaler $MORE\n",
			want:   []string{"unresolved /clusters/0/nodePools/0/flags"},
			not:    []string{"nodePools/0/count"},
		},
		{
			name:   "an unknown word in a subnet command: its route table, NSG and delegations are not known to be absent",
			script: "az network vnet subnet create -g rg --vnet-name v -n s --address-prefixes 10.0.1.0/24 --nsg n1 $OPTS\n",
			want:   []string{"unresolved /subnets/0/delegations /subnets/0/routeTable"},
			not:    []string{"networkSecurityGroup", "addressPrefixes"},
		},
		{
			name:   "VAR=value before a function call is seen by that call only",
			script: "MP=40\nmk() { az aks create -g rg -n \"$1\" --max-pods \"$MP\"; }\nMP=60 mk a1\nmk a2\n",
			want: []string{
				"cluster a1 svc=; pool nodepool1 count=3 maxPods=60;",
				"cluster a2 svc=; pool nodepool1 count=3 maxPods=40;",
			},
		},
		{
			name:   "a guard on a variable the script never sets does not end the analysis",
			script: "[ -z ${SUBSCRIPTION_ID+x} ] && exit 1\naz aks create -g rg -n a1 --max-pods 40\n",
			want:   []string{"cluster a1 svc=; pool nodepool1 count=3 maxPods=40;"},
		},
		{
			name:   "guards in every expansion form",
			script: "if [ -z \"$RG\" ]; then exit 1; fi\n: \"${LOC:?set LOC}\"\nX=${NAME-a1}\n[ -n \"${Y:+y}\" ] || exit 2\naz aks create -g rg -n a1 --max-pods 40\n",
			want:   []string{"cluster a1 svc=; pool nodepool1 count=3 maxPods=40;"},
		},
		{
			name:   "a default of a never-set variable is not its value",
			script: "az aks create -g rg -n a1 --max-pods ${MP:-40}\n",
			want:   []string{"pool nodepool1 count=3 maxPods=-;", "unresolved /clusters/0/nodePools/0/maxPods"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, err := Extract("t.sh", []byte(tt.script))
			if err != nil {
				t.Fatal(err)
			}
			got := docFacts(doc)
			lines := strings.Split(got, "\n")
			for _, w := range tt.want {
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, w) }) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in\n%s", n, got)
				}
			}
		})
	}
}

// TestZshShebang: a zsh script is parsed in mvdan/sh's zsh dialect.
func TestZshShebang(t *testing.T) {
	src := "#!/usr/bin/env zsh\nnets=(10.1.0.0/16)\nprint -l ${(U)nets[1]}\naz aks create -g rg -n a1 --max-pods 40\n"
	doc, _, err := Extract("t.sh", []byte(src))
	if err != nil {
		t.Fatalf("zsh script: %v", err)
	}
	if len(doc.Clusters) != 1 {
		t.Errorf("clusters %+v", doc.Clusters)
	}
	// zsh semantics: arrays count from 1, $A is every element, unquoted expansions
	// are not split.
	src2 := "#!/bin/zsh\nA=(--max-pods 40)\nN=\"a1 x\"\nP=(np0 np1)\naz aks create -g rg -n $N $A --nodepool-name ${P[1]}\n"
	doc, _, err = Extract("t.sh", []byte(src2))
	if err != nil {
		t.Fatal(err)
	}
	if got := docFacts(doc); !strings.Contains(got, "cluster a1 x svc=; pool np0 count=3 maxPods=40;") {
		t.Errorf("zsh expansions:\n%s", got)
	}
	if _, _, err := Extract("t.sh", []byte(strings.Replace(src, "zsh", "bash", 1))); err == nil {
		t.Errorf("the zsh parameter flag parsed as bash")
	}
}

func TestShebangShell(t *testing.T) {
	for src, want := range map[string]string{
		"#!/bin/zsh\n":               "zsh",
		"#!/usr/bin/env zsh\n":       "zsh",
		"#!/usr/bin/env -S zsh -e\n": "zsh",
		"#! /bin/bash -e\n":          "bash",
		"#!/usr/bin/env\n":           "env",
		"echo\n":                     "",
		"#!\n":                       "",
	} {
		if got := shebangShell([]byte(src)); got != want {
			t.Errorf("shebangShell(%q) = %q, want %q", src, got, want)
		}
	}
}
