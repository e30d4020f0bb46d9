# METADATA
# title: Overlay with a plugin other than azure, or with an availability set pool
# description: |
#   networkPluginMode overlay is a mode of Azure CNI: it only exists with networkPlugin
#   azure, and AKS rejects it with kubenet or networkPlugin none. Azure CNI Overlay also
#   does not support Virtual Machine Availability Sets: every pool must be a VM scale set
#   (or VirtualMachines) pool. Set networkPlugin azure, and use type
#   VirtualMachineScaleSets.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Configure Azure CNI Overlay networking in AKS (limitations)
# custom:
#   id: AKSNET407
#   name: overlay-requirements
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/type
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.overlay_requirements

import data.aksnet.lib.compat
import data.aksnet.lib.doc

mode_related(ci) := [{
	"pointer": compat.np_ptr(ci, "networkPluginMode"),
	"msg": "networkPluginMode overlay is set here",
}]

# A defaulted plugin is skipped: the default depends on the Kubernetes version, and how
# the resource provider pairs it with an explicit overlay mode is not documented.
deny contains finding if {
	some ci, c in input.clusters
	compat.overlay(c)
	plugin := c.networkProfile.networkPlugin
	not compat.eq_fold(plugin, "azure")
	not doc.defaulted(compat.np_ptr(ci, "networkPlugin"))
	finding := {
		"msg": sprintf(
			"networkPluginMode %s of %s needs networkPlugin azure, but the plugin is %s: overlay is a mode of Azure CNI; set networkPlugin azure",
			[c.networkProfile.networkPluginMode, doc.cluster_label(c), plugin],
		),
		"pointer": compat.np_ptr(ci, "networkPluginMode"),
		"related": [{"pointer": compat.np_ptr(ci, "networkPlugin"), "msg": sprintf("networkPlugin %s", [plugin])}],
	}
}

deny contains finding if {
	some ci, c in input.clusters
	compat.overlay(c)
	some pi, p in c.nodePools
	compat.eq_fold(p.type, "AvailabilitySet")
	finding := {
		"msg": sprintf(
			"%s of %s is an availability set pool (type %s), which Azure CNI Overlay does not support; use type VirtualMachineScaleSets",
			[compat.pool_label(p), doc.cluster_label(c), p.type],
		),
		"pointer": compat.pool_ptr(ci, pi, "type"),
		"related": mode_related(ci),
	}
}
