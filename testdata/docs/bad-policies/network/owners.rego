# METADATA
# title: Clusters have an owner in the CMDB
# custom:
#   id: ORG003
#   name: cluster-owner
#   level: error
#   kinds: [arm, bicep, azcli]
package aksnet.rules.cluster_owner

deny contains finding if {
	some i, c in input.clusters
	response := http.send({"method": "GET", "url": sprintf("https://cmdb.example.com/clusters/%s", [c.name])})
	response.status_code == 404
	finding := {"msg": sprintf("cluster %q has no owner", [c.name]), "pointer": sprintf("/clusters/%d/name", [i])}
}
