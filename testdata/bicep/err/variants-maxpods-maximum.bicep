// Three nodes of 31 pods in static blocks fit the /24 pod subnet; 250 pods a node do not.
@minValue(10)
@maxValue(250)
param maxPods int = 31

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-aks'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.240.0.0/16']
    }
    subnets: [
      {
        name: 'snet-nodes'
        properties: {
          addressPrefix: '10.240.0.0/24'
        }
      }
      {
        name: 'snet-pods'
        properties: {
          addressPrefix: '10.240.1.0/24'
        }
      }
    ]
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-podsubnet'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-podsubnet'
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: 'Standard_D4ds_v5'
        count: 3
        maxPods: maxPods
        vnetSubnetID: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-nodes')
        podIPAllocationMode: 'StaticBlock'
        podSubnetID: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-pods')
      }
    ]
  }
}
