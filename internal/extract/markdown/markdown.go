// Package markdown reads the shell code of Markdown documents (runbooks, docs), so the
// script extractor can lint the commands they show. Documents are parsed as CommonMark
// (goldmark), so a fence is found exactly where a Markdown renderer finds it: inside
// list items and block quotes, never inside an HTML block or comment.
package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// shellLanguages are the info strings of the fenced blocks read as script.
var shellLanguages = map[string]bool{
	"azurecli": true, "azurecli-interactive": true, "bash": true, "sh": true, "shell": true, "zsh": true,
}

// promptLanguages are the languages of terminal transcripts: prompt lines are commands,
// the other lines are output.
var promptLanguages = map[string]bool{"console": true, "shell-session": true}

// MaxBlocks bounds the blocks read from one document; later blocks are left out.
const MaxBlocks = 10000

// Block is one fenced code block read as shell.
type Block struct {
	// Lang is the block's language (lower case, "" when unlabelled).
	Lang string
	// Fence is the 1-based Markdown line of the opening fence.
	Fence int
	// Text is the shell the block holds: each content line with the fence's (and its
	// containers') indentation removed as CommonMark removes it, prompts removed and
	// output lines blanked in transcripts. One line per content line, each ending in \n.
	Text []byte
	// Lines maps each line of Text onto the Markdown file.
	Lines []Line
}

// Line is where one line of a block's Text was written.
type Line struct {
	// Line is the 1-based Markdown line.
	Line int
	// Column is the 1-based Markdown column (in code points) of the line's first byte in
	// Text; Pad is the number of leading blanks of Text that stand for part of a tab.
	Column, Pad int
}

// MapColumn maps a 1-based code-point column of the line in Text onto the Markdown file.
func (l Line) MapColumn(col int) int {
	if col <= l.Pad {
		return max(1, l.Column-1)
	}
	return l.Column + col - 1 - l.Pad
}

// Blocks returns the fenced blocks of a Markdown document that are read as shell, in
// document order: blocks labelled azurecli, azurecli-interactive, bash, sh, shell or
// zsh; console and shell-session transcripts (prompt lines only); and unlabelled blocks
// whose first line is an az command. In a shell block whose first line starts with a
// "$ " prompt, lines are read as in a transcript.
func Blocks(src []byte) []Block {
	doc := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(), // only blocks matter
	).Parse(text.NewReader(src))
	starts := lineStarts(src)
	var out []Block
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || len(out) >= MaxBlocks {
			return ast.WalkContinue, nil
		}
		fc, ok := n.(*ast.FencedCodeBlock)
		if !ok {
			return ast.WalkContinue, nil
		}
		if b, ok := block(fc, src, starts); ok {
			out = append(out, b)
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

func block(fc *ast.FencedCodeBlock, src []byte, starts []int) (Block, bool) {
	lines := fc.Lines()
	if lines.Len() == 0 {
		return Block{}, false
	}
	lang := ""
	if fc.Info != nil {
		info := strings.TrimSpace(string(fc.Info.Segment.Value(src)))
		if i := strings.IndexAny(info, " \t{,"); i >= 0 {
			info = info[:i]
		}
		lang = strings.ToLower(info)
	}
	b := Block{Lang: lang}
	var texts []string
	for i := range lines.Len() {
		seg := lines.At(i)
		t := string(src[seg.Start:seg.Stop])
		t = strings.TrimSuffix(t, "\n")
		t = strings.TrimSuffix(t, "\r")
		ln := lineIndex(starts, seg.Start)
		col := utf8.RuneCount(src[starts[ln]:seg.Start]) + 1
		if seg.Padding > 0 {
			t = strings.Repeat(" ", seg.Padding) + t
		}
		texts = append(texts, t)
		b.Lines = append(b.Lines, Line{Line: ln + 1, Column: col, Pad: seg.Padding})
	}
	b.Fence = max(1, b.Lines[0].Line-1)
	first := firstLine(texts)
	switch {
	case promptLanguages[lang]:
		transcript(texts, b.Lines)
	case shellLanguages[lang]:
		if isPrompt(first) {
			transcript(texts, b.Lines)
		}
	case lang == "":
		if !strings.HasPrefix(first, "az ") {
			return Block{}, false
		}
	default:
		return Block{}, false
	}
	var buf bytes.Buffer
	for _, t := range texts {
		buf.WriteString(t)
		buf.WriteByte('\n')
	}
	b.Text = buf.Bytes()
	return b, true
}

// firstLine is the first line that is not blank, without its leading blanks.
func firstLine(texts []string) string {
	for _, t := range texts {
		if s := strings.TrimLeft(t, " \t"); s != "" {
			return s
		}
	}
	return ""
}

func isPrompt(t string) bool { return t == "$" || strings.HasPrefix(t, "$ ") }

// transcript keeps the commands of a terminal transcript: a prompt line loses its
// prompt, the lines that continue it (a trailing backslash, a here-document) are kept,
// and every other line is output and left blank, so line numbers stay true.
func transcript(texts []string, lines []Line) {
	cont := false
	var hdoc string // the terminator of an open here-document
	for i, t := range texts {
		switch {
		case hdoc != "":
			if strings.TrimLeft(t, "\t") == hdoc {
				hdoc = ""
			}
			continue
		case cont:
		default:
			s := strings.TrimLeft(t, " \t")
			if !isPrompt(s) {
				texts[i] = ""
				continue
			}
			lead := len(t) - len(s)
			cut := lead + min(2, len(s))
			texts[i] = t[cut:]
			lines[i].Column += utf8.RuneCountInString(t[:cut])
			if lines[i].Pad > 0 {
				lines[i].Column -= min(lines[i].Pad, cut)
				lines[i].Pad = max(0, lines[i].Pad-cut)
			}
			t = texts[i]
		}
		cont = continues(t)
		if w := hereDoc(t); w != "" {
			hdoc, cont = w, false
		}
	}
}

// continues reports a line ending in an unescaped backslash.
func continues(t string) bool {
	n := 0
	for i := len(t) - 1; i >= 0 && t[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// hereDoc returns the terminator word of a here-document a command line opens, or "".
func hereDoc(t string) string {
	i := strings.Index(t, "<<")
	if i < 0 || strings.HasPrefix(t[i:], "<<<") {
		return ""
	}
	w := strings.TrimLeft(strings.TrimPrefix(t[i+2:], "-"), " \t")
	w = strings.TrimLeft(w, `'"`)
	end := 0
	for end < len(w) && (w[end] == '_' || w[end] >= 'a' && w[end] <= 'z' || w[end] >= 'A' && w[end] <= 'Z' || w[end] >= '0' && w[end] <= '9') {
		end++
	}
	return w[:end]
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineIndex is the 0-based line holding byte offset off.
func lineIndex(starts []int, off int) int {
	lo, hi := 0, len(starts)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if starts[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}
