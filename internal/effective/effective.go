// Package effective fills the AKS defaults of RULES.md ("Effective values") into an
// extracted document, so every policy works on effective values. Each filled value's
// pointer is appended to Document.Defaulted; a value that is unresolved is never filled,
// because a default would then be a guess.
package effective

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Defaults from RULES.md.
const (
	DefaultPodCidr      = "10.244.0.0/16"
	DefaultServiceCidr  = "10.0.0.0/16"
	DefaultDNSServiceIP = "10.0.0.10"
	DefaultMaxSurge     = "10%"
	DefaultOSType       = "Linux"
	// DefaultARMCount is the API default for a pool's count; the az CLI extractor records
	// the CLI's own default (3) itself.
	DefaultARMCount = 1
)

// Network models.
const (
	ModelKubenet          = "kubenet"
	ModelOverlay          = "overlay"
	ModelNodeSubnet       = "nodesubnet"
	ModelPodSubnetDynamic = "podsubnet-dynamic"
	ModelPodSubnetStatic  = "podsubnet-static"
	ModelBYOCNI           = "byocni"
)

// defaultMaxPods is the maxPods default of each network model.
var defaultMaxPods = map[string]int{
	ModelKubenet:          110,
	ModelNodeSubnet:       30,
	ModelOverlay:          250,
	ModelPodSubnetDynamic: 250,
	ModelPodSubnetStatic:  250,
	ModelBYOCNI:           250,
}

// Apply fills the effective values into doc in place.
func Apply(doc *netdoc.Document) {
	a := applier{doc: doc}
	for i := range doc.Clusters {
		a.cluster(i)
	}
}

type applier struct{ doc *netdoc.Document }

// unknown reports whether pointer, an ancestor of it or a descendant of it is unresolved:
// then the value is stated but not known, and must not be defaulted.
func (a applier) unknown(pointer string) bool {
	for _, u := range a.doc.Unresolved {
		if u.Pointer == pointer || strings.HasPrefix(pointer, u.Pointer+"/") || strings.HasPrefix(u.Pointer, pointer+"/") {
			return true
		}
	}
	return false
}

// FlagsPointer is the last segment of an unresolved pointer under a cluster or node
// pool ("/clusters/0/flags") that says the command creating it has words that may hold
// any setting (an unknown "${ARGS[@]}"): no value of it is known to be absent, so no
// default is applied to it (for a cluster, nor to its pools).
const FlagsPointer = "flags"

// opaque reports an unresolved FlagsPointer at pointer + "/flags".
func (a applier) opaque(pointer string) bool {
	p := pointer + "/" + FlagsPointer
	for _, u := range a.doc.Unresolved {
		if u.Pointer == p {
			return true
		}
	}
	return false
}

func (a applier) mark(segments ...any) {
	a.doc.Defaulted = append(a.doc.Defaulted, netdoc.Pointer(segments...))
}

func (a applier) cluster(ci int) {
	c := &a.doc.Clusters[ci]
	np := &c.NetworkProfile
	at := func(field string) string { return netdoc.Pointer("clusters", ci, "networkProfile", field) }

	if c.Existing || a.opaque(netdoc.Pointer("clusters", ci)) {
		// Defaults describe a new cluster; an existing one has settings we cannot see,
		// and one created with flags we cannot read may have set any of them.
		c.Model = a.model(ci)
		return
	}
	if np.NetworkPlugin == "" && !a.unknown(at("networkPlugin")) {
		switch newer, known := versionAtLeast130(c.KubernetesVersion); {
		case !known || a.unknown(netdoc.Pointer("clusters", ci, "kubernetesVersion")):
			// The default depends on a version we cannot read: leave the plugin unknown.
		case newer:
			np.NetworkPlugin = "azure"
			a.mark("clusters", ci, "networkProfile", "networkPlugin")
			if np.NetworkPluginMode == "" && !a.unknown(at("networkPluginMode")) {
				np.NetworkPluginMode = "overlay"
				a.mark("clusters", ci, "networkProfile", "networkPluginMode")
			}
		default:
			np.NetworkPlugin = "kubenet"
			a.mark("clusters", ci, "networkProfile", "networkPlugin")
		}
	}

	c.Model = a.model(ci)

	if len(np.PodCidrs) == 0 && (c.Model == ModelKubenet || c.Model == ModelOverlay) &&
		!a.unknown(at("podCidrs")) && ipv4Only(np.IPFamilies) && !a.unknown(at("ipFamilies")) {
		np.PodCidrs = []string{DefaultPodCidr}
		a.mark("clusters", ci, "networkProfile", "podCidrs")
	}
	// serviceCidr and dnsServiceIP default as a pair: when only one is stated, the other's
	// default would be a guess about how the RP pairs them, so it stays unknown.
	if len(np.ServiceCidrs) == 0 && np.DNSServiceIP == "" &&
		!a.unknown(at("serviceCidrs")) && !a.unknown(at("dnsServiceIP")) &&
		ipv4Only(np.IPFamilies) && !a.unknown(at("ipFamilies")) {
		np.ServiceCidrs = []string{DefaultServiceCidr}
		np.DNSServiceIP = DefaultDNSServiceIP
		a.mark("clusters", ci, "networkProfile", "serviceCidrs")
		a.mark("clusters", ci, "networkProfile", "dnsServiceIP")
	}

	for pi := range c.NodePools {
		a.pool(ci, pi, c.Model)
	}
}

