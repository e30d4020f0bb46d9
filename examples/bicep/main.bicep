// An AKS cluster in Bicep whose node subnet comes from a module.
param location string = 'westeurope'
param serviceCidr string = '10.2.0.0/16'

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-bicep'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-bicep'
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: serviceCidr
      dnsServiceIP: '10.0.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4s_v5'
        maxPods: 30
        vnetSubnetID: network.outputs.nodeSubnetId
      }
    ]
  }
}
