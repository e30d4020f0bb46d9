resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-aks'
  location: 'eastus'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.224.0.0/12'
      ]
    }
    subnets: [
      {
        name: 'snet-nodes'
        properties: {
          addressPrefix: '10.224.0.0/16'
        }
      }
    ]
  }
}

output vnetId string = vnet.id
output nodeSubnetId string = vnet.properties.subnets[0].id
