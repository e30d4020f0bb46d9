package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/mattn/go-runewidth"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// ANSI escape sequences used when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
)

// widths measures runes in terminal cells. The condition is fixed rather than taken from the
// locale so that output does not depend on the environment (East Asian ambiguous runes are
// one cell wide).
var widths = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// writeText prints unsuppressed findings like a compiler, each followed by the source line and
// a caret line under the span, then a summary line.
func writeText(w io.Writer, r Report, opt Options) error {
	bw := bufio.NewWriter(w)
	t := textWriter{w: bw, color: opt.Color, src: newSourceCache(opt.ReadFile, opt.Line)}
	for _, f := range r.Findings {
		if f.Suppression == nil {
			t.finding(f)
		}
	}
	bw.WriteString(summarize(r.Findings).line(r.Files) + "\n")
	return bw.Flush()
}

type textWriter struct {
	w     *bufio.Writer
	color bool
	src   *sourceCache
}

func (t *textWriter) paint(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func levelColor(l finding.Level) string {
	switch l {
	case finding.Error:
		return ansiRed
	case finding.Warning:
		return ansiYellow
	default:
		return ansiCyan
	}
}

// finding prints "file:line:col: level: message [ID]", the source line and the caret line,
// then one indented note line per related location. A file that could not be read or
// parsed (AKSNET902) gets no source line: it may not be what it claims to be (a
// configuration can name any file of the root), and the parser's message says enough.
func (t *textWriter) finding(f finding.Finding) {
	t.header("", f.Location, string(f.Level), levelColor(f.Level), f.Message)
	if f.RuleID != "" {
		t.w.WriteString(" " + t.paint(ansiDim, "["+f.RuleID+"]"))
	}
	t.w.WriteByte('\n')
	if f.Location.Line > 0 && f.RuleID != parseErrorRule {
		if line, ok := t.src.line(f.Location.File, f.Location.Line); ok {
			line, loc := window(sanitize(line), f.Location)
			t.w.WriteString(line + "\n")
			if loc.Column > 0 {
				caret := caretLine(line, loc)
				i := strings.IndexByte(caret, '^')
				t.w.WriteString(caret[:i] + t.paint(levelColor(f.Level), caret[i:]) + "\n")
			}
		}
	}
	for _, rel := range f.Related {
		t.header("    ", rel.Location, "note", ansiCyan, rel.Message)
		t.w.WriteByte('\n')
	}
}

func (t *textWriter) header(indent string, loc netdoc.Location, level, color, msg string) {
	t.w.WriteString(indent)
	if pos := position(loc); pos != "" {
		t.w.WriteString(t.paint(ansiBold, pos+":") + " ")
	}
	t.w.WriteString(t.paint(color, level+":") + " " + sanitizeMessage(msg))
}

// position renders file:line:col, leaving out the parts that are unknown.
func position(l netdoc.Location) string {
	s := l.File
	if l.Line > 0 {
		s += ":" + strconv.Itoa(l.Line)
		if l.Column > 0 {
			s += ":" + strconv.Itoa(l.Column)
		}
	}
	return s
}

// Long lines (minified JSON, generated scripts) are shown as a window around the span.
const (
	maxSnippetRunes = 200
	snippetLead     = 60 // code points kept before the span
)

// window cuts a line longer than maxSnippetRunes to a window that starts a little
// before loc's column, marking the cuts with "…", and shifts loc's columns to match.
func window(line string, loc netdoc.Location) (string, netdoc.Location) {
	runes := []rune(line)
	if len(runes) <= maxSnippetRunes {
		return line, loc
	}
	start := min(max(loc.Column-1-snippetLead, 0), len(runes))
	end := min(start+maxSnippetRunes, len(runes))
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "…"
	}
	if end < len(runes) {
		suffix = "…"
	}
	shift := start - len([]rune(prefix))
	if loc.Column > 0 {
		loc.Column -= shift
	}
	if loc.EndColumn > 0 {
		loc.EndColumn = max(min(loc.EndColumn-shift, end-shift+1), loc.Column)
	}
	return prefix + string(runes[start:end]) + suffix, loc
}

// caretLine returns the marker printed under line for loc: padding up to loc.Column, then "^"
// followed by "~" up to loc.EndColumn when the span ends on the same line. Columns count
// code points; the padding copies tabs and gives wide runes two cells so that the caret lines
// up in a terminal. A tab inside the span counts as one cell.
func caretLine(line string, loc netdoc.Location) string {
	runes := []rune(line)
	start := min(max(loc.Column-1, 0), len(runes))
	var b strings.Builder
	for _, r := range runes[:start] {
		if r == '\t' {
			b.WriteByte('\t')
			continue
		}
		b.WriteString(strings.Repeat(" ", widths.RuneWidth(r)))
	}
	b.WriteByte('^')
	if loc.EndColumn > loc.Column && (loc.EndLine == 0 || loc.EndLine == loc.Line) {
		end := min(loc.EndColumn-1, len(runes))
		cells := 0
		for _, r := range runes[start:end] {
			cells += max(widths.RuneWidth(r), 1)
		}
		if cells > 1 {
			b.WriteString(strings.Repeat("~", cells-1))
		}
	}
	return b.String()
}

// sanitize replaces control characters other than tab with U+FFFD, one for one, so that an
// input file cannot send escape sequences to the terminal and columns still line up.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\t' && unicode.IsControl(r) {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

// sanitizeMessage is sanitize that keeps line breaks: messages may span lines.
func sanitizeMessage(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\t' && r != '\n' && unicode.IsControl(r) {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

// sourceCache reads each source file at most once, remembering failures too.
type sourceCache struct {
	read  func(string) ([]byte, error)
	kept  func(string, int) (string, bool) // the lines the run kept, or nil
	files map[string]*sourceFile           // nil value: unreadable
}

// sourceFile is a file's bytes and the offset of each line's start, found on first use.
type sourceFile struct {
	data   []byte
	starts []int
}

func newSourceCache(read func(string) ([]byte, error), kept func(string, int) (string, bool)) *sourceCache {
	return &sourceCache{read: read, kept: kept, files: map[string]*sourceFile{}}
}

// line returns line n (1-based) of file without its line terminator.
func (c *sourceCache) line(file string, n int) (string, bool) {
	if c.kept != nil {
		if l, ok := c.kept(file, n); ok {
			return l, true
		}
	}
	f, seen := c.files[file]
	if !seen {
		if data, err := c.read(file); err == nil {
			f = &sourceFile{data: data, starts: netdoc.LineStarts(data)}
		}
		c.files[file] = f
	}
	if f == nil {
		return "", false
	}
	start, end, ok := netdoc.LineSpan(f.data, f.starts, n)
	return string(f.data[start:end]), ok
}
