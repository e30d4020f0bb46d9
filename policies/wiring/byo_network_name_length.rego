# METADATA
# title: Subnet or VNet name too long for overlay or pod subnet clusters
# description: |
#   With Azure CNI Overlay and with pod subnets, AKS writes the names of the node
#   subnet and of its VNet into Kubernetes labels on every node. Kubernetes label values
#   are limited to 63 characters, so a longer subnet or VNet name makes node
#   registration fail. Use names of 63 characters or fewer (the VNet's resource group
#   name has the same limit).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/azure-cni-overlay
#     description: Configure Azure CNI Overlay networking in AKS (limitations)
# custom:
#   id: AKSNET506
#   name: byo-network-name-length
#   level: error
#   needs:
#     - /clusters/*/nodePools/*/vnetSubnet
#     - /clusters/*/nodePools/*/podSubnet
#     - /clusters/*/networkProfile/networkPlugin
#     - /clusters/*/networkProfile/networkPluginMode
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, wiring]
package aksnet.rules.byo_network_name_length

import data.aksnet.lib.compat

limit := 63

labelled_models := {"overlay", "podsubnet-dynamic", "podsubnet-static"}

deny contains finding if {
	some ci, c in input.clusters
	c.model in labelled_models
	keys := {p.vnetSubnet | some p in c.nodePools; p.vnetSubnet}
	some key in keys
	some name in too_long(key)
	pi := min([i | some i, p in c.nodePools; p.vnetSubnet == key])
	finding := {
		"msg": sprintf(
			"%s %q of node subnet %q is %d characters long: with %s, AKS puts subnet and VNet names into node labels, which are limited to %d characters; use a shorter name",
			[name.what, name.name, key, count(name.name), compat.model_label[c.model], limit],
		),
		"pointer": compat.pool_ptr(ci, pi, "vnetSubnet"),
	}
}

too_long(key) := {n |
	some n in [
		{"what": "subnet name", "name": compat.subnet_name(key)},
		{"what": "VNet name", "name": compat.vnet_of(key)},
	]
	count(n.name) > limit
}
