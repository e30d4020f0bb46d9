package aksnet.lib.compat_test

import data.aksnet.lib.compat

doc(extra) := object.union(
	{
		"apiVersion": "aksnet-lint/v1", "file": "t", "kind": "azcli",
		"clusters": [], "virtualNetworks": [],
		"subnets": [{"key": "vnet/nodes", "vnet": "vnet", "name": "Nodes", "declared": true}],
		"routeTables": [], "networkSecurityGroups": [], "roleAssignments": [], "defaulted": [], "unresolved": [],
	},
	extra,
)

test_eq_fold if {
	compat.eq_fold("Overlay", "overlay")
	not compat.eq_fold("overlay", "overlay2")
}

test_unknown_covers_ancestors_and_descendants if {
	d := doc({"unresolved": [{"pointer": "/clusters/0/networkProfile", "expression": "[x]", "reason": "r"}]})
	compat.unknown("/clusters/0/networkProfile/networkPlugin") with input as d
	compat.unknown("/clusters/0") with input as d
	not compat.unknown("/clusters/0/nodePools/0/name") with input as d
	not compat.unknown("/clusters/0/networkProfileX") with input as d
}

test_plugin_predicates_are_case_insensitive if {
	compat.kubenet({"networkProfile": {"networkPlugin": "Kubenet"}})
	compat.byocni({"networkProfile": {"networkPlugin": "NONE"}})
	compat.overlay({"networkProfile": {"networkPluginMode": "Overlay"}})
	compat.ipv6({"networkProfile": {"ipFamilies": ["IPv4", "ipv6"]}})
	not compat.ipv6({"networkProfile": {"ipFamilies": ["IPv4"]}})
	not compat.kubenet({"networkProfile": {}})
}

test_np_value_names_defaults if {
	c := {"networkProfile": {"networkPlugin": "kubenet"}}
	compat.np_value(c, 0, "networkPlugin") == "networkPlugin kubenet"
	d := doc({"defaulted": ["/clusters/0/networkProfile/networkPlugin"]})
	compat.np_value(c, 0, "networkPlugin") == "networkPlugin kubenet (default)" with input as d
}

test_pool_label if {
	compat.pool_label({"name": "system"}) == "node pool \"system\""
	compat.pool_label({}) == "node pool without a name"
}

test_pool_label_as_written if {
	d := {"clusters": [{"key": "aks", "nodePools": [{"mode": "User"}]}], "labels": {"/clusters/0/nodePools/0": "$POOL_NAME"}}
	compat.pool_label({"mode": "User"}) == "node pool $POOL_NAME" with input as d
}

test_subnet_names if {
	compat.vnet_of("vnet/nodes") == "vnet"
	compat.subnet_name("vnet/nodes") == "Nodes" with input as doc({})
	compat.subnet_name("other/byo") == "byo" with input as doc({})
}

test_fully_known_needs_declared_flag if {
	compat.fully_known({"key": "rt", "declared": true})
	not compat.fully_known({"key": "rt"})
}

test_route_table_absence if {
	s := {"key": "vnet/nodes", "vnet": "vnet", "name": "nodes", "declared": true}
	compat.route_table_absence_known(s, 0) with input as doc({})
	compat.route_table_absence_known(s, 0) with input as doc({"kind": "arm"})
	not compat.route_table_absence_known(object.union(s, {"routeTable": "rt"}), 0) with input as doc({})
	not compat.route_table_absence_known(object.union(s, {"declared": false}), 0) with input as doc({})
	d := doc({"unresolved": [{"pointer": "/subnets/0/routeTable", "expression": "$RT", "reason": "r"}]})
	not compat.route_table_absence_known(s, 0) with input as d
}

test_partly_read if {
	not compat.partly_read with input as doc({})
	not compat.partly_read with input as doc({"unresolved": [{"pointer": "/clusters/0/name", "expression": "x", "reason": "r"}]})
	compat.partly_read with input as doc({"unresolved": [{"pointer": "", "expression": "x", "reason": "limit"}]})
	compat.partly_read with input as doc({"unresolved": [{"pointer": "/deployments/net", "expression": "x", "reason": "linked"}]})
}

