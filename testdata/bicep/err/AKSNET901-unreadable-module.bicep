// The network module is not in the repository (outside the root, or not committed):
// its outputs are unknown, never "undeclared" (no AKSNET904), and the cluster's own
// mistake is still found.
module network '../../../../outside/network.bicep' = {
  name: 'network'
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-unreadable'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-unreadable'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '10.244.0.0/16'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.1.0.10'
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
