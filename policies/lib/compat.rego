# METADATA
# description: |
#   Helpers of the feature-compatibility (4xx), wiring (5xx) and script (6xx) rules:
#   case-insensitive reads of the network profile and node pools, pointers, and whether a
#   value is unknown. Every predicate holds only when the document states (or the
#   effective-values step defaults) what it needs, so rules built on them stay silent on
#   unknown values. An existing cluster (az aks update, nodepool add) gets no defaults:
#   its unstated settings are simply absent here.
package aksnet.lib.compat

import data.aksnet.lib.doc
import data.aksnet.lib.ip

# eq_fold holds when two strings are equal ignoring case (Azure enums are case-insensitive).
# The tests below that every cluster and pool goes through compare with lower() and a
# constant in lower case instead: the same test without a function call each time.
eq_fold(a, b) if lower(a) == lower(b)

# unknown holds when the value at pointer, one of its ancestors or one of its
# descendants is listed as unresolved: it is stated but not known.
unknown(pointer) if {
	some u in input.unresolved
	related_pointers(u.pointer, pointer)
}

related_pointers(a, b) if a == b

related_pointers(a, b) if startswith(b, concat("", [a, "/"]))

related_pointers(a, b) if startswith(a, concat("", [b, "/"]))

# np_ptr is the pointer of a network profile field of cluster ci.
np_ptr(ci, field) := sprintf("/clusters/%d/networkProfile/%s", [ci, field])

# pool_ptr is the pointer of a field of pool pi of cluster ci.
pool_ptr(ci, pi, field) := sprintf("/clusters/%d/nodePools/%d/%s", [ci, pi, field])

# np_value names a network profile value for messages: "networkPlugin kubenet (default)".
np_value(c, ci, field) := sprintf("%s %s%s", [field, c.networkProfile[field], doc.default_note(np_ptr(ci, field))])

# Network plugin and mode ---------------------------------------------------------------

kubenet(c) if lower(c.networkProfile.networkPlugin) == "kubenet"

# byocni: networkPlugin none (bring your own CNI).
byocni(c) if lower(c.networkProfile.networkPlugin) == "none"

azure_plugin(c) if lower(c.networkProfile.networkPlugin) == "azure"

overlay(c) if lower(c.networkProfile.networkPluginMode) == "overlay"

# pod_subnet_rejected holds for a cluster whose network model cannot use a pod subnet:
# kubenet, networkPlugin none, or overlay.
pod_subnet_rejected(c) if kubenet(c)

pod_subnet_rejected(c) if byocni(c)

pod_subnet_rejected(c) if overlay(c)

# vnet_models are the models whose pods take addresses from a VNet subnet (Azure CNI
# without overlay); model_label names them in messages.
vnet_models := {"nodesubnet", "podsubnet-dynamic", "podsubnet-static"}

model_label := {
	"kubenet": "kubenet",
	"overlay": "Azure CNI Overlay",
	"nodesubnet": "node subnet (traditional Azure CNI)",
	"podsubnet-dynamic": "pod subnet (dynamic IP allocation)",
	"podsubnet-static": "pod subnet (static block allocation)",
	"byocni": "bring-your-own CNI",
}

# Policy, dataplane, families, add-ons -----------------------------------------------------

policy_is(c, values) if {
	some v in values
	eq_fold(c.networkProfile.networkPolicy, v)
}

cilium_dataplane(c) if lower(c.networkProfile.networkDataplane) == "cilium"

ipv6(c) if {
	some f in c.networkProfile.ipFamilies
	lower(f) == "ipv6"
}

virtual_nodes(c) if c.addons.virtualNodes == true

# Node pools ------------------------------------------------------------------------------

windows(p) if lower(p.osType) == "windows"

# pool_label names a pool in messages.
pool_label(p) := sprintf("node pool %s", [doc.pool_name(p)])

# vnet_of is the VNet key of a subnet key ("vnet/subnet"). Keys carry names only, so two
# VNets of one name in different resource groups look alike: rules comparing VNets then
# stay silent rather than report a difference that may not exist.
vnet_of(key) := split(key, "/")[0]

# subnet_name is the name of the subnet with key, as written when the document knows it.
subnet_name(key) := doc.subnet(key).subnet.name

subnet_name(key) := split(key, "/")[1] if not doc.subnet(key)

# ipv4_prefixes lists a subnet's IPv4 prefixes.
ipv4_prefixes(s) := [p | some p in s.addressPrefixes; ip.is_ipv4_cidr(p)]

# Route tables and NSGs ----------------------------------------------------------------

# fully_known holds for a route table or NSG whose every route or rule the document
# knows: one the input itself creates (declared). A route or rule of it that is not
# known is listed as unresolved, which the rules check on their own.
fully_known(t) if t.declared == true

# partly_read holds when the input deploys or runs more than the document shows: a
# nested deployment not followed (linked by URI, copy count not known, too deep), or an
# analysis limit reached. A rule that reports something missing (a route, an Allow
# rule, a role assignment) must then stay silent: it may be in the part not read.
partly_read if {
	some u in input.unresolved
	u.pointer == ""
}

partly_read if {
	some u in input.unresolved
	startswith(u.pointer, "/deployments/")
}

