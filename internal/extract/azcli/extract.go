// Package azcli extracts the network document from shell scripts that call the Azure
// CLI. Scripts are parsed with mvdan.cc/sh (bash dialect) and analysed, never run:
// variables are tracked in execution order, unknown values stay unknown, and every
// value put into the document is located in the script.
package azcli

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/markdown"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"mvdan.cc/sh/v3/syntax"
)

// MaxScriptBytes is the largest script the extractor reads.
const MaxScriptBytes = 4 << 20

// Extract parses a bash script (never runs it) into a network document and its location
// table. A syntax error returns *netdoc.SourceError with line and column.
func Extract(file string, src []byte) (*netdoc.Document, netdoc.Locations, error) {
	if len(src) > MaxScriptBytes {
		return nil, nil, &netdoc.SourceError{Location: netdoc.Location{File: file, Line: 1, Column: 1},
			Msg: "script is larger than " + strconv.Itoa(MaxScriptBytes) + " bytes"}
	}
	s := newSource(file, src)
	shell := shebangShell(src)
	if shell == "" && strings.EqualFold(filepath.Ext(file), ".zsh") {
		shell = "zsh"
	}
	f, err := parse(s, shell)
	if err != nil {
		return nil, nil, sourceError(s, err)
	}
	in := newInterp(s)
	in.zsh = shell == "zsh"
	in.stmts(f.Stmts)
	in.m.broken = brokenContinuations(s, f)
	doc, locs := in.m.build(file)
	return doc, locs, nil
}

func sourceError(s *source, err error) error {
	var pe syntax.ParseError
	var le syntax.LangError
	var pos syntax.Pos
	msg := err.Error()
	switch {
	case errors.As(err, &pe):
		pos, msg = pe.Pos, pe.Text
	case errors.As(err, &le):
		pos, msg = le.Pos, le.Feature+" is not supported in "+le.LangUsed.String()
	}
	loc := netdoc.Location{File: s.file, Line: 1, Column: 1}
	if pos.IsValid() {
		loc.Line, loc.Column = s.pos(int(pos.Offset()))
	}
	return &netdoc.SourceError{Location: loc, Msg: "shell syntax error: " + msg}
}

// ExtractMarkdown extracts the network document from the shell blocks of a Markdown
// runbook (see markdown.Blocks). Each block is parsed on its own and run in document
// order, variables carrying from one block to the next as they would for a reader
// running the page; a block that does not parse is one note at its opening fence, and
// the other blocks are still read. Locations refer to the Markdown file.
func ExtractMarkdown(file string, src []byte) (*netdoc.Document, netdoc.Locations, error) {
	blocks := markdown.Blocks(src)
	total := 0
	for _, b := range blocks {
		total += len(b.Text)
	}
	if total > MaxScriptBytes {
		return nil, nil, &netdoc.SourceError{Location: netdoc.Location{File: file, Line: 1, Column: 1},
			Msg: "the shell blocks of the runbook are larger than " + strconv.Itoa(MaxScriptBytes) + " bytes"}
	}
	in := newInterp(nil)
	for i, b := range blocks {
		s := newSource(file, b.Text)
		s.lines = b.Lines
		f, err := parse(s, b.Lang)
		if err != nil {
			var se *netdoc.SourceError
			// A block with no az aks or az network command in it held nothing a rule
			// reads: skipping it stopped no check, so it is no unknown.
			if errors.As(sourceError(s, err), &se) && mentionsNetworkCommand(b.Text) {
				// located at the fence, in the column of the block's first line
				at := netdoc.Location{File: file, Line: b.Fence, Column: b.Lines[0].MapColumn(1)}
				in.m.skipped = append(in.m.skipped, skippedBlock{index: i, lang: b.Lang, fence: at, err: se})
			}
			continue
		}
		in.src = s
		in.zsh = b.Lang == "zsh"
		in.env.dead = false // a reader runs every block, whatever the last one did
		in.stmts(f.Stmts)
		in.m.broken = append(in.m.broken, brokenContinuations(s, f)...)
	}
	doc, locs := in.m.build(file)
	return doc, locs, nil
}

