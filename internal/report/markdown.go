package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

// Markdown is the --format value of the review report. Unlike the other formats it needs
// each document's summary (Report.Summaries).
const Markdown = "markdown"

// WriteMarkdown writes the review report in GitHub-flavoured Markdown: per document its
// clusters (network model, settings, pools, pod CIDR), subnets (usable addresses against
// what the pools need), an address map and the unresolved values; then the findings of r
// by level. Every number comes from the summaries; output is deterministic.
func WriteMarkdown(w io.Writer, r Report, summaries []engine.Summary, opt Options) error {
	bw := bufio.NewWriter(w)
	m := mdWriter{w: bw, rules: map[string]finding.Rule{}}
	for _, rule := range r.Rules {
		m.rules[rule.ID] = rule
	}
	docs := slices.Clone(summaries)
	slices.SortStableFunc(docs, func(a, b engine.Summary) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.ParameterFile, b.ParameterFile))
	})
	m.intro(r, docs, opt)
	for _, d := range docs {
		m.document(d)
	}
	m.findings(r)
	return bw.Flush()
}

type mdWriter struct {
	w     *bufio.Writer
	rules map[string]finding.Rule
}

func (m *mdWriter) line(parts ...string) {
	for _, p := range parts {
		m.w.WriteString(p)
	}
	m.w.WriteByte('\n')
}

func (m *mdWriter) intro(r Report, docs []engine.Summary, opt Options) {
	clusters := 0
	for _, d := range docs {
		clusters += len(d.Clusters)
	}
	m.line("# AKS network review")
	m.line()
	by := "aksnet-lint"
	if opt.ToolVersion != "" {
		by += " " + opt.ToolVersion
	}
	m.line("Reviewed by ", text(by), ": ", plural(len(docs), "network document"), " with ", plural(clusters, "cluster"),
		"; ", text(summarize(r.Findings).line(r.Files)), ", listed at the end.")
	m.line()
	m.line("How to read it:")
	m.line()
	m.line("- *(default)* marks a value the input does not state: the AKS default applies. An *unresolved* value is not known statically and is never guessed; the numbers that need it are *unknown*.")
	m.line("- Needs: **Deploy** is every pool at its node count; **Max** puts autoscaling pools at their maxCount (what AKSNET201, 203 and 205 check); **+ surge** adds each pool's upgrade surge nodes (AKSNET202, 204 and 206; pod subnets at full pod density). A need in bold is more than the range holds.")
	m.line("- **More nodes fit** is how many nodes can still be added at Max.")
	m.line("- The address map draws each IPv4 range to scale, one row each: █ its addresses, ▓ addresses it shares with another range (other than a subnet with its own VNet, or ranges private to different clusters).")
	m.line()
}

var kindNames = map[string]string{"arm": "ARM template", "bicep": "Compiled Bicep", "azcli": "az CLI script"}

func (m *mdWriter) document(d engine.Summary) {
	heading := "## " + code(d.File)
	if d.ParameterFile != "" {
		heading += " with " + code(d.ParameterFile)
	}
	m.line(heading)
	m.line()
	kind := kindNames[string(d.Kind)]
	if kind == "" {
		kind = string(d.Kind)
	}
	m.line(text(kind), ": ", plural(len(d.Clusters), "cluster"), ", ", plural(len(d.Subnets), "subnet"), ".")
	m.line()
	if d.Error != "" {
		m.line("The summary could not be computed: ", text(d.Error))
		m.line()
		return
	}
	for _, c := range d.Clusters {
		m.cluster(c)
	}
	m.subnets(d.Subnets)
	m.addressMap(d.Ranges)
	m.unresolved(d.Unresolved)
}

