using 'main.bicep'

param serviceCidr = '10.0.0.0/16'
