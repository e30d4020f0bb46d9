// Package bicepbench generates the Bicep project that the benchmarks of the Bicep
// reader read (BenchmarkRead1MB, BenchmarkPhases1MB) and that bench/gen writes to
// disk for bench/bicep.sh, which lints it and the JSON compiled from it with the
// linter itself: one generator, so that both measure the same project.
package bicepbench

import (
	"fmt"
	"strconv"
	"strings"
)

// Project is a Bicep project of about size bytes: a main file that calls
// modules, each a spoke (VNet, subnets by a loop, NSG, route table, cluster) of
// about 50 KB, the shape real projects have.
func Project(size int) (main []byte, modules map[string][]byte) {
	modules = map[string][]byte{}
	var m strings.Builder
	m.WriteString("param location string = 'westeurope'\nparam prefix string = 'bench'\n\n")
	total := 0
	for i := 0; total < size; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "param location string\nparam name string\nparam octet int = %d\n\n", i%250)
		for j := 0; b.Len() < 50<<10; j++ {
			spoke(&b, j, "${octet}", j)
		}
		path := fmt.Sprintf("spoke%d.bicep", i)
		modules[path] = []byte(b.String())
		total += b.Len()
		fmt.Fprintf(&m, "module spoke%[1]d '%[2]s' = {\n  name: '${prefix}-spoke-%[1]d'\n  params: {\n    location: location\n    name: '${prefix}%[1]d'\n  }\n}\n\n", i, path)
	}
	return []byte(m.String()), modules
}

// File is a project of one file of about size bytes: the resources of the
// spokes of Project in one file, its parameters with defaults (a 1 MB file's
// syntax tree, and its compiled text, are not a module's at a time).
func File(size int) []byte {
	var b strings.Builder
	b.WriteString("param location string = 'westeurope'\nparam name string = 'bench'\nparam octet int = 0\n\n")
	for j := 0; b.Len() < size; j++ {
		spoke(&b, j, strconv.Itoa(j/250), j%250)
	}
	return []byte(b.String())
}

// spoke writes the resources of spoke j: its subnets in 10.<second>.<third>.0/24.
func spoke(b *strings.Builder, j int, second string, third int) {
	fmt.Fprintf(b, `@description('Spoke %[1]d')
param subnets%[1]d array = [
  {
    name: 'snet-nodes'
    prefix: '10.%[2]s.%[3]d.0/26'
  }
  {
    name: 'snet-pods'
    prefix: '10.%[2]s.%[3]d.64/26'
  }
]

resource nsg%[1]d 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: '${name}-nsg-%[1]d'
  location: location
  properties: {
    securityRules: [
      {
        name: 'allow-https'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '443'
          sourceAddressPrefix: 'VirtualNetwork'
          destinationAddressPrefix: '*'
        }
      }
    ]
  }
}

resource rt%[1]d 'Microsoft.Network/routeTables@2024-05-01' = {
  name: '${name}-rt-%[1]d'
  location: location
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.255.0.4'
        }
      }
    ]
  }
}

resource vnet%[1]d 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${name}-vnet-%[1]d'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.%[2]s.%[3]d.0/24'
      ]
    }
    subnets: [for s in subnets%[1]d: {
      name: s.name
      properties: {
        addressPrefix: s.prefix
        networkSecurityGroup: {
          id: nsg%[1]d.id
        }
        routeTable: {
          id: rt%[1]d.id
        }
      }
    }]
  }
}

resource aks%[1]d 'Microsoft.ContainerService/managedClusters@2025-05-01' = if (octet < 250) {
  name: '${name}-aks-%[1]d'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: '${name}-%[1]d'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '192.168.0.0/16'
      serviceCidr: '172.16.0.0/16'
      dnsServiceIP: '172.16.0.10'
      outboundType: 'userDefinedRouting'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
        vmSize: 'Standard_D4s_v5'
        maxPods: 30
        vnetSubnetID: '${vnet%[1]d.id}/subnets/snet-nodes'
      }
    ]
  }
}

output subnet%[1]d string = '${vnet%[1]d.id}/subnets/snet-nodes'

`, j, second, third)
}
