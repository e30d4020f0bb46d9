# METADATA
# title: maxPods outside 10..250
# description: |
#   AKS accepts a node pool maxPods between 10 and 250. A value outside that range is
#   rejected when the pool is created. Pick a value in range, sized to the pods each
#   node must run (system pods alone need about 10 per node).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overview#maximum-pods-per-node
#     description: Maximum pods per node
# custom:
#   id: AKSNET301
#   name: max-pods-range
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/maxPods
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, max-pods]
package aksnet.rules.max_pods_range

import data.aksnet.lib.doc

minimum := 10

maximum := 250

deny contains finding if {
	some ci, c in input.clusters
	some pi, p in c.nodePools
	out_of_range(p.maxPods) # first: most pools are in range, told without their pointer
	pointer := sprintf("/clusters/%d/nodePools/%d/maxPods", [ci, pi])
	not doc.defaulted(pointer)
	finding := {
		"msg": sprintf(
			"maxPods %d of node pool %s in %s is outside the range AKS accepts (%d to %d)",
			[p.maxPods, doc.pool_name(p), doc.cluster_label(c), minimum, maximum],
		),
		"pointer": pointer,
	}
}

out_of_range(n) if n < minimum

out_of_range(n) if n > maximum
