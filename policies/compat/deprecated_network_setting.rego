# METADATA
# title: Deprecated network setting
# description: |
#   dockerBridgeCidr configured the docker0 bridge of nodes that ran Docker. AKS nodes
#   run containerd and ignore it (newer API versions no longer have the property; older
#   ones accept it and do nothing with it), so a range left in the file only misleads
#   readers: that finding is a note. networkMode bridge put Azure CNI pods behind a Linux
#   bridge; the API documents it as no longer supported (transparent is the only mode),
#   so that finding keeps the rule's level, warning. Remove dockerBridgeCidr
#   (--docker-bridge-address) and networkMode bridge.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-azure-cni
#     description: Configure Azure CNI networking in AKS
# custom:
#   id: AKSNET413
#   name: deprecated-network-setting
#   level: warning
#   needs:
#     - /clusters/*/networkProfile/networkMode
#   security_severity: "3.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.deprecated_network_setting

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	c.networkProfile.dockerBridgeCidr
	finding := {
		"msg": sprintf(
			"dockerBridgeCidr %s of %s has no effect: AKS ignores it (nodes run containerd, not Docker); remove it",
			[c.networkProfile.dockerBridgeCidr, doc.cluster_label(c)],
		),
		"pointer": compat.np_ptr(ci, "dockerBridgeCidr"),
		"level": "note",
	}
}

deny contains finding if {
	some ci, c in input.clusters
	compat.eq_fold(c.networkProfile.networkMode, "bridge")
	finding := {
		"msg": sprintf(
			"networkMode %s of %s is no longer supported; remove networkMode (transparent is the only supported mode)",
			[c.networkProfile.networkMode, doc.cluster_label(c)],
		),
		"pointer": compat.np_ptr(ci, "networkMode"),
	}
}
