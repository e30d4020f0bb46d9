package arm

import (
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// template wraps resources (and optional parameters) in a deployment template.
func template(params, resources string) string {
	return `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
"parameters": {` + params + `}, "resources": [` + resources + `]}`
}

func unresolvedPointers(doc *netdoc.Document) []string {
	var out []string
	for _, u := range doc.Unresolved {
		out = append(out, u.Pointer)
	}
	return out
}

func TestWindowsProfileAndAPIServerVnetIntegration(t *testing.T) {
	cluster := func(props string) string {
		return `{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2025-05-01", "name": "aks", "properties": {` + props + `}}`
	}
	params := `"user": {"type": "string"}, "vnetInt": {"type": "bool"}, "profile": {"type": "object", "nullable": true}`
	tests := []struct {
		name       string
		props      string
		wantUser   string
		wantVnet   *bool
		unresolved []string
	}{
		{"absent", `"dnsPrefix": "aks"`, "", nil, nil},
		{"known", `"windowsProfile": {"adminUsername": "azureuser"}, "apiServerAccessProfile": {"enableVnetIntegration": true}`, "azureuser", new(true), nil},
		{"explicitly off", `"apiServerAccessProfile": {"enableVnetIntegration": "false"}`, "", new(false), nil},
		{"empty user name counts as absent", `"windowsProfile": {"adminUsername": ""}`, "", nil, nil},
		{"unknown", `"windowsProfile": {"adminUsername": "[parameters('user')]"}, "apiServerAccessProfile": {"enableVnetIntegration": "[parameters('vnetInt')]"}`, "", nil,
			[]string{"/clusters/0/apiServerVnetIntegration", "/clusters/0/windowsProfile/adminUsername"}},
		{"whole profile unknown", `"apiServerAccessProfile": "[parameters('user')]"`, "", nil,
			[]string{"/clusters/0/apiServerSubnet", "/clusters/0/apiServerVnetIntegration"}},
		{"nullable profile without a value", `"windowsProfile": "[parameters('profile')]"`, "", nil, nil},
		{"not a bool", `"apiServerAccessProfile": {"enableVnetIntegration": "yes"}`, "", nil, []string{"/clusters/0/apiServerVnetIntegration"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractText(t, template(params, cluster(tt.props)))
			c := doc.Clusters[0]
			gotUser := ""
			if c.WindowsProfile != nil {
				gotUser = c.WindowsProfile.AdminUsername
			}
			if gotUser != tt.wantUser {
				t.Errorf("adminUsername = %q, want %q", gotUser, tt.wantUser)
			}
			if (c.APIServerVnetIntegration == nil) != (tt.wantVnet == nil) || (c.APIServerVnetIntegration != nil && *c.APIServerVnetIntegration != *tt.wantVnet) {
				t.Errorf("apiServerVnetIntegration = %v, want %v", c.APIServerVnetIntegration, tt.wantVnet)
			}
			got := unresolvedPointers(doc)
			slices.Sort(got)
			if !slices.Equal(got, tt.unresolved) {
				t.Errorf("unresolved = %v, want %v", got, tt.unresolved)
			}
		})
	}
}

func TestDeclaredRouteTablesAndNSGs(t *testing.T) {
	const (
		rt       = `{"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "rt", "properties": {"routes": [{"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance"}}]}}`
		rtCond   = `{"condition": "[parameters('on')]", "type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "rt", "properties": {}}`
		rtTrue   = `{"condition": "[not(parameters('off'))]", "type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "rt", "properties": {}}`
		rtExist  = `{"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "rt", "existing": true}`
		route    = `{"type": "Microsoft.Network/routeTables/routes", "apiVersion": "2024-05-01", "name": "rt/onprem", "properties": {"addressPrefix": "172.16.0.0/12", "nextHopType": "VirtualNetworkGateway"}}`
		routeN   = `{"type": "Microsoft.Network/routeTables/routes", "apiVersion": "2024-05-01", "name": "[format('rt/r{0}', copyIndex())]", "copy": {"name": "r", "count": "[parameters('n')]"}, "properties": {"addressPrefix": "172.16.0.0/12", "nextHopType": "VirtualNetworkGateway"}}`
		routeIf  = `{"condition": "[parameters('on')]", "type": "Microsoft.Network/routeTables/routes", "apiVersion": "2024-05-01", "name": "rt/default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance"}}`
		nsg      = `{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2024-05-01", "name": "nsg", "properties": {"securityRules": []}}`
		nsgRule  = `{"type": "Microsoft.Network/networkSecurityGroups/securityRules", "apiVersion": "2024-05-01", "name": "nsg/deny", "properties": {"priority": 4000, "direction": "Inbound", "access": "Deny", "protocol": "*"}}`
		ruleIf   = `{"condition": "[parameters('on')]", "type": "Microsoft.Network/networkSecurityGroups/securityRules", "apiVersion": "2024-05-01", "name": "nsg/deny", "properties": {"priority": 4000, "direction": "Inbound", "access": "Deny", "protocol": "*"}}`
		nestedIf = `{"condition": "[parameters('on')]", "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "rules", "properties": {"mode": "Incremental", "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [` + nsgRule + `]}}}`
		params   = `"on": {"type": "bool"}, "off": {"type": "bool", "defaultValue": false}, "n": {"type": "int"}`
	)
	tests := []struct {
		name       string
		resources  []string
		rtDeclared []bool
		nsgDecl    []bool
		unresolved []string
	}{
		{"declared route table", []string{rt}, []bool{true}, nil, nil},
		{"routes added to a table only referenced", []string{route}, []bool{false}, nil, nil},
		{"route resource added to a declared table", []string{rt, route}, []bool{true}, nil, nil},
		{"existing table", []string{rtExist, route}, []bool{false}, nil, nil},
		{"table under a condition not known", []string{rtCond}, []bool{false}, nil, nil},
		{"table under a condition known true", []string{rtTrue}, []bool{true}, nil, nil},
		{"routes with a copy count not known", []string{rt, routeN}, []bool{true}, nil, []string{"/routeTables/0/routes"}},
		{"route under a condition not known", []string{rt, routeIf}, []bool{true}, nil, []string{"/routeTables/0/routes/1"}},
		{"declared NSG and rule resource", []string{nsg, nsgRule}, nil, []bool{true}, nil},
		{"rule under a condition not known", []string{nsg, ruleIf}, nil, []bool{true}, []string{"/networkSecurityGroups/0/rules/0"}},
		{"rule in a nested deployment under a condition not known", []string{nsg, nestedIf}, nil, []bool{true}, []string{"/networkSecurityGroups/0/rules/0"}},
		{"rule added to an NSG only referenced", []string{nsgRule}, nil, []bool{false}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractText(t, template(params, strings.Join(tt.resources, ",")))
			var rts, nsgs []bool
			for _, r := range doc.RouteTables {
				rts = append(rts, r.Declared)
			}
			for _, n := range doc.NetworkSecurityGroups {
				nsgs = append(nsgs, n.Declared)
			}
			if !slices.Equal(rts, tt.rtDeclared) || !slices.Equal(nsgs, tt.nsgDecl) {
				t.Errorf("declared: route tables %v, NSGs %v; want %v, %v", rts, nsgs, tt.rtDeclared, tt.nsgDecl)
			}
			if got := unresolvedPointers(doc); !slices.Equal(got, tt.unresolved) {
				t.Errorf("unresolved = %v, want %v", got, tt.unresolved)
			}
		})
	}
}