func (m *mdWriter) cluster(c engine.ClusterSummary) {
	m.line("### Cluster ", code(c.Name))
	m.line()
	if c.Existing {
		m.line("This input changes an existing cluster: the settings it does not state are not known here.")
		m.line()
	}
	m.line("| Setting | Value |")
	m.line("|---|---|")
	m.row("network model", modelText(c.Model))
	for _, s := range c.Settings {
		m.row(text(s.Name), settingText(s))
	}
	m.line()
	if len(c.Pools) == 0 {
		m.line("No node pool in this input.")
		m.line()
	} else {
		m.line("| Pool | Mode | OS | Nodes | Autoscaler | maxPods | maxSurge | Node subnet | Pod subnet |")
		m.line("|---|---|---|--:|---|--:|---|---|---|")
		for _, p := range c.Pools {
			m.pool(p)
		}
		m.line()
	}
	if pc := c.PodCIDR; pc != nil {
		m.line("| Pod CIDR | /24 node blocks | Deploy | Deploy + surge | Max | Max + surge | More nodes fit |")
		m.line("|---|--:|--:|--:|--:|--:|---|")
		blocks := pc.Blocks
		m.row(code(pc.CIDR), strconv.Itoa(pc.Blocks), needText(pc.Deploy, &blocks), needText(pc.DeploySurge, &blocks),
			needText(pc.Max, &blocks), needText(pc.MaxSurge, &blocks), moreNodesText(pc.MoreNodes, "node block", "node blocks"))
		m.line()
	}
}

func (m *mdWriter) pool(p engine.PoolSummary) {
	s := p.Settings
	name := p.Name
	if name == "" {
		name = "(no name)"
	}
	podSubnet := settingText(s["podSubnet"])
	if mode := s["podIPAllocationMode"]; mode.State != "absent" && mode.State != "" {
		podSubnet += " (" + settingText(mode) + ")"
	}
	m.row(code(name), settingText(s["mode"]), settingText(s["osType"]), settingText(s["count"]),
		autoscalerText(s), settingText(s["maxPods"]), surgeText(p), settingText(s["vnetSubnet"]), podSubnet)
}

// autoscalerText is "off", "2 to 5", or what is unknown about it.
func autoscalerText(s map[string]engine.Setting) string {
	on := s["enableAutoScaling"]
	switch {
	case on.State == "unresolved":
		return settingText(on)
	case on.Value != true:
		return "off"
	}
	return settingText(s["minCount"]) + " to " + settingText(s["maxCount"])
}

// surgeText is the maxSurge setting and the surge nodes it gives: "10% (default): 1 node".
func surgeText(p engine.PoolSummary) string {
	out := settingText(p.Settings["maxSurge"])
	d, mx := p.SurgeNodes.Deploy, p.SurgeNodes.Max
	switch {
	case d != nil && mx != nil && *d != *mx:
		out += fmt.Sprintf(": %s (%d at maxCount)", plural(*d, "node"), *mx)
	case d != nil:
		out += ": " + plural(*d, "node")
	case mx != nil:
		out += fmt.Sprintf(": %d at maxCount", *mx)
	}
	return out
}

func (m *mdWriter) subnets(subnets []engine.SubnetSummary) {
	if len(subnets) == 0 {
		return
	}
	m.line("### Subnets")
	m.line()
	m.line("| Subnet | Prefixes | Usable | Used by | Deploy | Deploy + surge | Max | Max + surge | More nodes fit |")
	m.line("|---|---|--:|---|--:|--:|--:|--:|---|")
	for _, s := range subnets {
		prefixes := settingText(s.Prefixes)
		if !s.Declared && s.Prefixes.State == "absent" {
			prefixes = "not in this input"
		}
		usable := "unknown"
		if s.Usable != nil {
			usable = strconv.Itoa(*s.Usable)
		}
		if len(s.Uses) == 0 {
			m.row(code(cmp.Or(s.Label, s.Key)), prefixes, usable, "no node pool of this input", "—", "—", "—", "—", "—")
			continue
		}
		for _, u := range s.Uses {
			if u.Role != "node" && u.Role != "pod" {
				m.row(code(cmp.Or(s.Label, s.Key)), prefixes, usable, usersText(u), "—", "—", "—", "—", "—")
				continue
			}
			m.row(code(cmp.Or(s.Label, s.Key)), prefixes, usable, usersText(u), needText(u.Deploy, s.Usable), needText(u.DeploySurge, s.Usable),
				needText(u.Max, s.Usable), needText(u.MaxSurge, s.Usable), moreNodesText(u.MoreNodes, "address", "addresses"))
		}
	}
	m.line()
}

