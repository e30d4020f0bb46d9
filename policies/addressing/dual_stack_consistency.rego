# METADATA
# title: ipFamilies, pod CIDRs and service CIDRs disagree
# description: |
#   A dual-stack cluster lists its IP families in ipFamilies, and then exactly one pod
#   CIDR and one service CIDR per family, in the same order (["IPv4", "IPv6"] with an
#   IPv4 range first). The AKS resource provider rejects counts, families or an order
#   that do not match, and it does not support IPv6-only clusters. Make the lists agree:
#   one CIDR per family, in the order of ipFamilies, with IPv4 present.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/configure-dual-stack
#     description: Dual-stack networking in AKS
# custom:
#   id: AKSNET117
#   name: dual-stack-consistency
#   level: error
#   needs:
#     - /clusters/*/networkProfile/ipFamilies
#     - /clusters/*/networkProfile/podCidrs
#     - /clusters/*/networkProfile/serviceCidrs
#   security_severity: "5.0"
#   precision: very-high
#   tags: [aks, network, addressing]
package aksnet.rules.dual_stack_consistency

import data.aksnet.lib.addressing as addr
import data.aksnet.lib.doc

canonical := {"ipv4": "IPv4", "ipv6": "IPv6"}

# families is the stated ipFamilies, canonically spelt; undefined when unset or when a
# value is not a known family (AKSNET903's).
families(c) := fs if {
	count(c.networkProfile.ipFamilies) > 0
	fs := [canonical[lower(f)] | some f in c.networkProfile.ipFamilies]
	count(fs) == count(c.networkProfile.ipFamilies)
}

# candidates are the indexes of the clusters the rules check: with the engine's
# input.derived.dualStackCandidates (docs/policies.md), those that state ipFamilies or
# have a service or pod CIDR list of more than one value or of one with a colon (the
# others hold one IPv4 value or none, which no rule below reports), so a document of
# single-stack clusters evaluates none of this package; without it, every cluster.
# Each is still checked below.
candidates := input.derived.dualStackCandidates

candidates := [ci | some ci, _ in input.clusters] if not input.derived.dualStackCandidates

# lists are the CIDR lists that must follow ipFamilies, when stated and all valid.
lists contains [ci, "serviceCidrs", "service CIDRs", c.networkProfile.serviceCidrs] if {
	some ci in candidates
	c := input.clusters[ci]
	count(c.networkProfile.serviceCidrs) > 0
	every v in c.networkProfile.serviceCidrs {
		addr.valid_cidr(v)
	}
}

lists contains [ci, "podCidrs", "pod CIDRs", c.networkProfile.podCidrs] if {
	some ci in candidates
	c := input.clusters[ci]
	addr.uses_pod_cidr(c)
	count(c.networkProfile.podCidrs) > 0
	every v in c.networkProfile.podCidrs {
		addr.valid_cidr(v)
	}
}

list_text(l) := sprintf("[%s]", [concat(", ", [sprintf("%s (%s)", [v, addr.family(v)]) | some v in l])])

families_text(fs) := sprintf("[%s]", [concat(", ", fs)])

family_pointer(ci) := sprintf("/clusters/%d/networkProfile/ipFamilies", [ci])

# IPv6-only families.
deny contains finding if {
	some ci in candidates
	c := input.clusters[ci]
	fs := families(c)
	every f in fs {
		f == "IPv6"
	}
	finding := {
		"msg": sprintf(
			"ipFamilies of %s is %s: AKS does not support IPv6-only clusters; use [IPv4], or [IPv4, IPv6] for dual-stack",
			[doc.cluster_label(c), families_text(fs)],
		),
		"pointer": family_pointer(ci),
	}
}

# A list whose length is not the number of families.
deny contains finding if {
	some [ci, field, what, l] in lists
	c := input.clusters[ci]
	fs := families(c)
	count(l) != count(fs)
	finding := {
		"msg": sprintf(
			"%s of %s are %s, %d CIDR%s, but ipFamilies is %s, %d famil%s; give exactly one CIDR per family, in the order of ipFamilies",
			[what, doc.cluster_label(c), list_text(l), count(l), plural_s(count(l)), families_text(fs), count(fs), plural_y(count(fs))],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/%s", [ci, field]),
		"related": [{"pointer": family_pointer(ci), "msg": sprintf("ipFamilies %s", [families_text(fs)])}],
	}
}

# A list of the right length whose families are not those of ipFamilies, position by
# position.
deny contains finding if {
	some [ci, field, what, l] in lists
	c := input.clusters[ci]
	fs := families(c)
	count(l) == count(fs)
	some i, v in l
	addr.family(v) != fs[i]
	finding := {
		"msg": sprintf(
			"%s of %s are %s but ipFamilies is %s; list one CIDR per family in the order of ipFamilies%s",
			[what, doc.cluster_label(c), list_text(l), families_text(fs), reorder_hint(l, fs)],
		),
		"pointer": sprintf("/clusters/%d/networkProfile/%s", [ci, field]),
		"related": [{"pointer": family_pointer(ci), "msg": sprintf("ipFamilies %s", [families_text(fs)])}],
	}
}

# reorder_hint gives the list in the order of fs when it holds one CIDR of each family.
reorder_hint(l, fs) := sprintf(": [%s]", [concat(", ", ordered)]) if {
	one_per_family(l, fs)
	ordered := [v | some f in fs; some v in l; addr.family(v) == f]
}

reorder_hint(l, fs) := "" if not one_per_family(l, fs)

one_per_family(l, fs) if {
	every f in fs {
		count([v | some v in l; addr.family(v) == f]) == 1
	}
}

plural_s(1) := ""

plural_s(n) := "s" if n != 1

plural_y(1) := "y"

plural_y(n) := "ies" if n != 1

# Without ipFamilies (a new cluster, so the IPv4 default applies), only what no reading
# of the families can make valid: more than two CIDRs, two of one family, or IPv6 only.
deny contains finding if {
	some [ci, field, what, l] in lists
	c := input.clusters[ci]
	unset_families(c)
	problem := unset_problem(l)
	finding := {
		"msg": sprintf("%s of %s are %s %s", [what, doc.cluster_label(c), list_text(l), problem]),
		"pointer": sprintf("/clusters/%d/networkProfile/%s", [ci, field]),
	}
}

unset_families(c) if {
	not c.existing
	count(object.get(c.networkProfile, "ipFamilies", [])) == 0
}

unset_problem(l) := "but a cluster takes at most two, one IPv4 and one IPv6 (with ipFamilies [IPv4, IPv6])" if count(l) > 2

unset_problem(l) := sprintf("but a cluster takes one CIDR per IP family, not two %s ones: for dual-stack give one IPv4 and one IPv6 CIDR with ipFamilies [IPv4, IPv6]", [addr.family(l[0])]) if {
	count(l) == 2
	addr.family(l[0]) == addr.family(l[1])
}

unset_problem(l) := "but ipFamilies is not set, so the cluster is single-stack IPv4, and AKS does not support IPv6-only clusters: use an IPv4 CIDR, or for dual-stack an IPv4 and an IPv6 CIDR with ipFamilies [IPv4, IPv6]" if {
	count(l) == 1
	addr.family(l[0]) == "IPv6"
}
