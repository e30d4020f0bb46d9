//go:build bench

// Command gen writes deterministic inputs for the scale benchmarks (bench/scale.sh):
//
//	gen -n N DIR      N files, alternately an ARM template and an az CLI script, each a
//	                  cluster with its VNet and subnets; every tenth one has a mistake
//	gen -split -n N DIR
//	                  N files in pairs: a network (VNet and subnets) and a cluster on it
//	                  that references the subnet by name, alternately two ARM templates
//	                  and two az CLI scripts (the join of files, bench/scale.sh)
//	gen -split -merged -n N DIR
//	                  the same networks and clusters, each pair in one file (N/2 files):
//	                  the single-file equivalent of the split set
//	gen -big FILE     one template of about 3 MB with 200 nested deployments
//	gen -hub -vnets V -subnets S -clusters C FILE
//	                  one hub-and-spoke template: a hub VNet and V-1 spokes peered to it,
//	                  S subnets spread evenly over the VNets (at most 16 each), and C
//	                  clusters in the first C spokes (bench/network.sh)
//	gen -bicep DIR    the 1 MB Bicep projects of BenchmarkRead1MB (a main file and its
//	                  spoke modules) in DIR/project and of BenchmarkRead1MBFile (one
//	                  file) in DIR/file, and the template compiled from each, indented
//	                  as the Bicep compiler writes it, as DIR/project-json/main.json
//	                  and DIR/file-json/main.json (bench/bicep.sh lints each)
//
// The same arguments always write the same bytes.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep/bicepbench"
)

func main() {
	n := flag.Int("n", 0, "number of files to write into DIR")
	big := flag.String("big", "", "write the large nested template to this file")
	count := flag.Int("deployments", 200, "nested deployments in the -big template")
	hub := flag.Bool("hub", false, "write one hub-and-spoke template to FILE")
	vnets := flag.Int("vnets", 100, "VNets of the -hub template (hub included; at most 4,096)")
	subnets := flag.Int("subnets", 800, "subnets of the -hub template (at most 16 a VNet)")
	clusters := flag.Int("clusters", 50, "clusters of the -hub template (fewer than -vnets)")
	faults := flag.Bool("faults", false, "with -hub: seed faults the rules find (small, overlapping, misplaced and noncanonical subnets; overlapping pod and service ranges; large maxPods)")
	split := flag.Bool("split", false, "with -n: networks and clusters in separate files")
	merged := flag.Bool("merged", false, "with -split: each network and its cluster in one file")
	bicepDir := flag.String("bicep", "", "write the 1 MB Bicep projects, of modules and of one file, to DIR/project and DIR/file, and the JSON compiled from each beside them")
	flag.Parse()
	switch {
	case *bicepDir != "":
		check(writeBicep(*bicepDir))
	case *hub && flag.NArg() == 1:
		if *vnets < 2 || *vnets > 4096 || *subnets < *vnets || *subnets > 16**vnets || *clusters >= *vnets || *clusters < 1 {
			fmt.Fprintln(os.Stderr, "gen: -hub needs 2 <= vnets <= 4096, vnets <= subnets <= 16*vnets, 1 <= clusters < vnets")
			os.Exit(2)
		}
		check(os.WriteFile(flag.Arg(0), []byte(hubTemplate(*vnets, *subnets, *clusters, *faults)), 0o644))
	case *split && *merged && *n > 0 && flag.NArg() == 1:
		dir := flag.Arg(0)
		for pair := range *n / 2 {
			sub := filepath.Join(dir, fmt.Sprintf("d%03d", pair/50))
			check(os.MkdirAll(sub, 0o750))
			name, text := fmt.Sprintf("pair%05d.sh", pair), splitNetwork(pair)+splitCluster(pair)
			if pair%2 == 0 {
				name, text = fmt.Sprintf("pair%05d.json", pair), mergeTemplates(splitNetwork(pair), splitCluster(pair))
			}
			check(os.WriteFile(filepath.Join(sub, name), []byte(text), 0o644))
		}
	case *split && *n > 0 && flag.NArg() == 1:
		dir := flag.Arg(0)
		for i := range *n {
			sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/100))
			check(os.MkdirAll(sub, 0o750))
			pair, kind := i/2, "json"
			if pair%2 == 1 {
				kind = "sh"
			}
			name, text := fmt.Sprintf("net%05d.%s", pair, kind), splitNetwork(pair)
			if i%2 == 1 {
				name, text = fmt.Sprintf("aks%05d.%s", pair, kind), splitCluster(pair)
			}
			check(os.WriteFile(filepath.Join(sub, name), []byte(text), 0o644))
		}
	case *big != "":
		check(os.WriteFile(*big, []byte(bigTemplate(*count)), 0o644))
	case *n > 0 && flag.NArg() == 1:
		dir := flag.Arg(0)
		check(os.MkdirAll(dir, 0o750))
		for i := range *n {
			// 100 files per directory keeps directory listings small at 10,000.
			sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/100))
			check(os.MkdirAll(sub, 0o750))
			if i%2 == 0 {
				check(os.WriteFile(filepath.Join(sub, fmt.Sprintf("aks%05d.json", i)), []byte(template(i)), 0o644))
			} else {
				check(os.WriteFile(filepath.Join(sub, fmt.Sprintf("aks%05d.sh", i)), []byte(script(i)), 0o644))
			}
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: gen -n N DIR | gen -big FILE | gen -hub [-vnets V -subnets S -clusters C] FILE | gen -bicep DIR")
		os.Exit(2)
	}
}

