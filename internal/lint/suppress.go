package lint

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

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
	reason   string
}

// suppress marks findings silenced by config ignore entries or inline comments. Input
// diagnostics (AKSNET902) are never suppressed: a file that was not read must be seen.
// scanned holds the inline suppressions of the files the run read, found in the very
// bytes it linted; a finding in any other file (a parameter file, a linked template)
// has its file read here, when it is a regular file inside root.
func suppress(fs []finding.Finding, cfg *config.Config, scanned map[string][]inlineIgnore, root pathpolicy.Root) {
	byFile := scanned
	if byFile == nil {
		byFile = map[string][]inlineIgnore{}
	}
	for i := range fs {
		f := &fs[i]
		if f.RuleID == ParseErrorID {
			continue
		}
		if ig, ok := cfg.IgnoreFor(f.Location.File, f.RuleID); ok {
			f.Suppression = &finding.Suppression{Kind: "external", Justification: ig.Reason}
			continue
		}
		file := f.Location.File
		inline, read := byFile[file]
		if !read {
			inline = scanInline(file, root)
			byFile[file] = inline
		}
		for _, in := range inline {
			if f.Location.Line >= in.from && f.Location.Line <= in.to && slices.Contains(in.rules, f.RuleID) {
				f.Suppression = &finding.Suppression{Kind: "inSource", Justification: in.reason}
				break
			}
		}
	}
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

// inlineIgnores finds the suppressions in a file's content.
func inlineIgnores(data []byte) []inlineIgnore {
	if !bytes.Contains(data, []byte("aksnet-lint:ignore")) {
		return nil
	}
	var out []inlineIgnore
	for i, line := range strings.Split(string(data), "\n") {
		if m := ignoreMarker.FindStringSubmatch(line); m != nil {
			out = append(out, inlineIgnore{from: i + 1, to: i + 2, rules: splitIDs(m[1]), reason: reason(m[2])})
		}
	}
	// Read as the extractor reads it: raw newlines in strings (multi-line
	// expressions) do not hide the comments properties.
	if _, root, err := jsonsrc.Parse("", data); err == nil {
		lines := netdoc.LineStarts(data)
		walkComments(root, 0, func(obj gjson.Result, m []string) {
			out = append(out, inlineIgnore{
				from: lineOf(lines, obj.Index), to: lineOf(lines, obj.Index+len(obj.Raw)-1),
				rules: splitIDs(m[1]), reason: reason(m[2]),
			})
		})
	}
	return out
}

func walkComments(v gjson.Result, depth int, found func(gjson.Result, []string)) {
	if depth > maxSuppressDepth || (!v.IsObject() && !v.IsArray()) {
		return
	}
	if v.IsObject() {
		if m := ignoreMarker.FindStringSubmatch(v.Get("comments").String()); m != nil {
			found(v, m)
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

func reason(s string) string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), `*/",`))
	if s == "" {
		return "no reason given"
	}
	return s
}

func lineOf(starts []int, off int) int {
	n, _ := slices.BinarySearch(starts, off+1)
	return n
}
