package engine

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Names as the author wrote them. The document keys resources case-insensitively, and a
// name not known statically by "?" and its expression, so that references meet their
// declaration; neither is for users. Messages show a name as written: the name itself,
// quoted; for a name not known statically the variable, placeholder or parameter it
// comes from ($CLUSTER_NAME, <cluster-name>, parameters('clusterName'), at most
// maxNameText characters); failing those, where the resource is written ("at line 12").

// maxNameText bounds an unknown name's expression in messages.
const maxNameText = 60

// Labels maps the pointer of each cluster, pool, VNet, subnet, route table and NSG to its
// name as written: a quoted name, or the unquoted text of an unknown one.
func Labels(doc *netdoc.Document, locs netdoc.Locations) map[string]string {
	unknown := make(map[string]string, len(doc.Unresolved))
	for _, u := range doc.Unresolved {
		if strings.HasSuffix(u.Pointer, "/name") {
			if e := asWritten(u.Expression); e != "" {
				unknown[strings.TrimSuffix(u.Pointer, "/name")] = Shorten(e, maxNameText)
			}
		}
	}
	labels := map[string]string{}
	// An unknown name's key is no name as written (it is in lower case, and may carry
	// an "@id" suffix): the expression, or where it is written, is shown instead.
	name := func(ptr, n, _ string) string {
		if n != "" {
			return strconv.Quote(n)
		}
		if e, ok := unknown[ptr]; ok {
			return e
		}
		if loc, ok := locs.Resolve(ptr); ok && loc.Line > 0 {
			return "at line " + strconv.Itoa(loc.Line)
		}
		return "without a name"
	}
	for ci, c := range doc.Clusters {
		p := netdoc.Pointer("clusters", ci)
		labels[p] = name(p, c.Name, c.Key)
		for pi, np := range c.NodePools {
			pp := netdoc.Under(p, "nodePools", pi)
			labels[pp] = name(pp, np.Name, "")
		}
	}
	vnets := map[string]string{}
	for i, v := range doc.VirtualNetworks {
		p := netdoc.Pointer("virtualNetworks", i)
		labels[p] = name(p, v.Name, v.Key)
		vnets[v.Key] = labels[p]
	}
	for i, s := range doc.Subnets {
		p := netdoc.Pointer("subnets", i)
		sn := name(p, s.Name, lastPart(s.Key))
		vn, ok := vnets[s.VNet]
		if !ok && !strings.HasPrefix(s.VNet, "?") && s.VNet != "" {
			vn, ok = strconv.Quote(s.VNet), true
		}
		switch {
		case strings.HasPrefix(sn, "at line ") || sn == "without a name":
			labels[p] = sn
		case !ok || strings.HasPrefix(vn, "at line ") || vn == "without a name":
			labels[p] = sn
		default:
			labels[p] = joinNames(vn, sn)
		}
	}
	for i, r := range doc.RouteTables {
		p := netdoc.Pointer("routeTables", i)
		labels[p] = name(p, r.Name, r.Key)
	}
	for i, g := range doc.NetworkSecurityGroups {
		p := netdoc.Pointer("networkSecurityGroups", i)
		labels[p] = name(p, g.Name, g.Key)
	}
	return labels
}

// joinNames joins a VNet's and a subnet's names as vnet/subnet, quoted when both are.
func joinNames(vnet, subnet string) string {
	uq := func(s string) (string, bool) {
		if u, err := strconv.Unquote(s); err == nil && strings.HasPrefix(s, `"`) {
			return u, true
		}
		return s, false
	}
	v, vq := uq(vnet)
	s, sq := uq(subnet)
	if vq && sq {
		return strconv.Quote(v + "/" + s)
	}
	return v + "/" + s
}

func lastPart(key string) string {
	if i := strings.LastIndexByte(key, '/'); i >= 0 && !strings.HasPrefix(key, "?") {
		return key[i+1:]
	}
	return key
}

// asWritten trims an unresolved value's expression to what the author wrote: no ARM
// brackets or shell quotes around it.
func asWritten(expr string) string {
	e := strings.TrimSpace(expr)
	if len(e) >= 2 && e[0] == '[' && e[len(e)-1] == ']' && !strings.HasPrefix(e, "[[") {
		e = e[1 : len(e)-1]
	}
	if len(e) >= 2 && (e[0] == '"' || e[0] == '\'') && e[len(e)-1] == e[0] {
		e = e[1 : len(e)-1]
	}
	return strings.TrimSpace(e)
}

// Shorten cuts s to at most n characters, ending in "…" when cut.
func Shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// kindWords names each keyed collection in messages.
var kindWords = map[string]string{
	"clusters":              "cluster",
	"virtualNetworks":       "VNet",
	"subnets":               "subnet",
	"routeTables":           "route table",
	"networkSecurityGroups": "network security group",
	"nodePools":             "pool",
	"peerings":              "peering",
}

// Describe names the object at pointer: cluster "aks", pool $POOL of cluster "aks".
func Describe(doc *netdoc.Document, labels map[string]string, pointer string) string {
	segs := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	if len(segs) == 4 && segs[0] == "clusters" && segs[2] == "nodePools" {
		return "pool " + labels[pointer] + " of " + Describe(doc, labels, "/clusters/"+segs[1])
	}
	if len(segs) == 4 && segs[0] == "virtualNetworks" && segs[2] == "peerings" {
		vi, _ := strconv.Atoi(segs[1])
		pi, _ := strconv.Atoi(segs[3])
		name := "a peering"
		if vi < len(doc.VirtualNetworks) && pi < len(doc.VirtualNetworks[vi].Peerings) && doc.VirtualNetworks[vi].Peerings[pi].Name != "" {
			name = "peering " + strconv.Quote(doc.VirtualNetworks[vi].Peerings[pi].Name)
		}
		return name + " of " + Describe(doc, labels, "/virtualNetworks/"+segs[1])
	}
	if len(segs) == 2 {
		if l, ok := labels[pointer]; ok {
			return kindWords[segs[0]] + " " + l
		}
	}
	return strings.TrimPrefix(pointer, "/")
}

// nameReplacer rewrites internal keys quoted in messages ("?$cluster_name",
// "vnet/snet" in lower case) into names as written.
func nameReplacer(doc *netdoc.Document, labels map[string]string) *strings.Replacer {
	var pairs []string
	add := func(key, ptr string) {
		l, ok := labels[ptr]
		if key == "" || !ok {
			return
		}
		q := strconv.Quote(key)
		if q != l {
			pairs = append(pairs, q, l)
		}
	}
	for i, c := range doc.Clusters {
		add(c.Key, netdoc.Pointer("clusters", i))
	}
	for i, v := range doc.VirtualNetworks {
		add(v.Key, netdoc.Pointer("virtualNetworks", i))
	}
	for i, s := range doc.Subnets {
		add(s.Key, netdoc.Pointer("subnets", i))
	}
	for i, r := range doc.RouteTables {
		add(r.Key, netdoc.Pointer("routeTables", i))
	}
	for i, g := range doc.NetworkSecurityGroups {
		add(g.Key, netdoc.Pointer("networkSecurityGroups", i))
	}
	if len(pairs) == 0 {
		return nil
	}
	return strings.NewReplacer(pairs...)
}

// unquotedLabels are the labels without the quotes of known names, for the review report
// (which shows names as code).
func unquotedLabels(labels map[string]string) map[string]string {
	out := make(map[string]string, len(labels))
	for k, v := range labels {
		if u, err := strconv.Unquote(v); err == nil && strings.HasPrefix(v, `"`) {
			v = u
		}
		out[k] = v
	}
	return out
}
