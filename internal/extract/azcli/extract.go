// Package azcli extracts the network document from shell scripts that call the Azure
// CLI. Scripts are parsed with mvdan.cc/sh (bash dialect) and analysed, never run:
// variables are tracked in execution order, unknown values stay unknown, and every
// value put into the document is located in the script.
package azcli

import (
	"bytes"
	"errors"
	"slices"
	"strconv"

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
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(bytes.NewReader(s.masked), file)
	if err != nil {
		return nil, nil, sourceError(s, err)
	}
	in := newInterp(s)
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
		pos, msg = le.Pos, le.Feature+" is not supported in bash"
	}
	loc := netdoc.Location{File: s.file, Line: 1, Column: 1}
	if pos.IsValid() {
		loc.Line, loc.Column = s.pos(int(pos.Offset()))
	}
	return &netdoc.SourceError{Location: loc, Msg: "shell syntax error: " + msg}
}

// ExtractMarkdown extracts the network document from the fenced shell and Azure CLI
// blocks of a Markdown file, read in order as one script. Locations (and a syntax
// error's position) refer to the Markdown file's lines.
func ExtractMarkdown(file string, src []byte) (*netdoc.Document, netdoc.Locations, error) {
	script, lines := markdown.Script(src)
	doc, locs, err := Extract(file, script)
	mapLine := func(l int) int {
		if l >= 1 && l <= len(lines) {
			return lines[l-1]
		}
		return l
	}
	mapLoc := func(l *netdoc.Location) {
		if l.Line > 0 {
			l.Line = mapLine(l.Line)
		}
		if l.EndLine > 0 {
			l.EndLine = mapLine(l.EndLine)
		}
	}
	if err != nil {
		var se *netdoc.SourceError
		if errors.As(err, &se) {
			mapLoc(&se.Location)
		}
		return nil, nil, err
	}
	for p, l := range locs {
		mapLoc(&l.Location)
		l.Related = slices.Clone(l.Related)
		for i := range l.Related {
			mapLoc(&l.Related[i].Location)
		}
		locs[p] = l
	}
	return doc, locs, nil
}