func TestUserAssignedIdentities(t *testing.T) {
	id := func(extra, name string) string {
		return `{` + extra + `"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": "` + name + `"}`
	}
	params := `"on": {"type": "bool"}, "name": {"type": "string"}, "n": {"type": "int"}`
	tests := []struct {
		name      string
		resources []string
		want      []string
	}{
		{"declared", []string{id("", "ID-AKS")}, []string{"id-aks"}},
		{"existing", []string{id(`"existing": true, `, "id-aks")}, nil},
		{"condition not known", []string{id(`"condition": "[parameters('on')]", `, "id-aks")}, nil},
		{"condition known true", []string{id(`"condition": "[equals(1, 1)]", `, "id-aks")}, []string{"id-aks"}},
		{"condition known false", []string{id(`"condition": false, `, "id-aks")}, nil},
		{"copy count not known", []string{id(`"copy": {"name": "c", "count": "[parameters('n')]"}, `, "[format('id-{0}', copyIndex())]")}, nil},
		{"copy loop", []string{id(`"copy": {"name": "c", "count": 2}, `, "[format('id-{0}', copyIndex())]")}, []string{"id-0", "id-1"}},
		{"name not known", []string{id("", "[format('id-{0}', parameters('name'))]")}, []string{"?format('id-{0}',parameters('name'))"}},
		{"declared twice", []string{id("", "id-aks"), id("", "id-aks")}, []string{"id-aks"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractText(t, template(params, strings.Join(tt.resources, ",")))
			var got []string
			for _, i := range doc.UserAssignedIdentities {
				got = append(got, i.Key)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("identities = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRoleAssignments(t *testing.T) {
	const nc = "4d97b98b-1d4f-4787-a291-c67834d212e7"
	ra := func(extra, roleID, principal string) string {
		return `{` + extra + `"type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01", "name": "[guid('x')]",
"properties": {"roleDefinitionId": "` + roleID + `", "principalId": "` + principal + `"}}`
	}
	params := `"sub": {"type": "string"}, "principal": {"type": "string"}, "role": {"type": "string"}, "n": {"type": "int"}, "name": {"type": "string"}`
	identity := `{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": "[format('id-{0}', parameters('name'))]"}`
	tests := []struct {
		name       string
		resources  []string
		want       []netdoc.RoleAssignment
		unresolved []string
	}{
		{"full ID, upper case", []string{ra("", "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/4D97B98B-1D4F-4787-A291-C67834D212E7", "p")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"bare GUID", []string{ra("", nc, "p")}, []netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"subscriptionResourceId", []string{ra("", "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '"+nc+"')]", "p")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"subscriptionResourceId of another subscription", []string{ra("", "[subscriptionResourceId(parameters('sub'), 'Microsoft.Authorization/roleDefinitions', '"+nc+"')]", "p")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"resourceId", []string{ra("", "[resourceId('Microsoft.Authorization/roleDefinitions', '"+nc+"')]", "p")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"tenantResourceId", []string{ra("", "[tenantResourceId('Microsoft.Authorization/roleDefinitions', '"+nc+"')]", "p")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"concat", []string{ra("", "[concat(subscription().id, '/providers/Microsoft.Authorization/roleDefinitions/', '"+nc+"')]", "p")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"format", []string{ra("", "[format('{0}/providers/Microsoft.Authorization/roleDefinitions/{1}', subscription().id, '"+nc+"')]", "p")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"not a GUID at the end of a concat", []string{ra("", "[concat(subscription().id, '/providers/Microsoft.Authorization/roleDefinitions/', parameters('role'))]", "p")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", Principal: "p"}}, nil},
		{"nothing known is still listed", []string{ra(`"scope": "[parameters('sub')]", `, "[parameters('role')]", "[parameters('principal')]")},
			[]netdoc.RoleAssignment{{}}, nil},
		{"principal of an identity named by an expression", []string{identity, ra("", nc, "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('id-{0}', parameters('name')))).principalId]")},
			[]netdoc.RoleAssignment{{Scope: "resourceGroup", RoleDefinitionID: nc, Principal: "?format('id-{0}',parameters('name'))"}}, nil},
		{"scope on a subnet", []string{ra(`"scope": "[format('Microsoft.Network/virtualNetworks/{0}/subnets/{1}', 'Spoke', 'Nodes')]", `, nc, "p")},
			[]netdoc.RoleAssignment{{Scope: "spoke/nodes", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"scope on another resource", []string{`{"type": "Microsoft.KeyVault/vaults/providers/roleAssignments", "apiVersion": "2022-04-01", "name": "kv/Microsoft.Authorization/x", "properties": {"roleDefinitionId": "` + nc + `", "principalId": "p"}}`},
			[]netdoc.RoleAssignment{{Scope: "Microsoft.KeyVault/vaults/kv", RoleDefinitionID: nc, Principal: "p"}}, nil},
		{"copy count not known", []string{ra(`"copy": {"name": "c", "count": "[parameters('n')]"}, `, nc, "p")}, nil, []string{"/roleAssignments"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractText(t, template(params, strings.Join(tt.resources, ",")))
			if len(doc.RoleAssignments)+len(tt.want) > 0 && !slices.Equal(doc.RoleAssignments, tt.want) {
				t.Errorf("role assignments = %+v, want %+v", doc.RoleAssignments, tt.want)
			}
			if got := unresolvedPointers(doc); !slices.Equal(got, tt.unresolved) {
				t.Errorf("unresolved = %v, want %v", got, tt.unresolved)
			}
		})
	}
}

// A nested deployment whose copy count is not known deploys resources the
// document does not show: rules looking for a missing resource must know.
func TestDeploymentWithUnknownCountIsNoted(t *testing.T) {
	doc := extractText(t, template(`"n": {"type": "int"}`, `{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "roles",
"copy": {"name": "c", "count": "[parameters('n')]"}, "properties": {"mode": "Incremental", "template": {"resources": []}}}`))
	if got := unresolvedPointers(doc); !slices.Equal(got, []string{"/deployments/roles"}) {
		t.Errorf("unresolved = %v, want [/deployments/roles]", got)
	}
}
