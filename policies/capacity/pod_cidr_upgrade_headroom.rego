# METADATA
# title: Pod CIDR has no room for upgrade surge nodes
# description: |
#   With kubenet and Azure CNI Overlay every node, including the surge nodes an upgrade
#   adds before it removes old ones, is given a /24 of the pod CIDR. A pod CIDR that
#   holds the cluster's nodes but not their surge nodes deploys fine and then fails the
#   first upgrade. Choose a pod CIDR with room for nodes plus surge, or lower maxSurge.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning for pods
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: kubenet, the pod CIDR and its /24 per node
# custom:
#   id: AKSNET204
#   name: pod-cidr-upgrade-headroom
#   level: warning
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/networkProfile/podCidrs
#     - /clusters/*/nodePools/*/maxSurge
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "3.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.pod_cidr_upgrade_headroom

import data.aksnet.lib.capacity
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	c.model in {"kubenet", "overlay"}
	capacity.pod_cidr_candidate(ci)
	pc := capacity.ipv4_pod_cidr(c)
	blocks := capacity.node_blocks(pc.cidr)
	n := capacity.cluster_nodes(ci, c)
	n <= blocks
	s := capacity.cluster_surge(ci, c)
	n + s > blocks
	finding := {
		"msg": sprintf(
			"pod CIDR %s%s of %s holds %s, one per node: enough for the cluster's %s, but not for the %d nodes of an upgrade with surge nodes (%s): %s too many; the smallest pod CIDR that fits is a %s (upgrades would fail)",
			[
				pc.cidr, doc.default_note(sprintf("/clusters/%d/networkProfile/podCidrs", [ci])), doc.cluster_label(c),
				capacity.plural(blocks, "/24 node block"), capacity.plural(n, "node"), n + s,
				capacity.cluster_surge_breakdown(ci, c), capacity.plural((n + s) - blocks, "node"),
				capacity.pod_fit_text(n + s),
			],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/podCidrs/%d", [ci, pc.index]),
		"related": capacity.nodes_related(ci, c),
	}
}
