# METADATA
# title: Node subnet is delegated to a service
# description: |
#   A delegated subnet belongs to the service it is delegated to (Azure Container
#   Instances, App Service, a database, ...), which may place its own resources there and
#   limits what else may join it. AKS node VMs cannot join such a subnet: the resource
#   provider rejects the pool with SubnetWithExternalResourcesCannotBeUsedByOtherResources.
#   Give the nodes a subnet without delegations.
# related_resources:
#   - ref: https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/create-upgrade-delete/error-code-subnetwithexternalresourcescannotbeusedbyotherresources
#     description: SubnetWithExternalResourcesCannotBeUsedByOtherResources
# custom:
#   id: AKSNET408
#   name: delegated-node-subnet
#   level: error
#   needs:
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /subnets/{cluster}/delegations
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.delegated_node_subnet

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	any_delegations
	some ci, c in input.clusters
	some pi, p in c.nodePools
	e := doc.subnet(p.vnetSubnet)
	count(object.get(e.subnet, "delegations", [])) > 0
	finding := {
		"msg": sprintf(
			"node subnet %q of %s in %s is delegated to %s: AKS nodes cannot join a delegated subnet (AKS rejects this: SubnetWithExternalResourcesCannotBeUsedByOtherResources); use a subnet without delegations",
			[p.vnetSubnet, compat.pool_label(p), doc.cluster_label(c), concat(", ", e.subnet.delegations)],
		),
		"pointer": compat.pool_ptr(ci, pi, "vnetSubnet"),
		"related": [{
			"pointer": sprintf("/subnets/%d/delegations", [e.index]),
			"msg": sprintf("subnet %q is delegated to %s", [e.subnet.key, concat(", ", e.subnet.delegations)]),
		}],
	}
}

# any_delegations holds when some subnet of the document states delegations. A node
# subnet the rule reports is one of input.subnets (doc.subnet), so without it the rule
# cannot fire: read first, once a document, it is also what the engine's guards need
# to leave the rule out of a document without delegations.
any_delegations if input.subnets[_].delegations
