param subnetId string

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-spoke'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-spoke'
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: '10.20.0.0/16'
      dnsServiceIP: '10.20.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4s_v5'
        vnetSubnetID: subnetId
      }
    ]
  }
}
