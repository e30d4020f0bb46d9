# METADATA
# title: Windows node pool with maxPods above 110
# description: |
#   AKS recommends at most 110 pods per Windows Server node: Windows nodes carry more
#   per-pod overhead (host networking endpoints, memory) than Linux nodes, and AKS only
#   sizes and tests them to 110. The effective maxPods counts, so a Windows pool in an
#   Azure CNI Overlay cluster that leaves maxPods unset gets the overlay default of 250.
#   Set maxPods to 110 or less on Windows pools.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/quotas-skus-regions
#     description: AKS quotas and limits (maximum recommended pods for Windows Server)
# custom:
#   id: AKSNET303
#   name: windows-max-pods
#   level: warning
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/osType
#     - /clusters/*/nodePools/*/maxPods
#   security_severity: "3.0"
#   precision: high
#   tags: [aks, network, max-pods]
package aksnet.rules.windows_max_pods

import data.aksnet.lib.capacity

recommended := 110

deny contains finding if {
	some ci, c in input.clusters
	some pi, p in c.nodePools
	lower(p.osType) == "windows"
	p.maxPods > recommended
	finding := {
		"msg": sprintf(
			"Windows %s has %s, above the %d AKS recommends for Windows Server nodes; set maxPods to %d or less",
			[capacity.pool_label(c, p), capacity.max_pods_text(ci, pi, p), recommended, recommended],
		),
		"pointer": capacity.pool_field(ci, pi, "maxPods"),
		"related": [{"pointer": capacity.pool_field(ci, pi, "osType"), "msg": sprintf("osType %s", [p.osType])}],
	}
}
