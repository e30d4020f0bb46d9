package engine

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// UnresolvedID is the note for an unknown value that stopped at least one rule.
const UnresolvedID = "AKSNET901"

// A rule declares the document fields it reads in METADATA custom.needs, as JSON
// pointer patterns: "*" stands for any index, and "{cluster}" for the index of a subnet
// or VNet that a cluster uses (a node, pod or API server subnet, or the VNet holding
// one), for rules that judge only those. An unresolved value at, above or below a
// pattern stopped the rule there. The matching runs in Go over the few unresolved
// values of a document, so it costs nothing in the policies, and a rule's logic stays
// in its Rego file.

// checkNeed validates one custom.needs pattern.
func checkNeed(p string) error {
	if !strings.HasPrefix(p, "/") || len(p) < 2 {
		return fmt.Errorf("must be a JSON pointer such as /clusters/*/nodePools/*/count")
	}
	segs := strings.Split(p[1:], "/")
	for i, s := range segs {
		if s == "" {
			return fmt.Errorf("has an empty segment")
		}
		if s == "{cluster}" && (i != 1 || (segs[0] != "subnets" && segs[0] != "virtualNetworks")) {
			return fmt.Errorf("{cluster} stands only for the index of /subnets/{cluster} or /virtualNetworks/{cluster}")
		}
	}
	return nil
}

// clusterUse holds the indexes of the subnets and VNets clusters use.
type clusterUse struct {
	subnets, vnets map[string]bool
}

func usedByClusters(doc *netdoc.Document) clusterUse {
	keys := map[string]bool{}
	for _, c := range doc.Clusters {
		keys[c.APIServerSubnet] = true
		if c.Addons != nil {
			keys[c.Addons.VirtualNodesSubnet] = true
		}
		for _, p := range c.NodePools {
			keys[p.VnetSubnet] = true
			keys[p.PodSubnet] = true
		}
	}
	u := clusterUse{subnets: map[string]bool{}, vnets: map[string]bool{}}
	// A used subnet's VNet is used, and so is every subnet of it: rules compare the
	// cluster's ranges with all the subnets of its VNet.
	vnetKeys := map[string]bool{}
	for _, s := range doc.Subnets {
		if s.Key != "" && keys[s.Key] {
			vnetKeys[s.VNet] = true
		}
	}
	for i, s := range doc.Subnets {
		if (s.Key != "" && keys[s.Key]) || vnetKeys[s.VNet] {
			u.subnets[strconv.Itoa(i)] = true
		}
	}
	for i, v := range doc.VirtualNetworks {
		if vnetKeys[v.Key] {
			u.vnets[strconv.Itoa(i)] = true
		}
	}
	return u
}

// needMatches tells whether the unresolved pointer u lies at, above or below pattern
// (split into segments).
func needMatches(pattern []string, u []string, use *clusterUse) bool {
	p := pattern
	// Below the pattern, only whole entries of it count: an unknown prefix of an
	// addressPrefixes list, or an unknown pool under /clusters/*/nodePools; a pool's name
	// is not its count.
	for _, s := range u[min(len(p), len(u)):] {
		if _, err := strconv.Atoi(s); err != nil {
			return false
		}
	}
	n := min(len(p), len(u))
	for i := range n {
		switch p[i] {
		case "*":
			if _, err := strconv.Atoi(u[i]); err != nil {
				return false
			}
		case "{cluster}":
			used := use.subnets
			if p[0] == "virtualNetworks" {
				used = use.vnets
			}
			if !used[u[i]] {
				return false
			}
		default:
			if p[i] != u[i] {
				return false
			}
		}
	}
	return true
}

// ruleNeeds are a rule's needs split into segments once, when the engine is built.
type ruleNeeds struct {
	id       string
	kinds    []string
	patterns [][]string
	cluster  bool // a pattern uses {cluster}
}

func splitNeeds(rules []finding.Rule) []ruleNeeds {
	var out []ruleNeeds
	for _, r := range rules {
		if len(r.Needs) == 0 {
			continue
		}
		rn := ruleNeeds{id: r.ID, kinds: r.Kinds}
		for _, n := range r.Needs {
			rn.patterns = append(rn.patterns, strings.Split(strings.TrimPrefix(n, "/"), "/"))
			rn.cluster = rn.cluster || strings.Contains(n, "{cluster}")
		}
		out = append(out, rn)
	}
	return out
}

