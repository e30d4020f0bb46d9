using 'main.bicep'

// podCidr is not a parameter of main.bicep (its pod CIDR is written in place):
// bicep refuses the parameter file, as ARM refuses a JSON one that sets it.
param podCidr = '10.100.0.0/16'
param serviceCidr = '10.0.0.0/16'
param dnsServiceIP = '10.0.0.10'