// writeBicep writes the projects of BenchmarkRead1MB (a main file and its modules)
// and BenchmarkRead1MBFile (one file), each with the template compiled from it,
// so that bench/bicep.sh times the linter reading the one against the other.
func writeBicep(dir string) error {
	main, modules := bicepbench.Project(1 << 20)
	load := func(_, rel string) (string, []byte, error) {
		if d, ok := modules[rel]; ok {
			return rel, d, nil
		}
		return "", nil, errors.New("no such module")
	}
	files := maps.Clone(modules)
	files["main.bicep"] = main
	if err := writeProject(filepath.Join(dir, "project"), files, load); err != nil {
		return err
	}
	return writeProject(filepath.Join(dir, "file"), map[string][]byte{"main.bicep": bicepbench.File(1 << 20)}, nil)
}

// writeProject writes files (main.bicep among them) to dir, and the template
// compiled from main.bicep, indented as the Bicep compiler writes it, to
// dir-json/main.json.
func writeProject(dir string, files map[string][]byte, load bicep.Loader) error {
	compiled, _, _, err := bicep.Compile("main.bicep", files["main.bicep"], nil, load)
	if err != nil {
		return err
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, compiled, "", "  "); err != nil {
		return err
	}
	for _, d := range []string{dir, dir + "-json"} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			return err
		}
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir+"-json", "main.json"), indented.Bytes(), 0o644)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// vnetOctet spreads the files' VNets over 10.0.0.0/8.
func vnetOctet(i int) int { return i % 250 }

func template(i int) string {
	o := vnetOctet(i)
	maxPods := 30
	if i%10 == 0 {
		maxPods = 300 // AKSNET301
	}
	return fmt.Sprintf(`{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "clusterName": {"type": "string", "defaultValue": "aks-%[1]d"},
    "nodeCount": {"type": "int", "defaultValue": 3}
  },
  "variables": {
    "vnetName": "[concat(parameters('clusterName'), '-vnet')]",
    "subnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'nodes')]"
  },
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-04-01",
      "name": "[variables('vnetName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "addressSpace": {"addressPrefixes": ["10.%[2]d.0.0/16"]},
        "subnets": [
          {"name": "nodes", "properties": {"addressPrefix": "10.%[2]d.0.0/22"}},
          {"name": "pods", "properties": {"addressPrefix": "10.%[2]d.16.0/20"}}
        ]
      }
    },
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-02-01",
      "name": "[parameters('clusterName')]",
      "location": "[resourceGroup().location]",
      "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]"],
      "identity": {"type": "SystemAssigned"},
      "properties": {
        "dnsPrefix": "[parameters('clusterName')]",
        "agentPoolProfiles": [
          {
            "name": "system",
            "mode": "System",
            "count": "[parameters('nodeCount')]",
            "vmSize": "Standard_D4s_v5",
            "maxPods": %[3]d,
            "vnetSubnetID": "[variables('subnetId')]"
          }
        ],
        "networkProfile": {
          "networkPlugin": "azure",
          "serviceCidr": "172.16.0.0/16",
          "dnsServiceIP": "172.16.0.10"
        }
      }
    }
  ]
}
`, i, o, maxPods)
}

