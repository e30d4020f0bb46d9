# METADATA
# title: Kubenet cluster with more than 400 nodes
# description: |
#   Kubenet routes pod traffic between nodes with one user-defined route per node in the
#   cluster's route table, and an Azure route table holds at most 400 routes. A kubenet
#   cluster therefore cannot have more than 400 nodes; scaling past that fails. Keep the
#   cluster at 400 nodes or fewer (autoscaler maximums included), or use Azure CNI
#   Overlay, which scales to 5,000 nodes without route tables.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: Use kubenet networking in AKS (400 routes per route table)
# custom:
#   id: AKSNET208
#   name: kubenet-node-limit
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/networkProfile/networkPlugin
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.kubenet_node_limit

import data.aksnet.lib.capacity
import data.aksnet.lib.doc

limit := 400

deny contains finding if {
	some ci, c in input.clusters
	c.model == "kubenet"
	n := capacity.cluster_nodes(ci, c)
	n > limit
	finding := {
		"msg": sprintf(
			"%s uses kubenet%s and has %s (%s): %d more than the %d a kubenet cluster can have, because its route table holds one route per node and at most %d routes; use fewer nodes or Azure CNI Overlay",
			[
				doc.cluster_label(c), doc.default_note(sprintf("/clusters/%d/networkProfile/networkPlugin", [ci])),
				capacity.plural(n, "node"), capacity.cluster_nodes_breakdown(ci, c), n - limit, limit, limit,
			],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/networkPlugin", [ci]),
		"related": capacity.nodes_related(ci, c),
	}
}
