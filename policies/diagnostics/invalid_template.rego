# METADATA
# title: Template rejected by Azure Resource Manager
# description: |
#   Azure Resource Manager validates a template before any resource provider sees the
#   deployment, and rejects it with InvalidTemplate when an expression refers to a
#   parameter, variable, user-defined function or nested deployment output the template
#   does not declare (also in a branch of if() the values at hand do not take), when a
#   parameter's value (its default, or the parameter file's) has the wrong type or lies
#   outside its allowedValues, minValue/maxValue or minLength/maxLength, when a parameter
#   file sets a parameter the template does not declare, or when an expression cannot be
#   read. Nothing of the deployment happens. A required parameter without a value is not
#   an error when the template is linted without a parameter file: its value comes at
#   deployment. The rest of the template is still checked.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-invalid-template
#     description: Resolve errors for invalid template
#   - ref: https://learn.microsoft.com/azure/azure-resource-manager/templates/parameters
#     description: Parameters in ARM templates
# custom:
#   id: AKSNET904
#   name: invalid-template
#   level: error
#   security_severity: "5.0"
#   precision: high
#   tags: [aks, network, diagnostics]
package aksnet.rules.invalid_template

deny contains finding if {
	some i, v in input.invalid
	finding := {
		"msg": sprintf("%s (ARM rejects the template: %s)", [v.message, v.code]),
		"pointer": sprintf("/invalid/%d", [i]),
	}
}
