# METADATA
# title: Node pool or cluster beyond the AKS node limits
# description: |
#   AKS allows at most 1,000 nodes in a node pool, 5,000 nodes in a cluster and 100 node
#   pools in a cluster. The autoscaler maximum counts, and so do the surge nodes an
#   upgrade adds to a pool before it removes old ones: a pool of 1,000 nodes cannot be
#   upgraded with surge. Split large pools, lower maxCount or maxSurge, or spread the
#   workload over several clusters.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/quotas-skus-regions
#     description: AKS quotas and limits
# custom:
#   id: AKSNET209
#   name: node-count-limits
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/nodePools/*/maxSurge
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.node_count_limits

import data.aksnet.lib.capacity
import data.aksnet.lib.doc
import data.aksnet.lib.sizing

pool_limit := 1000

cluster_limit := 5000

pools_limit := 100

# candidates are the indexes of the clusters the rules check: with the engine's
# input.derived.nodeCountCandidates (docs/policies.md), those whose node counts may
# pass a limit above (the others have few pools, and nodes and surge nodes well within
# each limit), so a document of such clusters evaluates none of this package; without
# it, every cluster. Each is still checked below.
candidates := input.derived.nodeCountCandidates

candidates := [ci | some ci, _ in input.clusters] if not input.derived.nodeCountCandidates

deny contains finding if {
	some ci in candidates
	c := input.clusters[ci]
	some pi, p in c.nodePools
	n := capacity.nodes(ci, pi, p)
	n > pool_limit
	finding := {
		"msg": sprintf(
			"%s has %s, %d more than the %d AKS allows in one node pool; split it into several pools",
			[capacity.pool_label(c, p), capacity.nodes_text(ci, pi, p), n - pool_limit, pool_limit],
		),
		"pointer": capacity.nodes_pointer(ci, pi, p),
	}
}

deny contains finding if {
	some ci in candidates
	c := input.clusters[ci]
	some pi, p in c.nodePools
	n := capacity.nodes(ci, pi, p)
	n <= pool_limit
	s := capacity.surge(ci, pi, p)
	n + s > pool_limit
	finding := {
		"msg": sprintf(
			"%s has %s + %s = %d nodes during an upgrade, %d more than the %d AKS allows in one node pool; %s",
			[capacity.pool_label(c, p), capacity.nodes_text(ci, pi, p), capacity.surge_text(ci, pi, p), n + s, (n + s) - pool_limit, pool_limit, surge_fix(p, n)],
		),
		"pointer": capacity.nodes_pointer(ci, pi, p),
		"related": [{
			"pointer": capacity.pool_field(ci, pi, "maxSurge"),
			"msg": sprintf("maxSurge %s%s", [p.maxSurge, doc.default_note(capacity.pool_field(ci, pi, "maxSurge"))]),
		}],
	}
}

# surge_fix names the most nodes the pool can have with its maxSurge and, when there is
# room, the largest maxSurge its nodes allow.
surge_fix(p, n) := sprintf("use at most %s with this maxSurge, or a maxSurge of at most %d", [capacity.plural(max_nodes_with_surge(p), "node"), pool_limit - n]) if n < pool_limit

surge_fix(p, n) := sprintf("use at most %s with this maxSurge", [capacity.plural(max_nodes_with_surge(p), "node")]) if n == pool_limit

# max_nodes_with_surge is the largest node count whose surge stays within the pool limit.
max_nodes_with_surge(p) := max([k |
	some k in numbers.range(0, pool_limit)
	k + sizing.surge(object.union(p, {"count": k, "enableAutoScaling": false})) <= pool_limit
])

deny contains finding if {
	some ci in candidates
	c := input.clusters[ci]
	n := capacity.cluster_nodes(ci, c)
	n > cluster_limit
	finding := {
		"msg": sprintf(
			"%s has %s in total (%s), %d more than the %d AKS allows in one cluster",
			[doc.cluster_label(c), capacity.plural(n, "node"), capacity.cluster_nodes_breakdown(ci, c), n - cluster_limit, cluster_limit],
		),
		"pointer": sprintf("/clusters/%d", [ci]),
		"related": capacity.nodes_related(ci, c),
	}
}

deny contains finding if {
	some ci in candidates
	c := input.clusters[ci]
	count(c.nodePools) > pools_limit
	finding := {
		"msg": sprintf(
			"%s has %d node pools, %d more than the %d AKS allows in one cluster",
			[doc.cluster_label(c), count(c.nodePools), count(c.nodePools) - pools_limit, pools_limit],
		),
		"pointer": sprintf("/clusters/%d", [ci]),
		"related": [{"pointer": sprintf("/clusters/%d/nodePools/%d", [ci, pools_limit]), "msg": sprintf("node pool number %d", [pools_limit + 1])}],
	}
}
