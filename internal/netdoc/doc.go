// Package netdoc defines the normalized network document (contract v1) that every
// extractor produces and every policy reads, and the side table that maps JSON
// pointers into it back to source locations.
package netdoc

// APIVersion is the contract version written into every document.
const APIVersion = "aksnet-lint/v1"

// Kind is the input kind a document was extracted from.
type Kind string

// Input kinds.
const (
	KindARM   Kind = "arm"
	KindBicep Kind = "bicep"
	KindAzCLI Kind = "azcli"
)

// Kinds are every input kind, in the order rule METADATA lists them: a rule whose
// METADATA has no custom.kinds applies to all of them. Which files give which kind is
// the table of internal/extract (kinds.go).
var Kinds = []Kind{KindARM, KindBicep, KindAzCLI}

// Document is one input file (or template + parameter file pairing) as the policies see it.
// Optional values are pointers or omitted: absence means "not stated", and a value that
// could not be known statically is absent and listed in Unresolved.
type Document struct {
	APIVersion            string           `json:"apiVersion"`
	File                  string           `json:"file"`
	ParameterFile         string           `json:"parameterFile,omitempty"`
	Kind                  Kind             `json:"kind"`
	Clusters              []Cluster        `json:"clusters"`
	VirtualNetworks       []VirtualNetwork `json:"virtualNetworks"`
	Subnets               []Subnet         `json:"subnets"`
	RouteTables           []RouteTable     `json:"routeTables"`
	NetworkSecurityGroups []SecurityGroup  `json:"networkSecurityGroups"`
	RoleAssignments       []RoleAssignment `json:"roleAssignments"`
	// UserAssignedIdentities are the user-assigned identities the input itself creates
	// (ARM and Bicep), so that a rule can tell an identity whose role assignments belong
	// in this deployment from one created elsewhere.
	UserAssignedIdentities []UserAssignedIdentity `json:"userAssignedIdentities,omitempty"`
	// ConnectedNetworks are ranges reachable from the cluster VNet that the input does not
	// declare (on-premises, ExpressRoute, VPN), from the configuration.
	ConnectedNetworks []ConnectedNetwork `json:"connectedNetworks,omitempty"`
	// Script holds facts only a shell script has (az CLI inputs only).
	Script *Script `json:"script,omitempty"`
	// Defaulted lists the JSON pointers of values filled from RULES.md's effective defaults.
	Defaulted  []string     `json:"defaulted"`
	Unresolved []Unresolved `json:"unresolved"`
	// Invalid lists what ARM's template validation rejects before any resource provider
	// sees the deployment (ARM and Bicep; absent when nothing is), each located at
	// /invalid/<i>.
	Invalid []Invalid `json:"invalid,omitempty"`
	// Unset lists the pointers of values the input states it leaves without a value
	// (az aks create --service-principal: no managed identity), so that no default
	// fills them. Not part of the contract: internal/effective reads it.
	Unset []string `json:"-"`
}

// Request is the request that creates a cluster or node pool: its documented defaults
// fill what the input leaves unset (the table of internal/effective). Not part of the
// contract.
type Request string

// Requests whose defaults differ.
const (
	// RequestAKSAPI is a PUT of the AKS REST API (ARM, Bicep, or a cluster the input
	// does not create): only the resource provider's defaults apply. On a node pool,
	// the empty Request means the request that creates its cluster.
	RequestAKSAPI Request = ""
	// RequestAzAKSCreate is az aks create, which fills some defaults of its own on the
	// client before it sends the request.
	RequestAzAKSCreate Request = "az aks create"
	// RequestAzNodepoolAdd is az aks nodepool add, likewise.
	RequestAzNodepoolAdd Request = "az aks nodepool add"
)

