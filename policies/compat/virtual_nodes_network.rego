# METADATA
# title: Virtual nodes with an unsupported network model
# description: |
#   The virtual nodes add-on (the ACI connector) runs pods as Azure Container Instances
#   in a delegated subnet of the cluster VNet, which only works with Azure CNI in node
#   subnet mode: pods must be reachable at VNet addresses. AKS does not support virtual
#   nodes with kubenet, with Azure CNI Overlay (overlay pod addresses are not VNet
#   addresses) or with dual-stack (IPv6) clusters. Use Azure CNI without overlay on an
#   IPv4 cluster, or drop the add-on.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/virtual-nodes
#     description: Virtual nodes in AKS (limitations)
# custom:
#   id: AKSNET404
#   name: virtual-nodes-network
#   level: error
#   needs:
#     - /clusters/*/addons
#     - /clusters/*/networkProfile/ipFamilies
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.virtual_nodes_network

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	compat.virtual_nodes(c)
	some reason in reasons[ci]
	finding := {
		"msg": sprintf(
			"the virtual nodes add-on of %s does not work with %s: virtual nodes need Azure CNI without overlay on an IPv4 cluster",
			[doc.cluster_label(c), reason.what],
		),
		"pointer": sprintf("/clusters/%d/addons/virtualNodes", [ci]),
		"related": [{"pointer": reason.pointer, "msg": sprintf("the cluster uses %s", [reason.what])}],
	}
}

reasons[ci] contains {"what": sprintf("kubenet (%s)", [compat.np_value(c, ci, "networkPlugin")]), "pointer": compat.np_ptr(ci, "networkPlugin")} if {
	some ci, c in input.clusters
	compat.kubenet(c)
}

reasons[ci] contains {"what": sprintf("Azure CNI Overlay (%s)", [compat.np_value(c, ci, "networkPluginMode")]), "pointer": compat.np_ptr(ci, "networkPluginMode")} if {
	some ci, c in input.clusters
	compat.overlay(c)
}

reasons[ci] contains {"what": sprintf("dual-stack networking (ipFamilies %s)", [concat(", ", c.networkProfile.ipFamilies)]), "pointer": compat.np_ptr(ci, "ipFamilies")} if {
	some ci, c in input.clusters
	compat.ipv6(c)
}
