# METADATA
# title: Invalid CIDR or IP address
# description: |
#   Every range in a network design must be a CIDR in canonical form: an address and a
#   prefix length that parse, with no host bits set (10.0.0.0/16, not 10.0.0.1/16 or
#   10.0.0/16), and IP fields must hold one address. Azure validates these strictly: the
#   AKS resource provider rejects a malformed pod CIDR, service CIDR or DNS service IP
#   with CidrStringParseError, and the network resource provider rejects malformed VNet,
#   subnet, route and NSG prefixes. A value with host bits set is also ambiguous: did the
#   author mean the network it lies in, or a different prefix? Write the canonical form
#   the message gives. The other address rules skip values reported here.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
#     description: AKS IP address planning
#   - ref: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
#     description: Azure Virtual Network FAQ (address ranges and subnets)
# custom:
#   id: AKSNET114
#   name: invalid-address
#   level: error
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.invalid_address

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

rp_error := " (AKS rejects this: CidrStringParseError)"

# The CIDR fields. The messages and pointers are written only for a value with a
# problem: building them for every field first was most of this rule's time on a
# template of 800 subnets. A valid value is passed over with one lookup (valid_cidr,
# kept for each value) before cidr_problem tries its three reasons.
deny contains cidr_finding(sprintf("/clusters/%d/networkProfile/serviceCidrs/%d", [ci, i]), sprintf("service CIDR %q of %s", [v, doc.cluster_label(c)]), problem, rp_error) if {
	some [ci, i] in cluster_candidates.serviceCidrs
	c := input.clusters[ci]
	v := c.networkProfile.serviceCidrs[i]
	not addr.valid_cidr(v)
	problem := addr.cidr_problem(v)
}

# A pod CIDR given with Azure CNI in node subnet or pod subnet mode is ignored by the
# RP (AKSNET406 reports it), so only the other models are checked.
deny contains cidr_finding(sprintf("/clusters/%d/networkProfile/podCidrs/%d", [ci, i]), sprintf("pod CIDR %q of %s", [v, doc.cluster_label(c)]), problem, rp_error) if {
	some [ci, i] in cluster_candidates.podCidrs
	c := input.clusters[ci]
	not object.get(c, "model", "") in {"nodesubnet", "podsubnet-dynamic", "podsubnet-static"}
	v := c.networkProfile.podCidrs[i]
	not addr.valid_cidr(v)
	problem := addr.cidr_problem(v)
}

deny contains cidr_finding(sprintf("/virtualNetworks/%d/addressPrefixes/%d", [vi, i]), sprintf("address prefix %q of VNet %q", [v, vn.key]), problem, "") if {
	some [vi, i] in vnet_candidates
	vn := input.virtualNetworks[vi]
	v := vn.addressPrefixes[i]
	not addr.valid_cidr(v)
	problem := addr.cidr_problem(v)
}

deny contains cidr_finding(sprintf("/virtualNetworks/%d/peerings/%d/remoteAddressPrefixes/%d", [vi, pi, i]), sprintf("remote address prefix %q of VNet peering %q of VNet %q", [v, object.get(pe, "name", ""), vn.key]), problem, "") if {
	some vi, vn in input.virtualNetworks
	some pi, pe in vn.peerings
	some i, v in pe.remoteAddressPrefixes
	not addr.valid_cidr(v)
	problem := addr.cidr_problem(v)
}

deny contains cidr_finding(sprintf("/subnets/%d/addressPrefixes/%d", [si, i]), sprintf("address prefix %q of subnet %q", [v, s.key]), problem, "") if {
	some [si, i] in subnet_candidates
	s := input.subnets[si]
	v := s.addressPrefixes[i]
	not addr.valid_cidr(v)
	problem := addr.cidr_problem(v)
}

# cluster_candidates are the places of the cluster values checked: with the engine's
# input.derived.clusterValueCandidates (docs/policies.md), the service and pod CIDRs
# not written canonically, the only ones that can be invalid, and the clusters whose
# dnsServiceIP is not an IPv4 address written canonically; without, every value.
cluster_candidates := input.derived.clusterValueCandidates

