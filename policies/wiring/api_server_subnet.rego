# METADATA
# title: API server VNet integration subnet too small or not delegated
# description: |
#   With API Server VNet Integration, AKS projects the API server's internal load
#   balancer and its instances into a subnet of your VNet. AKS can only place them in a
#   subnet delegated to Microsoft.ContainerService/managedClusters, and needs at least a
#   /28 so the API server can scale out; otherwise the cluster cannot be created. Give
#   the API server a dedicated /28 (or larger) subnet with that delegation.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/api-server-vnet-integration
#     description: Create an AKS cluster with API Server VNet Integration
# custom:
#   id: AKSNET505
#   name: api-server-subnet
#   level: error
#   needs:
#     - /clusters/*/apiServerSubnet
#     - /subnets/{cluster}/addressPrefixes
#     - /subnets/{cluster}/delegations
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, wiring]
package aksnet.rules.api_server_subnet

import data.aksnet.lib.compat
import data.aksnet.lib.doc
import data.aksnet.lib.ip

delegation := "Microsoft.ContainerService/managedClusters"

deny contains finding if {
	some ci, c in input.clusters
	e := doc.subnet(c.apiServerSubnet)
	some pi, prefix in e.subnet.addressPrefixes
	ip.is_ipv4_cidr(prefix)
	ip.prefix_len(prefix) > 28
	finding := {
		"msg": sprintf(
			"API server subnet %q (%s, %d addresses) of %s is smaller than /28: API Server VNet Integration needs a /28 or larger subnet",
			[e.subnet.key, prefix, ip.ipv4_size(prefix), doc.cluster_label(c)],
		),
		"pointer": sprintf("/subnets/%d/addressPrefixes/%d", [e.index, pi]),
		"related": [{"pointer": sprintf("/clusters/%d/apiServerSubnet", [ci]), "msg": sprintf("%s puts its API server in subnet %q", [doc.cluster_label(c), e.subnet.key])}],
	}
}

deny contains finding if {
	some ci, c in input.clusters
	e := doc.subnet(c.apiServerSubnet)
	e.subnet.declared
	not compat.unknown(sprintf("/subnets/%d/delegations", [e.index]))
	delegations := object.get(e.subnet, "delegations", [])
	not delegated(delegations)
	finding := {
		"msg": sprintf(
			"API server subnet %q of %s is not delegated to %s (%s): API Server VNet Integration only uses a subnet with that delegation; add it",
			[e.subnet.key, doc.cluster_label(c), delegation, describe(delegations)],
		),
		"pointer": sprintf("/clusters/%d/apiServerSubnet", [ci]),
		"related": [{"pointer": sprintf("/subnets/%d", [e.index]), "msg": sprintf("subnet %q is declared here", [e.subnet.key])}],
	}
}

delegated(delegations) if {
	some d in delegations
	compat.eq_fold(d, delegation)
}

describe([]) := "it has no delegation"

describe(ds) := sprintf("it is delegated to %s", [concat(", ", ds)]) if count(ds) > 0
