# METADATA
# title: Pod CIDR not in a private range
# description: |
#   With kubenet and Azure CNI Overlay the pod CIDR is a private, cluster-internal range.
#   A public pod CIDR is accepted, but pods can no longer reach the real public addresses
#   it covers (nodes route them to pods), and Microsoft does not support clusters set up
#   this way. Choose a pod CIDR inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or
#   100.64.0.0/10 (IPv6: fc00::/7).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning
# custom:
#   id: AKSNET113
#   name: pod-cidr-not-private
#   level: warning
#   needs:
#     - /clusters/*/networkProfile/podCidrs
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "5.5"
#   precision: very-high
#   tags: [aks, network, addressing, security]
package aksnet.rules.pod_cidr_not_private

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	some pi, cidr in addr.pod_cidrs(c)
	not addr.is_private(cidr) # first: a private range, the common case, ends here
	addr.valid_cidr(cidr)
	finding := {
		"msg": sprintf(
			"pod CIDR %s%s of %s is not inside a private range (%s); pods cannot reach the public addresses it covers, and Microsoft does not support this: choose a pod CIDR inside a private range",
			[cidr, addr.note(ci, "podCidrs"), doc.cluster_label(c), addr.private_ranges_text(addr.family(cidr))],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/podCidrs/%d", [ci, pi]),
	}
}
