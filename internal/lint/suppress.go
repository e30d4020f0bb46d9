package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// ignoreMarker matches an inline suppression: aksnet-lint:ignore ID[,ID...] reason.
var ignoreMarker = regexp.MustCompile(`aksnet-lint:ignore\s+((?:[A-Z][A-Z0-9]*\d{3})(?:\s*,\s*[A-Z][A-Z0-9]*\d{3})*)\s*(.*)`)

// maxSuppressDepth bounds the walk for ARM "comments" properties.
const maxSuppressDepth = 64

// inlineIgnore is one suppression written in a file, effective on lines [from, to].
type inlineIgnore struct {
	from, to int
	rules    []string
	reason   string // "" when the marker gives none: then it suppresses nothing
	// line and col are where the marker is written (col in Unicode code points);
	// scope says what it covers, for messages.
	line, col int
	scope     string
	used      []bool // per rule: a finding was in reach
}

// Scopes of a marker.
const (
	scopeLines  = "on its line or the next"
	scopeObject = "in its object"
)

// suppress marks findings silenced by config ignore entries or inline comments. Input
// diagnostics (AKSNET902) are never suppressed: a file that was not read must be seen.
// scanned holds the inline suppressions of the files the run read, found in the very
// bytes it linted; a finding in any other file (a parameter file, a linked template)
// has its file read here, when it is a regular file inside root. With chk, the
// markers of the linted files are judged as golangci-lint's nolintlint does, and the
// warnings returned: one without a reason (which suppresses nothing), one naming an
// unknown rule or one that cannot be suppressed, and one that suppressed nothing.
func suppress(fs []finding.Finding, cfg *config.Config, scanned map[string][]inlineIgnore, root pathpolicy.Root, chk *markerCheck) []finding.Finding {
	byFile := scanned
	if byFile == nil {
		byFile = map[string][]inlineIgnore{}
	}
	for i := range fs {
		f := &fs[i]
		if f.RuleID == ParseErrorID {
			continue
		}
		file := f.Location.File
		inline, read := byFile[file]
		if !read {
			inline = scanInline(file, root)
			byFile[file] = inline
		}
		for k := range inline {
			in := &inline[k]
			j := slices.Index(in.rules, f.RuleID)
			if j < 0 || in.reason == "" || f.Location.Line < in.from || f.Location.Line > in.to {
				continue
			}
			in.used[j] = true
			if f.Suppression == nil {
				f.Suppression = &finding.Suppression{Kind: "inSource", Justification: in.reason}
			}
		}
		// The config's entry wins: it is the team's decision, in one place; a marker
		// that also covers the finding still counts as used.
		param := ""
		if f.Variant != nil {
			param = f.Variant.Parameter
		}
		if ig, ok := cfg.IgnoreForVariant(file, f.RuleID, param); ok {
			f.Suppression = &finding.Suppression{Kind: "external", Justification: ig.Reason}
		}
	}
	if chk == nil {
		return nil
	}
	var out []finding.Finding
	files := make([]string, 0, len(chk.linted))
	for file := range chk.linted {
		files = append(files, file)
	}
	slices.Sort(files)
	for _, file := range files {
		for _, in := range byFile[file] {
			out = append(out, chk.judge(file, in)...)
		}
	}
	return out
}

// markerCheck is what judging the markers takes.
type markerCheck struct {
	linted map[string]bool // files that gave a document: their markers are judged
	known  func(id string) bool
	rule   finding.Rule // the rule of the warnings
	off    map[string]bool
	// unused reports markers that suppressed nothing (config reportUnusedSuppressions).
	unused bool
}

// MarkerRuleID is the rule the warnings about suppression markers are reported under:
// AKSNET903 unknown-value, a value outside the documented set, which is what a marker
// without a reason, with an unknown rule ID, or matching nothing, is. It keeps the rule
// catalog as it is, and `rules: {AKSNET903: off}` turns the warnings off.
const MarkerRuleID = "AKSNET903"

