package arm

import "strings"

// Resource types the document is made of, lower case (ARM types are
// case-insensitive).
const (
	typeCluster    = "microsoft.containerservice/managedclusters"
	typeAgentPool  = "microsoft.containerservice/managedclusters/agentpools"
	typeVNet       = "microsoft.network/virtualnetworks"
	typeSubnet     = "microsoft.network/virtualnetworks/subnets"
	typePeering    = "microsoft.network/virtualnetworks/virtualnetworkpeerings"
	typeRouteTable = "microsoft.network/routetables"
	typeRoute      = "microsoft.network/routetables/routes"
	typeNSG        = "microsoft.network/networksecuritygroups"
	typeNSGRule    = "microsoft.network/networksecuritygroups/securityrules"
	typeRole       = "microsoft.authorization/roleassignments"
	// typeRoleDefinition is written as ARM IDs spell it, for IDNames.
	typeRoleDefinition = "Microsoft.Authorization/roleDefinitions"
	typeIdentity       = "microsoft.managedidentity/userassignedidentities"
)

// ResourceTypes reports the resource types (full, lower case) that the document is
// made of: the armeval.Options.Types of an evaluation that Map reads.
func ResourceTypes(t string) bool {
	switch t {
	case typeCluster, typeAgentPool, typeVNet, typeSubnet, typePeering, typeRouteTable, typeRoute,
		typeNSG, typeNSGRule, typeRole, typeIdentity:
		return true
	}
	return strings.HasSuffix(t, "/providers/roleassignments")
}
