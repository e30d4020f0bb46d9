# METADATA
# title: Range overlaps an AKS reserved range
# description: |
#   AKS keeps 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24 for itself
#   (link-local and platform endpoints on every node, and addresses used internally by
#   the node and container runtime). A service CIDR, pod CIDR, cluster VNet address space
#   or node/pod subnet that overlaps one of them collides with that plumbing: the
#   documentation says AKS clusters can't use these ranges, and traffic to the
#   overlapping addresses does not go where the design intends. Choose ranges outside
#   all four.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: Kubenet networking, prerequisites (address ranges AKS clusters can't use)
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overview
#     description: Azure CNI networking overview, prerequisites
# custom:
#   id: AKSNET101
#   name: reserved-range
#   level: error
#   needs:
#     - /clusters/*/networkProfile/podCidrs
#     - /clusters/*/networkProfile/serviceCidrs
#     - /virtualNetworks/{cluster}/addressPrefixes
#     - /subnets/{cluster}/addressPrefixes
#     - /clusters/*/nodePools/*/vnetSubnet
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.reserved_range

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

reserved_text := "169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24"

# hits is the list of reserved ranges a valid CIDR overlaps; undefined when none.
hits(cidr) := rs if {
	addr.valid_cidr(cidr)
	rs := [r | some r in addr.reserved_ranges; net.cidr_intersects(cidr, r)]
	count(rs) > 0
}

cluster_ranges contains [ci, "serviceCidrs", i, cidr, "service CIDR"] if {
	some ci, c in input.clusters
	some i, cidr in c.networkProfile.serviceCidrs
}

cluster_ranges contains [ci, "podCidrs", i, cidr, "pod CIDR"] if {
	some ci, c in input.clusters
	some i, cidr in addr.pod_cidrs(c)
}

deny contains finding if {
	some [ci, field, i, cidr, what] in cluster_ranges
	rs := hits(cidr)
	finding := {
		"msg": sprintf(
			"%s %s%s of %s overlaps %s, reserved by AKS; AKS clusters cannot use %s for the service CIDR, pod CIDR, VNet or subnets: choose a %s outside them",
			[what, cidr, addr.note(ci, field), doc.cluster_label(input.clusters[ci]), concat(" and ", rs), reserved_text, what],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/%s/%d", [ci, field, i]),
	}
}

# The address space of a VNet that holds node subnets, reported once whichever
# clusters share the VNet.
deny contains finding if {
	some v in addr.cluster_vnet_keys
	some p in addr.vnet_prefixes(v)
	rs := hits(p.cidr)
	finding := {
		"msg": sprintf(
			"address space %s of VNet %q, which holds AKS node subnets, overlaps %s, reserved by AKS; AKS clusters cannot use %s for their VNet: move the VNet's address space outside them",
			[p.cidr, v, concat(" and ", rs), reserved_text],
		),
		"pointer": p.pointer,
	}
}

# A node or pod subnet, for the reserved ranges the finding above does not already
# report on its VNet.
deny contains finding if {
	some k in addr.aks_subnet_keys
	some p in addr.subnet_prefixes(k)
	rs := [r | some r in hits(p.cidr); not cluster_vnet_overlaps(p.vnet, r)]
	count(rs) > 0
	finding := {
		"msg": sprintf(
			"subnet %q (%s), used by AKS node pools, overlaps %s, reserved by AKS; AKS clusters cannot use %s for their subnets: choose a subnet prefix outside them",
			[k, p.cidr, concat(" and ", rs), reserved_text],
		),
		"pointer": p.pointer,
	}
}

cluster_vnet_overlaps(v, r) if {
	v in addr.cluster_vnet_keys
	some q in addr.vnet_prefixes(v)
	net.cidr_intersects(q.cidr, r)
}