func (chk *markerCheck) judge(file string, in inlineIgnore) []finding.Finding {
	var out []finding.Finding
	warn := func(format string, args ...any) {
		out = append(out, finding.Finding{
			RuleID: chk.rule.ID, Rule: chk.rule.Name, Level: finding.Warning, Message: fmt.Sprintf(format, args...),
			Location: netdoc.Location{File: file, Line: in.line, Column: in.col},
		})
	}
	ids := strings.Join(in.rules, ", ")
	if in.reason == "" {
		warn("aksnet-lint:ignore %s has no reason, so it suppresses nothing: write why after the rule IDs, as in aksnet-lint:ignore %s the reason", ids, ids)
	}
	for j, id := range in.rules {
		switch {
		case id == ParseErrorID:
			warn("aksnet-lint:ignore %s: %s cannot be suppressed: a file that could not be read or parsed is always reported", ids, id)
		case !chk.known(id):
			warn("aksnet-lint:ignore %s: %s is no rule (aksnet-lint rules lists them)", ids, id)
		case in.reason != "" && chk.unused && !in.used[j] && !chk.off[id]:
			warn("aksnet-lint:ignore %s: no %s finding %s, so it suppresses nothing: remove it (or set reportUnusedSuppressions: false)", ids, id, in.scope)
		}
	}
	return out
}

// scanInline finds the suppressions of a file: a marker in a comment silences its own
// line and the next one; in a JSON object's "comments" property it silences the
// whole object (an ARM resource, typically).
func scanInline(file string, root pathpolicy.Root) []inlineIgnore {
	data, err := root.ReadFile(file, config.MaxFileSizeCeiling)
	if err != nil {
		return nil
	}
	return inlineIgnores(data)
}

// inlineIgnores finds the suppressions in a file's content. A marker in a JSON
// "comments" property is found on its line too: it is one marker, covering its object
// and its line.
func inlineIgnores(data []byte) []inlineIgnore {
	if !bytes.Contains(data, []byte(markerWord)) {
		return nil
	}
	var out []inlineIgnore
	for i, line := range strings.Split(string(data), "\n") {
		if m := ignoreMarker.FindStringSubmatchIndex(line); m != nil {
			out = append(out, newIgnore(i+1, i+2, line, m, scopeLines))
		}
	}
	// Read as the extractor reads it: raw newlines in strings (multi-line
	// expressions) do not hide the comments properties.
	if _, root, err := jsonsrc.Parse("", data); err == nil {
		lines := netdoc.LineStarts(data)
		at := make(map[[2]int]int, len(out)) // marker position -> index in out
		for k, in := range out {
			at[[2]int{in.line, in.col}] = k
		}
		walkComments(root, 0, func(obj, comments gjson.Result) {
			from, to := lineOf(lines, obj.Index), lineOf(lines, obj.Index+len(obj.Raw)-1)
			// Where the marker is written: its first letter, or (written with escapes)
			// the string's opening quote.
			off := comments.Index
			if i := strings.Index(comments.Raw, markerWord); i >= 0 {
				off += i
			}
			line := lineOf(lines, off)
			col := utf8.RuneCount(data[lines[line-1]:off]) + 1
			k, ok := at[[2]int{line, col}]
			if !ok {
				// Not seen by the line scan (written with escapes, or second on its line):
				// read from the string's value.
				text := comments.String()
				m := ignoreMarker.FindStringSubmatchIndex(text)
				if m == nil {
					return
				}
				in := newIgnore(from, to, text, m, scopeObject)
				in.line, in.col = line, col
				out = append(out, in)
				return
			}
			in := &out[k]
			in.from, in.to, in.scope = min(in.from, from), max(in.to, to), scopeObject
		})
	}
	return out
}

const markerWord = "aksnet-lint:ignore"

// newIgnore reads the marker match m of line n.
func newIgnore(from, to int, line string, m []int, scope string) inlineIgnore {
	rules := splitIDs(line[m[2]:m[3]])
	return inlineIgnore{
		from: from, to: to, rules: rules, reason: reason(line[m[4]:m[5]]),
		line: from, col: utf8.RuneCountInString(line[:m[0]]) + 1, scope: scope, used: make([]bool, len(rules)),
	}
}

func walkComments(v gjson.Result, depth int, found func(obj, comments gjson.Result)) {
	if depth > maxSuppressDepth || (!v.IsObject() && !v.IsArray()) {
		return
	}
	if v.IsObject() {
		if c := v.Get("comments"); c.Type == gjson.String && strings.Contains(c.String(), markerWord) {
			found(v, c)
		}
	}
	v.ForEach(func(_, child gjson.Result) bool {
		walkComments(child, depth+1, found)
		return true
	})
}

func splitIDs(s string) []string {
	var ids []string
	for _, id := range strings.Split(s, ",") {
		ids = append(ids, strings.TrimSpace(id))
	}
	return ids
}

// reason is the text after the rule IDs, without what closes the comment or string
// around it ("" for none).
func reason(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), `*/",->`))
}

func lineOf(starts []int, off int) int {
	n, _ := slices.BinarySearch(starts, off+1)
	return n
}
