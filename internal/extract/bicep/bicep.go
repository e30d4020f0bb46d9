// Package bicep reads Bicep source: a hand-written lexer and parser, and a
// compilation into the languageVersion 2.0 template the Bicep compiler would
// emit, which the ARM reader (internal/extract/arm) evaluates and maps to the
// network document. So there is one evaluator and one mapping, and Bicep
// differs from compiled JSON only in where values are located: every location
// the ARM reader gives in the compiled text is translated back to the .bicep or
// .bicepparam line it was written on through a source map.
//
// Local modules and load*Content files are read through a Loader that keeps
// them inside the linted root; registry modules (br:, ts:) are not fetched and
// their outputs are unknown. What is not compiled is unknown (AKSNET901), never
// guessed.
package bicep

import (
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Options configure Extract.
type Options struct {
	// Load reads modules and load*Content files; nil: they are not read.
	Load Loader
	// ParamFile is a parsed .bicepparam paired with the template, or nil.
	ParamFile *File
	// Params is a JSON parameter file paired with the template, or nil.
	Params *arm.Params
}

// IsBicepName reports whether a path names a Bicep file.
func IsBicepName(p string) bool { return strings.EqualFold(filepath.Ext(p), ".bicep") }

// IsParamName reports whether a path names a Bicep parameter file.
func IsParamName(p string) bool { return strings.EqualFold(filepath.Ext(p), ".bicepparam") }

// ParseParamFile reads a .bicepparam file; a syntax error is a *netdoc.SourceError.
func ParseParamFile(path string, data []byte) (*File, error) {
	f, err := Parse(path, string(data), true)
	if err != nil {
		return nil, sourceError(path, string(data), err)
	}
	return f, nil
}

// UsingPath is the template a .bicepparam file names (using 'x.bicep'), relative to
// its directory, or "" for none.
func (f *File) UsingPath() string {
	if f == nil || f.Using == nil {
		return ""
	}
	return f.Using.Parts[0]
}

// Extract compiles a Bicep file and reads its network document. Errors are
// *netdoc.SourceError located in the Bicep source.
func Extract(path string, data []byte, opt Options) (*netdoc.Document, netdoc.Locations, error) {
	out, sm, notes, err := Compile(path, data, opt.ParamFile, opt.Load)
	if err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			file, line, col := ErrorLocation(ce)
			return nil, nil, &netdoc.SourceError{Location: netdoc.Location{File: file, Line: line, Column: col}, Msg: ce.Msg}
		}
		return nil, nil, err
	}
	src, root, err := jsonsrc.Parse(path, out)
	if err != nil {
		var se *netdoc.SourceError
		if errors.As(err, &se) {
			return nil, nil, &netdoc.SourceError{Location: sm.Translate(se.Location), Msg: "the compiled template: " + se.Msg}
		}
		return nil, nil, err
	}
	reasons := unknownReasons(out)
	unknownFns := make(map[string]bool, len(reasons))
	for name := range reasons {
		unknownFns[name] = true
	}
	doc, locs := arm.ExtractWith(src, root, arm.Options{Params: opt.Params, UnknownFunctions: unknownFns})
	// Translated in place: the map is this call's own.
	tl := locs
	for p, l := range tl {
		l = sm.TranslateLocated(l)
		for i, r := range l.Related {
			l.Related[i].Message = sm.translateLines(r.Message, r.File)
		}
		tl[p] = l
	}
	for i, u := range doc.Unresolved {
		if why, ok := UnknownReason(u.Reason); ok {
			doc.Unresolved[i].Reason = why
		} else if why, ok := UnknownReason(u.Expression); ok {
			doc.Unresolved[i].Reason = why
		} else if m := unknownFunctionReason.FindStringSubmatch(u.Reason); m != nil {
			// The unknown value came from elsewhere (a variable, a parameter, a
			// module): the reason it carries is the one its unknownCall was given.
			if why, ok := reasons[strings.ToLower(unknownNS+"."+m[1])]; ok {
				doc.Unresolved[i].Reason = why
			} else {
				doc.Unresolved[i].Reason = "it comes from a value that is not known statically (see the notes on it)"
			}
		}
		doc.Unresolved[i].Reason = sm.translateLines(doc.Unresolved[i].Reason, "")
		// The expression as written in Bicep, not as compiled.
		if l, ok := tl[u.Pointer]; ok {
			if text := sm.SourceText(l.Location); text != "" {
				doc.Unresolved[i].Expression = text
			}
		}
	}
	if opt.ParamFile != nil {
		// A parameter's value from the .bicepparam file is no default value.
		for p, l := range tl {
			for i, r := range l.Related {
				if r.File == opt.ParamFile.Path && strings.HasPrefix(r.Message, "default value of parameter ") {
					l.Related[i].Message = "value of parameter " + strings.TrimPrefix(r.Message, "default value of parameter ") + " in " + filepath.Base(opt.ParamFile.Path)
				}
			}
			tl[p] = l
		}
	}
	for _, n := range notes {
		ptr := n.Pointer
		for k := 2; ; k++ {
			if _, taken := tl[ptr]; !taken {
				break
			}
			ptr = n.Pointer + "~" + itoa(k)
		}
		doc.Unresolved = append(doc.Unresolved, netdoc.Unresolved{Pointer: ptr, Expression: n.Expr, Reason: n.Reason})
		loc := sm.Position(n.File, n.Pos)
		end := sm.Position(n.File, n.End)
		loc.EndLine, loc.EndColumn = end.Line, end.Column
		tl[ptr] = netdoc.Located{Location: loc}
	}
	if opt.ParamFile != nil {
		doc.ParameterFile = opt.ParamFile.Path
		anchor := netdoc.Related{Location: netdoc.Location{File: opt.ParamFile.Path, Line: 1, Column: 1}, Message: "with parameter file " + filepath.Base(opt.ParamFile.Path)}
		for p, l := range tl {
			mentions := false
			for _, r := range l.Related {
				mentions = mentions || r.File == opt.ParamFile.Path
			}
			if !mentions && l.File != opt.ParamFile.Path {
				l.Related = append(l.Related, anchor)
				tl[p] = l
			}
		}
	}
	return doc, tl, nil
}

