package derive

import (
	"maps"
	"slices"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// The values AKSNET903 (unknown-value) takes as documented, as
// policies/diagnostics/unknown_value.rego's network_profile, ip_families and node_pool
// list them (TestDocumentedValuesMatchPolicies asserts they are equal, so the facts
// below never leave out a value the rule would report).
var (
	DocumentedNetworkProfile = map[string][]string{
		"networkPlugin":     {"azure", "kubenet", "none"},
		"networkPluginMode": {"overlay"},
		"networkPolicy":     {"azure", "calico", "cilium", "none"},
		"networkDataplane":  {"azure", "cilium"},
		"outboundType":      {"loadBalancer", "managedNATGateway", "managedNATGatewayV2", "userAssignedNATGateway", "userDefinedRouting", "none", "block"},
		"loadBalancerSku":   {"basic", "standard"},
		"networkMode":       {"bridge", "transparent"},
	}
	DocumentedIPFamilies = []string{"IPv4", "IPv6"}
	DocumentedNodePool   = map[string][]string{
		"osType":              {"Linux", "Windows"},
		"type":                {"AvailabilitySet", "VirtualMachineScaleSets", "VirtualMachines"},
		"mode":                {"System", "User", "Gateway", "ManagedSystem", "Machines"},
		"podIPAllocationMode": {"DynamicIndividual", "StaticBlock"},
	}
)

// setting is a setting's name and documented values; networkProfileSettings and
// nodePoolSettings are the maps above as sorted lists, which every document ranges
// over: a slice, where ranging over a map costs a randomized walk each time
// (BenchmarkPolicyInput, internal/engine).
type setting struct {
	name    string
	allowed []string
}

var (
	networkProfileSettings = settingsOf(DocumentedNetworkProfile)
	nodePoolSettings       = settingsOf(DocumentedNodePool)
)

func settingsOf(m map[string][]string) []setting {
	out := make([]setting, 0, len(m))
	for _, name := range slices.Sorted(maps.Keys(m)) {
		out = append(out, setting{name, m[name]})
	}
	return out
}

// networkProfileSetting and nodePoolSetting read a setting of DocumentedNetworkProfile
// and DocumentedNodePool by its JSON name ("" for a name the document has no field
// of: the rule then finds no value either). TestSettingFieldsAreTheirJSONNames checks
// each against the field's JSON tag.
func networkProfileSetting(np *netdoc.NetworkProfile, name string) string {
	switch name {
	case "networkPlugin":
		return np.NetworkPlugin
	case "networkPluginMode":
		return np.NetworkPluginMode
	case "networkPolicy":
		return np.NetworkPolicy
	case "networkDataplane":
		return np.NetworkDataplane
	case "outboundType":
		return np.OutboundType
	case "loadBalancerSku":
		return np.LoadBalancerSku
	case "networkMode":
		return np.NetworkMode
	}
	return ""
}

func nodePoolSetting(p *netdoc.NodePool, name string) string {
	switch name {
	case "osType":
		return p.OSType
	case "type":
		return p.Type
	case "mode":
		return p.Mode
	case "podIPAllocationMode":
		return p.PodIPAllocationMode
	}
	return ""
}

// unknownValueFacts computes f.UnknownValueCandidates: the index of every cluster, in
// document order, with a value AKSNET903 may find undocumented: a network profile or
// node pool setting, or an ipFamilies entry, that is not written exactly as one of its
// documented values. The rule also takes a value in another case as documented, and
// decides; a value written exactly as documented (the common case) can give no
// finding, and an empty one is not in the document (omitempty). Linear in the
// clusters' settings.
func (f *Facts) unknownValueFacts(doc *netdoc.Document) {
	f.UnknownValueCandidates = []int{}
	for ci := range doc.Clusters {
		if mayBeUndocumented(&doc.Clusters[ci]) {
			f.UnknownValueCandidates = append(f.UnknownValueCandidates, ci)
		}
	}
}

func mayBeUndocumented(c *netdoc.Cluster) bool {
	undocumented := func(v string, allowed []string) bool { return v != "" && !slices.Contains(allowed, v) }
	for _, st := range networkProfileSettings {
		if undocumented(networkProfileSetting(&c.NetworkProfile, st.name), st.allowed) {
			return true
		}
	}
	for _, v := range c.NetworkProfile.IPFamilies {
		if !slices.Contains(DocumentedIPFamilies, v) {
			return true // an empty entry too: the rule reads every entry
		}
	}
	for pi := range c.NodePools {
		for _, st := range nodePoolSettings {
			if undocumented(nodePoolSetting(&c.NodePools[pi], st.name), st.allowed) {
				return true
			}
		}
	}
	return false
}
