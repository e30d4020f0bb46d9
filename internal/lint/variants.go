package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Variants: a reusable template is deployed with values that are not in the
// repository. A parameter that declares what it allows (allowedValues, minValue,
// maxValue; Bicep's @allowed, @minValue, @maxValue) and whose value reaches a network
// field is set, one parameter at a time, to each value it allows or to the bound
// that stresses the network, the others keeping the values of the run (defaults and
// the parameter file in use), and the document is evaluated again. A finding that
// only a variant has is reported, at warning level at most, naming the value.
// docs/usage.md (Variants) states the order and the limits.

// Variant modes (--variants, the variants setting).
const (
	VariantsOff    = "off"
	VariantsBounds = "bounds" // only minValue and maxValue
	VariantsAll    = "all"    // bounds and allowed values (the default)
)

// maxVariants is the number of variants evaluated for one template and parameter
// file; the others are named in a note.
const maxVariants = 32

// maxVariantReads bounds the extractions of one template and parameter file for its
// variants: a probe per parameter and a read per value tried.
const maxVariantReads = 4 * maxVariants

// variantBudget is the wall time all the variants of one document may take together
// (FileTimeBudget; tests lengthen it): past it, the rest are left out and named in the
// note, so a document near its own budget does not take 32 times as long.
var variantBudget = FileTimeBudget

// variantNoteID is the rule of the note that names the variants left out: AKSNET901,
// a value not checked, which keeps the rule catalog as it is.
const variantNoteID = "AKSNET901"

// variantCandidate is one value to try: parameter b set to value, described by why.
type variantCandidate struct {
	b     armeval.Bounded
	value any
	why   string
}

// variantMode is the mode of a run: the option, else the configuration, else all.
func variantMode(opt, cfg string) string {
	switch {
	case opt != "":
		return opt
	case cfg != "":
		return cfg
	}
	return VariantsAll
}

// variants evaluates the variants of document r, whose own findings are base, and
// returns the findings only variants have.
func (w *worker) variants(ctx context.Context, eng *engine.Engine, r extract.Result, base []finding.Finding) []finding.Finding {
	mode := w.plan.variants
	if mode == VariantsOff || r.Variant == nil || len(r.Bounded) == 0 {
		return nil
	}
	// All the variants of a document share one time budget: past it, the rest are
	// left out and named in the note.
	deadline := time.Now().Add(variantBudget)
	baseFields := netFields(r.Doc)
	reads := 0
	// A variant is joined with the run's network index as its document was (join.go):
	// only a document that waited for the index meets it complete, so a variant that
	// would need it when its document did not is left out (ok false), never joined
	// with a part of the index.
	baseWaits := w.join.waits(r.Doc)
	read := func(o armeval.Override) (extract.Result, bool) {
		reads++
		v := r.Variant(o)
		if w.join.waits(v.Doc) {
			if !baseWaits {
				return v, false
			}
			w.join.join(v)
		}
		w.complete(v)
		return v, true
	}
	var cands []variantCandidate
	var unprobed []armeval.Bounded
	for _, b := range r.Bounded {
		bounds := b.Min != nil || b.Max != nil
		allowed := mode == VariantsAll && len(b.Allowed) > 0
		if b.Pinned || !b.Read || (!bounds && !allowed) {
			continue
		}
		if reads == maxVariantReads || time.Now().After(deadline) || ctx.Err() != nil {
			unprobed = append(unprobed, b)
			continue
		}
		probe, ok := read(armeval.Override{Name: b.Name, Value: armeval.Probe()})
		if !ok {
			continue
		}
		changed := changedFields(baseFields, netFields(probe.Doc))
		if len(changed) == 0 {
			continue // its value reaches no network field
		}
		cands = append(cands, candidatesOf(b, bounds, allowed, slices.ContainsFunc(changed, isAddressField))...)
	}
	seen := map[variantKey]bool{}
	for _, f := range base {
		seen[keyOf(f)] = true
	}
	var out []finding.Finding
	evaluated, left := 0, 0
	var firstLeft *variantCandidate
	for i := range cands {
		c := &cands[i]
		if evaluated == maxVariants || reads == maxVariantReads || time.Now().After(deadline) || ctx.Err() != nil {
			left++
			if firstLeft == nil {
				firstLeft = c
			}
			continue
		}
		v, ok := read(armeval.Override{Name: c.b.Name, Value: c.value})
		if !ok || reflect.DeepEqual(netFields(v.Doc), baseFields) {
			continue // the value changes no network field: nothing to evaluate
		}
		evaluated++
		fs, err := evalWithin(ctx, eng, engine.Input{Doc: v.Doc, Locs: v.Locs}, max(time.Until(deadline), time.Millisecond))
		if err != nil {
			continue
		}
		for _, f := range fs {
			k := keyOf(f)
			// Left out: the variant's diagnostics (what it leaves unknown), its notes
			// (advice on a value nobody chose), and what the run reports already.
			if strings.HasPrefix(f.RuleID, "AKSNET9") || f.Level == finding.Note || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, variantFinding(f, *c))
		}
	}
	for _, b := range unprobed {
		left++
		if firstLeft == nil {
			firstLeft = &variantCandidate{b: b}
		}
	}
	if left > 0 {
		out = append(out, variantNote(eng, r.Doc.File, evaluated, left, *firstLeft))
	}
	return out
}

