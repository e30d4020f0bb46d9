// Subnets from a filtered resource loop, a conditional route table, a cluster on the
// first subnet: its service CIDR overlaps the second subnet.
param subnets array = [
  {
    name: 'snet-nodes'
    prefix: '10.1.0.0/22'
    enabled: true
  }
  {
    name: 'snet-ingress'
    prefix: '10.1.4.0/24'
    enabled: true
  }
  {
    name: 'snet-unused'
    prefix: '10.1.5.0/24'
    enabled: false
  }
]
param withRouteTable bool = false

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-loops'
  location: 'eastus'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.1.0.0/16'
      ]
    }
  }
}

resource rt 'Microsoft.Network/routeTables@2024-05-01' = if (withRouteTable) {
  name: 'rt-loops'
  location: 'eastus'
}

@batchSize(1)
resource subnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = [for (s, i) in subnets: if (s.enabled) {
  parent: vnet
  name: s.name
  properties: {
    addressPrefix: s.prefix
    routeTable: withRouteTable ? {
      id: rt.id
    } : null
  }
}]

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-loops'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-loops'
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: '10.1.4.0/24'
      dnsServiceIP: '10.1.4.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4s_v5'
        maxPods: 30
        vnetSubnetID: subnet[0].id
      }
    ]
  }
}
