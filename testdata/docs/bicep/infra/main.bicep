param serviceCidr string = '172.16.0.0/16'

module network 'modules/network.bicep' = {
  name: 'network'
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-prod'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-prod'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '192.168.0.0/16'
      serviceCidr: serviceCidr
      dnsServiceIP: cidrHost(serviceCidr, 9)
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4s_v5'
        vnetSubnetID: network.outputs.nodeSubnetId
      }
    ]
  }
}
