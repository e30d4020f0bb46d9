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
	not fine(p)
	pointer := compat.pool_ptr(ci, pi, "name")
	not doc.defaulted(pointer)
	problems := [x | some x in [pattern_problem(p.name), windows_problem(p)]; x != ""]
	count(problems) > 0
	finding := {
		"msg": sprintf("node pool name %q in %s is invalid: %s", [p.name, doc.cluster_label(c), concat("; ", problems)]),
		"pointer": pointer,
	}
}

# fine holds for a pool whose name has neither problem, the common case: told in one
# match, without the pool's pointer and the list of its problems.
fine(p) if {
	regex.match(`^[a-z][a-z0-9]{0,11}$`, p.name)
	windows_fine(p)
}

# windows_fine holds when windows_problem(p) is "", in one call instead of the three
# bodies of windows_problem, each of which reads compat.windows(p) again.
windows_fine(p) if not compat.windows(p)

windows_fine(p) if count(p.name) <= 6

pattern_problem(name) := "" if regex.match(`^[a-z][a-z0-9]{0,11}$`, name)

# pattern_problem names what is wrong with a name AKS rejects: each cause the name has,
# so that "Tools" is told it has a capital letter, not its length.
pattern_problem(name) := concat("; ", causes) if {
	not regex.match(`^[a-z][a-z0-9]{0,11}$`, name)
	causes := [c |
		some c in [
			case_cause(name),
			start_cause(name),
			chars_cause(name),
			length_cause(name),
		]
		c != ""
	]
}

case_cause(name) := sprintf("it has capital letters (%s): AKS pool names are lower case", [concat("", regex.find_n(`[A-Z]`, name, -1))]) if regex.match(`[A-Z]`, name)

case_cause(name) := "" if not regex.match(`[A-Z]`, name)

start_cause(name) := "it must start with a letter" if {
	name != ""
	not regex.match(`^[A-Za-z]`, name)
}

start_cause(name) := "it is empty" if name == ""

start_cause(name) := "" if regex.match(`^[A-Za-z]`, name)

chars_cause(name) := sprintf("it has characters other than letters and digits (%s)", [concat(" ", [sprintf("%q", [x]) | some x in {x | some x in regex.find_n(`[^A-Za-z0-9]`, name, -1)}])]) if {
	regex.match(`[^A-Za-z0-9]`, name)
}

chars_cause(name) := "" if not regex.match(`[^A-Za-z0-9]`, name)

length_cause(name) := sprintf("it has %d characters, more than the 12 AKS allows", [count(name)]) if count(name) > 12

length_cause(name) := "" if count(name) <= 12

windows_problem(p) := sprintf("it has %d characters, more than the 6 a Windows pool allows (Windows limits computer names, which start with the pool name)", [count(p.name)]) if {
	compat.windows(p)
	count(p.name) > 6
}

windows_problem(p) := "" if not compat.windows(p)

windows_problem(p) := "" if {
	compat.windows(p)
	count(p.name) <= 6
}
