# METADATA
# title: Service CIDR not in a private range
# description: |
#   Service IPs are virtual and only make sense inside the cluster, so they must come
#   from private address space. A public service CIDR hides the real public addresses it
#   covers from every pod (nodes route them to services instead), and a multicast range
#   cannot carry unicast service traffic at all; AKS blocks both. Choose a service CIDR
#   inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10 (IPv6: fc00::/7).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
#     description: AKS IP address planning
# custom:
#   id: AKSNET107
#   name: service-cidr-not-private
#   level: error
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#   security_severity: "6.5"
#   precision: very-high
#   tags: [aks, network, addressing, security]
package aksnet.rules.service_cidr_not_private

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	some si, cidr in c.networkProfile.serviceCidrs
	not addr.is_private(cidr) # first: a private range, the common case, ends here
	addr.valid_cidr(cidr)
	finding := {
		"msg": sprintf(
			"service CIDR %s%s of %s is not inside a private range (%s)%s; AKS does not allow public or multicast service CIDRs: choose one inside a private range",
			[cidr, addr.note(ci, "serviceCidrs"), doc.cluster_label(c), addr.private_ranges_text(addr.family(cidr)), kind(cidr)],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/serviceCidrs/%d", [ci, si]),
	}
}

kind(cidr) := " but overlaps the multicast range 224.0.0.0/4" if net.cidr_intersects(cidr, "224.0.0.0/4")

kind(cidr) := " but overlaps the multicast range ff00::/8" if net.cidr_intersects(cidr, "ff00::/8")

kind(cidr) := "" if {
	not net.cidr_intersects(cidr, "224.0.0.0/4")
	not net.cidr_intersects(cidr, "ff00::/8")
}