func sourceError(path, src string, err error) error {
	var se *SyntaxError
	if errors.As(err, &se) {
		file, line, col := ErrorLocation(&Error{File: path, Pos: se.Pos, Msg: se.Msg, src: src})
		return &netdoc.SourceError{Location: netdoc.Location{File: file, Line: line, Column: col}, Msg: se.Msg}
	}
	return err
}

// unknownFunctionReason is the ARM reader's reason for a value that an unknownCall
// made unknown, naming its function.
var unknownFunctionReason = regexp.MustCompile(`user-defined function ` + unknownNS + `\.(` + unknownPrefix + `[0-9A-Za-z_]*) is not resolved`)

// declaredAt is how the ARM reader names a nested deployment without a known name:
// by the line of the compiled template it is declared on.
var declaredAt = regexp.MustCompile(`declared at line ([0-9]+)`)

// translateLines rewrites the compiled template's line numbers in a message into the
// Bicep line (and file, when it is not from) they were written on.
func (m *SourceMap) translateLines(msg, from string) string {
	// A Bicep module is what the compiled template calls a nested deployment.
	msg = strings.ReplaceAll(msg, " of nested deployment ", " of module ")
	if !strings.Contains(msg, "declared at line ") {
		return msg
	}
	return declaredAt.ReplaceAllStringFunc(msg, func(s string) string {
		n, err := strconv.Atoi(declaredAt.FindStringSubmatch(s)[1])
		if err != nil {
			return s
		}
		l := m.Translate(netdoc.Location{File: m.Generated, Line: n, Column: 1})
		if l.File == from {
			return "declared at line " + itoa(l.Line)
		}
		return "declared at " + filepath.Base(l.File) + ":" + itoa(l.Line)
	})
}
