package policies_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
)

// The rule catalog (RULES.md, outside the repository) is a public contract. Its IDs,
// names, levels and kinds are vendored into testdata/catalog.tsv so that the check of
// METADATA against the contract runs in every clone. Regenerate after the catalog
// changes:
//
//	go test ./policies -run TestCatalogContract -update -catalog /path/to/RULES.md
//
// and read the diff. The sections "additions" (rules in METADATA the catalog does not
// list yet) and "pending" (catalog rules not implemented yet) are kept by -update:
// each entry is a deliberate, reviewed exception with its reason.
var (
	update      = flag.Bool("update", false, "rewrite testdata/catalog.tsv from -catalog")
	catalogPath = flag.String("catalog", "../../shared/RULES.md", "the rule catalog -update reads")
)

const fixture = "testdata/catalog.tsv"

// contractRule is one row of the contract: a rule's ID, name, allowed levels (the
// catalog's "error / warning" rules may report either) and input kinds.
type contractRule struct {
	ID, Name string
	Levels   []string
	Kinds    []string
	Reason   string // additions and pending only
}

func (r contractRule) line() string {
	s := strings.Join([]string{r.ID, r.Name, strings.Join(r.Levels, ","), strings.Join(r.Kinds, ",")}, "\t")
	if r.Reason != "" {
		s += "\t" + r.Reason
	}
	return s
}

type contract struct {
	rules     []contractRule // from the catalog
	additions []contractRule // in METADATA, not in the catalog
	pending   []contractRule // in the catalog, not in METADATA
}

var (
	headingRe = regexp.MustCompile(`^## (\S+)`)
	levelRe   = regexp.MustCompile(`\b(error|warning|note)\b`)
)

// parseCatalog reads the rule tables of RULES.md: rows "| AKSNETnnn | name | level |
// ...", with a "kinds" column where the table has one (all kinds otherwise, az CLI
// only in the 6xx section).
func parseCatalog(data []byte) ([]contractRule, error) {
	var out []contractRule
	section := ""
	kindsCol := -1
	for _, line := range strings.Split(string(data), "\n") {
		if m := headingRe.FindStringSubmatch(line); m != nil {
			section, kindsCol = m[1], -1
			continue
		}
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if cells[0] == "ID" {
			kindsCol = slices.Index(cells, "kinds")
			continue
		}
		if !strings.HasPrefix(cells[0], "AKSNET") {
			continue
		}
		if len(cells) < 3 {
			return nil, fmt.Errorf("catalog row %q: too few cells", line)
		}
		r := contractRule{ID: cells[0], Name: cells[1]}
		for _, m := range levelRe.FindAllString(cells[2], -1) {
			if !slices.Contains(r.Levels, m) {
				r.Levels = append(r.Levels, m)
			}
		}
		if len(r.Levels) == 0 {
			return nil, fmt.Errorf("%s: no level in %q", r.ID, cells[2])
		}
		kinds := "all"
		if kindsCol >= 0 && kindsCol < len(cells) {
			kinds = cells[kindsCol]
		} else if section == "6xx" {
			kinds = "az CLI"
		}
		var err error
		if r.Kinds, err = parseKinds(kinds); err != nil {
			return nil, fmt.Errorf("%s: %w", r.ID, err)
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no rule rows")
	}
	return out, nil
}

func parseKinds(s string) ([]string, error) {
	if strings.EqualFold(s, "all") {
		return []string{"arm", "bicep", "azcli"}, nil
	}
	var out []string
	for _, k := range strings.Split(s, ",") {
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "arm":
			out = append(out, "arm")
		case "bicep":
			out = append(out, "bicep")
		case "az cli", "azcli":
			out = append(out, "azcli")
		default:
			return nil, fmt.Errorf("unknown kind %q", k)
		}
	}
	return out, nil
}

func readContract(data []byte) (contract, error) {
	var c contract
	list := &c.rules
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case line == "[additions]":
			list = &c.additions
			continue
		case line == "[pending]":
			list = &c.pending
			continue
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 || len(f) > 5 || !strings.HasPrefix(f[0], "AKSNET") {
			return c, fmt.Errorf("%s:%d: want ID, name, levels, kinds[, reason]: %q", fixture, n, line)
		}
		r := contractRule{ID: f[0], Name: f[1], Levels: strings.Split(f[2], ","), Kinds: strings.Split(f[3], ",")}
		if len(f) == 5 {
			r.Reason = f[4]
		}
		if list != &c.rules && r.Reason == "" {
			return c, fmt.Errorf("%s:%d: %s: an exception needs its reason", fixture, n, r.ID)
		}
		*list = append(*list, r)
	}
	return c, sc.Err()
}

