# METADATA
# title: File cannot be parsed
# description: |
#   The file is not valid JSON/JSONC, not a template, or not valid shell. It was skipped;
#   the other files were still linted and the run exits with code 2. The diagnostic is
#   raised by the extractors, not by a deny rule: this package only carries its metadata.
# related_resources:
#   - ref: https://github.com/aksnet-lint/aksnet-lint/blob/main/docs/rules/AKSNET902.md
#     description: AKSNET902
# custom:
#   id: AKSNET902
#   name: parse-error
#   level: error
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, diagnostics]
#   emitter: engine
package aksnet.rules.parse_error
