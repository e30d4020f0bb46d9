using 'main.bicep'
extends 'base.bicepparam'

// The base parameter file sets the service CIDR: it is pinned, and the other value
// the template allows is not tried with this DNS address.
param dnsServiceIP = '10.1.0.10'
