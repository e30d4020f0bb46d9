# METADATA
# title: Service CIDR overlaps a subnet of the cluster VNet
# description: |
#   The Kubernetes service CIDR is virtual: kube-proxy or the eBPF dataplane routes it
#   inside each node. When it overlaps a real subnet of the cluster's VNet, traffic to
#   addresses in that subnet is captured as service traffic, and the AKS resource provider
#   rejects the deployment with ServiceCidrOverlapExistingSubnetsCidr. Choose a service
#   CIDR that no subnet of the cluster VNet uses.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
#     description: AKS IP address planning
# custom:
#   id: AKSNET102
#   name: service-cidr-overlaps-subnet
#   level: error
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#     - /subnets/{cluster}/addressPrefixes
#     - /clusters/*/nodePools/*/vnetSubnet
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.service_cidr_overlaps_subnet

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

deny contains finding if {
	some [ci, si] in addr.range_candidates.serviceCidrs
	c := input.clusters[ci]
	cidr := c.networkProfile.serviceCidrs[si]
	addr.valid_cidr(cidr) # malformed values are AKSNET114's
	some [e, pi] in addr.cluster_subnet_entries(c, cidr)
	prefix := e.subnet.addressPrefixes[pi]
	addr.valid_cidr(prefix)
	net.cidr_intersects(cidr, prefix) # both valid: ip.overlaps without checking them again
	pointer := sprintf("/clusters/%d/networkProfile/serviceCidrs/%d", [ci, si])
	finding := {
		"msg": sprintf(
			"service CIDR %s%s of %s overlaps subnet %q (%s) of its VNet; choose a service CIDR outside every subnet of the VNet (AKS rejects this: ServiceCidrOverlapExistingSubnetsCidr)",
			[cidr, doc.default_note(sprintf("/clusters/%d/networkProfile/serviceCidrs", [ci])), doc.cluster_label(c), e.subnet.key, prefix],
		),
		"pointer": pointer,
		"related": [{
			"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [e.index, pi]),
			"msg": sprintf("subnet %q has prefix %s", [e.subnet.key, prefix]),
		}],
	}
}