// unresolvedNotes turns the document's unresolved values into AKSNET901 notes: one per
// unknown value (its location and expression) that stopped at least one rule, naming the
// rules it stopped. Unknown values no rule needs are left to `aksnet-lint extract` and the
// review report.
func (e *Engine) unresolvedNotes(in Input, labels map[string]string) []finding.Finding {
	if len(in.Doc.Unresolved) == 0 {
		return nil
	}
	note, ok := e.byID[UnresolvedID]
	if !ok {
		return nil
	}
	var use *clusterUse
	type group struct {
		f        finding.Finding
		rules    []string
		subjects []string
		field    string
		u        netdoc.Unresolved
	}
	var groups []*group
	index := map[string]*group{}
	for _, u := range in.Doc.Unresolved {
		segs := strings.Split(strings.TrimPrefix(u.Pointer, "/"), "/")
		var blocked []string
		for _, r := range e.needs {
			if r.kinds != nil && !hasKind(r.kinds, string(in.Doc.Kind)) {
				continue
			}
			if r.cluster && use == nil {
				cu := usedByClusters(in.Doc)
				use = &cu
			}
			for _, pat := range r.patterns {
				if needMatches(pat, segs, use) {
					blocked = append(blocked, r.id)
					break
				}
			}
		}
		structural := len(blocked) == 0 && !isDocField(segs)
		if len(blocked) == 0 && !structural {
			continue
		}
		loc, located := in.Locs.Resolve(u.Pointer)
		if u.At != nil {
			loc, located = *u.At, true
		}
		subject, field := subjectOf(in.Doc, labels, u.Pointer)
		if structural {
			// Resources the extractor could not read at all (a copy loop past ARM's
			// limit, a nested deployment too deep or counted by reference()): no rule
			// saw them.
			subject, field = "", structuralField
		}
		// One note per unknown value: the same expression (a variable, placeholder or
		// parameter) used in several places is one value, noted where it is first used,
		// with the other places as related locations.
		id := fmt.Sprintf("%s|%s|%s", u.Expression, u.Reason, field)
		if u.Expression == "" {
			id = fmt.Sprintf("%s:%d:%d|%s|%s", loc.File, loc.Line, loc.Column, u.Reason, field)
		}
		g := index[id]
		if g != nil && located && loc.Location != g.f.Location {
			also := netdoc.Related{Location: loc.Location, Message: "the same value is used here"}
			if !slices.Contains(g.f.Related, also) {
				g.f.Related = append(g.f.Related, also)
			}
		}
		if g == nil {
			g = &group{field: field, u: u, f: finding.Finding{
				RuleID:          note.ID,
				Rule:            note.Name,
				Level:           note.Level,
				Pointer:         u.Pointer,
				LogicalLocation: LogicalLocation(in.Doc, u.Pointer),
				Location:        netdoc.Location{File: in.Doc.File},
			}}
			if located {
				g.f.Location = loc.Location
				g.f.Related = append(g.f.Related, loc.Related...)
			}
			index[id] = g
			groups = append(groups, g)
		}
		for _, r := range blocked {
			if !slices.Contains(g.rules, r) {
				g.rules = append(g.rules, r)
			}
		}
		if subject != "" && !slices.Contains(g.subjects, subject) {
			g.subjects = append(g.subjects, subject)
		}
	}
	out := make([]finding.Finding, 0, len(groups))
	for _, g := range groups {
		slices.Sort(g.rules)
		g.f.Message = unresolvedMessage(g.rules, g.subjects, g.field, g.u)
		out = append(out, g.f)
	}
	return out
}

// structuralField marks a note about resources not read at all.
const structuralField = "\x00resources"

var docType = reflect.TypeOf(netdoc.Document{})