func script(i int) string {
	o := vnetOctet(i)
	dns := "172.17.0.10"
	if i%10 == 1 {
		dns = "172.18.0.10" // AKSNET108
	}
	return fmt.Sprintf(`#!/usr/bin/env bash
set -euo pipefail
RG=rg-%[1]d
VNET=vnet-%[1]d
az network vnet create -g "$RG" -n "$VNET" --address-prefixes 10.%[2]d.0.0/16 \
  --subnet-name nodes --subnet-prefixes 10.%[2]d.0.0/22
SUBNET_ID=$(az network vnet subnet show -g "$RG" --vnet-name "$VNET" -n nodes --query id -o tsv)
az aks create -g "$RG" -n aks-%[1]d \
  --network-plugin azure --network-plugin-mode overlay \
  --pod-cidr 192.168.0.0/16 --service-cidr 172.17.0.0/16 --dns-service-ip %[3]s \
  --vnet-subnet-id "$SUBNET_ID" --node-count 3 --max-pods 110
az aks nodepool add -g "$RG" --cluster-name aks-%[1]d -n apps \
  --node-count 5 --vnet-subnet-id "$SUBNET_ID"
`, i, o, dns)
}

// bigTemplate nests n deployments shaped like compiled Bicep modules: each has an NSG,
// a VNet of four subnets and, making up most of its bytes as in real modules, resources
// the linter does not model (storage, key vault, workspace) with tags and policies. A
// cluster at the end uses a subnet of the first.
func bigTemplate(n int) string {
	var b strings.Builder
	b.WriteString(`{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
`)
	for d := range n {
		fmt.Fprintf(&b, `    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "net-%[1]d",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"prefix": {"value": "10.%[2]d"}},
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {"prefix": {"type": "string"}},
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "nsg-%[1]d",
              "properties": {"securityRules": [
`, d, d%250)
		for r := range 10 {
			sep := ","
			if r == 9 {
				sep = ""
			}
			fmt.Fprintf(&b, `                {"name": "allow-%[1]d", "properties": {"priority": %[2]d, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "%[3]d", "description": "rule %[1]d of a generated security group, padded to the size real ones reach"}}%[4]s
`, r, 100+r, 8000+r, sep)
		}
		fmt.Fprintf(&b, `              ]}
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "vnet-%[1]d",
              "properties": {
                "addressSpace": {"addressPrefixes": ["[concat(parameters('prefix'), '.0.0/16')]"]},
                "subnets": [
`, d)
		for s := range 4 {
			sep := ","
			if s == 3 {
				sep = ""
			}
			fmt.Fprintf(&b, `                  {"name": "snet-%[1]d", "properties": {"addressPrefix": "[concat(parameters('prefix'), '.%[1]d.0/24')]", "networkSecurityGroup": {"id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-%[2]d')]"}}}%[3]s
`, s, d, sep)
		}
		b.WriteString(`                ]
              }
            }`)
		for k := range 12 {
			fmt.Fprintf(&b, `,
            {
              "type": "Microsoft.KeyVault/vaults",
              "apiVersion": "2023-07-01",
              "name": "[format('kv-{0}-{1}', parameters('prefix'), %[1]d)]",
              "location": "[resourceGroup().location]",
              "tags": {"owner": "platform-team", "costCenter": "cc-%[1]d", "module": "generated-%[2]d", "description": "a resource the linter does not model, as most of a real module is"},
              "properties": {
                "tenantId": "[subscription().tenantId]",
                "sku": {"family": "A", "name": "standard"},
                "enableRbacAuthorization": true,
                "networkAcls": {"bypass": "AzureServices", "defaultAction": "Deny", "ipRules": [{"value": "203.0.113.%[1]d"}]},
                "accessPolicies": [{"tenantId": "[subscription().tenantId]", "objectId": "00000000-0000-0000-0000-0000000000%02[1]d", "permissions": {"keys": ["get", "list"], "secrets": ["get", "list"], "certificates": ["get"]}}]
              }
            }`, k, d)
		}
		b.WriteString(`
          ]
        }
      }
    },
`)
	}
	b.WriteString(`    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-02-01",
      "name": "aks-big",
      "location": "westeurope",
      "identity": {"type": "SystemAssigned"},
      "properties": {
        "dnsPrefix": "aks-big",
        "agentPoolProfiles": [
          {"name": "system", "mode": "System", "count": 3, "maxPods": 30,
           "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-0', 'snet-0')]"}
        ],
        "networkProfile": {"networkPlugin": "azure", "serviceCidr": "172.16.0.0/16", "dnsServiceIP": "172.16.0.10"}
      }
    }
  ]
}
`)
	return b.String()
}

