# METADATA
# title: Invalid node pool name
# description: |
#   AKS node pool names become part of VM scale set and node names, so they must start
#   with a lowercase letter and contain only lowercase letters and digits, at most 12
#   characters; a Windows pool name (which also becomes the Windows computer name
#   prefix) at most 6. AKS rejects other names when the pool is created.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/create-node-pools
#     description: Create node pools in AKS (naming limitations)
# custom:
#   id: AKSNET415
#   name: node-pool-name
#   level: error
#   kinds: [arm, bicep, azcli]
#   needs:
#     - /clusters/*/nodePools
#     - /clusters/*/nodePools/*/name
#     - /clusters/*/nodePools/*/osType
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, compatibility]
package aksnet.rules.node_pool_name

import data.aksnet.lib.compat
import data.aksnet.lib.doc

deny contains finding if {
	some ci, c in input.clusters
	some pi, p in c.nodePools
	pointer := compat.pool_ptr(ci, pi, "name")
	not doc.defaulted(pointer)
	problems := [x | some x in [pattern_problem(p.name), windows_problem(p)]; x != ""]
	count(problems) > 0
	finding := {
		"msg": sprintf("node pool name %q in %s is invalid: %s", [p.name, doc.cluster_label(c), concat("; ", problems)]),
		"pointer": pointer,
	}
}

pattern_problem(name) := "" if regex.match(`^[a-z][a-z0-9]{0,11}$`, name)

pattern_problem(name) := sprintf("it must start with a lowercase letter and have only lowercase letters and digits, 1 to 12 characters (it has %d)", [count(name)]) if {
	not regex.match(`^[a-z][a-z0-9]{0,11}$`, name)
}

windows_problem(p) := sprintf("a Windows pool name can have at most 6 characters (it has %d)", [count(p.name)]) if {
	compat.windows(p)
	count(p.name) > 6
}

windows_problem(p) := "" if not compat.windows(p)

windows_problem(p) := "" if {
	compat.windows(p)
	count(p.name) <= 6
}
