// With azure the pod CIDR is not passed; with the allowed kubenet it lies inside the VNet.
@allowed([
  'azure'
  'kubenet'
])
param networkPlugin string = 'azure'
param podCidr string = '10.240.100.0/22'

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-aks'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.240.0.0/16']
    }
    subnets: [
      {
        name: 'snet-nodes'
        properties: {
          addressPrefix: '10.240.0.0/22'
        }
      }
    ]
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-plugin'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-plugin'
    networkProfile: {
      networkPlugin: networkPlugin
      podCidr: networkPlugin == 'kubenet' ? podCidr : null
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: 'Standard_D4ds_v5'
        count: 3
        maxPods: 30
        vnetSubnetID: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-nodes')
      }
    ]
  }
}
