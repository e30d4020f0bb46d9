package azcli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The alias goldens: testdata/azcli/extract/aliases-<command>.sh, one per az command,
// are generated from the alias table (aliases, globalAliases) and exercise every alias
// of every command in every form az accepts: the alias, the long flag, --flag=value,
// and the flag repeated (az keeps the last). Their documents (aliases-*.golden.json,
// checked by TestGolden) pin what each form extracts, so an alias dropped or mapped to
// the wrong flag changes them. A new alias changes a generated script: TestAliasScript
// fails until the scripts and their goldens are regenerated (go test -update) and
// reviewed, and it fails outright when the generator has no sample for the new
// alias's command or flag. (One script per command keeps each document small: the
// linter evaluates every golden case within its per-document budget.)

const aliasPrefix = goldenDir + "/aliases-"

func aliasScriptName(cmd string) string {
	return aliasPrefix + strings.ReplaceAll(cmd, " ", "-") + ".sh"
}

// aliasCommand is how the generator writes one command: setup lines that create what
// it acts on, the flags it always needs, and a sample value per flag (empty for a
// switch). %d in any of them is the line's number, so each line acts on its own
// resource.
type aliasCommand struct {
	setup  []string
	base   []string // canonical flags always given (unless under test)
	values map[string]string
	wrap   string // for show commands: a use of the $(...) output; %s is the command
}

