package aksnet.rules.subnet_role_assignment_test

import data.aksnet.rules.subnet_role_assignment as rule

nc := "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7"

reader := "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"

subnet_id := "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes"

doc(assignments) := {
	"apiVersion": "aksnet-lint/v1", "file": "t.json", "kind": "arm",
	"clusters": [{
		"key": "aks", "name": "aks",
		"identity": {"type": "UserAssigned", "principals": ["id-aks"]},
		"networkProfile": {}, "nodePools": [{"name": "system", "vnetSubnet": "vnet/nodes"}],
	}],
	"virtualNetworks": [{"key": "vnet", "name": "vnet"}],
	"subnets": [{"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "addressPrefixes": ["10.0.0.0/22"], "declared": true}],
	"routeTables": [], "networkSecurityGroups": [], "roleAssignments": assignments, "defaulted": [], "unresolved": [],
}

test_no_role_assignment if {
	some f in rule.deny with input as doc([]) with data.aksnet.lib.compat.declared_identities as {"id-aks"}
	f.pointer == "/clusters/0/identity"
	f.related[0].pointer == "/subnets/0"
	contains(f.msg, "identity \"id-aks\"")
}

test_wrong_role if {
	count(rule.deny) == 1 with input as doc([{"scope": subnet_id, "roleDefinitionId": reader, "principal": "id-aks"}])
		with data.aksnet.lib.compat.declared_identities as {"id-aks"}
}

test_other_subnet_scope if {
	d := doc([{"scope": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/other", "roleDefinitionId": nc, "principal": "id-aks"}])
	count(rule.deny) == 1 with input as d with data.aksnet.lib.compat.declared_identities as {"id-aks"}
}

test_other_declared_identity if {
	d := doc([{"scope": subnet_id, "roleDefinitionId": nc, "principal": "id-other"}])
	count(rule.deny) == 1 with input as d with data.aksnet.lib.compat.declared_identities as {"id-aks", "id-other"}
}

test_network_contributor_on_subnet_vnet_or_group if {
	ids := {"id-aks"}
	count(rule.deny) == 0 with input as doc([{"scope": subnet_id, "roleDefinitionId": nc, "principal": "id-aks"}]) with data.aksnet.lib.compat.declared_identities as ids
	count(rule.deny) == 0 with input as doc([{"scope": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/VNET", "roleDefinitionId": "4D97B98B-1D4F-4787-A291-C67834D212E7", "principal": "id-aks"}]) with data.aksnet.lib.compat.declared_identities as ids
	count(rule.deny) == 0 with input as doc([{"scope": "/subscriptions/0000/resourceGroups/rg", "roleDefinitionId": nc, "principal": "id-aks"}]) with data.aksnet.lib.compat.declared_identities as ids
	count(rule.deny) == 0 with input as doc([{"scope": "vnet/nodes", "roleDefinitionId": nc, "principal": "id-aks"}]) with data.aksnet.lib.compat.declared_identities as ids
}

test_contributor_or_owner_also_grant if {
	ids := {"id-aks"}
	count(rule.deny) == 0 with input as doc([{"scope": subnet_id, "roleDefinitionId": "b24988ac-6180-42a0-ab88-20f7382dd24c", "principal": "id-aks"}]) with data.aksnet.lib.compat.declared_identities as ids
}

test_unknown_principal_or_role_may_grant if {
	ids := {"id-aks"}
	count(rule.deny) == 0 with input as doc([{"scope": subnet_id, "roleDefinitionId": nc}]) with data.aksnet.lib.compat.declared_identities as ids
	count(rule.deny) == 0 with input as doc([{"scope": subnet_id, "principal": "00000000-1111-2222-3333-444444444444"}]) with data.aksnet.lib.compat.declared_identities as ids
}

test_identity_not_declared_in_deployment_is_silent if {
	# Document v1 does not say which identities the deployment declares.
	count(rule.deny) == 0 with input as doc([])
}

test_unresolved_role_assignment_is_silent if {
	d := json.patch(doc([]), [{"op": "add", "path": "/unresolved/-", "value": {"pointer": "/roleAssignments/0/scope", "expression": "[x]", "reason": "r"}}])
	count(rule.deny) == 0 with input as d with data.aksnet.lib.compat.declared_identities as {"id-aks"}
}

test_undeclared_subnet_is_silent if {
	d := json.patch(doc([]), [{"op": "replace", "path": "/subnets/0/declared", "value": false}])
	count(rule.deny) == 0 with input as d with data.aksnet.lib.compat.declared_identities as {"id-aks"}
}

test_system_assigned_is_fine if {
	d := json.patch(doc([]), [{"op": "replace", "path": "/clusters/0/identity/type", "value": "SystemAssigned"}])
	count(rule.deny) == 0 with input as d with data.aksnet.lib.compat.declared_identities as {"id-aks"}
}

test_other_resource_scope if {
	d := doc([{"scope": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt", "roleDefinitionId": nc, "principal": "id-aks"}])
	count(rule.deny) == 1 with input as d with data.aksnet.lib.compat.declared_identities as {"id-aks"}
}

test_management_group_scope_covers if {
	d := doc([{"scope": "/providers/Microsoft.Management/managementGroups/mg", "roleDefinitionId": nc, "principal": "id-aks"}])
	count(rule.deny) == 0 with input as d with data.aksnet.lib.compat.declared_identities as {"id-aks"}
}
