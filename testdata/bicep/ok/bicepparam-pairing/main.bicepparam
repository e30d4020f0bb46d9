using 'main.bicep'

// A service CIDR apart from the template's pod CIDR.
var base = '10.0'

param serviceCidr = '${base}.0.0/16'
param dnsServiceIP = '${base}.0.10'
param nodeCount = 3
