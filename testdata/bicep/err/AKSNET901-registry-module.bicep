// The VNet comes from a registry module, which is not fetched: its output is not known.
module network 'br/public:avm/res/network/virtual-network:0.7.0' = {
  name: 'network'
  params: {
    name: 'vnet-aks'
    addressPrefixes: [
      '10.224.0.0/12'
    ]
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-registry'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-registry'
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
        count: 3
        vmSize: 'Standard_D4s_v5'
        vnetSubnetID: network.outputs.subnetResourceIds[0]
      }
    ]
  }
}
