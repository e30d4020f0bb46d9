# METADATA
# title: DNS service IP outside the service CIDR
# description: |
#   CoreDNS is given dnsServiceIP as its cluster IP, and cluster IPs come from the service
#   CIDR. An address outside the IPv4 service CIDR, or one that is not IPv4 at all, cannot
#   be assigned: the AKS resource provider rejects the deployment with
#   DnsServiceIpOutOfServiceCidr. Use an address inside the service CIDR, by convention
#   the tenth (for 10.0.0.0/16, 10.0.0.10).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning
# custom:
#   id: AKSNET108
#   name: dns-ip-outside-service-cidr
#   level: error
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#     - /clusters/*/networkProfile/dnsServiceIP
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.dns_ip_outside_service_cidr

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc
import data.aksnet.lib.ip

deny contains finding if {
	some ci, c in input.clusters
	dns := c.networkProfile.dnsServiceIP
	some cidr in c.networkProfile.serviceCidrs
	not net.cidr_contains(cidr, dns) # first: the common address inside its range ends here
	addr.ipv4_address(dns) # malformed values are AKSNET114's
	addr.ipv4_cidr(cidr)
	finding := {
		"msg": sprintf(
			"dnsServiceIP %s%s of %s is outside the service CIDR %s%s; use an address inside it, such as %s (AKS rejects this: DnsServiceIpOutOfServiceCidr)",
			[dns, note(ci, "dnsServiceIP"), doc.cluster_label(c), cidr, note(ci, "serviceCidrs"), tenth(cidr)],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/dnsServiceIP", [ci]),
		"related": [{
			"pointer": sprintf("/clusters/%d/networkProfile/serviceCidrs", [ci]),
			"msg": sprintf("service CIDR %s%s", [cidr, note(ci, "serviceCidrs")]),
		}],
	}
}

deny contains finding if {
	some ci, c in input.clusters
	dns := c.networkProfile.dnsServiceIP
	addr.ipv6_address(dns)
	finding := {
		"msg": sprintf(
			"dnsServiceIP %s of %s is not an IPv4 address; the DNS service IP must be an IPv4 address inside the IPv4 service CIDR (AKS rejects this: DnsServiceIpOutOfServiceCidr)",
			[dns, doc.cluster_label(c)],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/dnsServiceIP", [ci]),
	}
}

note(ci, field) := doc.default_note(sprintf("/clusters/%d/networkProfile/%s", [ci, field]))

tenth(cidr) := ip.int_to_ipv4(ip.ipv4_network(cidr) + 10)
