# METADATA
# title: Pod CIDR given to Azure CNI without overlay
# description: |
#   A pod CIDR only means something to kubenet and Azure CNI Overlay, whose pods take
#   addresses from a private range outside the VNet. With Azure CNI in node subnet or pod
#   subnet mode pods take VNet addresses, so the pod CIDR is not used: the az CLI rejects
#   --pod-cidr for these clusters, and the resource provider ignores podCidr in a
#   template, which leaves a range in the file that looks like it is in use. Remove the
#   pod CIDR, or set networkPluginMode overlay if overlay was meant.
#
#   Level: error in az CLI scripts, where the CLI refuses the command; warning in ARM
#   templates and Bicep, where the deployment goes through and the value is ignored (the
#   rule catalog, RULES.md, gives both levels).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Configure Azure CNI Overlay networking in AKS
# custom:
#   id: AKSNET406
#   name: pod-cidr-without-overlay
#   level: error
#   needs:
#     - /clusters/*/networkProfile/podCidrs
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#     - /clusters/*/nodePools/*/podSubnet
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.pod_cidr_without_overlay

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	not c.existing
	c.model in compat.vnet_models
	count(c.networkProfile.podCidrs) > 0
	not doc.defaulted(compat.np_ptr(ci, "podCidrs"))
	finding := object.union(message(c, ci), {
		"pointer": compat.np_ptr(ci, "podCidrs"),
		"related": [{
			"pointer": compat.np_ptr(ci, "networkPlugin"),
			"msg": sprintf("the cluster uses Azure CNI in %s mode", [compat.model_label[c.model]]),
		}],
	})
}

message(c, _) := {
	"msg": sprintf(
		"--pod-cidr %s of %s is rejected by the az CLI: the cluster uses Azure CNI in %s mode, where pods take VNet addresses; remove --pod-cidr, or add --network-plugin-mode overlay if overlay was meant",
		[concat(",", c.networkProfile.podCidrs), doc.cluster_label(c), compat.model_label[c.model]],
	),
	"level": "error",
} if input.kind == "azcli"

message(c, _) := {
	"msg": sprintf(
		"podCidr %s of %s is ignored: the cluster uses Azure CNI in %s mode, where pods take VNet addresses; remove podCidr, or set networkPluginMode overlay if overlay was meant",
		[concat(",", c.networkProfile.podCidrs), doc.cluster_label(c), compat.model_label[c.model]],
	),
	"level": "warning",
} if input.kind != "azcli"
