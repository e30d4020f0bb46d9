// Azure CNI: 9 nodes of 30 pods fit a /22 node subnet with room to upgrade.
var nodeCount = 9
var maxPods = 30

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
  name: 'aks-cni'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-cni'
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: 'Standard_D4ds_v5'
        count: nodeCount
        maxPods: maxPods
        vnetSubnetID: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-nodes')
      }
    ]
  }
}
