package report

import (
	"bufio"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

// writeGitHub prints one GitHub Actions workflow command per unsuppressed finding (not
// for AKSNET901 notes), which the
// runner turns into an annotation on the pull request:
//
//	::error file=infra/aks.json,line=12,col=24,endColumn=37,title=AKSNET102 (service-cidr-overlaps-subnet)::message
func writeGitHub(w io.Writer, r Report, _ Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		if f.Suppression != nil || f.RuleID == unresolvedRule {
			continue // an unknown value is no mistake to annotate (it is in the other formats)
		}
		cmd := githubCommand(f.Level)
		if props := githubProperties(f); len(props) > 0 {
			cmd += " " + strings.Join(props, ",")
		}
		bw.WriteString("::" + cmd + "::" + escapeData(f.Message) + "\n")
	}
	return bw.Flush()
}

func githubCommand(l finding.Level) string {
	switch l {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	default:
		return "notice"
	}
}

// githubProperties lists the command's properties. Columns are only given for a span on one
// line: GitHub rejects annotations with columns across lines.
func githubProperties(f finding.Finding) []string {
	var props []string
	add := func(key, value string) { props = append(props, key+"="+escapeProperty(value)) }
	loc := f.Location
	if loc.File != "" {
		add("file", filepath.ToSlash(loc.File))
	}
	if loc.Line > 0 {
		add("line", strconv.Itoa(loc.Line))
		oneLine := loc.EndLine == 0 || loc.EndLine == loc.Line
		if loc.Column > 0 && oneLine {
			add("col", strconv.Itoa(loc.Column))
		}
		if loc.EndLine > loc.Line {
			add("endLine", strconv.Itoa(loc.EndLine))
		}
		if loc.EndColumn > loc.Column && loc.Column > 0 && oneLine {
			add("endColumn", strconv.Itoa(loc.EndColumn))
		}
	}
	title := f.RuleID
	if f.Rule != "" {
		title += " (" + f.Rule + ")"
	}
	if title != "" {
		add("title", title)
	}
	return props
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