var roleNames = map[string]string{"node": "nodes of", "pod": "pods of", "apiserver": "API server of", "virtualnodes": "virtual nodes of"}

func usersText(u engine.SubnetUse) string {
	names := make([]string, len(u.Users))
	for i, n := range u.Users {
		names[i] = code(n)
	}
	out := cmp.Or(roleNames[u.Role], text(u.Role)) + " " + strings.Join(names, ", ")
	if !u.Complete {
		out += ", and maybe pools whose subnet is unresolved"
	}
	return out
}

// needText is a number of addresses (or nodes), bold when more than available holds.
func needText(n, available *int) string {
	switch {
	case n == nil:
		return "unknown"
	case available != nil && *n > *available:
		return "**" + strconv.Itoa(*n) + "**"
	}
	return strconv.Itoa(*n)
}

// moreNodesText renders how many more nodes fit; unit (units) names what is short
// otherwise.
func moreNodesText(mn *engine.MoreNodes, unit, units string) string {
	switch {
	case mn == nil:
		return "unknown"
	case mn.Short != nil:
		if *mn.Short == 1 {
			return "none: 1 " + unit + " short"
		}
		return fmt.Sprintf("none: %d %s short", *mn.Short, units)
	case mn.Min == nil || mn.Max == nil:
		return "unknown"
	}
	out := strconv.Itoa(*mn.Min)
	if *mn.Max != *mn.Min {
		out += " to " + strconv.Itoa(*mn.Max)
	}
	switch per := mn.PerNode; {
	case len(per) == 1 && per[0] > 1:
		out += fmt.Sprintf(" (%d addresses each)", per[0])
	case len(per) > 1:
		out += fmt.Sprintf(" (%d to %d addresses each, by pool)", per[0], per[len(per)-1])
	}
	return out
}

func (m *mdWriter) addressMap(ranges []engine.AddressRange) {
	v4, v6 := mapRanges(ranges)
	if len(v4) == 0 && len(v6) == 0 {
		return
	}
	m.line("### Address map")
	m.line()
	if lines := drawMap(v4, mapWidth); len(lines) > 0 {
		block := strings.Join(lines, "\n")
		fence := strings.Repeat("`", max(3, longestRun(block, '`')+1))
		m.line(fence, "text")
		m.line(block)
		m.line(fence)
		m.line()
	}
	if len(v6) > 0 {
		m.line("IPv6 ranges, listed rather than drawn:")
		m.line()
		for _, r := range v6 {
			item := "- " + code(r.CIDR) + " " + text(r.Label)
			if len(r.Overlaps) > 0 {
				var names []string
				for _, o := range r.Overlaps {
					names = append(names, text(o.Label)+" "+code(o.CIDR))
				}
				item += ", overlaps " + strings.Join(names, ", ")
			}
			m.line(item)
		}
		m.line()
	}
}

func (m *mdWriter) unresolved(us []engine.UnresolvedValue) {
	if len(us) == 0 {
		return
	}
	m.line("### Unresolved values")
	m.line()
	m.line("| Setting | Where | Expression | Reason |")
	m.line("|---|---|---|---|")
	for _, u := range us {
		m.row(code(u.Setting), code(position(u.Location)), code(u.Expression), text(u.Reason))
	}
	m.line()
}

var levelTitles = []struct {
	level finding.Level
	title string
}{{finding.Error, "Errors"}, {finding.Warning, "Warnings"}, {finding.Note, "Notes"}}

