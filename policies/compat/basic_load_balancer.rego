# METADATA
# title: Basic load balancer
# description: |
#   The Basic SKU load balancer was retired on 30 September 2025. AKS no longer creates
#   clusters with it, and it never supported multiple node pools, availability zones or
#   outbound rules. Use loadBalancerSku standard (the default).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/load-balancer-standard
#     description: Use a public standard load balancer in AKS
# custom:
#   id: AKSNET412
#   name: basic-load-balancer
#   level: error
#   needs:
#     - /clusters/*/networkProfile/loadBalancerSku
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility, security]
package aksnet.rules.basic_load_balancer

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	compat.eq_fold(c.networkProfile.loadBalancerSku, "basic")
	finding := {
		"msg": sprintf(
			"loadBalancerSku %s of %s: the Basic load balancer is retired and AKS no longer creates clusters with it; use loadBalancerSku standard",
			[c.networkProfile.loadBalancerSku, doc.cluster_label(c)],
		),
		"pointer": compat.np_ptr(ci, "loadBalancerSku"),
	}
}
