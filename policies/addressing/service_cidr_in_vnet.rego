# METADATA
# title: Service CIDR inside the cluster VNet's address space
# description: |
#   The service CIDR is virtual: every node routes it to Kubernetes services. When it
#   lies inside the cluster VNet's address space, no subnet collides with it today
#   (AKSNET102 would report that), but the range is no longer free: a subnet, private
#   endpoint or peering added there later is unreachable from pods, whose traffic to
#   those addresses is taken as service traffic. Choose a service CIDR outside the
#   VNet's address space, and outside anything connected to it.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
#     description: AKS IP address planning
# custom:
#   id: AKSNET103
#   name: service-cidr-in-vnet
#   level: warning
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#     - /virtualNetworks/{cluster}/addressPrefixes
#     - /subnets/{cluster}/addressPrefixes
#     - /clusters/*/nodePools/*/vnetSubnet
#   security_severity: "3.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.service_cidr_in_vnet

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

deny contains finding if {
	some [ci, si] in addr.range_candidates.serviceCidrs
	c := input.clusters[ci]
	cidr := c.networkProfile.serviceCidrs[si]
	addr.valid_cidr(cidr)
	some p in addr.cluster_vnet_prefixes(c, cidr)
	v := p.vnet
	addr.vnet_subnets_known(v)
	net.cidr_intersects(cidr, p.cidr)
	not overlaps_a_subnet(cidr, v)
	finding := {
		"msg": sprintf(
			"service CIDR %s%s of %s overlaps the address space %s of its VNet %q, though no subnet uses that part yet; pods cannot reach anything later placed there: choose a service CIDR outside the VNet's address space",
			[cidr, addr.note(ci, "serviceCidrs"), doc.cluster_label(c), p.cidr, v],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/serviceCidrs/%d", [ci, si]),
		"related": [{"pointer": p.pointer, "msg": sprintf("VNet %q has address space %s", [v, p.cidr])}],
	}
}

overlaps_a_subnet(cidr, v) if {
	some p in addr.vnet_subnet_prefixes(v)
	net.cidr_intersects(cidr, p.cidr)
}
