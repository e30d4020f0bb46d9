// The spoke network: one VNet with the node subnet.
param location string = resourceGroup().location

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-aks-bicep'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.2.0.0/16'
      ]
    }
  }

  resource nodes 'subnets' = {
    name: 'snet-nodes'
    properties: {
      addressPrefix: '10.2.0.0/22'
    }
  }
}

output nodeSubnetId string = vnet::nodes.id
