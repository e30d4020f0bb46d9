# METADATA
# title: Node pools have a maximum of pods
# custom:
#   id: ORG002
#   name: pools-max-pods
#   level: warning
#   kinds: [arm, bicep, azcli]
package aksnet.rules.pools_max_pods

deny contains finding if {
	some i, c in input.clusters
	some j, p in c.nodepools
	not p.maxPods
	finding := {"msg": "set maxPods", "pointer": sprintf("/clusters/%d/nodePools/%d", [i, j])}
}
