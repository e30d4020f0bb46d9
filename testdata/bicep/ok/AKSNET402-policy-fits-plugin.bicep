// The network policy follows the plugin: calico on kubenet.
@allowed([
  'kubenet'
  'azure'
])
param plugin string = 'kubenet'

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-kubenet-npm'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    kubernetesVersion: '1.32'
    dnsPrefix: 'aks-kubenet-npm'
    networkProfile: {
      networkPlugin: plugin
      podCidr: plugin == 'kubenet' ? '10.244.0.0/16' : null
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
      networkPolicy: plugin == 'kubenet' ? 'calico' : 'azure'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4s_v5'
        osType: 'Linux'
        type: 'VirtualMachineScaleSets'
      }
    ]
  }
}