# route_table_absence_known holds when a declared subnet without a routeTable really has
# none: a route table the extractor could not read is listed as unresolved.
route_table_absence_known(s, si) if {
	s.declared
	not s.routeTable
	not unknown(sprintf("/subnets/%d/routeTable", [si]))
}

# Identities and role assignments --------------------------------------------------------

# declared_identities are the keys (lower case) of the user-assigned identities the
# deployment itself creates. An identity created elsewhere has its role assignments
# elsewhere too, so AKSNET503 only looks at these.
declared_identities := {lower(i.key) | some i in input.userAssignedIdentities}

# network_roles are the built-in roles that include Microsoft.Network/virtualNetworks/
# subnets/join/action: Network Contributor, Contributor and Owner.
network_roles := {
	"4d97b98b-1d4f-4787-a291-c67834d212e7", # Network Contributor
	"b24988ac-6180-42a0-ab88-20f7382dd24c", # Contributor
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635", # Owner
}

# role_may_grant holds for a role assignment whose role is one of network_roles, or not
# known.
role_may_grant(ra) if not ra.roleDefinitionId

role_may_grant(ra) if {
	some r in network_roles
	endswith(lower(ra.roleDefinitionId), r)
}

# principal_may_be holds unless the assignment clearly names another declared identity.
principal_may_be(ra, _) if not ra.principal

principal_may_be(ra, key) if eq_fold(ra.principal, key)

principal_may_be(ra, _) if {
	ra.principal
	not lower(ra.principal) in declared_identities
	not identity_key_of(ra.principal)
}

principal_may_be(ra, key) if identity_key_of(ra.principal) == lower(key)

# identity_key_of is the key of a user-assigned identity resource ID.
identity_key_of(id) := m[1] if {
	m := regex.find_all_string_submatch_n(`(?i)/userassignedidentities/([^/]+)$`, id, 1)[0]
}

# scope_may_cover holds unless a role assignment's scope is clearly something that does
# not contain subnet s: another subnet or VNet, or another resource. Resource groups,
# subscriptions and management groups, and scopes written in a form not understood, are
# taken to cover it.
scope_may_cover(ra, s) if not scope_excludes(ra, s)

scope_excludes(ra, s) if {
	m := regex.find_all_string_submatch_n(`(?i)/virtualnetworks/([^/]+)/subnets/([^/]+)$`, ra.scope, 1)[0]
	lower(sprintf("%s/%s", [m[1], m[2]])) != s.key
}

scope_excludes(ra, s) if {
	m := regex.find_all_string_submatch_n(`(?i)/virtualnetworks/([^/]+)$`, ra.scope, 1)[0]
	lower(m[1]) != s.vnet
}

scope_excludes(ra, _) if {
	scope := lower(ra.scope)
	contains(scope, "/providers/")
	not contains(scope, "/providers/microsoft.management/")
	not regex.match(`/virtualnetworks/[^/]+(/subnets/[^/]+)?$`, scope)
}

# A scope written as the relative ID of another resource ("Microsoft.KeyVault/vaults/kv"):
# the extractor writes subnets and VNets as keys, never in this form.
scope_excludes(ra, _) if {
	not startswith(ra.scope, "/")
	parts := split(ra.scope, "/")
	count(parts) >= 3
	contains(parts[0], ".")
	not regex.match(`(?i)^microsoft\.network/virtualnetworks/`, ra.scope)
}

# A scope written as a document key ("vnet/subnet" or "vnet") of another subnet or VNet.
# The extractor writes a key only for names it knows, so any other key is another network.
scope_excludes(ra, s) if {
	not startswith(ra.scope, "/")
	count(split(ra.scope, "/")) <= 2
	not ra.scope in {"resourceGroup", "subscription"}
	scope := lower(ra.scope)
	scope != s.key
	scope != s.vnet
}

# NSG matching ------------------------------------------------------------------------

# as_cidr turns a plain IPv4 address into a /32; a CIDR is returned as it is.
as_cidr(x) := sprintf("%s/32", [x]) if ip.is_ipv4(x)

as_cidr(x) := x if not ip.is_ipv4(x)

# deny_prefix_matches holds when an NSG Deny rule's address prefix certainly matches
# addresses of target (a CIDR). tag_ok is true when the VirtualNetwork service tag is
# known to contain target (a subnet of the VNet; not an overlay pod CIDR).
deny_prefix_matches(x, _, _) if lower(x) in {"*", "any", "0.0.0.0/0"}

deny_prefix_matches(x, _, true) if eq_fold(x, "VirtualNetwork")

deny_prefix_matches(x, target, _) if {
	c := as_cidr(x)
	net.cidr_is_valid(c)
	ip.overlaps(c, target)
}

# allow_prefix_may_match holds when an Allow rule's prefix may match target: a service
# tag or anything not a CIDR may, a CIDR may when it overlaps.
allow_prefix_may_match(x, _) if not net.cidr_is_valid(as_cidr(x))

allow_prefix_may_match(x, target) if ip.overlaps(as_cidr(x), target)

# all_ports holds for destination port ranges covering every port.
all_ports(ranges) if {
	some r in ranges
	lower(r) in {"*", "any", "0-65535", "1-65535"}
}

# blocking_protocols are the protocols whose denial cuts cluster traffic.
blocking_protocols := {"*", "any", "tcp", "udp"}