func (m *mdWriter) findings(r Report) {
	m.line("## Findings")
	m.line()
	m.line(text(summarize(r.Findings).line(r.Files)), ".")
	m.line()
	for _, lt := range levelTitles {
		var fs []finding.Finding
		for _, f := range r.Findings {
			if f.Suppression == nil && f.Level == lt.level {
				fs = append(fs, f)
			}
		}
		m.findingList(fmt.Sprintf("%s (%d)", lt.title, len(fs)), fs)
	}
	var suppressed []finding.Finding
	for _, f := range r.Findings {
		if f.Suppression != nil {
			suppressed = append(suppressed, f)
		}
	}
	m.findingList(fmt.Sprintf("Suppressed (%d)", len(suppressed)), suppressed)
}

func (m *mdWriter) findingList(title string, fs []finding.Finding) {
	if len(fs) == 0 {
		return
	}
	m.line("### ", title)
	m.line()
	for _, f := range fs {
		item := "- " + code(position(f.Location)) + " " + text(f.Message) + " (" + m.ruleRef(f.RuleID) + ")"
		if f.Suppression != nil {
			item += "; suppressed: " + text(f.Suppression.Justification)
		}
		m.line(item)
		for _, rel := range f.Related {
			m.line("  - ", code(position(rel.Location)), " ", text(rel.Message))
		}
	}
	m.line()
}

// ruleRef is the rule ID, linked to its documentation when that is an https page.
func (m *mdWriter) ruleRef(id string) string {
	if uri := m.rules[id].HelpURI(); strings.HasPrefix(uri, "https://") && !strings.ContainsAny(uri, " ()<>") {
		return "[" + text(id) + "](" + uri + ")"
	}
	return text(id)
}

// row writes one table row; cells are Markdown already, and a | in them is escaped so
// that it cannot end the cell (GitHub requires this inside code spans too).
func (m *mdWriter) row(cells ...string) {
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(c, "|", `\|`)
	}
	m.line("| ", strings.Join(cells, " | "), " |")
}

// --- values ---------------------------------------------------------------------------

func modelText(s engine.Setting) string {
	if s.State == "stated" {
		return text(s.Label)
	}
	if s.Expression != "" {
		return "unknown: unresolved " + code(shorten(s.Expression))
	}
	return "unknown: " + text(s.Reason)
}

// settingText renders a value with how it is known: `azure`, `10.0.0.0/16` (default),
// unresolved: `[parameters('x')]`, not set.
func settingText(s engine.Setting) string {
	var out string
	switch s.State {
	case "stated", "default":
		out = valueText(s.Value)
		if s.State == "default" {
			out += " (default)"
		}
	case "unresolved":
		if s.Expression != "" {
			out = "unresolved: " + code(shorten(s.Expression))
		} else {
			out = "unresolved: " + text(s.Reason)
		}
		if s.Value != nil {
			out += " (partly known: " + valueText(s.Value) + ")"
		}
	default:
		out = "not set"
	}
	if s.Note != "" {
		out += ", " + text(s.Note)
	}
	return out
}

func valueText(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = valueText(e)
		}
		return strings.Join(parts, ", ")
	case string:
		return code(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case nil:
		return "not set"
	default:
		return code(fmt.Sprint(x))
	}
}

// maxCellExpression is the longest expression shown in a table cell (in code points); the
// unresolved values table has the whole of it.
const maxCellExpression = 60

func shorten(expr string) string {
	if rs := []rune(expr); len(rs) > maxCellExpression {
		return string(rs[:maxCellExpression-1]) + "…"
	}
	return expr
}

// --- Markdown escaping -------------------------------------------------------------------

// Names, messages and expressions come from untrusted inputs: they are escaped so that
// they render as the text they are, never as links, HTML or formatting.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"~", `\~`, "&", `\&`, "#", `\#`,
)

// text is s as inline Markdown text on one line.
func text(s string) string { return mdEscaper.Replace(oneLine(s)) }

// code is s as an inline code span, with a fence longer than any backtick run in s.
func code(s string) string {
	s = oneLine(s)
	if s == "" {
		return "—"
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// oneLine replaces line breaks by spaces, and control and bidirectional formatting
// characters (which could make text read other than it is) by U+FFFD.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r), isBidiControl(r):
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

func longestRun(s string, c rune) int {
	longest, run := 0, 0
	for _, r := range s {
		if r == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