// maxCommentRounds bounds the re-parses that end comments at a trailing backslash.
const maxCommentRounds = 64

// parse parses a script as bash (or zsh) reads it. mvdan/sh continues a comment that
// ends in a backslash onto the next line; bash does not (a comment ends at the newline),
// so such a backslash is blanked, byte for byte, and the script parsed again.
func parse(s *source, lang string) (*syntax.File, error) {
	p := getParser(lang)
	for range maxCommentRounds {
		f, err := p.Parse(bytes.NewReader(s.masked), s.file)
		if err != nil {
			return nil, err
		}
		if !commentMayContinue(s.masked) {
			putParser(lang, p)
			return f, nil
		}
		var cuts []int
		syntax.Walk(f, func(n syntax.Node) bool {
			if c, ok := n.(*syntax.Comment); ok {
				if i := strings.Index(c.Text, "\\\n"); i >= 0 {
					cuts = append(cuts, int(c.Pos().Offset())+1+i)
				}
			}
			return true
		})
		if len(cuts) == 0 {
			putParser(lang, p)
			return f, nil
		}
		s.blank(cuts)
	}
	return p.Parse(bytes.NewReader(s.masked), s.file)
}

// commentMayContinue reports whether src has a line that holds a '#' and ends in a
// backslash. A comment that mvdan/sh continues onto the next line is such a line (its
// text runs to the first newline, which it passes only at a backslash), so elsewhere
// parse skips walking the syntax tree for one (1% of the instructions of linting the
// runbooks' scripts, bench/scripts.sh).
func commentMayContinue(src []byte) bool {
	for line := range bytes.Lines(src) {
		line, ok := bytes.CutSuffix(line, []byte("\\\n"))
		if ok && bytes.IndexByte(line, '#') >= 0 {
			return true
		}
	}
	return false
}

// newParser is the parser of a script in the given language: zsh's own dialect for zsh,
// bash otherwise.
func newParser(lang string) *syntax.Parser {
	if lang == "zsh" {
		return syntax.NewParser(syntax.Variant(syntax.LangZsh), syntax.KeepComments(true))
	}
	return syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true))
}

// parsers hold parsers for reuse, bash's and zsh's: a syntax.Parser is two 1 KiB
// buffers and its options, made and zeroed anew for every script and block before
// (BenchmarkExtract's memory profile), and Parse resets its state. A parser is put
// back only after a parse without error, so one never starts from a failed parse's
// state; the syntax tree it returned shares nothing with it.
var parsers = [2]sync.Pool{
	{New: func() any { return newParser("bash") }},
	{New: func() any { return newParser("zsh") }},
}

func parserPool(lang string) *sync.Pool {
	if lang == "zsh" {
		return &parsers[1]
	}
	return &parsers[0]
}

func getParser(lang string) *syntax.Parser { return parserPool(lang).Get().(*syntax.Parser) }

func putParser(lang string, p *syntax.Parser) { parserPool(lang).Put(p) }

// shebangShell names the shell of a script's #! line ("zsh" for #!/bin/zsh or
// #!/usr/bin/env zsh), or "".
func shebangShell(src []byte) string {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	rest, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("#!"))
	if !ok {
		return ""
	}
	fields := bytes.Fields(rest)
	if len(fields) == 0 {
		return ""
	}
	prog := fields[0]
	if i := bytes.LastIndexByte(prog, '/'); i >= 0 {
		prog = prog[i+1:]
	}
	if string(prog) == "env" {
		for _, f := range fields[1:] {
			if f[0] != '-' {
				prog = f
				break
			}
		}
	}
	return string(prog)
}

// networkCommand finds an az aks or az network command word pair in a block's text.
var networkCommand = regexp.MustCompile(`(^|[^A-Za-z0-9_-])az\s+(aks|network)\b`)

// mentionsNetworkCommand tells whether text has an az command the linter reads.
func mentionsNetworkCommand(text []byte) bool { return networkCommand.Match(text) }