// Invalid is one thing ARM's template validation rejects: an undeclared reference, a
// parameter value outside its declaration, an expression ARM cannot read.
type Invalid struct {
	// Code is ARM's error code (InvalidTemplate).
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Cluster is a Microsoft.ContainerService/managedClusters resource or an `az aks create`.
type Cluster struct {
	Key  string `json:"key"`
	Name string `json:"name,omitempty"`
	// Existing is true for a cluster the input only changes (az aks update, nodepool
	// add, an ARM existing resource): its other settings are not known, so no cluster
	// default is filled for it.
	Existing          bool           `json:"existing,omitempty"`
	KubernetesVersion string         `json:"kubernetesVersion,omitempty"`
	Identity          *Identity      `json:"identity,omitempty"`
	NetworkProfile    NetworkProfile `json:"networkProfile"`
	APIServerSubnet   string         `json:"apiServerSubnet,omitempty"`
	// APIServerVnetIntegration is set when API server VNet integration is enabled (with
	// or without a subnet of one's own).
	APIServerVnetIntegration *bool `json:"apiServerVnetIntegration,omitempty"`
	// WindowsProfile is present when Windows node credentials are configured.
	WindowsProfile *WindowsProfile `json:"windowsProfile,omitempty"`
	Addons         *Addons         `json:"addons,omitempty"`
	// Model is the effective network model, filled by the effective-values step.
	Model     string     `json:"model,omitempty"`
	NodePools []NodePool `json:"nodePools"`
	// Request is the request that creates the cluster (not part of the contract).
	Request Request `json:"-"`
}

// Identity is the cluster's managed identity.
type Identity struct {
	Type string `json:"type,omitempty"`
	// Principals are keys of user-assigned identities, for role assignment checks.
	Principals []string `json:"principals,omitempty"`
}

// Addons holds the add-ons that affect networking.
type Addons struct {
	VirtualNodes *bool `json:"virtualNodes,omitempty"`
	// VirtualNodesSubnet is the key of the subnet the ACI connector uses.
	VirtualNodesSubnet string `json:"virtualNodesSubnet,omitempty"`
}

// WindowsProfile is the cluster's Windows node profile (only what networking rules may
// need: that Windows nodes are provisioned for).
type WindowsProfile struct {
	AdminUsername string `json:"adminUsername,omitempty"`
}

// NetworkProfile mirrors the ManagedCluster API's networkProfile (newest shape: arrays).
type NetworkProfile struct {
	NetworkPlugin     string   `json:"networkPlugin,omitempty"`
	NetworkPluginMode string   `json:"networkPluginMode,omitempty"`
	NetworkPolicy     string   `json:"networkPolicy,omitempty"`
	NetworkDataplane  string   `json:"networkDataplane,omitempty"`
	PodCidrs          []string `json:"podCidrs,omitempty"`
	ServiceCidrs      []string `json:"serviceCidrs,omitempty"`
	DNSServiceIP      string   `json:"dnsServiceIP,omitempty"`
	OutboundType      string   `json:"outboundType,omitempty"`
	LoadBalancerSku   string   `json:"loadBalancerSku,omitempty"`
	IPFamilies        []string `json:"ipFamilies,omitempty"`
	DockerBridgeCidr  string   `json:"dockerBridgeCidr,omitempty"`
	NetworkMode       string   `json:"networkMode,omitempty"`
}

// NodePool mirrors an agent pool profile.
type NodePool struct {
	Name                string `json:"name,omitempty"`
	Mode                string `json:"mode,omitempty"`
	OSType              string `json:"osType,omitempty"`
	OSSKU               string `json:"osSKU,omitempty"`
	Type                string `json:"type,omitempty"`
	Count               *int   `json:"count,omitempty"`
	EnableAutoScaling   *bool  `json:"enableAutoScaling,omitempty"`
	MinCount            *int   `json:"minCount,omitempty"`
	MaxCount            *int   `json:"maxCount,omitempty"`
	MaxPods             *int   `json:"maxPods,omitempty"`
	MaxSurge            string `json:"maxSurge,omitempty"`
	PodIPAllocationMode string `json:"podIPAllocationMode,omitempty"`
	VnetSubnet          string `json:"vnetSubnet,omitempty"`
	PodSubnet           string `json:"podSubnet,omitempty"`
	// Request is the request that creates the pool when it is not the cluster's own
	// (az aks nodepool add); not part of the contract.
	Request Request `json:"-"`
}

// VirtualNetwork is a VNet declared in the input (or supplied by an inventory).
type VirtualNetwork struct {
	Key             string    `json:"key"`
	Name            string    `json:"name,omitempty"`
	AddressPrefixes []string  `json:"addressPrefixes,omitempty"`
	Peerings        []Peering `json:"peerings,omitempty"`
	// Scope is where the input deploys the VNet, as far as it says (not part of the
	// contract: the join of files reads it, policies do not).
	Scope Scope `json:"-"`
}

// Scope is the subscription and resource group a VNet is declared in, or a reference
// names, each in lower case and empty when not known. Deployment marks the deployment's
// own (a template's declaration, resourceId() without a group): the configuration's
// deployments: mapping says which it is.
type Scope struct {
	Subscription  string
	ResourceGroup string
	Deployment    bool
}

// Peering is a VNet peering; only the remote address space matters here.
type Peering struct {
	Name                  string   `json:"name,omitempty"`
	RemoteAddressPrefixes []string `json:"remoteAddressPrefixes,omitempty"`
	// Remote is the key of the remote VNet when the input names it but does not
	// declare it (its address space is then unresolved), and RemoteScope where the
	// remote's ID says it is; not part of the contract: the join of files reads them.
	Remote      string `json:"-"`
	RemoteScope Scope  `json:"-"`
}

// Subnet is keyed "vnet/subnet" (lower case). A subnet referenced but not declared is
// still listed, without prefixes. A name not known statically is keyed "?" and the
// expression that computes it (ARM), so that references built the same way link to it.
type Subnet struct {
	Key                  string   `json:"key"`
	VNet                 string   `json:"vnet"`
	Name                 string   `json:"name"`
	AddressPrefixes      []string `json:"addressPrefixes,omitempty"`
	Delegations          []string `json:"delegations,omitempty"`
	RouteTable           string   `json:"routeTable,omitempty"`
	NetworkSecurityGroup string   `json:"networkSecurityGroup,omitempty"`
	// Declared is false for a subnet the document only references (bring-your-own).
	Declared bool `json:"declared"`
	// Scope is where a referenced subnet's ID says its VNet is (not part of the
	// contract: the join of files reads it, policies do not).
	Scope Scope `json:"-"`
}

// RouteTable is a route table and its routes.
type RouteTable struct {
	Key    string  `json:"key"`
	Name   string  `json:"name,omitempty"`
	Routes []Route `json:"routes,omitempty"`
	// Declared is true when the input creates the route table, so Routes is all of its
	// routes (those not known are listed as unresolved); false for one the input only
	// references or adds routes to.
	Declared bool `json:"declared,omitempty"`
}

// Route is one user-defined route.
type Route struct {
	Name          string `json:"name,omitempty"`
	AddressPrefix string `json:"addressPrefix,omitempty"`
	NextHopType   string `json:"nextHopType,omitempty"`
}

// SecurityGroup is a network security group and its rules.
type SecurityGroup struct {
	Key   string         `json:"key"`
	Name  string         `json:"name,omitempty"`
	Rules []SecurityRule `json:"rules,omitempty"`
	// Declared is true when the input creates the NSG, so Rules is all of its rules
	// (those not known are listed as unresolved); false for one the input only
	// references or adds rules to.
	Declared bool `json:"declared,omitempty"`
}

// SecurityRule is one NSG rule, prefixes and ports normalised to arrays.
type SecurityRule struct {
	Name                       string   `json:"name,omitempty"`
	Priority                   *int     `json:"priority,omitempty"`
	Direction                  string   `json:"direction,omitempty"`
	Access                     string   `json:"access,omitempty"`
	Protocol                   string   `json:"protocol,omitempty"`
	SourceAddressPrefixes      []string `json:"sourceAddressPrefixes,omitempty"`
	DestinationAddressPrefixes []string `json:"destinationAddressPrefixes,omitempty"`
	DestinationPortRanges      []string `json:"destinationPortRanges,omitempty"`
}

// RoleAssignment is a role assignment declared in the deployment.
type RoleAssignment struct {
	Scope            string `json:"scope,omitempty"`
	RoleDefinitionID string `json:"roleDefinitionId,omitempty"`
	Principal        string `json:"principal,omitempty"`
}

// UserAssignedIdentity is a user-assigned managed identity the input creates.
type UserAssignedIdentity struct {
	// Key is the identity's name in lower case, as identity.principals and
	// roleAssignments[].principal use it.
	Key  string `json:"key"`
	Name string `json:"name,omitempty"`
}

// ConnectedNetwork is a named set of address ranges connected to the cluster VNet.
type ConnectedNetwork struct {
	Name            string   `json:"name"`
	AddressPrefixes []string `json:"addressPrefixes"`
}

// Unresolved records a value that could not be known statically.
type Unresolved struct {
	Pointer    string `json:"pointer"`
	Expression string `json:"expression"`
	Reason     string `json:"reason"`
	// At is where an entry of the document itself (Pointer "": a part of the input not
	// read) is written; the document may have several, so they are not located
	// through the location table as other entries are.
	At *Located `json:"-"`
}

// New returns an empty document with every array non-nil, so policies never meet null.
func New(file string, kind Kind) *Document {
	return &Document{
		APIVersion:            APIVersion,
		File:                  file,
		Kind:                  kind,
		Clusters:              []Cluster{},
		VirtualNetworks:       []VirtualNetwork{},
		Subnets:               []Subnet{},
		RouteTables:           []RouteTable{},
		NetworkSecurityGroups: []SecurityGroup{},
		RoleAssignments:       []RoleAssignment{},
		Defaulted:             []string{},
		Unresolved:            []Unresolved{},
	}
}

// Script holds the raw-structure facts of a shell script that rules need.
type Script struct {
	// BrokenContinuations are lines starting with a --flag after an az aks/az network
	// command whose line continuation is missing or broken by trailing spaces.
	BrokenContinuations []BrokenContinuation `json:"brokenContinuations"`
}

// BrokenContinuation is one line of flags cut off from the command above it.
type BrokenContinuation struct {
	// Command is the command the flags were meant for ("az aks create").
	Command string `json:"command"`
	// Flag is the first flag on the orphaned line.
	Flag string `json:"flag"`
	// Reason is "missing-backslash", "trailing-space" or "comment" (a comment line
	// inside the continuation ended the command; the location is the comment's).
	Reason string `json:"reason"`
	// CommandLine is the line the command starts on: the broken lines of one command
	// are one mistake.
	CommandLine int `json:"commandLine,omitempty"`
}
