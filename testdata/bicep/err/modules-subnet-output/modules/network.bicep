// A spoke VNet with its node subnet, returned as an output.
param vnetName string = 'vnet-spoke'
param nodePrefix string = '10.224.0.0/22'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: 'eastus'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.224.0.0/12'
      ]
    }
  }
}

resource nodes 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'snet-nodes'
  properties: {
    addressPrefix: nodePrefix
  }
}

output nodeSubnetId string = nodes.id