cluster_candidates := {
	"serviceCidrs": [[ci, i] | some ci, c in input.clusters; some i, _ in c.networkProfile.serviceCidrs],
	"podCidrs": [[ci, i] | some ci, c in input.clusters; some i, _ in c.networkProfile.podCidrs],
	"dnsServiceIPs": [ci | some ci, _ in input.clusters],
} if not input.derived.clusterValueCandidates

# vnet_candidates and subnet_candidates are [VNet or subnet index, prefix index] of the
# prefixes checked: with the engine's input.derived (docs/policies.md), those not
# written canonically, the only ones that can be invalid; without, every prefix.
vnet_candidates contains ref if {
	some ref in input.derived.noncanonicalVNetPrefixes
}

vnet_candidates contains [vi, i] if {
	not input.derived.noncanonicalVNetPrefixes
	some vi, vn in input.virtualNetworks
	some i, _ in vn.addressPrefixes
}

subnet_candidates contains ref if {
	some ref in input.derived.noncanonicalSubnetPrefixes
}

subnet_candidates contains [si, i] if {
	not input.derived.noncanonicalSubnetPrefixes
	some si, s in input.subnets
	some i, _ in s.addressPrefixes
}

# A route's address prefix may also be a service tag ("AzureCloud").
deny contains cidr_finding(sprintf("/routeTables/%d/routes/%d/addressPrefix", [ri, i]), sprintf("address prefix %q of route %q in route table %q", [v, object.get(r, "name", ""), rt.key]), problem, "") if {
	some ri, rt in input.routeTables
	some i, r in rt.routes
	v := r.addressPrefix
	not service_tag(v)
	not addr.valid_cidr(v)
	problem := addr.cidr_problem(v)
}

cidr_finding(pointer, what, problem, suffix) := {
	"msg": sprintf("%s %s%s", [what, problem, suffix]),
	"pointer": pointer,
}

# NSG rule prefixes may be "*", a service tag, one address or a CIDR.
deny contains finding if {
	some ni, nsg in input.networkSecurityGroups
	some ri, r in nsg.rules
	some field in ["sourceAddressPrefixes", "destinationAddressPrefixes"]
	some i, v in object.get(r, field, [])
	v != "*"
	not service_tag(v)
	not addr.ip_address(v)
	not addr.valid_cidr(v)
	problem := addr.cidr_problem(v)
	finding := {
		"msg": sprintf("%s %q of security rule %q in network security group %q %s", [side[field], v, object.get(r, "name", ""), nsg.key, problem]),
		"pointer": sprintf("/networkSecurityGroups/%d/rules/%d/%s/%d", [ni, ri, field, i]),
	}
}

side := {"sourceAddressPrefixes": "source address prefix", "destinationAddressPrefixes": "destination address prefix"}

deny contains finding if {
	some ci in cluster_candidates.dnsServiceIPs
	c := input.clusters[ci]
	dns := c.networkProfile.dnsServiceIP
	not addr.ip_address(dns)
	finding := {
		"msg": sprintf("dnsServiceIP %q of %s %s (AKS rejects this)", [dns, doc.cluster_label(c), ip_problem(dns)]),
		"pointer": sprintf("/clusters/%d/networkProfile/dnsServiceIP", [ci]),
	}
}

ip_problem(v) := "is a CIDR range, not an address; give one address inside the service CIDR, by convention its tenth (10.0.0.10 for 10.0.0.0/16)" if contains(v, "/")

ip_problem(v) := "is not a valid IP address" if not contains(v, "/")

# service_tag holds for a name such as VirtualNetwork, AzureCloud or Storage.WestEurope.
service_tag(v) if regex.match(`^[A-Za-z][A-Za-z0-9]*([.-][A-Za-z0-9]+)*$`, v)
