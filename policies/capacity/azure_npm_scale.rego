# METADATA
# title: Azure Network Policy Manager on more than 250 nodes
# description: |
#   Azure Network Policy Manager (networkPolicy azure) programs iptables rules on every
#   node, and AKS does not support it beyond 250 nodes: past that, its pods can run out
#   of memory and policies stop being enforced reliably. For a cluster that can grow past
#   250 nodes (autoscaler maximums included), use Azure CNI powered by Cilium
#   (networkDataplane cilium, networkPolicy cilium).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/use-network-policies
#     description: Network policies in AKS, limitations of Azure Network Policy Manager
# custom:
#   id: AKSNET210
#   name: azure-npm-scale
#   level: warning
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/networkProfile/networkPolicy
#   security_severity: "3.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.azure_npm_scale

import data.aksnet.lib.capacity
import data.aksnet.lib.doc

limit := 250

deny contains finding if {
	some ci, c in input.clusters
	lower(c.networkProfile.networkPolicy) == "azure"
	n := capacity.cluster_nodes(ci, c)
	n > limit
	finding := {
		"msg": sprintf(
			"%s uses Azure Network Policy Manager (networkPolicy %s) with %s (%s), %d more than the %d nodes it supports; use Cilium (networkDataplane cilium, networkPolicy cilium) or keep the cluster at %d nodes or fewer",
			[
				doc.cluster_label(c), c.networkProfile.networkPolicy, capacity.plural(n, "node"),
				capacity.cluster_nodes_breakdown(ci, c), n - limit, limit, limit,
			],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/networkPolicy", [ci]),
		"related": capacity.nodes_related(ci, c),
	}
}
