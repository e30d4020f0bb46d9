using 'main.bicep'
extends 'base.bicepparam'

// The DNS address of the template's default service CIDR, not of the one the base
// parameter file sets.
param dnsServiceIP = '10.0.0.10'