// splitNetwork is pair p's network: a template (even p) or a script (odd p).
func splitNetwork(p int) string {
	o := vnetOctet(p)
	if p%2 == 1 {
		return fmt.Sprintf(`#!/usr/bin/env bash
set -euo pipefail
az network vnet create -g rg-net-%[1]d -n vnet-split-%[1]d --address-prefixes 10.%[2]d.0.0/16 \
  --subnet-name nodes --subnet-prefixes 10.%[2]d.0.0/22
`, p, o)
	}
	return fmt.Sprintf(`{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-04-01",
      "name": "vnet-split-%[1]d",
      "location": "[resourceGroup().location]",
      "properties": {
        "addressSpace": {"addressPrefixes": ["10.%[2]d.0.0/16"]},
        "subnets": [
          {"name": "nodes", "properties": {"addressPrefix": "10.%[2]d.0.0/22"}},
          {"name": "pods", "properties": {"addressPrefix": "10.%[2]d.16.0/20"}}
        ]
      }
    }
  ]
}
`, p, o)
}

// splitCluster is pair p's cluster, on the node subnet splitNetwork(p) declares; every
// fifth pair's (templates and scripts) has a service CIDR that overlaps it (AKSNET102,
// found only by the join).
func splitCluster(p int) string {
	svc, dns := "172.16.0.0/16", "172.16.0.10"
	if p%5 == 0 {
		svc, dns = fmt.Sprintf("10.%d.0.0/16", vnetOctet(p)), fmt.Sprintf("10.%d.0.10", vnetOctet(p))
	}
	if p%2 == 1 {
		return fmt.Sprintf(`#!/usr/bin/env bash
set -euo pipefail
az aks create -g rg-aks-%[1]d -n aks-%[1]d \
  --network-plugin azure --service-cidr %[2]s --dns-service-ip %[3]s \
  --vnet-subnet-id /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net-%[1]d/providers/Microsoft.Network/virtualNetworks/vnet-split-%[1]d/subnets/nodes \
  --node-count 3 --max-pods 30
`, p, svc, dns)
	}
	return fmt.Sprintf(`{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "clusterName": {"type": "string", "defaultValue": "aks-%[1]d"}
  },
  "resources": [
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-02-01",
      "name": "[parameters('clusterName')]",
      "location": "[resourceGroup().location]",
      "identity": {"type": "SystemAssigned"},
      "properties": {
        "dnsPrefix": "[parameters('clusterName')]",
        "agentPoolProfiles": [
          {
            "name": "system",
            "mode": "System",
            "count": 3,
            "maxPods": 30,
            "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-split-%[1]d', 'nodes')]"
          }
        ],
        "networkProfile": {
          "networkPlugin": "azure",
          "serviceCidr": "%[2]s",
          "dnsServiceIP": "%[3]s"
        }
      }
    }
  ]
}
`, p, svc, dns)
}

// mergeTemplates is one template with the resources of a then b.
func mergeTemplates(a, b string) string {
	var ta, tb map[string]any
	check(json.Unmarshal([]byte(a), &ta))
	check(json.Unmarshal([]byte(b), &tb))
	ta["resources"] = append(ta["resources"].([]any), tb["resources"].([]any)...)
	if ps, ok := tb["parameters"]; ok {
		ta["parameters"] = ps
	}
	out, err := json.MarshalIndent(ta, "", "  ")
	check(err)
	return string(out) + "\n"
}

