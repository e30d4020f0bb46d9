param prefix string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-spoke'
  location: 'eastus'
  properties: {
    addressSpace: {
      addressPrefixes: [
        prefix
      ]
    }
    subnets: [
      {
        name: 'snet-nodes'
        properties: {
          addressPrefix: cidrSubnet(prefix, 24, 0)
        }
      }
    ]
  }
}

output nodeSubnetId string = vnet.properties.subnets[0].id
