# METADATA
# title: Clusters are named aks-*
# custom:
#   id: ORG004
#   name: cluster-naming
#   level: warning
#   kinds: [arm, bicep, azcli]
package aksnet.rules.cluster_naming

deny[finding] {
	c := input.clusters[i]
	not startswith(c.name, "aks-")
	finding := {"msg": sprintf("cluster %s is not named aks-*", [c.name]), "pointer": sprintf("/clusters/%d/name", [i])}
}
