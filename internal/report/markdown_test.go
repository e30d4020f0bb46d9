package report

import (
	"bufio"
	"bytes"
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/lint"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func row(label, cidr string, shared ...string) mapRange {
	r := mapRange{Label: label, Prefix: netip.MustParsePrefix(cidr)}
	for _, s := range shared {
		r.Shared = append(r.Shared, netip.MustParsePrefix(s))
	}
	return r
}

// TestBars draws single rows on an 8-cell scale.
func TestBars(t *testing.T) {
	tests := []struct {
		name string
		span []mapRange // the rows that set the scale
		row  mapRange
		want string
	}{
		{"whole span", []mapRange{row("v", "10.0.0.0/16")}, row("v", "10.0.0.0/16"), "████████"},
		{"first half", []mapRange{row("v", "10.0.0.0/16")}, row("s", "10.0.0.0/17"), "████····"},
		{"third quarter", []mapRange{row("v", "10.0.0.0/16")}, row("s", "10.0.128.0/18"), "····██··"},
		{"tiny range is still one cell", []mapRange{row("v", "10.0.0.0/8")}, row("s", "10.0.0.0/32"), "█·······"},
		{"tiny range at the very end", []mapRange{row("v", "10.0.0.0/8")}, row("s", "10.255.255.255/32"), "·······█"},
		{"tiny range inside a cell", []mapRange{row("v", "10.0.0.0/16")}, row("s", "10.0.65.0/24"), "··█·····"},
		{"scale is the span of all rows", []mapRange{row("a", "10.0.0.0/17"), row("b", "10.0.128.0/17")}, row("b", "10.0.128.0/17"), "····████"},
		{"shared addresses marked", []mapRange{row("v", "10.0.0.0/16")}, row("svc", "10.0.0.0/17", "10.0.64.0/18"), "██▓▓····"},
		{"shared with a larger range: all of it", []mapRange{row("v", "10.0.0.0/16")}, row("s", "10.0.0.0/18", "10.0.0.0/16"), "▓▓······"},
		{"tiny overlap still marked", []mapRange{row("v", "10.0.0.0/16")}, row("s", "10.0.0.0/17", "10.0.127.255/32"), "███▓····"},
		{"disjoint partner marks nothing", []mapRange{row("v", "10.0.0.0/16")}, row("s", "10.0.0.0/17", "10.0.128.0/17"), "████····"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := spanOf(tt.span, 8).bar(tt.row); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDrawMap(t *testing.T) {
	rows := []mapRange{
		row("VNet v", "10.0.0.0/16"),
		row("service CIDR", "10.0.0.0/17", "10.0.0.0/24"),
		row("subnet v/a", "10.0.0.0/24", "10.0.0.0/17"),
		row("pod CIDR", "192.168.0.0/16"),
	}
	rows[1].Note, rows[2].Note = "overlaps subnet v/a 10.0.0.0/24", "overlaps service CIDR 10.0.0.0/17"
	want := []string{
		"                               10.0.0.0 10.0.255.255",
		"VNet v        10.0.0.0/16     |████████████████|",
		"service CIDR  10.0.0.0/17     |▓███████········| overlaps subnet v/a 10.0.0.0/24",
		"subnet v/a    10.0.0.0/24     |▓···············| overlaps service CIDR 10.0.0.0/17",
		"",
		"                               192.168.0.0 192.168.255.255",
		"pod CIDR      192.168.0.0/16  |████████████████|",
	}
	got := drawMap(rows, 16)
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestIslands: ranges that share no address go to separate maps, each on its own scale.
func TestIslands(t *testing.T) {
	rows := []mapRange{
		row("a", "10.0.0.0/16"), row("a1", "10.0.1.0/24"), row("a2", "10.0.255.0/24"),
		row("b", "10.1.0.0/16"), // adjacent to a, sharing nothing
		row("c", "10.2.0.0/24"), row("c-wide", "10.2.0.0/23"),
	}
	var sizes []int
	for _, g := range islands(rows) {
		sizes = append(sizes, len(g))
	}
	if !slices.Equal(sizes, []int{3, 1, 2}) {
		t.Errorf("islands of %v, want [3 1 2]", sizes)
	}
}

func TestMapRangesOrderAndIPv6(t *testing.T) {
	v4, v6 := mapRanges([]engine.AddressRange{
		{Kind: "subnet", Label: "subnet v/b", CIDR: "10.0.1.0/24", Family: "IPv4"},
		{Kind: "subnet", Label: "subnet v/six", CIDR: "fd00::/64", Family: "IPv6"},
		{Kind: "service", Label: "service CIDR", CIDR: "10.0.0.0/16", Family: "IPv4", Overlaps: []engine.RangeRef{{Label: "subnet v/b", CIDR: "10.0.1.0/24"}, {Label: "VNet v", CIDR: "10.0.0.0/16"}}},
		{Kind: "vnet", Label: "VNet v", CIDR: "10.0.0.0/16", Family: "IPv4"},
		{Kind: "subnet", Label: "subnet v/a", CIDR: "10.0.0.0/24", Family: "IPv4"},
	})
	var labels []string
	for _, r := range v4 {
		labels = append(labels, r.Label)
	}
	// a container before what it contains; a VNet before a service CIDR of the same range
	if want := []string{"VNet v", "service CIDR", "subnet v/a", "subnet v/b"}; !slices.Equal(labels, want) {
		t.Errorf("order %v, want %v", labels, want)
	}
	if v4[1].Note != "overlaps VNet v 10.0.0.0/16, subnet v/b 10.0.1.0/24" || len(v4[1].Shared) != 2 {
		t.Errorf("service CIDR row: %+v", v4[1])
	}
	if len(v6) != 1 || v6[0].CIDR != "fd00::/64" {
		t.Errorf("IPv6 ranges: %+v", v6)
	}
}

func TestCutMiddle(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"subnet vnet/agsn-copyindex(0)", 12, "subnet…ex(0)"},
		{"日本語のサブネット名前", 9, "日本…名前"},
	}
	for _, tt := range tests {
		got := cutMiddle(tt.in, tt.n)
		if got != tt.want || widths.StringWidth(got) > tt.n {
			t.Errorf("cutMiddle(%q, %d) = %q (%d cells), want %q", tt.in, tt.n, got, widths.StringWidth(got), tt.want)
		}
	}
}

// TestEscaping: names and messages from untrusted inputs render as the text they are.
func TestEscaping(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"link", text("[click](https://evil)"), `\[click\](https://evil)`},
		{"html", text("<img src=x onerror=alert(1)>"), `\<img src=x onerror=alert(1)\>`},
		{"emphasis", text("*a* _b_ ~c~"), `\*a\* \_b\_ \~c\~`},
		{"entity", text("&lt;"), `\&lt;`},
		{"line break", text("a\nb\r\n# heading"), `a b  \# heading`},
		{"bidi override", text("abc\u202edcba"), "abc\ufffddcba"},
		{"code", code("10.0.0.0/16"), "`10.0.0.0/16`"},
		{"code with backticks", code("a`b``c"), "```a`b``c```"},
		{"code starting with a backtick", code("`x"), "`` `x ``"},
		{"empty code", code(""), "—"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	var b bytes.Buffer
	m := mdWriter{w: bufio.NewWriter(&b)}
	m.row(code("a|b"), text("c|d"))
	m.w.Flush()
	if got, want := b.String(), "| `a\\|b` | c\\|d |\n"; got != want {
		t.Errorf("row: got %q, want %q", got, want)
	}
}

func TestCellTexts(t *testing.T) {
	n := func(v int) *int { return &v }
	tests := []struct {
		name, got, want string
	}{
		{"unknown need", needText(nil, n(10)), "unknown"},
		{"need that fits", needText(n(10), n(10)), "10"},
		{"need over", needText(n(11), n(10)), "**11**"},
		{"need, capacity unknown", needText(n(11), nil), "11"},
		{"more nodes unknown", moreNodesText(nil, "address", "addresses"), "unknown"},
		{"more nodes", moreNodesText(&engine.MoreNodes{Min: n(5), Max: n(5), PerNode: []int{31}}, "address", "addresses"), "5 (31 addresses each)"},
		{"more nodes, one address each", moreNodesText(&engine.MoreNodes{Min: n(248), Max: n(248), PerNode: []int{1}}, "address", "addresses"), "248"},
		{"more nodes by pool", moreNodesText(&engine.MoreNodes{Min: n(2), Max: n(19), PerNode: []int{31, 301}}, "address", "addresses"), "2 to 19 (31 to 301 addresses each, by pool)"},
		{"short", moreNodesText(&engine.MoreNodes{Short: n(579)}, "address", "addresses"), "none: 579 addresses short"},
		{"one short", moreNodesText(&engine.MoreNodes{Short: n(1)}, "node block", "node blocks"), "none: 1 node block short"},
		{"stated", settingText(engine.Setting{State: "stated", Value: "azure"}), "`azure`"},
		{"default list", settingText(engine.Setting{State: "default", Value: []any{"10.0.0.0/16"}}), "`10.0.0.0/16` (default)"},
		{"number", settingText(engine.Setting{State: "stated", Value: float64(30)}), "30"},
		{"unresolved", settingText(engine.Setting{State: "unresolved", Expression: "[parameters('x')]"}), "unresolved: `[parameters('x')]`"},
		{"partly unresolved", settingText(engine.Setting{State: "unresolved", Value: []any{"10.0.0.0/24"}, Expression: "$PREFIX"}), "unresolved: `$PREFIX` (partly known: `10.0.0.0/24`)"},
		{"long expression", settingText(engine.Setting{State: "unresolved", Expression: "[" + strings.Repeat("x", 70) + "]"}), "unresolved: `[" + strings.Repeat("x", 58) + "…`"},
		{"unresolved without expression", settingText(engine.Setting{State: "unresolved", Reason: "an external subnet"}), "unresolved: an external subnet"},
		{"absent", settingText(engine.Setting{State: "absent"}), "not set"},
		{"note", settingText(engine.Setting{State: "stated", Value: []any{"10.244.0.0/16"}, Note: "ignored by this network model"}), "`10.244.0.0/16`, ignored by this network model"},
		{"model", modelText(engine.Setting{State: "stated", Label: "Azure CNI Overlay"}), "Azure CNI Overlay"},
		{"model unknown", modelText(engine.Setting{State: "unknown", Expression: "[parameters('plugin')]"}), "unknown: unresolved `[parameters('plugin')]`"},
		{"autoscaler off", autoscalerText(map[string]engine.Setting{"enableAutoScaling": {State: "absent"}}), "off"},
		{"autoscaler", autoscalerText(map[string]engine.Setting{"enableAutoScaling": {State: "stated", Value: true}, "minCount": {State: "stated", Value: float64(1)}, "maxCount": {State: "stated", Value: float64(5)}}), "1 to 5"},
		{"surge", surgeText(engine.PoolSummary{Settings: map[string]engine.Setting{"maxSurge": {State: "default", Value: "10%"}}, SurgeNodes: struct {
			Deploy *int `json:"deploy"`
			Max    *int `json:"max"`
		}{n(1), n(2)}}), "`10%` (default): 1 node (2 at maxCount)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestMarkdownSummaryError: a document whose summary failed says so; the findings follow.
func TestMarkdownSummaryError(t *testing.T) {
	var b bytes.Buffer
	r := Report{Files: 1, Findings: []finding.Finding{{RuleID: "AKSNET902", Level: finding.Error, Message: "bad", Location: netdoc.Location{File: "a.json", Line: 1, Column: 1}}}}
	if err := WriteMarkdown(&b, r, []engine.Summary{{File: "a.json", Kind: "arm", Error: "boom"}}, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## `a.json`", "The summary could not be computed: boom", "### Errors (1)", "- `a.json:1:1` bad (AKSNET902)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
}

// TestMarkdownGolden: the review report of the examples and of corpus templates, as the
// CLI writes it. Regenerate with go test ./internal/report -run TestMarkdownGolden -update.
func TestMarkdownGolden(t *testing.T) {
	t.Chdir("../..") // paths in the report read as from the repository root
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		golden     string
		paths      []string
		parameters []string
	}{
		{"examples.md", []string{"examples"}, nil},
		{"aksc-main-2022.custom-vnet-firewall.md", []string{"testdata/corpus/aksc-main-2022.json"}, []string{"testdata/corpus/aksc-main-2022.custom-vnet-firewall.parameters.json"}},
		{"mspnp-fabrikam-2020.md", []string{"testdata/corpus/mspnp-fabrikam-2020__azuredeploy.json"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out, err := lint.Run(context.Background(), eng, lint.Options{Paths: tt.paths, Parameters: tt.parameters, Summaries: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Summaries) != len(out.Documents) {
				t.Fatalf("%d summaries for %d documents", len(out.Summaries), len(out.Documents))
			}
			var b bytes.Buffer
			if err := WriteMarkdown(&b, Report{Findings: out.Findings, Rules: eng.Rules(), Files: out.Files}, out.Summaries, Options{}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "report", tt.golden)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -run TestMarkdownGolden -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs (run with -update and review the diff):\n%s", path, b.String())
			}
		})
	}
}

// TestLintWithoutSummaries: other formats do not compute summaries.
func TestLintWithoutSummaries(t *testing.T) {
	t.Chdir("../..")
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := lint.Run(context.Background(), eng, lint.Options{Paths: []string{"examples"}, KeepDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	if out.Summaries != nil || len(out.Documents) == 0 {
		t.Errorf("%d summaries for %d documents, want none", len(out.Summaries), len(out.Documents))
	}
}

// TestMarkdownHostileNames: names from the input cannot break a table, a code block or a
// code span, nor become a link or HTML.
func TestMarkdownHostileNames(t *testing.T) {
	evil := "a|b`c``<script>alert(1)</script>[x](javascript:y)\n# h```"
	n := 3
	s := engine.Summary{File: "f|`.sh", Kind: "azcli",
		Clusters: []engine.ClusterSummary{{Key: evil, Name: evil, Model: engine.Setting{State: "unknown", Reason: evil},
			Settings: []engine.Setting{{Name: evil, State: "stated", Value: evil}},
			Pools:    []engine.PoolSummary{{Name: evil, Settings: map[string]engine.Setting{"vnetSubnet": {State: "stated", Value: evil}}}}}},
		Subnets: []engine.SubnetSummary{{Key: evil, Prefixes: engine.Setting{State: "stated", Value: []any{"10.0.0.0/24"}}, Usable: &n,
			Uses: []engine.SubnetUse{{Role: "node", Users: []string{evil}, Complete: true}}}},
		Ranges: []engine.AddressRange{{Kind: "subnet", Label: evil, CIDR: "10.0.0.0/24", Family: "IPv4"}},
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, Report{Files: 1}, []engine.Summary{s}, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	inBlock, fence := false, ""
	cells := 0
	for _, line := range strings.Split(out, "\n") {
		switch {
		case !inBlock && strings.HasPrefix(line, "```"):
			inBlock, fence = true, strings.TrimSuffix(line, "text")
			continue
		case inBlock:
			if line == fence {
				inBlock = false
			} else if strings.HasPrefix(line, "`") || strings.HasPrefix(line, "#") {
				t.Errorf("code block line could end the block or start a heading: %q", line)
			}
			continue
		}
		if strings.HasPrefix(line, "|") {
			n := strings.Count(line, "|") - strings.Count(line, `\|`)
			if strings.HasPrefix(line, "|---") || strings.HasPrefix(line, "| Setting") || strings.HasPrefix(line, "| Pool") || strings.HasPrefix(line, "| Subnet") {
				cells = n
			} else if n != cells {
				t.Errorf("row has %d cell separators, its header %d: %s", n, cells, line)
			}
		}
		// outside code spans, < and ] are escaped
		if plain := stripCodeSpans(line); strings.Contains(plain, "<script") || strings.Contains(plain, "](javascript") {
			t.Errorf("raw HTML or link: %s", line)
		}
	}
	if inBlock {
		t.Error("a code block was not closed")
	}
}

// stripCodeSpans removes the code spans of a line (fences of any length) and escaped
// characters, leaving the text Markdown would interpret.
func stripCodeSpans(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			i += 2
		case line[i] == '`':
			n := 0
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			fence := strings.Repeat("`", n)
			end := strings.Index(line[i+n:], fence)
			if end < 0 {
				b.WriteString(line[i:])
				return b.String()
			}
			i += n + end + n
		default:
			b.WriteByte(line[i])
			i++
		}
	}
	return b.String()
}
