# METADATA
# title: Pod CIDR too small for the cluster's nodes
# description: |
#   With kubenet and Azure CNI Overlay, pods take their addresses from the pod CIDR, not
#   from the VNet: every node is given a whole /24 of it. A pod CIDR with prefix p holds
#   2^(24 - p) such node blocks (none when p is longer than /24), so it caps the number
#   of nodes the cluster can have. When the cluster's pools have more nodes than that, the
#   AKS resource provider rejects the deployment (InsufficientSubnetSize on the pod
#   CIDR). Choose a larger pod CIDR; the pod CIDR cannot be shrunk later, only expanded.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning for pods
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: kubenet, the pod CIDR and its /24 per node
# custom:
#   id: AKSNET203
#   name: pod-cidr-capacity
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/count
#     - /clusters/*/nodePools/*/enableAutoScaling
#     - /clusters/*/nodePools/*/minCount
#     - /clusters/*/nodePools/*/maxCount
#     - /clusters/*/networkProfile/podCidrs
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, capacity]
package aksnet.rules.pod_cidr_capacity

import data.aksnet.lib.capacity
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	c.model in {"kubenet", "overlay"}
	capacity.pod_cidr_candidate(ci)
	pc := capacity.ipv4_pod_cidr(c)
	blocks := capacity.node_blocks(pc.cidr)
	n := capacity.cluster_nodes(ci, c)
	n > blocks
	finding := {
		"msg": sprintf(
			"pod CIDR %s%s of %s holds %s, one per node, but the cluster has %s (%s): %s too many; the smallest pod CIDR that fits is a %s (AKS rejects this: InsufficientSubnetSize)",
			[
				pc.cidr, doc.default_note(sprintf("/clusters/%d/networkProfile/podCidrs", [ci])), doc.cluster_label(c),
				blocks_text(blocks), capacity.plural(n, "node"), capacity.cluster_nodes_breakdown(ci, c),
				capacity.plural(n - blocks, "node"), capacity.pod_fit_text(n),
			],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/podCidrs/%d", [ci, pc.index]),
		"related": capacity.nodes_related(ci, c),
	}
}

blocks_text(0) := "no /24 node block (its prefix is longer than /24)"

blocks_text(b) := capacity.plural(b, "/24 node block") if b > 0
