# METADATA
# title: Value not known statically
# description: |
#   A network setting depends on something aksnet-lint cannot know without deploying:
#   reference() of an existing resource, a parameter with no value, a shell command
#   substitution, a subnet outside the linted files. The rules that need the value were
#   skipped for it. Give the parameter a value (a parameter file, --parameters) or supply
#   existing networks with --inventory to have it checked.
# related_resources:
#   - ref: https://github.com/aksnet-lint/aksnet-lint/blob/main/docs/rules/AKSNET901.md
#     description: AKSNET901
# custom:
#   id: AKSNET901
#   name: unresolved-value
#   level: note
#   kinds: [arm, bicep, azcli]
package aksnet.rules.unresolved_value

deny contains finding if {
	some u in input.unresolved
	finding := {
		"msg": sprintf("%s is not known statically (%s): %s; rules that need it were skipped", [setting(u.pointer), u.reason, u.expression]),
		"pointer": u.pointer,
	}
}

# setting names the value by the last segments of its pointer (networkProfile/serviceCidrs).
setting(pointer) := concat("/", array.slice(parts, count(parts) - 2, count(parts))) if {
	parts := [p | some p in split(trim_prefix(pointer, "/"), "/"); not regex.match(`^[0-9]+$`, p)]
	count(parts) >= 2
}

setting("") := "a value of the file"

setting(pointer) := trim_prefix(pointer, "/") if {
	pointer != ""
	parts := [p | some p in split(trim_prefix(pointer, "/"), "/"); not regex.match(`^[0-9]+$`, p)]
	count(parts) < 2
}
