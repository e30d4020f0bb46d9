using none

// Shared by every environment: the service CIDR, from a variable of this file.
var serviceRange = '10.1.0.0/16'

param serviceCidr = serviceRange
