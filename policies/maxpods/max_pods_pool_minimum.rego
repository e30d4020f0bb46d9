# METADATA
# title: Node pool cannot hold 30 pods
# description: |
#   AKS accepts a maxPods below 30 (down to 10) only when the pool still has room for at
#   least 30 pods, so that the system pods critical to cluster health always fit:
#   maxPods x nodes must be at least 30, counting the autoscaler's minCount for
#   autoscaling pools. maxPods 10 needs at least 3 nodes. Raise maxPods or the node count.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning#configuring-maximum-pods-per-node-for-your-clusters
#     description: Configuring maximum pods per node
# custom:
#   id: AKSNET302
#   name: max-pods-pool-minimum
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/nodePools/*/maxPods
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, max-pods]
package aksnet.rules.max_pods_pool_minimum

import data.aksnet.lib.capacity

minimum := 30

deny contains finding if {
	some ci, c in input.clusters
	some pi, p in c.nodePools
	p.maxPods < minimum
	n := capacity.min_nodes(ci, pi, p)
	n > 0
	p.maxPods * n < minimum
	finding := {
		"msg": sprintf(
			"%s has room for %d pods (%s x %s), fewer than the %d AKS requires of a pool whose maxPods is below %d; use at least %s, or maxPods %d",
			[
				capacity.pool_label(c, p), p.maxPods * n, capacity.max_pods_text(ci, pi, p), capacity.min_nodes_text(ci, pi, p),
				minimum, minimum, capacity.plural(ceil(minimum / p.maxPods), "node"), ceil(minimum / n),
			],
		),
		"pointer": capacity.pool_field(ci, pi, "maxPods"),
		"related": [{"pointer": capacity.min_nodes_pointer(ci, pi, p), "msg": capacity.min_nodes_text(ci, pi, p)}],
	}
}
