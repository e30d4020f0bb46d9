// Node pools written by a loop over a parameter: maxPods 9 is below what AKS accepts.
param pools array = [
  {
    name: 'system'
    count: 3
    maxPods: 30
  }
  {
    name: 'dense'
    count: 2
    maxPods: 9
  }
]

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
    agentPoolProfiles: [for (p, i) in pools: {
      name: p.name
      mode: i == 0 ? 'System' : 'User'
      count: p.count
      vmSize: 'Standard_D4ds_v5'
      maxPods: p.maxPods
    }]
  }
}
