# METADATA
# title: Network policy engine does not fit the network plugin
# description: |
#   Each network policy engine needs a particular network stack. Azure Network Policy
#   Manager (networkPolicy azure) programs Azure CNI endpoints, so it does not work with
#   kubenet or with networkPlugin none. Cilium network policy (networkPolicy cilium) is
#   enforced by the Cilium eBPF dataplane, so it needs networkDataplane cilium; without it
#   (the default dataplane is azure) AKS rejects the cluster. Pick the engine that matches
#   the plugin and dataplane, or change those.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/use-network-policies
#     description: Secure traffic between pods by using network policies in AKS
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
#     description: Azure CNI Powered by Cilium
# custom:
#   id: AKSNET402
#   name: network-policy-plugin
#   level: error
#   needs:
#     - /clusters/*/networkProfile/networkPolicy
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkDataplane
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.network_policy_plugin

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	compat.policy_is(c, {"azure"})
	not_azure_cni(c)
	finding := {
		"msg": sprintf(
			"networkPolicy %s of %s needs Azure CNI, but the cluster uses %s: Azure Network Policy Manager does not work with kubenet or networkPlugin none; use networkPolicy calico with kubenet, or your own policy engine with networkPlugin none",
			[c.networkProfile.networkPolicy, doc.cluster_label(c), compat.np_value(c, ci, "networkPlugin")],
		),
		"pointer": compat.np_ptr(ci, "networkPolicy"),
		"related": [{
			"pointer": compat.np_ptr(ci, "networkPlugin"),
			"msg": sprintf("the cluster's %s", [compat.np_value(c, ci, "networkPlugin")]),
		}],
	}
}

not_azure_cni(c) if compat.kubenet(c)

not_azure_cni(c) if compat.byocni(c)

deny contains finding if {
	some ci, c in input.clusters
	compat.policy_is(c, {"cilium"})
	some dataplane in other_dataplane(c, ci)
	finding := {
		"msg": sprintf(
			"networkPolicy %s of %s needs networkDataplane cilium, but the dataplane is %s: Cilium network policy is enforced by the Cilium dataplane (AKS rejects this); set networkDataplane cilium",
			[c.networkProfile.networkPolicy, doc.cluster_label(c), dataplane],
		),
		"pointer": compat.np_ptr(ci, "networkPolicy"),
		"related": [{
			"pointer": compat.np_ptr(ci, "networkDataplane"),
			"msg": sprintf("networkDataplane is %s", [dataplane]),
		}],
	}
}

# other_dataplane describes a dataplane that is known not to be cilium. An unset
# dataplane is the default (azure) only on a cluster the input creates: an existing
# cluster's unstated dataplane is unknown.
other_dataplane(c, _) := {c.networkProfile.networkDataplane} if {
	not compat.cilium_dataplane(c)
}

other_dataplane(c, ci) := {"azure (the default when networkDataplane is not set)"} if {
	not c.networkProfile.networkDataplane
	not c.existing
	not compat.unknown(compat.np_ptr(ci, "networkDataplane"))
}