// candidatesOf are the values to try for parameter b, in order: the bound that
// stresses the network (the minimum when the parameter reaches an address range, a
// prefix length; else the maximum: counts, maxPods), then the allowed values in the
// order written; never the value of the run, and each value once.
func candidatesOf(b armeval.Bounded, bounds, allowed, address bool) []variantCandidate {
	var out []variantCandidate
	add := func(v any, why string) {
		if sameValue(v, b.Value) || slices.ContainsFunc(out, func(c variantCandidate) bool { return sameValue(c.value, v) }) {
			return
		}
		out = append(out, variantCandidate{b: b, value: v, why: why})
	}
	if bounds {
		switch {
		case address && b.Min != nil:
			add(*b.Min, "its allowed minimum")
		case !address && b.Max != nil:
			add(*b.Max, "its allowed maximum")
		}
	}
	if allowed {
		for _, v := range b.Allowed {
			if v != nil {
				add(v, "an allowed value")
			}
		}
	}
	return out
}

// sameValue compares parameter values; strings as ARM compares allowed values, case
// insensitively.
func sameValue(a, b any) bool {
	if sa, ok := a.(string); ok {
		sb, ok := b.(string)
		return ok && strings.EqualFold(sa, sb)
	}
	return reflect.DeepEqual(a, b)
}

// variantKey is what makes a variant's finding one the run already has: the same rule
// at the same place about the same thing, whatever the numbers in its message.
type variantKey struct {
	rule, logical string
	loc           netdoc.Location
}

func keyOf(f finding.Finding) variantKey {
	return variantKey{rule: f.RuleID, logical: f.LogicalLocation, loc: f.Location}
}

// variantFinding is a variant's finding as reported: its message names the value, its
// level is at most a warning, and the parameter's declaration is a related location.
func variantFinding(f finding.Finding, c variantCandidate) finding.Finding {
	f.Message = "if " + c.b.Name + " is " + showValue(c.value) + " (" + c.why + "), " + f.Message
	f.Variant = &finding.Variant{Parameter: c.b.Name, Value: c.value}
	f = capVariant(f)
	decl := "parameter " + quoteName(c.b.Name) + " is declared here"
	switch c.why {
	case "its allowed maximum":
		decl += ", with maxValue " + showValue(c.value)
	case "its allowed minimum":
		decl += ", with minValue " + showValue(c.value)
	default:
		decl += ", allowing " + showValue(c.value)
	}
	f.Related = append(slices.Clip(f.Related), netdoc.Related{Location: c.b.Decl, Message: decl})
	return f
}

// capVariant keeps a variant's finding at warning level at most: it holds for a value
// the template allows, not for the one it is given.
func capVariant(f finding.Finding) finding.Finding {
	if f.Variant != nil && f.Level == finding.Error {
		f.Level = finding.Warning
	}
	return f
}

// variantNote names the variants left out: left values from c on.
func variantNote(eng *engine.Engine, file string, evaluated, left int, c variantCandidate) finding.Finding {
	rule, _ := eng.Rule(variantNoteID)
	loc := c.b.Decl
	if loc.File == "" {
		loc = netdoc.Location{File: file, Line: 1, Column: 1}
	}
	msg := fmt.Sprintf("%d more variants of this template's parameter values were possible and not evaluated, from parameter %s on (%d evaluated; at most %d a template and parameter file, in declaration order, within the time budget): findings that only those values give are not reported",
		left, quoteName(c.b.Name), evaluated, maxVariants)
	return finding.Finding{RuleID: variantNoteID, Rule: rule.Name, Level: finding.Note, Message: msg, Location: loc}
}

func quoteName(s string) string { return "'" + s + "'" }

