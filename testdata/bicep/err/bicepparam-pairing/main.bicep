// A cluster whose service CIDR is given by main.bicepparam.
param serviceCidr string
param dnsServiceIP string
param nodeCount int = 3

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-params'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-params'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '10.244.0.0/16'
      serviceCidr: serviceCidr
      dnsServiceIP: dnsServiceIP
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: nodeCount
        vmSize: 'Standard_D4s_v5'
      }
    ]
  }
}
