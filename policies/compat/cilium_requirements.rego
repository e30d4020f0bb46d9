# METADATA
# title: Cilium dataplane with an incompatible setting
# description: |
#   Azure CNI Powered by Cilium replaces kube-proxy and the policy engine with Cilium's
#   eBPF programs, attached to Azure CNI endpoints on Linux nodes. It therefore enforces
#   network policy itself (networkPolicy cilium; azure or calico are rejected with
#   CiliumDataplaneRequiresNetworkPolicyCilium), it needs Azure CNI (overlay, node subnet
#   or pod subnet; not kubenet or networkPlugin none), and it does not run Windows node
#   pools. Remove the conflicting setting, or use the azure dataplane.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
#     description: Azure CNI Powered by Cilium
# custom:
#   id: AKSNET403
#   name: cilium-requirements
#   level: error
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/networkProfile/networkDataplane
#     - /clusters/*/networkProfile/networkPolicy
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/nodePools/*/osType
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.cilium_requirements

import data.aksnet.lib.compat
import data.aksnet.lib.doc

dataplane_related(ci) := [{
	"pointer": compat.np_ptr(ci, "networkDataplane"),
	"msg": "networkDataplane cilium is set here",
}]

deny contains finding if {
	some ci, c in input.clusters
	compat.cilium_dataplane(c)
	compat.policy_is(c, {"azure", "calico"})
	finding := {
		"msg": sprintf(
			"networkPolicy %s of %s cannot be used with networkDataplane cilium: the Cilium dataplane enforces network policy itself (AKS rejects this: CiliumDataplaneRequiresNetworkPolicyCilium); set networkPolicy cilium",
			[c.networkProfile.networkPolicy, doc.cluster_label(c)],
		),
		"pointer": compat.np_ptr(ci, "networkPolicy"),
		"related": dataplane_related(ci),
	}
}

deny contains finding if {
	some ci, c in input.clusters
	compat.cilium_dataplane(c)
	not_azure_cni(c)
	finding := {
		"msg": sprintf(
			"networkDataplane cilium of %s needs Azure CNI, but the cluster uses %s; use networkPlugin azure (overlay, or a pod subnet)",
			[doc.cluster_label(c), compat.np_value(c, ci, "networkPlugin")],
		),
		"pointer": compat.np_ptr(ci, "networkDataplane"),
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
	compat.cilium_dataplane(c)
	some pi, p in c.nodePools
	compat.windows(p)
	finding := {
		"msg": sprintf(
			"Windows %s of %s cannot run with networkDataplane cilium: Azure CNI Powered by Cilium supports Linux nodes only; run Windows workloads in a cluster with the azure dataplane",
			[compat.pool_label(p), doc.cluster_label(c)],
		),
		"pointer": compat.pool_ptr(ci, pi, "osType"),
		"related": dataplane_related(ci),
	}
}
