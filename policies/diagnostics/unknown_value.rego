# METADATA
# title: Value outside the documented set
# description: |
#   A network setting has a value that the AKS API does not document (a typo such as
#   networkPlugin Azure2, or osType Solaris). The resource provider rejects it, and the
#   rules that depend on the setting cannot judge it, so they stay silent for it. Use one
#   of the values listed in the message (case does not matter).
#
#   The engine also reports here an inline suppression marker (aksnet-lint:ignore) that
#   is not what it must be: one without a reason (it then suppresses nothing), one that
#   names an unknown rule or AKSNET902 (which cannot be suppressed), and one that
#   suppresses nothing (reportUnusedSuppressions: false in the configuration turns that
#   check off). The warning is at the marker.
# related_resources:
#   - ref: https://learn.microsoft.com/rest/api/aks/managed-clusters/create-or-update
#     description: Managed Clusters - Create Or Update (REST API)
# custom:
#   id: AKSNET903
#   name: unknown-value
#   level: warning
#   security_severity: "3.0"
#   precision: medium
#   tags: [aks, network, diagnostics]
package aksnet.rules.unknown_value

import data.aksnet.lib.doc

# network_profile lists the documented values of each network profile setting, checked
# against the AKS REST API specification (Azure/azure-rest-api-specs, managedClusters.json)
# 2026-04-01 (stable) and 2026-03-02-preview: outboundType managedNATGatewayV2 is in the
# preview API (and AKS's documentation); block comes from earlier preview versions.
network_profile := {
	"networkPlugin": ["azure", "kubenet", "none"],
	"networkPluginMode": ["overlay"],
	"networkPolicy": ["azure", "calico", "cilium", "none"],
	"networkDataplane": ["azure", "cilium"],
	"outboundType": ["loadBalancer", "managedNATGateway", "managedNATGatewayV2", "userAssignedNATGateway", "userDefinedRouting", "none", "block"],
	"loadBalancerSku": ["basic", "standard"],
	"networkMode": ["bridge", "transparent"],
}

ip_families := ["IPv4", "IPv6"]

# node_pool lists the documented values of each node pool setting (osSKU is left out:
# new SKUs keep appearing). Checked against 2026-04-01: mode there is System, User and
# Gateway; ManagedSystem and Machines are kept from preview API versions.
node_pool := {
	"osType": ["Linux", "Windows"],
	"type": ["AvailabilitySet", "VirtualMachineScaleSets", "VirtualMachines"],
	"mode": ["System", "User", "Gateway", "ManagedSystem", "Machines"],
	"podIPAllocationMode": ["DynamicIndividual", "StaticBlock"],
}

# documented holds for a value among allowed, in any case. Most values are written as
# documented: they are found with one lookup, before the pass that lowers each one.
documented(value, allowed) if {
	value in allowed
} else if {
	some a in allowed
	lower(a) == lower(value)
}

# candidates are the indexes of the clusters the rules check: with the engine's
# input.derived.unknownValueCandidates (docs/policies.md), those with a setting or an
# ipFamilies entry not written exactly as one of the values above (the others hold
# documented values only), so a document of documented values evaluates none of this
# package; without it, every cluster. Each is still checked below.
candidates := input.derived.unknownValueCandidates

candidates := [ci | some ci, _ in input.clusters] if not input.derived.unknownValueCandidates

finding(setting, value, where, allowed, pointer) := {
	"msg": sprintf(
		"%s %q of %s is not a value AKS documents (%s); rules that depend on it were skipped",
		[setting, value, where, concat(", ", allowed)],
	),
	"pointer": pointer,
}

deny contains f if {
	some ci in candidates
	c := input.clusters[ci]
	some setting, allowed in network_profile
	value := c.networkProfile[setting]
	is_string(value)
	not documented(value, allowed)
	f := finding(setting, value, doc.cluster_label(c), allowed, sprintf("/clusters/%d/networkProfile/%s", [ci, setting]))
}

deny contains f if {
	some ci in candidates
	c := input.clusters[ci]
	some i, value in c.networkProfile.ipFamilies
	not documented(value, ip_families)
	f := finding("ipFamilies entry", value, doc.cluster_label(c), ip_families, sprintf("/clusters/%d/networkProfile/ipFamilies/%d", [ci, i]))
}

deny contains f if {
	some ci in candidates
	c := input.clusters[ci]
	some pi, p in c.nodePools
	some setting, allowed in node_pool
	value := p[setting]
	is_string(value)
	not documented(value, allowed)
	where := sprintf("node pool %s in %s", [doc.pool_name(p), doc.cluster_label(c)])
	f := finding(setting, value, where, allowed, sprintf("/clusters/%d/nodePools/%d/%s", [ci, pi, setting]))
}
