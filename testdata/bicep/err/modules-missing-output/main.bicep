// The cluster reads an output its network module does not declare (the module
// names it nodeSubnetId): bicep build refuses the file, and ARM would reject the
// template compiled from it. The related location is the module's outputs.
module network 'modules/network.bicep' = {
  name: 'network'
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-wiring'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-wiring'
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
        vnetSubnetID: network.outputs.subnetId
      }
    ]
  }
}
