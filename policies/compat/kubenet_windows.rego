# METADATA
# title: Windows node pool on a kubenet cluster
# description: |
#   Windows nodes cannot use kubenet: AKS runs Windows Server node pools only with Azure
#   CNI (overlay, node subnet or pod subnet). A Windows pool added to a kubenet cluster is
#   rejected when it is created, so a kubenet cluster cannot grow Windows capacity later
#   without migrating its network plugin first. Create the cluster with Azure CNI
#   (networkPlugin azure, networkPluginMode overlay) if it will ever run Windows nodes.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/windows-faq
#     description: Windows Server node pools FAQ (supported network plugins)
# custom:
#   id: AKSNET401
#   name: kubenet-windows
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/osType
#     - /clusters/*/networkProfile/networkPlugin
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.kubenet_windows

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	compat.kubenet(c)
	some pi, p in c.nodePools
	compat.windows(p)
	finding := {
		"msg": sprintf(
			"Windows %s of %s cannot run on kubenet (%s): AKS supports Windows node pools only with Azure CNI; use networkPlugin azure with networkPluginMode overlay",
			[compat.pool_label(p), doc.cluster_label(c), compat.np_value(c, ci, "networkPlugin")],
		),
		"pointer": compat.pool_ptr(ci, pi, "osType"),
		"related": [{
			"pointer": compat.np_ptr(ci, "networkPlugin"),
			"msg": sprintf("the cluster's %s", [compat.np_value(c, ci, "networkPlugin")]),
		}],
	}
}
