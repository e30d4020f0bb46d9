// A name that nothing declares: bicep build refuses the file (BCP057), so nothing
// of it is deployed. Here a typo of the parameter serviceCidr.
param serviceCidr string = '10.0.0.0/16'

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-typo'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-typo'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '10.244.0.0/16'
      serviceCidr: serviceCIDR
      dnsServiceIP: '10.0.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4s_v5'
      }
    ]
  }
}
