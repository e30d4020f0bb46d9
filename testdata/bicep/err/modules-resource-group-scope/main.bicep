// A subscription deployment: the network module is deployed to one resource group
// and the cluster module to another. The cluster's node subnet is the network
// module's output vnet.properties.subnets[0].id, which ARM computes in the network
// module's own resource group: the service CIDR overlaps that subnet.
targetScope = 'subscription'

resource rgNet 'Microsoft.Resources/resourceGroups@2024-03-01' existing = {
  name: 'rg-net'
}

module network 'modules/network.bicep' = {
  name: 'network'
  scope: rgNet
  params: {
    prefix: '10.20.0.0/16'
  }
}

module cluster 'modules/cluster.bicep' = {
  name: 'cluster'
  scope: resourceGroup('rg-aks')
  params: {
    subnetId: network.outputs.nodeSubnetId
  }
}
