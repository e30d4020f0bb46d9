// A property without its colon: one located syntax error.
resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-broken'
  location 'eastus'
}