var aliasCommands = map[string]aliasCommand{
	"aks create": {base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "create%d", "--resource-group": "rg", "--node-count": "5", "--kubernetes-version": "1.29.0",
		"--node-vm-size": "Standard_D4s_v5", "--max-pods": "40", "--enable-addons": "virtual-node --aci-subnet-name aci",
		"--location": "westeurope", "--zones": "1 2",
	}},
	"aks update": {setup: []string{"az aks create -g rg -n update%d"}, base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "update%d", "--resource-group": "rg", "--enable-cluster-autoscaler": " --min-count 1 --max-count 4",
		"--disable-cluster-autoscaler": "", "--update-cluster-autoscaler": " --min-count 2 --max-count 6",
	}},
	"aks enable-addons": {setup: []string{"az aks create -g rg -n addons%d"}, base: []string{"--name", "--resource-group", "--addons"}, values: map[string]string{
		"--name": "addons%d", "--resource-group": "rg", "--addons": "virtual-node --subnet-name aci%d",
	}},
	"aks nodepool add": {setup: []string{"az aks create -g rg -n add%d"}, base: []string{"--name", "--resource-group", "--cluster-name"}, values: map[string]string{
		"--name": "p%d", "--resource-group": "rg", "--cluster-name": "add%d", "--node-count": "7", "--kubernetes-version": "1.29.0",
		"--node-vm-size": "Standard_D8s_v5", "--max-pods": "50", "--enable-cluster-autoscaler": " --min-count 1 --max-count 9", "--zones": "3",
	}},
	"aks nodepool update": {setup: []string{"az aks create -g rg -n upd%d", "az aks nodepool add -g rg --cluster-name upd%d --name p%d"},
		base: []string{"--name", "--resource-group", "--cluster-name"}, values: map[string]string{
			"--name": "p%d", "--resource-group": "rg", "--cluster-name": "upd%d", "--enable-cluster-autoscaler": " --min-count 3 --max-count 8",
			"--disable-cluster-autoscaler": "", "--update-cluster-autoscaler": " --min-count 4 --max-count 12",
		}},
	"aks nodepool scale": {setup: []string{"az aks create -g rg -n scale%d", "az aks nodepool add -g rg --cluster-name scale%d --name p%d"},
		base: []string{"--name", "--resource-group", "--cluster-name", "--node-count"}, values: map[string]string{
			"--name": "p%d", "--resource-group": "rg", "--cluster-name": "scale%d", "--node-count": "11",
		}},
	"network vnet create": {base: []string{"--name", "--resource-group", "--address-prefixes"}, values: map[string]string{
		"--name": "vnet%d", "--resource-group": "rg", "--location": "westeurope", "--address-prefixes": "10.%d.0.0/16",
		"--subnet-prefixes": "10.%d.1.0/24 --subnet-name first",
	}},
	"network vnet subnet create": {setup: []string{"az network vnet create -g rg -n sv%d --address-prefixes 10.%d.0.0/16"},
		base: []string{"--name", "--resource-group", "--vnet-name", "--address-prefixes"}, values: map[string]string{
			"--name": "s%d", "--resource-group": "rg", "--vnet-name": "sv%d", "--address-prefixes": "10.%d.2.0/24",
			"--network-security-group": "nsg%d", "--delegations": "Microsoft.ContainerService/managedClusters",
		}},
	"network vnet subnet update": {setup: []string{"az network vnet create -g rg -n uv%d --address-prefixes 10.%d.0.0/16", "az network vnet subnet create -g rg --vnet-name uv%d -n s%d --address-prefixes 10.%d.3.0/24"},
		base: []string{"--name", "--resource-group", "--vnet-name"}, values: map[string]string{
			"--name": "s%d", "--resource-group": "rg", "--vnet-name": "uv%d", "--address-prefixes": "10.%d.4.0/24",
			"--network-security-group": "unsg%d", "--delegations": "Microsoft.ContainerService/managedClusters",
		}},
	"network vnet subnet show": {base: []string{"--name", "--resource-group", "--vnet-name"}, values: map[string]string{
		"--name": "ext%d", "--resource-group": "rg", "--vnet-name": "extvnet",
	}, wrap: "ID%d=$(%s --query id -o tsv)\naz aks create -g rg -n show%d --vnet-subnet-id \"$ID%d\""},
	"network vnet show": {base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "remote%d", "--resource-group": "rg",
	}, wrap: "ID%d=$(%s --query id -o tsv)\naz network vnet create -g rg -n local%d --address-prefixes 10.%d.0.0/16\naz network vnet peering create -g rg --vnet-name local%d -n peer%d --remote-vnet \"$ID%d\""},
	"network route-table create": {base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "rt%d", "--resource-group": "rg",
	}},
	"network route-table show": {base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "extrt%d", "--resource-group": "rg",
	}, wrap: "ID%d=$(%s --query id -o tsv)\naz network vnet create -g rg -n rtv%d --address-prefixes 10.%d.0.0/16\naz network vnet subnet create -g rg --vnet-name rtv%d -n s --address-prefixes 10.%d.5.0/24 --route-table \"$ID%d\""},
	"network route-table route create": {setup: []string{"az network route-table create -g rg -n rrt%d"},
		base: []string{"--name", "--resource-group", "--route-table-name", "--address-prefix", "--next-hop-type"}, values: map[string]string{
			"--name": "route%d", "--resource-group": "rg", "--route-table-name": "rrt%d", "--address-prefix": "0.0.0.0/0", "--next-hop-type": "VirtualAppliance",
		}},
	"network vnet peering create": {setup: []string{"az network vnet create -g rg -n pv%d --address-prefixes 10.%d.0.0/16"},
		base: []string{"--name", "--resource-group", "--vnet-name", "--remote-vnet"}, values: map[string]string{
			"--name": "peer%d", "--resource-group": "rg", "--vnet-name": "pv%d",
			"--remote-vnet": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub%d",
		}},
	"network nsg create": {base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "nsg%d", "--resource-group": "rg",
	}},
	"network nsg show": {base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "extnsg%d", "--resource-group": "rg",
	}, wrap: "ID%d=$(%s --query id -o tsv)\naz network vnet create -g rg -n nv%d --address-prefixes 10.%d.0.0/16\naz network vnet subnet create -g rg --vnet-name nv%d -n s --address-prefixes 10.%d.6.0/24 --nsg \"$ID%d\""},
	"network nsg rule create": {setup: []string{"az network nsg create -g rg -n rnsg%d"},
		base: []string{"--name", "--resource-group", "--nsg-name", "--priority", "--access", "--direction", "--source-address-prefixes", "--destination-address-prefixes", "--destination-port-ranges"},
		values: map[string]string{
			"--name": "rule%d", "--resource-group": "rg", "--nsg-name": "rnsg%d", "--priority": "1%d", "--access": "Deny", "--direction": "Inbound",
			"--source-address-prefixes": "10.%d.7.0/24", "--destination-address-prefixes": "10.%d.8.0/24", "--destination-port-ranges": "4%d",
		}},
	"identity create": {base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "id%d", "--resource-group": "rg",
	}, wrap: "ID%d=$(%s --query id -o tsv)\naz aks create -g rg -n ident%d --assign-identity \"$ID%d\""},
	"identity show": {base: []string{"--name", "--resource-group"}, values: map[string]string{
		"--name": "extid%d", "--resource-group": "rg",
	}, wrap: "ID%d=$(%s --query id -o tsv)\naz aks create -g rg -n idshow%d --assign-identity \"$ID%d\""},
}

// fill puts the line number n into every %d of s.
func fill(s string, n int) string { return strings.ReplaceAll(s, "%d", fmt.Sprint(n)) }

// flagForms are the ways a line writes flag (an alias or a canonical name) with value v.
func flagForms(flag, v string) [][]string {
	if v == "" || strings.HasPrefix(v, " ") {
		// a switch (with the flags it needs after it)
		return [][]string{{flag + v}, {flag + " " + flag + v}}
	}
	forms := [][]string{{flag + " " + v}}
	first, rest, _ := strings.Cut(v, " ")
	if strings.HasPrefix(flag, "--") {
		forms = append(forms, []string{flag + "=" + first + strings.TrimSuffix(" "+rest, " ")})
	}
	// repeated: az keeps the last occurrence
	forms = append(forms, []string{flag + " overridden " + flag + " " + v})
	return forms
}

