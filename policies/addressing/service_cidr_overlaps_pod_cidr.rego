# METADATA
# title: Service CIDR overlaps the pod CIDR
# description: |
#   With kubenet and Azure CNI Overlay, pods take addresses from the pod CIDR and
#   services from the service CIDR, and each node routes the two differently. When the
#   ranges overlap, a pod and a service can get the same address, and traffic meant for
#   one reaches the other or nothing. AKS requires the two ranges not to overlap.
#   Choose disjoint ranges.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning
# custom:
#   id: AKSNET104
#   name: service-cidr-overlaps-pod-cidr
#   level: error
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#     - /clusters/*/networkProfile/podCidrs
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.service_cidr_overlaps_pod_cidr

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	some si, service in c.networkProfile.serviceCidrs
	addr.valid_cidr(service)
	some pi, pod in addr.pod_cidrs(c)
	addr.valid_cidr(pod)
	net.cidr_intersects(service, pod)
	finding := {
		"msg": sprintf(
			"service CIDR %s%s of %s overlaps its pod CIDR %s%s; service and pod addresses must come from separate ranges: choose a service CIDR that does not overlap the pod CIDR",
			[service, addr.note(ci, "serviceCidrs"), doc.cluster_label(c), pod, addr.note(ci, "podCidrs")],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/serviceCidrs/%d", [ci, si]),
		"related": [{
			"pointer": sprintf("/clusters/%d/networkProfile/podCidrs/%d", [ci, pi]),
			"msg": sprintf("pod CIDR %s%s", [pod, addr.note(ci, "podCidrs")]),
		}],
	}
}
