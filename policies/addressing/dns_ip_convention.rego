# METADATA
# title: DNS service IP is not the tenth address of the service CIDR
# description: |
#   By convention, and in every AKS example and default, CoreDNS's cluster IP is the
#   tenth address of the service CIDR (10.0.0.10 in 10.0.0.0/16). Any other free address
#   works, but tooling, runbooks and people expect .10, and an unexpected DNS address is
#   easily taken by another service created with a fixed clusterIP. Use base + 10 unless
#   there is a reason not to.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-kubenet
#     description: Kubenet networking, DNS service IP address
# custom:
#   id: AKSNET110
#   name: dns-ip-convention
#   level: note
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#     - /clusters/*/networkProfile/dnsServiceIP
#   security_severity: "1.0"
#   precision: medium
#   tags: [aks, network, addressing]
package aksnet.rules.dns_ip_convention

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
	ip.ipv4_size(cidr) > 11
	tenth := addr.ipv4_nth(cidr, 10)
	dns != tenth
	not reserved(cidr, dns)
	finding := {
		"msg": sprintf(
			"dnsServiceIP %s%s of %s is not the tenth address of the service CIDR %s%s; by convention it is %s (base + 10)",
			[dns, addr.note(ci, "dnsServiceIP"), doc.cluster_label(c), cidr, addr.note(ci, "serviceCidrs"), tenth],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/dnsServiceIP", [ci]),
	}
}

# The network, first host and broadcast addresses are AKSNET109's.
reserved(cidr, dns) if dns in {addr.ipv4_nth(cidr, 0), addr.ipv4_nth(cidr, 1), addr.ipv4_last(cidr)}

# candidates are [cluster index, service CIDR index] of the pairs the rule checks:
# with the engine's input.derived.dnsConventionCandidates (docs/policies.md), those
# whose dnsServiceIP may be inside the CIDR without being its tenth address (every pair
# with a value not written canonically among them), so a document whose clusters
# follow the convention evaluates none of this package; without it, every pair. Each
# is still checked above.
candidates := input.derived.dnsConventionCandidates

candidates := [[ci, i] |
	some ci, c in input.clusters
	some i, _ in c.networkProfile.serviceCidrs
] if not input.derived.dnsConventionCandidates