// showValue writes a parameter value as a message shows it: strings quoted, numbers
// and other values as JSON.
func showValue(v any) string {
	switch x := v.(type) {
	case string:
		return quoteName(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// netFields are the network fields of a document a variant may change, by JSON
// pointer: node counts, autoscaler bounds, maxPods, plugin, plugin mode, policy,
// dataplane, outbound type, the address ranges; the number of clusters, node pools,
// VNets and subnets; and "?" for each of these fields that is not known.
func netFields(d *netdoc.Document) map[string]string {
	m := map[string]string{}
	put := func(ptr string, v any) {
		switch x := v.(type) {
		case string:
			if x != "" {
				m[ptr] = x
			}
		case []string:
			if len(x) > 0 {
				m[ptr] = strings.Join(x, ",")
			}
		case *int:
			if x != nil {
				m[ptr] = strconv.Itoa(*x)
			}
		case *bool:
			if x != nil {
				m[ptr] = strconv.FormatBool(*x)
			}
		}
	}
	m["#clusters"] = strconv.Itoa(len(d.Clusters))
	for i, c := range d.Clusters {
		p := "/clusters/" + strconv.Itoa(i)
		np := c.NetworkProfile
		put(p+"/networkProfile/networkPlugin", np.NetworkPlugin)
		put(p+"/networkProfile/networkPluginMode", np.NetworkPluginMode)
		put(p+"/networkProfile/networkPolicy", np.NetworkPolicy)
		put(p+"/networkProfile/networkDataplane", np.NetworkDataplane)
		put(p+"/networkProfile/outboundType", np.OutboundType)
		put(p+"/networkProfile/podCidrs", np.PodCidrs)
		put(p+"/networkProfile/serviceCidrs", np.ServiceCidrs)
		put(p+"/networkProfile/dnsServiceIP", np.DNSServiceIP)
		m[p+"#nodePools"] = strconv.Itoa(len(c.NodePools))
		for j, n := range c.NodePools {
			q := p + "/nodePools/" + strconv.Itoa(j)
			put(q+"/count", n.Count)
			put(q+"/enableAutoScaling", n.EnableAutoScaling)
			put(q+"/minCount", n.MinCount)
			put(q+"/maxCount", n.MaxCount)
			put(q+"/maxPods", n.MaxPods)
		}
	}
	m["#virtualNetworks"] = strconv.Itoa(len(d.VirtualNetworks))
	for i, v := range d.VirtualNetworks {
		put("/virtualNetworks/"+strconv.Itoa(i)+"/addressPrefixes", v.AddressPrefixes)
	}
	m["#subnets"] = strconv.Itoa(len(d.Subnets))
	for i, s := range d.Subnets {
		put("/subnets/"+strconv.Itoa(i)+"/addressPrefixes", s.AddressPrefixes)
	}
	for _, u := range d.Unresolved {
		if isNetField(u.Pointer) {
			m["?"+u.Pointer] = "?"
		}
	}
	return m
}

// netFieldNames are the last segments of the fields netFields reads.
var netFieldNames = map[string]bool{
	"networkPlugin": true, "networkPluginMode": true, "networkPolicy": true, "networkDataplane": true,
	"outboundType": true, "podCidrs": true, "podCidr": true, "serviceCidrs": true, "serviceCidr": true,
	"dnsServiceIP": true, "count": true, "enableAutoScaling": true, "minCount": true, "maxCount": true,
	"maxPods": true, "addressPrefixes": true, "addressPrefix": true,
}

// isNetField reports whether an unresolved value's pointer is one of the network
// fields or holds them (a cluster, a node pool, a subnet whose existence or copy
// count is not known).
func isNetField(ptr string) bool {
	seg := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	switch seg[0] {
	case "clusters", "virtualNetworks", "subnets":
	default:
		return false
	}
	for _, s := range seg[1:] {
		if netFieldNames[s] {
			return true
		}
	}
	// A whole cluster, node pool, VNet or subnet: /clusters/0, /clusters/0/nodePools/1.
	last := seg[len(seg)-1]
	if _, err := strconv.Atoi(last); err == nil || last == "nodePools" || len(seg) == 1 {
		return true
	}
	return false
}

// changedFields are the fields whose value differs between two projections.
func changedFields(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// isAddressField reports a field that is an address range: what a prefix length
// reaches.
func isAddressField(ptr string) bool {
	for _, s := range []string{"Cidrs", "Cidr", "dnsServiceIP", "addressPrefixes", "addressPrefix"} {
		if strings.Contains(ptr, s) {
			return true
		}
	}
	return false
}
