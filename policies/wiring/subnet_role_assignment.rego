# METADATA
# title: User-assigned identity without rights on the cluster subnet
# description: |
#   A cluster in your own subnet joins node VMs (and, in pod subnet mode, pod addresses)
#   to that subnet with the cluster's identity. A system-assigned identity is granted
#   access by AKS; a user-assigned one must already hold Network Contributor (or a role
#   with subnets/join/action) on the subnet, its VNet or a containing scope, or
#   deployment and later scale-outs fail with authorization errors. When the identity and
#   the subnet are declared in the same deployment, the role assignment belongs there
#   too.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/use-managed-identity
#     description: Use a managed identity in AKS (role assignments)
# custom:
#   id: AKSNET503
#   name: subnet-role-assignment
#   level: warning
#   kinds: [arm, bicep]
#   needs:
#     - /clusters/*/identity
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /roleAssignments
#   security_severity: "4.0"
#   precision: medium
#   tags: [aks, network, wiring, security]
package aksnet.rules.subnet_role_assignment

import data.aksnet.lib.compat
import data.aksnet.lib.doc

# cluster_subnets are the node and pod subnets of cluster c.
cluster_subnets(c) := {k | some p in c.nodePools; some k in [object.get(p, "vnetSubnet", ""), object.get(p, "podSubnet", "")]; k != ""}

deny contains finding if {
	not compat.partly_read
	not compat.unknown("/roleAssignments")
	some ci, c in input.clusters
	compat.eq_fold(c.identity.type, "UserAssigned")
	not compat.unknown(sprintf("/clusters/%d/identity", [ci]))
	some principal in c.identity.principals
	some ii, identity in input.userAssignedIdentities
	compat.eq_fold(identity.key, principal)
	some key in cluster_subnets(c)
	e := doc.subnet(key)
	e.subnet.declared
	not granted(principal, e.subnet)
	finding := {
		"msg": sprintf(
			"user-assigned identity %s of %s has no role assignment in this deployment granting Network Contributor (4d97b98b-1d4f-4787-a291-c67834d212e7) on subnet %q, its VNet %q or a containing scope; add one, or AKS cannot join nodes to the subnet",
			[identity_label(identity), doc.cluster_label(c), key, e.subnet.vnet],
		),
		"pointer": sprintf("/clusters/%d/identity/principals", [ci]),
		"related": [
			{"pointer": sprintf("/userAssignedIdentities/%d", [ii]), "msg": sprintf("identity %s is created here", [identity_label(identity)])},
			{"pointer": sprintf("/subnets/%d", [e.index]), "msg": sprintf("subnet %q is declared here", [key])},
		],
	}
}

# identity_label names an identity in messages: its name, or the expression that
# computes it.
identity_label(identity) := sprintf("%q", [identity.name])

identity_label(identity) := sprintf("%q", [trim_prefix(identity.key, "?")]) if not identity.name

granted(principal, s) if {
	some ra in input.roleAssignments
	compat.role_may_grant(ra)
	compat.principal_may_be(ra, principal)
	compat.scope_may_cover(ra, s)
}
