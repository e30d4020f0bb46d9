# METADATA
# title: Pod subnet used where the network model cannot use it
# description: |
#   A pod subnet (podSubnetID) belongs to Azure CNI with dynamic or static block IP
#   allocation: pods take VNet addresses from a second subnet. kubenet, Azure CNI Overlay
#   and networkPlugin none give pods their addresses elsewhere and reject it. A cluster
#   runs one CNI mode, so either every pool has a pod subnet or none has. The pod subnet
#   must be in the same VNet as the pool's node subnet, and Windows Server 2019 nodes do
#   not support pod subnets. AKS rejects each of these when the pool is created.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation
#     description: Azure CNI Pod Subnet - Dynamic IP Allocation
# custom:
#   id: AKSNET405
#   name: pod-subnet-mode
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/podSubnet
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /clusters/*/nodePools/*/osSKU
#     - /clusters/*/nodePools/*/osType
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.pod_subnet_mode

import data.aksnet.lib.compat
import data.aksnet.lib.doc

# A pod subnet on a cluster whose model gives pods their addresses elsewhere.
deny contains finding if {
	some ci, c in input.clusters
	some pi, p in c.nodePools
	p.podSubnet
	some why in rejecting(c, ci)
	finding := {
		"msg": sprintf(
			"%s of %s has pod subnet %q, but the cluster uses %s, which does not use pod subnets; remove podSubnetID, or use Azure CNI without overlay",
			[compat.pool_label(p), doc.cluster_label(c), p.podSubnet, why.what],
		),
		"pointer": compat.pool_ptr(ci, pi, "podSubnet"),
		"related": [{"pointer": why.pointer, "msg": sprintf("the cluster uses %s", [why.what])}],
	}
}

rejecting(c, ci) := {{"what": compat.np_value(c, ci, "networkPlugin"), "pointer": compat.np_ptr(ci, "networkPlugin")}} if {
	not compat.azure_plugin(c)
	compat.pod_subnet_rejected(c)
}

rejecting(c, ci) := {{"what": sprintf("Azure CNI Overlay (%s)", [compat.np_value(c, ci, "networkPluginMode")]), "pointer": compat.np_ptr(ci, "networkPluginMode")}} if {
	compat.azure_plugin(c)
	compat.overlay(c)
}

# Some pools with a pod subnet and some without. Pools whose pod subnet is unknown
# count for neither side.
deny contains finding if {
	some ci, c in input.clusters
	not compat.pod_subnet_rejected(c)
	with_pod := [pi | some pi, p in c.nodePools; p.podSubnet]
	without := [pi |
		some pi, p in c.nodePools
		not p.podSubnet
		not compat.unknown(compat.pool_ptr(ci, pi, "podSubnet"))
	]
	count(with_pod) > 0
	count(without) > 0
	first := c.nodePools[without[0]]
	other := c.nodePools[with_pod[0]]
	finding := {
		"msg": sprintf(
			"%s of %s has no pod subnet, but %s has pod subnet %q: a cluster runs one CNI mode, so give every pool a pod subnet or none (%d of %d pools have one)",
			[compat.pool_label(first), doc.cluster_label(c), compat.pool_label(other), other.podSubnet, count(with_pod), count(with_pod) + count(without)],
		),
		"pointer": sprintf("/clusters/%d/nodePools/%d", [ci, without[0]]),
		"related": [{
			"pointer": compat.pool_ptr(ci, with_pod[0], "podSubnet"),
			"msg": sprintf("%s uses pod subnet %q", [compat.pool_label(other), other.podSubnet]),
		}],
	}
}

# A pod subnet in another VNet than the pool's node subnet.
deny contains finding if {
	some ci, c in input.clusters
	some pi, p in c.nodePools
	compat.vnet_of(p.podSubnet) != compat.vnet_of(p.vnetSubnet)
	finding := {
		"msg": sprintf(
			"pod subnet %q of %s in %s is in VNet %q, but its node subnet %q is in VNet %q; the pod subnet must be in the node subnet's VNet",
			[p.podSubnet, compat.pool_label(p), doc.cluster_label(c), compat.vnet_of(p.podSubnet), p.vnetSubnet, compat.vnet_of(p.vnetSubnet)],
		),
		"pointer": compat.pool_ptr(ci, pi, "podSubnet"),
		"related": [{
			"pointer": compat.pool_ptr(ci, pi, "vnetSubnet"),
			"msg": sprintf("node subnet %q", [p.vnetSubnet]),
		}],
	}
}

# A Windows Server 2019 pool with a pod subnet.
deny contains finding if {
	some ci, c in input.clusters
	some pi, p in c.nodePools
	p.podSubnet
	compat.windows(p)
	compat.eq_fold(p.osSKU, "Windows2019")
	finding := {
		"msg": sprintf(
			"%s of %s runs Windows Server 2019 (osSKU %s) with pod subnet %q: Windows Server 2019 nodes do not support pod subnets; use osSKU Windows2022",
			[compat.pool_label(p), doc.cluster_label(c), p.osSKU, p.podSubnet],
		),
		"pointer": compat.pool_ptr(ci, pi, "osSKU"),
		"related": [{"pointer": compat.pool_ptr(ci, pi, "podSubnet"), "msg": sprintf("pod subnet %q", [p.podSubnet])}],
	}
}
