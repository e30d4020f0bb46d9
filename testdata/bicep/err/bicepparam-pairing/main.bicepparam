using 'main.bicep'

// The pod CIDR of the template: the service CIDR overlaps it.
var base = '10.244'

param serviceCidr = '${base}.0.0/16'
param dnsServiceIP = '${base}.0.10'
param nodeCount = int(readEnvironmentVariable('NODE_COUNT', '3'))
