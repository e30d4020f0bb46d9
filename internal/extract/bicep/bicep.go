// Package bicep reads Bicep source: a hand-written lexer and parser, and a
// compilation into the languageVersion 2.0 template the Bicep compiler would
// emit, which the ARM template evaluator (internal/extract/arm/armeval) evaluates
// and the ARM mapping (internal/extract/arm) maps to the network document, as
// they do compiled JSON. So there is one evaluator and one mapping, and Bicep
// differs from compiled JSON only in where values are located: the ARM reader
// locates every value of the compiled text on the .bicep or .bicepparam line it
// was written on, through a source map the compiled text's jsonsrc.Source
// carries as its origin.
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
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
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
	Params *armeval.Params
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
// *netdoc.SourceError located in the Bicep source. data is read in place (see Compile).
func Extract(path string, data []byte, opt Options) (*netdoc.Document, netdoc.Locations, error) {
	c, err := Prepare(path, data, opt)
	if err != nil {
		return nil, nil, err
	}
	doc, locs := c.Extract(nil, nil)
	return doc, locs, nil
}

// Compiled is a Bicep file compiled with its parameter file, to be read once or
// several times (the variants of internal/lint/variants.go).
type Compiled struct {
	opt   Options
	sm    *SourceMap
	notes []Note
	src   *jsonsrc.Source
	root  gjson.Result
	// reasons are why each unknownCall function of the compiled template is unknown.
	reasons    map[string]string
	unknownFns map[string]bool
}

// Prepare compiles a Bicep file. Errors are *netdoc.SourceError located in the
// Bicep source. data is read in place (see Compile).
func Prepare(path string, data []byte, opt Options) (*Compiled, error) {
	out, sm, notes, err := Compile(path, data, opt.ParamFile, opt.Load)
	if err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			file, line, col := ErrorLocation(ce)
			return nil, &netdoc.SourceError{Location: netdoc.Location{File: file, Line: line, Column: col}, Msg: ce.Msg}
		}
		return nil, err
	}
	// The compiler writes valid ASCII JSON, read without validating it again
	// (TestCompiledTextIsJSON), and indexes its objects and arrays as it writes
	// them; an index that does not fit is rebuilt by the one scan of
	// ParseGenerated, and what that scan doubts is read as any template.
	src, root, ok := jsonsrc.ParseIndexed(path, out, sm.lines, sm.boxes)
	if !ok {
		src, root, ok = jsonsrc.ParseGenerated(path, out, sm.lines)
	}
	if !ok {
		src, root, err = jsonsrc.Parse(path, out)
	}
	if err != nil {
		var se *netdoc.SourceError
		if errors.As(err, &se) {
			return nil, &netdoc.SourceError{Location: sm.Translate(se.Location), Msg: "the compiled template: " + se.Msg}
		}
		return nil, err
	}
	// The ARM reader locates values in the Bicep source as it reads them, not in
	// the compiled text (SourceMap.Locate).
	src.SetOrigin(sm)
	// The expressions the compiler wrote are parsed once per distinct text, not
	// once per value.
	armeval.Preparse(src, sm.texts, sm.exprs)
	reasons := unknownReasons(out)
	unknownFns := make(map[string]bool, len(reasons))
	for name := range reasons {
		unknownFns[name] = true
	}
	return &Compiled{opt: opt, sm: sm, notes: notes, src: src, root: root, reasons: reasons, unknownFns: unknownFns}, nil
}

