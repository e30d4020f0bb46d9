// Resources declared in the same parent's body name each other by their own
// names: the second subnet's name and prefix come from the first's.
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-aks'
  location: 'eastus'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.224.0.0/12'
      ]
    }
  }

  resource nodes 'subnets' = {
    name: 'snet-nodes'
    properties: {
      addressPrefix: '10.224.0.0/16'
    }
  }

  resource pods 'subnets' = {
    name: '${nodes.name}-pods'
    properties: {
      addressPrefix: cidrSubnet('10.224.0.0/12', 16, 1)
    }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-nested'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-nested'
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4s_v5'
        vnetSubnetID: vnet::nodes.id
        podSubnetID: vnet::pods.id
      }
    ]
  }
}
