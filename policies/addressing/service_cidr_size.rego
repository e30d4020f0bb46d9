# METADATA
# title: Service CIDR too large
# description: |
#   Kubernetes allocates service IPs from a bitmap of at most 2^20 addresses, so a
#   service CIDR larger than /12 (IPv4) or /108 (IPv6) cannot be used, and AKS documents
#   that the IPv4 service CIDR must be smaller than /12. A /12 exactly is at the limit
#   the documentation excludes and is reported as a warning. Use a prefix of /13 or
#   longer (IPv4) or /108 or longer (IPv6); a /16 already holds 65,536 services, and a
#   smaller range leaves more address space free for networks added later.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Azure CNI Overlay, IP address planning (service address range smaller than /12)
#   - ref: https://learn.microsoft.com/azure/aks/configure-dual-stack
#     description: Dual-stack networking in AKS
# custom:
#   id: AKSNET106
#   name: service-cidr-size
#   level: error
#   needs:
#     - /clusters/*/networkProfile/serviceCidrs
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.service_cidr_size

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc
import data.aksnet.lib.ip

deny contains finding if {
	some ci, c in input.clusters
	some si, cidr in c.networkProfile.serviceCidrs
	n := ip.prefix_len(cidr) # the size first: a CIDR of an allowed size ends here
	n < 12
	addr.ipv4_cidr(cidr)
	finding := {
		"msg": sprintf(
			"service CIDR %s%s of %s is a /%d (%d addresses); AKS requires the service CIDR to be smaller than /12: use a /13 or longer prefix, such as %s/13 (%d addresses) or %s/16",
			[cidr, addr.note(ci, "serviceCidrs"), doc.cluster_label(c), n, ip.ipv4_size(cidr), base(cidr), bits.lsh(1, 19), base(cidr)],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/serviceCidrs/%d", [ci, si]),
	}
}

deny contains finding if {
	some ci, c in input.clusters
	some si, cidr in c.networkProfile.serviceCidrs
	ip.prefix_len(cidr) == 12
	addr.ipv4_cidr(cidr)
	finding := {
		"msg": sprintf(
			"service CIDR %s%s of %s is exactly a /12 (%d addresses); AKS documents that the service CIDR must be smaller than /12: use a /13 or longer prefix, such as %s/13",
			[cidr, addr.note(ci, "serviceCidrs"), doc.cluster_label(c), ip.ipv4_size(cidr), base(cidr)],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/serviceCidrs/%d", [ci, si]),
		"level": "warning",
	}
}

deny contains finding if {
	some ci, c in input.clusters
	some si, cidr in c.networkProfile.serviceCidrs
	contains(cidr, ":") # which ipv6_cidr needs: an IPv4 CIDR ends here
	addr.ipv6_cidr(cidr)
	n := ip.prefix_len(cidr)
	n < 108
	finding := {
		"msg": sprintf(
			"IPv6 service CIDR %s%s of %s is a /%d; AKS allows at most a /108 for the IPv6 service CIDR: use a /108 or longer prefix, such as %s/108",
			[cidr, addr.note(ci, "serviceCidrs"), doc.cluster_label(c), n, base(cidr)],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/serviceCidrs/%d", [ci, si]),
	}
}

base(cidr) := split(cidr, "/")[0]
