// The cluster, in the same resource group, on the subnet network.bicep declares.
param serviceCidr string = '10.50.0.0/16'

resource nodes 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' existing = {
  name: 'vnet-app/snet-nodes'
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-app'
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-app'
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: serviceCidr
      dnsServiceIP: '10.50.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vnetSubnetID: nodes.id
      }
    ]
  }
}