// model derives the network model; "" when it cannot be known.
func (a applier) model(ci int) string {
	c := &a.doc.Clusters[ci]
	np := c.NetworkProfile
	if a.unknown(netdoc.Pointer("clusters", ci, "networkProfile", "networkPluginMode")) {
		return ""
	}
	switch strings.ToLower(np.NetworkPlugin) {
	case "kubenet":
		return ModelKubenet
	case "none":
		return ModelBYOCNI
	case "azure":
	default:
		return ""
	}
	if strings.EqualFold(np.NetworkPluginMode, "overlay") {
		return ModelOverlay
	}
	podSubnet, static, dynamic := false, false, false
	for pi, p := range c.NodePools {
		if a.unknown(netdoc.Pointer("clusters", ci, "nodePools", pi, "podSubnet")) {
			return ""
		}
		if p.PodSubnet == "" {
			continue
		}
		podSubnet = true
		if strings.EqualFold(p.PodIPAllocationMode, "StaticBlock") {
			static = true
		} else {
			dynamic = true
		}
	}
	switch {
	case !podSubnet:
		return ModelNodeSubnet
	case static && !dynamic:
		return ModelPodSubnetStatic
	default:
		return ModelPodSubnetDynamic
	}
}

func (a applier) pool(ci, pi int, model string) {
	p := &a.doc.Clusters[ci].NodePools[pi]
	at := func(field string) string { return netdoc.Pointer("clusters", ci, "nodePools", pi, field) }
	if a.opaque(netdoc.Pointer("clusters", ci, "nodePools", pi)) {
		return
	}
	if p.MaxPods == nil && !a.unknown(at("maxPods")) {
		if n, ok := defaultMaxPods[model]; ok {
			p.MaxPods = &n
			a.mark("clusters", ci, "nodePools", pi, "maxPods")
		}
	}
	if p.Count == nil && !a.unknown(at("count")) && a.doc.Kind != netdoc.KindAzCLI {
		n := DefaultARMCount
		p.Count = &n
		a.mark("clusters", ci, "nodePools", pi, "count")
	}
	if p.MaxSurge == "" && !a.unknown(at("maxSurge")) {
		p.MaxSurge = DefaultMaxSurge
		a.mark("clusters", ci, "nodePools", pi, "maxSurge")
	}
	if p.OSType == "" && !a.unknown(at("osType")) {
		p.OSType = DefaultOSType
		a.mark("clusters", ci, "nodePools", pi, "osType")
	}
}

// versionAtLeast130 reports whether a Kubernetes version ("1.31", "1.29.7") is >= 1.30.
// An empty version is the newest, so counts as >= 1.30; one that does not parse is unknown.
func versionAtLeast130(v string) (atLeast, known bool) {
	if v == "" {
		return true, true
	}
	parts := strings.Split(strings.TrimPrefix(v, "v"), ".")
	if len(parts) < 2 {
		return false, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false, false
	}
	return major > 1 || (major == 1 && minor >= 30), true
}

// ipv4Only reports whether the IP families are unset or IPv4 alone; the IPv4 defaults
// of RULES.md are only sound then.
func ipv4Only(families []string) bool {
	return len(families) == 0 || (len(families) == 1 && strings.EqualFold(families[0], "IPv4"))
}