func (c contract) format() []byte {
	var b strings.Builder
	b.WriteString(`# The rule catalog contract: ID, name, levels, kinds of every rule in RULES.md.
# Generated; do not edit the rule rows. Regenerate with
#   go test ./policies -run TestCatalogContract -update -catalog /path/to/RULES.md
# "levels" lists the levels the catalog allows (the METADATA level is one of them);
# "kinds" the input kinds. The [additions] and [pending] sections are written by hand
# and kept by -update: rules METADATA has that the catalog does not list yet, and
# catalog rules not implemented yet, each with its reason.
`)
	for _, r := range c.rules {
		b.WriteString(r.line() + "\n")
	}
	b.WriteString("\n[additions]\n")
	for _, r := range c.additions {
		b.WriteString(r.line() + "\n")
	}
	b.WriteString("\n[pending]\n")
	for _, r := range c.pending {
		b.WriteString(r.line() + "\n")
	}
	return []byte(b.String())
}

// TestCatalogContract: every rule of the registry is in the contract with its name,
// a level the catalog allows and the catalog's kinds; every catalog rule is
// implemented; exceptions are explicit.
func TestCatalogContract(t *testing.T) {
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	c, err := readContract(data)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		src, err := os.ReadFile(*catalogPath)
		if err != nil {
			t.Fatalf("-update needs the catalog: %v", err)
		}
		if c.rules, err = parseCatalog(src); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fixture, c.format(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.format(); !bytes.Equal(got, data) && !*update {
		t.Errorf("%s is not in its generated form; regenerate it with -update", fixture)
	}
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	catalog := map[string]contractRule{}
	for _, r := range c.rules {
		if _, dup := catalog[r.ID]; dup {
			t.Errorf("%s twice in the catalog", r.ID)
		}
		catalog[r.ID] = r
	}
	additions := map[string]contractRule{}
	for _, r := range c.additions {
		if _, ok := catalog[r.ID]; ok {
			t.Errorf("%s is listed under [additions] but the catalog has it now: remove the addition", r.ID)
		}
		additions[r.ID] = r
	}
	pending := map[string]bool{}
	for _, r := range c.pending {
		if _, ok := catalog[r.ID]; !ok {
			t.Errorf("%s is listed under [pending] but is not in the catalog", r.ID)
		}
		pending[r.ID] = true
	}
	implemented := map[string]bool{}
	for _, r := range eng.Rules() {
		implemented[r.ID] = true
		want, ok := catalog[r.ID]
		if !ok {
			if want, ok = additions[r.ID]; !ok {
				t.Errorf("%s (%s) is not in the catalog contract; add it to RULES.md (and regenerate) or list it under [additions]", r.ID, r.Name)
				continue
			}
		}
		if pending[r.ID] {
			t.Errorf("%s is implemented: remove it from [pending]", r.ID)
		}
		if r.Name != want.Name {
			t.Errorf("%s: METADATA name %q, contract %q", r.ID, r.Name, want.Name)
		}
		if !slices.Contains(want.Levels, string(r.Level)) {
			t.Errorf("%s: METADATA level %q, contract allows %v", r.ID, r.Level, want.Levels)
		}
		if got := slices.Sorted(slices.Values(r.Kinds)); !slices.Equal(got, slices.Sorted(slices.Values(want.Kinds))) {
			t.Errorf("%s: METADATA kinds %v, contract %v", r.ID, r.Kinds, want.Kinds)
		}
	}
	for _, r := range c.rules {
		if !implemented[r.ID] && !pending[r.ID] {
			t.Errorf("%s (%s) is in the catalog but no policy has it; implement it or list it under [pending]", r.ID, r.Name)
		}
	}
}

// TestParseCatalog pins the reading of the catalog's tables: levels, the kinds
// column, and the az CLI only section.
func TestParseCatalog(t *testing.T) {
	md := `## 1xx Address ranges

| ID | name | level | fires when |
|---|---|---|---|
| AKSNET106 | service-cidr-size | error / warning | a /12 (warning: "must be smaller") |
| AKSNET406 | pod-cidr-without-overlay | error (az CLI) / warning (ARM, Bicep) | x |

## 5xx Resource wiring

| ID | name | level | kinds | fires when |
|---|---|---|---|---|
| AKSNET502 | kubenet-route-table-identity | error | ARM, Bicep | y |

## 6xx Script hygiene (az CLI only)

| ID | name | level | fires when |
|---|---|---|---|
| AKSNET601 | broken-line-continuation | error | z |
`
	got, err := parseCatalog([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"AKSNET106\tservice-cidr-size\terror,warning\tarm,bicep,azcli",
		"AKSNET406\tpod-cidr-without-overlay\terror,warning\tarm,bicep,azcli",
		"AKSNET502\tkubenet-route-table-identity\terror\tarm,bicep",
		"AKSNET601\tbroken-line-continuation\terror\tazcli",
	}
	var lines []string
	for _, r := range got {
		lines = append(lines, r.line())
	}
	if !slices.Equal(lines, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
