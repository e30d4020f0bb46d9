// The spoke network, deployed by the platform team.
resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: resourceGroup().location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.50.0.0/16']
    }
    subnets: [
      {
        name: 'snet-nodes'
        properties: {
          addressPrefix: '10.50.0.0/22'
        }
      }
    ]
  }
}
