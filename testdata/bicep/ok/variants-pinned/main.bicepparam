using 'main.bicep'

param agentCount = 3
