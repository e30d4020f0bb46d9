# METADATA
# title: DNS service IP is a reserved address of the service CIDR
# description: |
#   Three addresses of the service CIDR cannot be CoreDNS's cluster IP: the network
#   address and the broadcast (last) address are not assignable, and Kubernetes gives
#   the first host address (base + 1) to the kubernetes.default service, the API server.
#   AKS documentation says not to use the first address of the range for dnsServiceIP.
#   Use another address inside the service CIDR, by convention the tenth (base + 10).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: Kubenet networking, DNS service IP address
# custom:
#   id: AKSNET109
#   name: dns-ip-reserved-address
#   level: error
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#     - /clusters/*/networkProfile/dnsServiceIP
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.dns_ip_reserved_address

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc
import data.aksnet.lib.ip

deny contains finding if {
	some [ci, i] in candidates
	c := input.clusters[ci]
	dns := c.networkProfile.dnsServiceIP
	addr.ipv4_address(dns)
	cidr := c.networkProfile.serviceCidrs[i]
	addr.ipv4_cidr(cidr)
	net.cidr_contains(cidr, dns)
	what := reserved(cidr, dns)
	finding := {
		"msg": sprintf(
			"dnsServiceIP %s%s of %s is the %s of the service CIDR %s%s, %s; %s",
			[dns, addr.note(ci, "dnsServiceIP"), doc.cluster_label(c), what[0], cidr, addr.note(ci, "serviceCidrs"), what[1], fix(cidr)],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/dnsServiceIP", [ci]),
		"related": [{
			"pointer": sprintf("/clusters/%d/networkProfile/serviceCidrs", [ci]),
			"msg": sprintf("service CIDR %s%s", [cidr, addr.note(ci, "serviceCidrs")]),
		}],
	}
}

# candidates are [cluster index, service CIDR index] of the pairs the rule checks:
# with the engine's input.derived.dnsReservedCandidates (docs/policies.md), those whose
# dnsServiceIP may be a reserved address of the CIDR (every pair with a value not
# written canonically among them), so the clusters whose address is clear are not
# checked (6% of the instructions per bench/gen document); without it, every
# pair. Each is still checked above.
candidates := input.derived.dnsReservedCandidates

candidates := [[ci, i] |
	some ci, c in input.clusters
	some i, _ in c.networkProfile.serviceCidrs
] if not input.derived.dnsReservedCandidates

# reserved names what dns is in cidr, and why it cannot be the DNS service IP, if it
# is one of the three reserved addresses.
reserved(cidr, dns) := ["network address", "which cannot be assigned to a service"] if dns == addr.ipv4_nth(cidr, 0)

reserved(cidr, dns) := ["first host address", "which Kubernetes gives to the kubernetes.default service (the API server)"] if {
	ip.ipv4_size(cidr) > 2
	dns == addr.ipv4_nth(cidr, 1)
}

reserved(cidr, dns) := ["broadcast (last) address", "which cannot be assigned to a service"] if {
	dns == addr.ipv4_last(cidr)
	dns != addr.ipv4_nth(cidr, 0)
}

fix(cidr) := sprintf("use another address inside it, such as %s (the tenth address, by convention)", [addr.ipv4_nth(cidr, 10)]) if ip.ipv4_size(cidr) > 11

fix(cidr) := sprintf("use another address inside it, such as %s", [addr.ipv4_nth(cidr, 2)]) if {
	ip.ipv4_size(cidr) > 3
	ip.ipv4_size(cidr) <= 11
}

fix(cidr) := "the service CIDR is too small to hold a DNS service IP: use a larger one, such as a /16" if ip.ipv4_size(cidr) <= 3
