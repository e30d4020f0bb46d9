// userDefinedRouting through a route table whose routes (a loop) have no default route.
param routes array = [
  {
    name: 'to-onprem'
    prefix: '172.16.0.0/12'
  }
]

resource rt 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-aks'
  location: 'eastus'
  properties: {
    routes: [for r in routes: {
      name: r.name
      properties: {
        addressPrefix: r.prefix
        nextHopType: 'VirtualAppliance'
        nextHopIpAddress: '10.200.0.4'
      }
    }]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-spoke'
  location: 'eastus'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.224.0.0/12'
      ]
    }
    subnets: [
      {
        name: 'snet-nodes'
        properties: {
          addressPrefix: '10.224.0.0/22'
          routeTable: {
            id: rt.id
          }
        }
      }
    ]
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-aks-udr'
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-udr'
  location: 'eastus'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    kubernetesVersion: '1.32'
    dnsPrefix: 'aks-udr'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '10.244.0.0/16'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
      outboundType: 'userDefinedRouting'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4s_v5'
        osType: 'Linux'
        type: 'VirtualMachineScaleSets'
        vnetSubnetID: '${vnet.id}/subnets/snet-nodes'
      }
    ]
  }
}
