resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-prod'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/8'
      ]
    }
    subnets: [
      {
        name: 'snet-nodes'
        properties: {
          addressPrefix: '10.0.0.0/22'
        }
      }
    ]
  }
}

output nodeSubnetId string = '${vnet.id}/subnets/snet-nodes'
