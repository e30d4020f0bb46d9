// Package catalog renders the rule registry (read from policy METADATA) for people:
// the `rules` subcommand's text, JSON and Markdown.
package catalog

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

// Formats lists the catalog formats.
var Formats = []string{"text", "json", "markdown"}

// Write renders rules, sorted by ID, in format.
func Write(w io.Writer, format string, rules []finding.Rule) error {
	rules = slices.Clone(rules)
	slices.SortFunc(rules, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	switch format {
	case "text":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tLEVEL\tNAME\tKINDS\tTITLE")
		for _, r := range rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Level, r.Name, strings.Join(r.Kinds, ","), r.Title)
		}
		return tw.Flush()
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rules)
	case "markdown":
		fmt.Fprintln(w, "| ID | level | name | kinds | title |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
		for _, r := range rules {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", link(r), r.Level, r.Name, strings.Join(r.Kinds, ", "), r.Title)
		}
		return nil
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

func link(r finding.Rule) string {
	if u := r.HelpURI(); u != "" {
		return fmt.Sprintf("[%s](%s)", r.ID, u)
	}
	return r.ID
}