// isDocField tells whether a pointer's segments name a field of the network document;
// an extractor records resources it could not read (/deployments/3,
// /virtualNetworks/0/subnets) under pointers that name none.
func isDocField(segs []string) bool {
	t := docType
	for _, s := range segs {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Slice:
			if _, err := strconv.Atoi(s); err != nil {
				return false
			}
			t = t.Elem()
		case reflect.Struct:
			found := false
			for _, f := range fieldsOf(t) {
				if f.name == s {
					t, found = t.Field(f.index).Type, true
					break
				}
			}
			if !found {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// maxNamedRules is how many stopped rules a note names before "and N more".
const maxNamedRules = 6

// unresolvedMessage: AKSNET201 and AKSNET202 were not checked for pool "system" of
// cluster "aks": its node count is $NODE_COUNT, which is not known statically ($NODE_COUNT
// is not set in the script).
func unresolvedMessage(rules, subjects []string, field string, u netdoc.Unresolved) string {
	var b strings.Builder
	if field == structuralField {
		// An extractor that names what it could not read ("the bash block at line 9")
		// is quoted; otherwise the resources at the location are meant.
		if strings.HasPrefix(u.Expression, "the ") && u.Reason != "" {
			return "no rule checked " + u.Expression + ": " + u.Reason
		}
		b.WriteString("no rule checked the resources declared here: they are not known statically")
		if u.Reason != "" {
			b.WriteString(" (" + u.Reason + ")")
		}
		return b.String()
	}
	b.WriteString(listRules(rules))
	if len(rules) == 1 {
		b.WriteString(" was not checked")
	} else {
		b.WriteString(" were not checked")
	}
	if len(subjects) > 0 {
		b.WriteString(" for ")
		b.WriteString(subjectList(subjects))
		b.WriteString(": its ")
	} else {
		b.WriteString(": the ")
	}
	b.WriteString(field)
	verb := " comes"
	if pluralFields[field] {
		verb = " come"
	}
	expr := Shorten(asWritten(u.Expression), 80)
	if expr != "" {
		b.WriteString(verb + " from ")
		b.WriteString(expr)
		b.WriteString(", which is not known statically")
	} else if pluralFields[field] {
		b.WriteString(" are not known statically")
	} else {
		b.WriteString(" is not known statically")
	}
	if u.Reason != "" {
		b.WriteString(" (")
		b.WriteString(u.Reason)
		b.WriteString(")")
	}
	return b.String()
}

func listRules(rules []string) string {
	if len(rules) > maxNamedRules {
		shown := slices.Clone(rules[:maxNamedRules-1])
		return strings.Join(shown, ", ") + fmt.Sprintf(" and %d more rules", len(rules)-len(shown))
	}
	return andList(rules)
}

// subjectList joins subjects, folding those of one owner: pools "a" and "b" of cluster
// "aks", not pool "a" of cluster "aks" and pool "b" of cluster "aks".
func subjectList(subjects []string) string {
	if len(subjects) < 2 {
		return andList(subjects)
	}
	var kind, owner string
	names := make([]string, 0, len(subjects))
	for _, s := range subjects {
		k, rest, ok1 := strings.Cut(s, " ")
		name, of, ok2 := strings.Cut(rest, " of ")
		if !ok1 || !ok2 || k == "a" || (kind != "" && (k != kind || of != owner)) {
			return andList(subjects)
		}
		kind, owner = k, of
		names = append(names, name)
	}
	return kind + "s " + andList(names) + " of " + owner
}

// andList joins items as "a", "a and b", "a, b and c".
func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// fieldNames says in words what a document field holds.
var fieldNames = map[string]string{
	"count":                 "node count",
	"minCount":              "minimum node count",
	"maxCount":              "maximum node count",
	"enableAutoScaling":     "autoscaling setting",
	"maxPods":               "max pods",
	"maxSurge":              "max surge",
	"vnetSubnet":            "node subnet",
	"podSubnet":             "pod subnet",
	"osType":                "OS type",
	"osSKU":                 "OS SKU",
	"mode":                  "mode",
	"podIPAllocationMode":   "pod IP allocation mode",
	"name":                  "name",
	"nodePools":             "node pools",
	"networkProfile":        "network profile",
	"networkPlugin":         "network plugin",
	"networkPluginMode":     "network plugin mode",
	"networkPolicy":         "network policy",
	"networkDataplane":      "network dataplane",
	"podCidrs":              "pod CIDR",
	"serviceCidrs":          "service CIDR",
	"dnsServiceIP":          "DNS service IP",
	"outboundType":          "outbound type",
	"loadBalancerSku":       "load balancer SKU",
	"ipFamilies":            "IP families",
	"dockerBridgeCidr":      "docker bridge CIDR",
	"networkMode":           "network mode",
	"apiServerSubnet":       "API server subnet",
	"identity":              "identity",
	"addons":                "add-ons",
	"addressPrefixes":       "address prefixes",
	"remoteAddressPrefixes": "remote address space",
	"peerings":              "peerings",
	"delegations":           "delegations",
	"routeTable":            "route table",
	"networkSecurityGroup":  "network security group",
	"routes":                "routes",
	"rules":                 "security rules",
	"addressPrefix":         "address prefix",
	"nextHopType":           "next hop type",
}

// pluralFields take "come" rather than "comes".
var pluralFields = map[string]bool{
	"node pools": true, "address prefixes": true, "delegations": true, "security rules": true,
	"routes": true, "peerings": true, "IP families": true, "properties": true, "add-ons": true,
	"max pods": false,
}

// subjectOf names what an unresolved pointer belongs to (pool "system" of cluster
// "aks") and the field it is (node count).
func subjectOf(doc *netdoc.Document, labels map[string]string, pointer string) (subject, field string) {
	segs := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	// The subject is the deepest named object on the path: a cluster, pool, VNet,
	// peering, subnet, route table or NSG.
	depth := 0
	for i := 1; i < len(segs); i += 2 {
		if _, err := strconv.Atoi(segs[i]); err != nil {
			break
		}
		if i+1 < len(segs) && segs[i+1] != "nodePools" && segs[i+1] != "peerings" && segs[i+1] != "routes" && segs[i+1] != "rules" {
			depth = i + 1
			break
		}
		depth = i + 1
	}
	if depth == 0 || depth > len(segs) {
		return "", lastWords(segs)
	}
	subject = Describe(doc, labels, "/"+strings.Join(segs[:depth], "/"))
	rest := segs[depth:]
	if len(rest) == 0 {
		return subject, "properties"
	}
	return subject, lastWords(rest)
}

// lastWords names a field by its last segment that is not an index.
func lastWords(segs []string) string {
	for i := len(segs) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(segs[i]); err == nil {
			continue
		}
		if w, ok := fieldNames[segs[i]]; ok {
			return w
		}
		return segs[i]
	}
	return "value"
}
