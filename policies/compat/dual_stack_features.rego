# METADATA
# title: Dual-stack cluster with an unsupported feature
# description: |
#   Dual-stack (IPv4 + IPv6) AKS clusters support only part of the feature set. Azure
#   Network Policy Manager and Calico do not enforce policy on IPv6 (use Cilium), the
#   virtual nodes add-on is IPv4 only, and NAT gateway outbound types do not carry IPv6
#   egress, so AKS rejects these combinations. Dual-stack with kubenet was a preview that
#   the documentation no longer describes: use Azure CNI Overlay for dual-stack.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-dual-stack
#     description: Use dual-stack networking in AKS (limitations)
# custom:
#   id: AKSNET410
#   name: dual-stack-features
#   level: error
#   needs:
#     - /clusters/*/networkProfile/ipFamilies
#     - /clusters/*/networkProfile/networkPolicy
#     - /clusters/*/networkProfile/outboundType
#     - /clusters/*/addons
#     - /clusters/*/networkProfile/networkPlugin
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.dual_stack_features

import data.aksnet.lib.compat
import data.aksnet.lib.doc

families(c) := concat(", ", c.networkProfile.ipFamilies)

finding_for(c, ci, what, pointer, fix, level) := {
	"msg": sprintf(
		"%s of %s is not supported on a dual-stack cluster (ipFamilies %s); %s",
		[what, doc.cluster_label(c), families(c), fix],
	),
	"pointer": pointer,
	"related": [{"pointer": compat.np_ptr(ci, "ipFamilies"), "msg": sprintf("ipFamilies %s", [families(c)])}],
	"level": level,
}

deny contains finding if {
	some ci, c in input.clusters
	compat.ipv6(c)
	compat.policy_is(c, {"azure", "calico"})
	finding := finding_for(
		c, ci, sprintf("networkPolicy %s", [c.networkProfile.networkPolicy]),
		compat.np_ptr(ci, "networkPolicy"),
		"it does not enforce IPv6 policy; use networkPolicy cilium with networkDataplane cilium",
		"error",
	)
}

deny contains finding if {
	some ci, c in input.clusters
	compat.ipv6(c)
	compat.virtual_nodes(c)
	finding := finding_for(
		c, ci, "the virtual nodes add-on",
		sprintf("/clusters/%d/addons/virtualNodes", [ci]),
		"virtual nodes are IPv4 only; disable the add-on or use an IPv4 cluster",
		"error",
	)
}

deny contains finding if {
	some ci, c in input.clusters
	compat.ipv6(c)
	some t in {"managedNATGateway", "userAssignedNATGateway"}
	compat.eq_fold(c.networkProfile.outboundType, t)
	finding := finding_for(
		c, ci, sprintf("outboundType %s", [c.networkProfile.outboundType]),
		compat.np_ptr(ci, "outboundType"),
		"use outboundType loadBalancer or userDefinedRouting",
		"error",
	)
}

deny contains finding if {
	some ci, c in input.clusters
	compat.ipv6(c)
	compat.kubenet(c)
	finding := finding_for(
		c, ci, sprintf("kubenet (%s)", [compat.np_value(c, ci, "networkPlugin")]),
		compat.np_ptr(ci, "networkPlugin"),
		"dual-stack kubenet is no longer documented; use Azure CNI Overlay (networkPlugin azure, networkPluginMode overlay)",
		"warning",
	)
}
