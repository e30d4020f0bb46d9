# METADATA
# title: Cluster names follow the naming convention
# description: |
#   Cluster names start with "aks-", so that they are recognised in cost reports and
#   alerts. Rename the cluster.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/resource-naming
#     description: Resource naming (Cloud Adoption Framework)
# custom:
#   id: ORG001
#   name: cluster-naming
#   level: warning
#   kinds: [arm, bicep, azcli]
#   needs:
#     - /clusters/*/name
package aksnet.rules.cluster_naming

deny contains finding if {
	some i, c in input.clusters
	not startswith(c.name, "aks-")
	finding := {
		"msg": sprintf("cluster %q is not named aks-*; rename it, for example aks-%s", [c.name, c.name]),
		"pointer": sprintf("/clusters/%d/name", [i]),
	}
}
