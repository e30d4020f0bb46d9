# METADATA
# title: Pod CIDR overlaps a subnet of the cluster VNet
# description: |
#   With kubenet and Azure CNI Overlay, pod addresses come from the pod CIDR, a range
#   logically separate from the VNet: nodes route it to pods (kubenet through the route
#   table, overlay through the overlay routing domain). When it overlaps a real subnet of
#   the cluster VNet, addresses in that subnet become ambiguous, and the AKS resource
#   provider rejects the deployment with NetworkProfileCIDROverlapVNET. Choose a pod CIDR
#   outside every subnet of the VNet.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: Kubenet networking with your own IP address ranges
# custom:
#   id: AKSNET111
#   name: pod-cidr-overlaps-subnet
#   level: error
#   needs:
#     - /clusters/*/networkProfile/podCidrs
#     - /subnets/{cluster}/addressPrefixes
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.pod_cidr_overlaps_subnet

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

deny contains finding if {
	some [ci, pi] in addr.range_candidates.podCidrs
	c := input.clusters[ci]
	cidr := addr.pod_cidrs(c)[pi]
	addr.valid_cidr(cidr)
	some p in addr.cluster_subnet_prefixes(c, cidr)
	net.cidr_intersects(cidr, p.cidr)
	finding := {
		"msg": sprintf(
			"pod CIDR %s%s of %s (%s) overlaps subnet %q (%s) of its VNet; choose a pod CIDR outside every subnet of the VNet (AKS rejects this: NetworkProfileCIDROverlapVNET)",
			[cidr, addr.note(ci, "podCidrs"), doc.cluster_label(c), c.model, p.subnet, p.cidr],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/podCidrs/%d", [ci, pi]),
		"related": [{"pointer": p.pointer, "msg": sprintf("subnet %q has prefix %s", [p.subnet, p.cidr])}],
	}
}