// generateAliasScripts writes, per command, one line (with its setup) per alias or
// canonical flag per form. It fails when the generator has no sample for a flag of the
// table.
func generateAliasScripts(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	cmds := slices.Sorted(func(yield func(string) bool) {
		for k := range aliases {
			if !yield(k) {
				return
			}
		}
	})
	for _, cmd := range cmds {
		spec, ok := aliasCommands[cmd]
		if !ok {
			t.Errorf("aliases has command %q: add a sample for it to aliasCommands", cmd)
			continue
		}
		// flag under test -> alias names (canonical included)
		byCanon := map[string][]string{}
		for a, c := range aliases[cmd] {
			byCanon[c] = append(byCanon[c], a)
		}
		for a, c := range globalAliases {
			byCanon[c] = append(byCanon[c], a)
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "#!/usr/bin/env bash\n# Generated by TestAliasScript from the alias table of az.go: every alias of\n# az %s and its long flag in every form. Do not edit; regenerate with go test -update.\n", cmd)
		n := 0
		for _, canon := range slices.Sorted(func(yield func(string) bool) {
			for k := range byCanon {
				if !yield(k) {
					return
				}
			}
		}) {
			names := append(slices.Sorted(slices.Values(byCanon[canon])), canon)
			for _, name := range names {
				var forms [][]string
				switch canon {
				case "--help":
					// az prints the help and does nothing: the command must leave no trace
					forms = [][]string{{name}}
				case "--output":
					forms = [][]string{{name + " json"}}
					if name == "-o" {
						forms = append(forms, []string{"-ojson"})
					}
					if strings.HasPrefix(name, "--") {
						forms = append(forms, []string{name + "=json"})
					}
				default:
					v, ok := spec.values[canon]
					if !ok {
						t.Errorf("az %s: no sample value for %s (alias %s)", cmd, canon, name)
						continue
					}
					forms = flagForms(name, v)
				}
				for _, form := range forms {
					n++
					for _, s := range spec.setup {
						b.WriteString(fill(s, n) + "\n")
					}
					args := []string{"az", cmd}
					for _, f := range spec.base {
						if f != canon {
							args = append(args, f+" "+spec.values[f])
						}
					}
					args = append(args, form...)
					line := fill(strings.Join(args, " "), n)
					if spec.wrap != "" {
						line = fill(strings.Replace(spec.wrap, "%s", line, 1), n)
					}
					b.WriteString(line + "\n")
				}
			}
		}
		out[aliasScriptName(cmd)] = b.Bytes()
	}
	return out
}

// TestAliasScript: the alias script is the one the table generates, and each alias
// extracts what its long flag extracts.
func TestAliasScript(t *testing.T) {
	scripts := generateAliasScripts(t)
	have, err := filepath.Glob(aliasPrefix + "*.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range have {
		if _, ok := scripts[path]; !ok {
			if *update {
				_ = os.Remove(path)
				_ = os.Remove(strings.TrimSuffix(path, ".sh") + ".golden.json")
				continue
			}
			t.Errorf("%s is not generated from the alias table any more (run go test -update)", path)
		}
	}
	for path, got := range scripts {
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the alias table generates (run go test -update, review its golden):\n%s", path, firstDiff(string(want), string(got)))
		}
	}
	// Every alias (and the canonical flag) must change the document compared with the
	// same command without the flag, unless the extractor does not read that flag.
	// Flags the extractor does not read (no network fact): an alias of them can
	// change nothing.
	unread := map[string]bool{"--resource-group": true, "--location": true, "--node-vm-size": true, "--zones": true,
		"aks nodepool add --kubernetes-version": true}
	for cmd, al := range aliases {
		spec := aliasCommands[cmd]
		for alias, canon := range al {
			if unread[canon] || unread[cmd+" "+canon] {
				continue
			}
			with := aliasLine(spec, cmd, canon, alias)
			without := aliasLine(spec, cmd, canon, "")
			long := aliasLine(spec, cmd, canon, canon)
			dw, dl, dn := docJSON(t, with), docJSON(t, long), docJSON(t, without)
			if dw != dl {
				t.Errorf("az %s %s extracts differently from %s:\n%s", cmd, alias, canon, firstDiff(dl, dw))
			}
			if dw == dn && !slices.Contains(spec.base, canon) {
				t.Errorf("az %s %s changes nothing in the document: list %s as unread, or give it a sample that shows", cmd, alias, canon)
			}
		}
	}
}

// aliasLine writes a one-command script using flag (or none) for canon.
func aliasLine(spec aliasCommand, cmd, canon, flag string) []byte {
	n := 1
	var b strings.Builder
	for _, s := range spec.setup {
		b.WriteString(fill(s, n) + "\n")
	}
	args := []string{"az", cmd}
	for _, f := range spec.base {
		if f != canon {
			args = append(args, f+" "+spec.values[f])
		}
	}
	if flag != "" {
		v := spec.values[canon]
		if v == "" || strings.HasPrefix(v, " ") {
			args = append(args, flag+v)
		} else {
			args = append(args, flag+" "+v)
		}
	}
	line := fill(strings.Join(args, " "), n)
	if spec.wrap != "" {
		line = fill(strings.Replace(spec.wrap, "%s", line, 1), n)
	}
	b.WriteString(line + "\n")
	return []byte(b.String())
}

func docJSON(t *testing.T, src []byte) string {
	t.Helper()
	doc, _, err := Extract("aliases.sh", src)
	if err != nil {
		t.Fatalf("%v:\n%s", err, src)
	}
	out, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
