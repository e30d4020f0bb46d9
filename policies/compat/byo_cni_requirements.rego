# METADATA
# title: Bring-your-own CNI with a setting it cannot use
# description: |
#   networkPlugin none creates a cluster without a CNI: you install your own after the
#   cluster exists, and it owns pod addressing and policy. AKS therefore rejects settings
#   that belong to its own CNIs: networkPluginMode overlay, and any network policy engine
#   (networkPolicy must be none or unset; your CNI enforces policy). Windows node pools
#   are not supported with bring-your-own CNI.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/use-byo-cni
#     description: Bring your own Container Network Interface (CNI) plugin with AKS
# custom:
#   id: AKSNET414
#   name: byo-cni-requirements
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/networkProfile/networkPolicy
#     - /clusters/*/nodePools/*/osType
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.byo_cni_requirements

import data.aksnet.lib.compat
import data.aksnet.lib.doc

plugin_related(ci) := [{"pointer": compat.np_ptr(ci, "networkPlugin"), "msg": "networkPlugin none is set here"}]

deny contains finding if {
	some ci, c in input.clusters
	compat.byocni(c)
	compat.overlay(c)
	finding := {
		"msg": sprintf(
			"networkPluginMode %s of %s cannot be used with networkPlugin none: overlay is a mode of Azure CNI; remove networkPluginMode",
			[c.networkProfile.networkPluginMode, doc.cluster_label(c)],
		),
		"pointer": compat.np_ptr(ci, "networkPluginMode"),
		"related": plugin_related(ci),
	}
}

deny contains finding if {
	some ci, c in input.clusters
	compat.byocni(c)
	policy := c.networkProfile.networkPolicy
	not compat.eq_fold(policy, "none")
	finding := {
		"msg": sprintf(
			"networkPolicy %s of %s cannot be used with networkPlugin none: with your own CNI, network policy is your CNI's job; remove networkPolicy",
			[policy, doc.cluster_label(c)],
		),
		"pointer": compat.np_ptr(ci, "networkPolicy"),
		"related": plugin_related(ci),
	}
}

deny contains finding if {
	some ci, c in input.clusters
	compat.byocni(c)
	some pi, p in c.nodePools
	compat.windows(p)
	finding := {
		"msg": sprintf(
			"Windows %s of %s is not supported with networkPlugin none (bring your own CNI supports Linux nodes only)",
			[compat.pool_label(p), doc.cluster_label(c)],
		),
		"pointer": compat.pool_ptr(ci, pi, "osType"),
		"related": plugin_related(ci),
	}
}