// Extract reads the compiled file's network document, as the ARM reader does: the
// template evaluator (armeval) evaluates it, with one parameter set to a value when
// override is not nil, and the ARM mapping (arm.Map) maps it to the document. When
// bounded is not nil, it is set to the template's bounded parameters (see
// armeval.Deployment.Bounded): those a .bicepparam file sets are pinned, and their
// declarations located in the Bicep source.
func (c *Compiled) Extract(override *armeval.Override, bounded *[]armeval.Bounded) (*netdoc.Document, netdoc.Locations) {
	opt, sm, notes, reasons := c.opt, c.sm, c.notes, c.reasons
	ev := armeval.Evaluate(c.src, c.root, armeval.Options{Params: opt.Params, UnknownFunctions: c.unknownFns, Override: override, Types: arm.ResourceTypes})
	doc, locs := arm.Map(ev)
	if bounded != nil {
		*bounded = ev.Bounded()
		for i, b := range *bounded {
			// Set by the .bicepparam file, or by a file it extends.
			for name := range sm.set {
				if strings.EqualFold(name, b.Name) {
					(*bounded)[i].Pinned = true
				}
			}
		}
	}
	// The locations, and the messages of their related locations, are the Bicep
	// source's already (Prepare, SourceMap.Relate): the table is gone over only to
	// anchor each location to a .bicepparam file (BenchmarkRead1MBFile).
	var pf string
	var anchor netdoc.Related
	if opt.ParamFile != nil {
		pf = opt.ParamFile.Path
		anchor = netdoc.Related{Location: netdoc.Location{File: pf, Line: 1, Column: 1}, Message: "with parameter file " + filepath.Base(pf)}
	}
	// Anchored in place: the map is this call's own.
	tl := locs
	if pf != "" {
		for p, l := range tl {
			tl[p] = anchorEntry(l, pf, anchor, sm.bases)
		}
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
	// What the ARM reader found invalid, in Bicep's words.
	for i := range doc.Invalid {
		doc.Invalid[i].Message = sm.translateLines(doc.Invalid[i].Message, tl[netdoc.Pointer("invalid", i)].File)
	}
	// What bicep build refuses, once each (a module's notes come again with each
	// use of the module), after what the ARM reader found invalid.
	refused := map[[2]any]bool{}
	for _, n := range notes {
		if !n.Invalid || refused[[2]any{n.File, n.Pos}] {
			continue
		}
		refused[[2]any{n.File, n.Pos}] = true
		ptr := netdoc.Pointer("invalid", len(doc.Invalid))
		doc.Invalid = append(doc.Invalid, netdoc.Invalid{Code: codeInvalidTemplate, Message: n.Reason})
		tl[ptr] = noteLocation(sm, n, pf, anchor)
	}
	for _, n := range notes {
		if n.Invalid {
			continue
		}
		ptr := n.Pointer
		for k := 2; ; k++ {
			if _, taken := tl[ptr]; !taken {
				break
			}
			ptr = n.Pointer + "~" + itoa(k)
		}
		doc.Unresolved = append(doc.Unresolved, netdoc.Unresolved{Pointer: ptr, Expression: n.Expr, Reason: n.Reason})
		tl[ptr] = noteLocation(sm, n, pf, anchor)
	}
	if opt.ParamFile != nil {
		doc.ParameterFile = opt.ParamFile.Path
	}
	return doc, tl
}

// codeInvalidTemplate is ARM's error code for a template it rejects, which
// AKSNET904 names: what bicep build refuses is what ARM would reject of the
// template compiled from it.
const codeInvalidTemplate = "InvalidTemplate"

// noteLocation locates a compilation note, anchored to the parameter file pf (at
// anchor) when there is one and the note is not in it.
func noteLocation(sm *SourceMap, n Note, pf string, anchor netdoc.Related) netdoc.Located {
	loc := sm.Position(n.File, n.Pos)
	end := sm.Position(n.File, n.End)
	loc.EndLine, loc.EndColumn = end.Line, end.Column
	nl := netdoc.Located{Location: loc}
	if pf != "" && loc.File != pf {
		nl.Related = []netdoc.Related{anchor}
	}
	return nl
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

// moduleWords name in Bicep's words what the ARM reader's messages call a
// nested deployment.
var moduleWords = strings.NewReplacer(
	" of nested deployment ", " of module ",
	"The nested deployment ", "Module ",
	"the outputs of a nested deployment", "the outputs of a module",
	"nested deployments deeper than ", "modules nested deeper than ",
)

// declaredAt is how the ARM reader names a nested deployment without a known name:
// by the line of the compiled template it is declared on.
var declaredAt = regexp.MustCompile(`declared at line ([0-9]+)`)

// anchorEntry anchors one location of the compiled template's table to the
// parameter file pf: a parameter's value from it, or from a file it extends
// (bases), is named so (it is no default value), and a location that does not
// mention pf is given anchor. Its related locations are a new slice, since the
// ARM reader may share one between locations.
func anchorEntry(l netdoc.Located, pf string, anchor netdoc.Related, bases []string) netdoc.Located {
	if len(l.Related) == 0 {
		if l.File != pf {
			l.Related = []netdoc.Related{anchor}
		}
		return l
	}
	rel := make([]netdoc.Related, len(l.Related), len(l.Related)+1)
	copy(rel, l.Related)
	mentions := false
	for i := range rel {
		r := &rel[i]
		if r.File == pf || slices.Contains(bases, r.File) {
			mentions = mentions || r.File == pf
			if rest, ok := strings.CutPrefix(r.Message, "default value of parameter "); ok {
				r.Message = "value of parameter " + rest + " in " + filepath.Base(r.File)
			}
		}
	}
	if !mentions && l.File != pf {
		rel = append(rel, anchor)
	}
	l.Related = rel
	return l
}

// translateLines rewrites the compiled template's line numbers in a message into the
// Bicep line (and file, when it is not from) they were written on.
func (m *SourceMap) translateLines(msg, from string) string {
	// A Bicep module is what the compiled template calls a nested deployment.
	if strings.Contains(msg, "nested deployment") {
		msg = moduleWords.Replace(msg)
	}
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
