# METADATA
# title: Value not known statically
# description: |
#   A network setting that a rule needs depends on something aksnet-lint cannot know
#   without deploying: reference() of an existing resource, a parameter with no value, a
#   shell variable the script does not set, a subnet outside the linted files. The rules
#   that need it were not checked for it; the note names them, once per unknown value.
#   A value that no rule needs (a cluster name, a Kubernetes version) gives no note: it
#   is listed by `aksnet-lint extract` and in the review report (--format markdown).
#   Rules say which document fields they need in METADATA (custom.needs). In SARIF the
#   note is a tool execution notification, not a result, and in --format github it is
#   not an annotation. Give the value (a parameter file, --parameters, a variable set in
#   the script) or supply existing networks with --inventory to have it checked.
# related_resources:
#   - ref: https://github.com/aksnet-lint/aksnet-lint/blob/main/docs/rules/AKSNET901.md
#     description: AKSNET901
# custom:
#   id: AKSNET901
#   name: unresolved-value
#   level: note
#   emitter: engine
#   security_severity: "1.0"
#   precision: high
#   tags: [aks, network, diagnostics]
package aksnet.rules.unresolved_value

# The notes are raised by the engine (internal/engine/unknowns.go), which matches each
# unresolved value against the needs the rules declare: a deny rule here could not know
# which rules an unknown value stopped.
