// Package report writes findings for people and machines: compiler-style text, a JSON
// document, SARIF 2.1.0 for code scanning, and GitHub Actions workflow commands. Every
// writer works on the same Finding model and produces deterministic output.
package report

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

// Options control how a report is written.
type Options struct {
	Color       bool // ANSI colour for text (the caller decides: terminal and NO_COLOR)
	ToolVersion string
	// ReadFile is the source for text snippets; nil means os.ReadFile.
	ReadFile func(path string) ([]byte, error)
	// Line, when set, gives the source lines the run kept (lint.Outcome.Lines), read
	// before ReadFile is tried.
	Line func(path string, n int) (string, bool)
	// Root, an absolute directory, is what SARIF and GitHub annotations name files
	// relative to (--root); SARIF gives it as %SRCROOT% in originalUriBaseIds. Empty:
	// paths as the run was given them.
	Root string
}

// Report is what the writers print.
type Report struct {
	Findings []finding.Finding // already sorted by the caller (finding.Sort); includes suppressed ones
	Rules    []finding.Rule    // the whole registry; SARIF lists only rules used by results, each once
	Files    int               // number of files linted
	// Summaries are the documents' summaries, which only the review report (markdown)
	// prints; other formats ignore them.
	Summaries []engine.Summary
}

// parseErrorRule is the rule parse failures are reported under. SARIF carries them as tool
// execution notifications rather than results.
const parseErrorRule = "AKSNET902"

// unresolvedRule is the note for an unknown value that stopped a check. It is not an
// alert: SARIF carries it as a tool execution notification, GitHub annotations leave it
// out, and the text report lists it after the findings.
const unresolvedRule = "AKSNET901"

// isDiagnostic tells whether a finding is about the run (a file not read, a value not
// known) rather than a mistake in the input.
func isDiagnostic(f finding.Finding) bool {
	return f.RuleID == parseErrorRule || f.RuleID == unresolvedRule
}

// Text is the default format, the one that shows source lines.
const Text = "text"

var writers = map[string]func(io.Writer, Report, Options) error{
	Text:     writeText,
	"json":   writeJSON,
	"sarif":  writeSARIF,
	"github": writeGitHub,
	Markdown: func(w io.Writer, r Report, opt Options) error { return WriteMarkdown(w, r, r.Summaries, opt) },
}

// Formats lists the output formats Write accepts.
func Formats() []string { return []string{Text, "json", "sarif", "github", Markdown} }

// Write prints r to w in the named format.
func Write(w io.Writer, format string, r Report, opt Options) error {
	write, ok := writers[format]
	if !ok {
		return fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	if opt.ReadFile == nil {
		opt.ReadFile = os.ReadFile
	}
	if opt.Root != "" && rootRelative[format] {
		r = relocate(r, opt.Root)
	}
	return write(w, r, opt)
}

// summary counts unsuppressed findings by level, and suppressed findings apart.
type summary struct {
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Note       int `json:"note"`
	Suppressed int `json:"suppressed"`
	// Unknown counts the AKSNET901 notes (values not known statically that stopped some
	// checks), apart from the findings: they are not mistakes in the input.
	Unknown int `json:"unknown"`
	total   int // unsuppressed findings of any level, AKSNET901 notes left out
}

func summarize(fs []finding.Finding) summary {
	var s summary
	for _, f := range fs {
		if f.Suppression != nil {
			s.Suppressed++
			continue
		}
		if f.RuleID == unresolvedRule {
			s.Unknown++
			continue
		}
		s.total++
		switch f.Level {
		case finding.Error:
			s.Error++
		case finding.Warning:
			s.Warning++
		case finding.Note:
			s.Note++
		default: // findings of rules configured off never reach a report
		}
	}
	return s
}

// line renders the summary as the last line of the text report:
// "3 findings (2 errors, 1 warning) in 4 files; 1 suppressed".
func (s summary) line(files int) string {
	var b strings.Builder
	if s.total == 0 && s.Unknown > 0 {
		b.WriteString("0 findings")
	} else if s.total == 0 {
		b.WriteString("no findings")
	} else {
		b.WriteString(plural(s.total, "finding"))
		var parts []string
		for _, c := range []struct {
			n    int
			noun string
		}{{s.Error, "error"}, {s.Warning, "warning"}, {s.Note, "note"}} {
			if c.n > 0 {
				parts = append(parts, plural(c.n, c.noun))
			}
		}
		if len(parts) > 0 {
			b.WriteString(" (" + strings.Join(parts, ", ") + ")")
		}
	}
	b.WriteString(" in " + plural(files, "file"))
	if s.Unknown > 0 {
		b.WriteString("; " + plural(s.Unknown, "value") + " not known statically left checks undone")
	}
	if s.Suppressed > 0 {
		fmt.Fprintf(&b, "; %d suppressed", s.Suppressed)
	}
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
