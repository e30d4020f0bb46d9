# METADATA
# title: Pod CIDR inside the cluster VNet's address space
# description: |
#   With kubenet and Azure CNI Overlay the pod CIDR must be a range separate from the
#   VNet. When it lies inside the cluster VNet's address space, no subnet collides with
#   it yet (AKSNET111 would report that), but a subnet, private endpoint or peering added
#   there later collides with pod addresses: pods cannot reach it, and scaling or
#   upgrading the cluster then fails the overlap check. Choose a pod CIDR outside the
#   VNet's address space.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: Kubenet networking with your own IP address ranges
# custom:
#   id: AKSNET112
#   name: pod-cidr-in-vnet
#   level: warning
#   needs:
#     - /clusters/*/networkProfile/podCidrs
#     - /virtualNetworks/{cluster}/addressPrefixes
#     - /subnets/{cluster}/addressPrefixes
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "3.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.pod_cidr_in_vnet

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

deny contains finding if {
	some [ci, pi] in addr.range_candidates.podCidrs
	c := input.clusters[ci]
	cidr := addr.pod_cidrs(c)[pi]
	addr.valid_cidr(cidr)
	some p in addr.cluster_vnet_prefixes(c, cidr)
	v := p.vnet
	addr.vnet_subnets_known(v)
	net.cidr_intersects(cidr, p.cidr)
	not overlaps_a_subnet(cidr, v)
	finding := {
		"msg": sprintf(
			"pod CIDR %s%s of %s (%s) overlaps the address space %s of its VNet %q, though no subnet uses that part yet; a subnet later placed there would collide with pod addresses: choose a pod CIDR outside the VNet's address space",
			[cidr, addr.note(ci, "podCidrs"), doc.cluster_label(c), c.model, p.cidr, v],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/podCidrs/%d", [ci, pi]),
		"related": [{"pointer": p.pointer, "msg": sprintf("VNet %q has address space %s", [v, p.cidr])}],
	}
}

overlaps_a_subnet(cidr, v) if {
	some p in addr.vnet_subnet_prefixes(v)
	net.cidr_intersects(cidr, p.cidr)
}