// hubTemplate writes one template shaped like a hub-and-spoke landing zone: VNet 0 is the
// hub, each other VNet a spoke peered to it. VNet k owns 10.a.b.0/20 (4,096 of them fit in
// 10.0.0.0/8) and its subnets are the /24s in it, so no two ranges overlap and the
// findings stay few: the time measured is the rules' work on a valid network. Cluster c
// lives in spoke c+1: even clusters use Azure CNI with a node and a pod subnet (dynamic
// IP allocation), odd ones overlay with a node subnet; each node subnet has a route table
// sending 0.0.0.0/0 to the hub and a network security group.
func hubTemplate(vnets, subnets, clusters int, faults bool) string {
	var b strings.Builder
	b.WriteString(`{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
`)
	prefix := func(k int) string { return fmt.Sprintf("10.%d.%d", k/16, (k%16)*16) }
	seq := 0 // subnets written so far
	subnetOf := func(k, s int) string {
		seq++
		third := (k%16)*16 + s
		switch {
		case !faults:
		case seq%7 == 0:
			return fmt.Sprintf("10.%d.%d.0/29", k/16, third) // small
		case seq%11 == 0:
			return fmt.Sprintf("172.%d.%d.0/24", 16+(k/16)%8, third) // outside its VNet
		case seq%13 == 0:
			return fmt.Sprintf("10.%d.%d.0/23", k/16, third) // overlaps the next one
		case seq%17 == 0:
			return fmt.Sprintf("10.%d.%d.0/25", k/16, third)
		case seq%19 == 0:
			return fmt.Sprintf("10.%d.%d.7/24", k/16, third) // not canonical
		}
		return fmt.Sprintf("10.%d.%d.0/24", k/16, third)
	}
	per, extra := subnets/vnets, subnets%vnets
	for k := range vnets {
		n := per
		if k < extra {
			n++
		}
		if k > 0 && k <= clusters {
			fmt.Fprintf(&b, `    {
      "type": "Microsoft.Network/routeTables",
      "apiVersion": "2023-04-01",
      "name": "rt-%[1]d",
      "location": "westeurope",
      "properties": {"routes": [{"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4"}}]}
    },
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-04-01",
      "name": "nsg-%[1]d",
      "location": "westeurope",
      "properties": {"securityRules": [
        {"name": "allow-https", "properties": {"priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "443"}}
      ]}
    },
`, k)
		}
		fmt.Fprintf(&b, `    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-04-01",
      "name": "vnet-%[1]d",
      "location": "westeurope",
`, k)
		if k > 0 && k <= clusters {
			fmt.Fprintf(&b, `      "dependsOn": ["[resourceId('Microsoft.Network/routeTables', 'rt-%[1]d')]", "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-%[1]d')]"],
`, k)
		}
		fmt.Fprintf(&b, `      "properties": {
        "addressSpace": {"addressPrefixes": ["%s.0/20"]},
        "subnets": [
`, prefix(k))
		for s := range n {
			sep := ","
			if s == n-1 {
				sep = ""
			}
			assoc := ""
			if s == 0 && k > 0 && k <= clusters {
				assoc = fmt.Sprintf(`, "routeTable": {"id": "[resourceId('Microsoft.Network/routeTables', 'rt-%[1]d')]"}, "networkSecurityGroup": {"id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-%[1]d')]"}`, k)
			}
			fmt.Fprintf(&b, `          {"name": "snet-%d", "properties": {"addressPrefix": "%s"%s}}%s
`, s, subnetOf(k, s), assoc, sep)
		}
		b.WriteString("        ]")
		if k > 0 {
			fmt.Fprintf(&b, `,
        "virtualNetworkPeerings": [
          {"name": "to-hub", "properties": {"remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-0')]"}, "remoteAddressSpace": {"addressPrefixes": ["%s.0/20"]}, "allowForwardedTraffic": true}}
        ]`, prefix(0))
		}
		b.WriteString(`
      }
    },
`)
	}
	overlays := 0 // overlay clusters written so far
	for c := range clusters {
		k := c + 1
		podCidr, service, dns, maxPods := "192.168.0.0/16", "172.16.0.0/16", "172.16.0.10", 30
		if faults {
			if c%2 == 1 {
				if overlays++; overlays%5 == 0 {
					podCidr = "10.0.0.0/8" // overlaps every VNet
				}
			}
			if (c+1)%6 == 0 {
				service, dns = "10.0.0.0/16", "10.0.0.10" // overlaps the hub
			}
			if (c+1)%4 == 0 {
				maxPods = 250
			}
		}
		podSubnet, plugin := "", fmt.Sprintf(`"networkPlugin": "azure", "networkPluginMode": "overlay", "podCidr": %q`, podCidr)
		if c%2 == 0 {
			plugin = `"networkPlugin": "azure"`
			podSubnet = fmt.Sprintf(`,
           "podSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-%d', 'snet-1')]"`, k)
		}
		fmt.Fprintf(&b, `    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-02-01",
      "name": "aks-%[1]d",
      "location": "westeurope",
      "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', 'vnet-%[2]d')]"],
      "identity": {"type": "SystemAssigned"},
      "properties": {
        "dnsPrefix": "aks-%[1]d",
        "agentPoolProfiles": [
          {"name": "system", "mode": "System", "count": 3, "vmSize": "Standard_D4s_v5", "maxPods": %[5]d,
           "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-%[2]d', 'snet-0')]"%[3]s}
        ],
        "networkProfile": {%[4]s, "outboundType": "userDefinedRouting", "serviceCidr": %[6]q, "dnsServiceIP": %[7]q}
      }
    }`, c, k, podSubnet, plugin, maxPods, service, dns)
		if c < clusters-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(`  ]
}
`)
	return b.String()
}