test_declared_identities if {
	compat.declared_identities == set() with input as doc({})
	compat.declared_identities == {"id-aks"} with input as doc({"userAssignedIdentities": [{"key": "id-aks", "name": "ID-AKS"}]})
}

test_role_may_grant if {
	compat.role_may_grant({"roleDefinitionId": "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7"})
	compat.role_may_grant({"roleDefinitionId": "8E3AF657-A8FF-443C-A75C-2FE8C4BCB635"})
	compat.role_may_grant({})
	not compat.role_may_grant({"roleDefinitionId": "acdd72a7-3385-48ef-bd42-f606fba81ae7"})
}

test_principal_may_be if {
	compat.principal_may_be({"principal": "ID-AKS"}, "id-aks")
	compat.principal_may_be({}, "id-aks")
	compat.principal_may_be({"principal": "00000000-0000-0000-0000-000000000000"}, "id-aks")
	compat.principal_may_be({"principal": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks"}, "id-aks")
	not compat.principal_may_be({"principal": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-other"}, "id-aks")
	not compat.principal_may_be({"principal": "id-other"}, "id-aks") with compat.declared_identities as {"id-aks", "id-other"}
}

test_scope_may_cover if {
	s := {"key": "vnet/nodes", "vnet": "vnet"}
	compat.scope_may_cover({"scope": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/VNet/subnets/Nodes"}, s) with input as doc({})
	compat.scope_may_cover({"scope": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet"}, s) with input as doc({})
	compat.scope_may_cover({"scope": "/subscriptions/s/resourceGroups/rg"}, s) with input as doc({})
	compat.scope_may_cover({"scope": "/subscriptions/s"}, s) with input as doc({})
	compat.scope_may_cover({}, s) with input as doc({})
	not compat.scope_may_cover({"scope": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/other"}, s) with input as doc({})
	not compat.scope_may_cover({"scope": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub"}, s) with input as doc({})
	not compat.scope_may_cover({"scope": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"}, s) with input as doc({})
	not compat.scope_may_cover({"scope": "Microsoft.KeyVault/vaults/kv"}, s) with input as doc({})
	not compat.scope_may_cover({"scope": "Microsoft.Network/virtualNetworks/vnet/subnets/other"}, s) with input as doc({})
	compat.scope_may_cover({"scope": "vnet"}, s) with input as doc({})
	compat.scope_may_cover({"scope": "resourceGroup"}, s) with input as doc({})
	compat.scope_may_cover({"scope": "subscription"}, s) with input as doc({})
	not compat.scope_may_cover({"scope": "vnet/other"}, s) with input as doc({})
	not compat.scope_may_cover({"scope": "hub"}, s) with input as doc({})
	compat.scope_may_cover({"scope": "my.vnet/nodes"}, {"key": "my.vnet/nodes", "vnet": "my.vnet"}) with input as doc({})
}

test_deny_prefix_matches if {
	compat.deny_prefix_matches("*", "10.1.0.0/22", false)
	compat.deny_prefix_matches("VirtualNetwork", "10.1.0.0/22", true)
	not compat.deny_prefix_matches("VirtualNetwork", "192.168.0.0/16", false)
	compat.deny_prefix_matches("10.1.3.0/24", "10.1.0.0/22", true)
	compat.deny_prefix_matches("10.1.0.5", "10.1.0.0/22", true)
	not compat.deny_prefix_matches("10.1.4.0/24", "10.1.0.0/22", true)
	not compat.deny_prefix_matches("Internet", "10.1.0.0/22", true)
}

test_allow_prefix_may_match if {
	compat.allow_prefix_may_match("AzureLoadBalancer", "10.1.0.0/22")
	compat.allow_prefix_may_match("10.0.0.0/8", "10.1.0.0/22")
	not compat.allow_prefix_may_match("10.9.0.0/16", "10.1.0.0/22")
}

test_all_ports if {
	compat.all_ports(["*"])
	compat.all_ports(["22", "0-65535"])
	not compat.all_ports(["22", "443"])
	not compat.all_ports([])
}
