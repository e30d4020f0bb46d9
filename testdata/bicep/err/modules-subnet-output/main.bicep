// The node subnet comes from a module's output; the service CIDR overlaps it.
param serviceCidr string = '10.224.0.0/16'

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    vnetName: 'vnet-spoke'
    nodePrefix: '10.224.0.0/22'
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-modules'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-modules'
    networkProfile: {
      networkPlugin: 'azure'
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
