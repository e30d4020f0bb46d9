package extract

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/azcli"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// Class is what a file is, decided by content.
type Class int

// Classes of input.
const (
	ClassOther Class = iota
	ClassTemplate
	ClassParameters
	ClassScript
)

// Result is one network document and its location table.
type Result struct {
	Doc  *netdoc.Document
	Locs netdoc.Locations
	// Bounded are the template's parameters that declare allowed values or bounds
	// (ARM and Bicep), in declaration order; nil for scripts.
	Bounded []armeval.Bounded
	// Variant reads the same template and parameter file again with one parameter
	// set to a value (see armeval.Override); nil for scripts, which allow no values.
	Variant func(armeval.Override) Result
}

// Options configure FileWith.
type Options struct {
	// Pairing is what the file is extracted with, as the run's planner decided
	// (internal/lint/plan.go); nil: by the files beside it (Pairer.Beside).
	Pairing *Pairing
	// Root is where templates linked by relativePath must be, after ".." and symbolic
	// links (the zero Root: the directory of the template that links them).
	Root pathpolicy.Root
	// MaxFileSize bounds the parameter files and linked templates read
	// (0: DefaultMaxFileSize).
	MaxFileSize int64
	// NoVariants is set when no variant of a template will be evaluated: a
	// template's Result then has no Bounded, whose reading is a pass over every
	// parameter declaration of the template.
	NoVariants bool
}

// File extracts the network documents of one file. Files that are not inputs
// (parameter files, unrelated JSON) give nothing; when explicit, an unrelated file is an
// error. Errors are *netdoc.SourceError where a position is known. A template some of
// whose parameter files cannot be read gives both its documents and an error that
// joins (errors.Join) one error per such file.
func File(c Candidate, data []byte) ([]Result, error) {
	return FileWith(c, data, Options{})
}

// FileWith is File with options. A template gives one document per parameter file
// of its pairing (opt.Pairing), or one with its default values when it has none. A
// parameter file gives nothing unless named explicitly: then it is linted with the
// template of its pairing.
func FileWith(c Candidate, data []byte, opt Options) ([]Result, error) {
	if opt.Pairing == nil {
		p := NewPairer(opt.Root, opt.MaxFileSize).Beside(c)
		opt.Pairing = &p
	}
	if k, ok := kindOf(c.Path); ok {
		return k.read(c, data, opt)
	}
	if isShellShebang(data) {
		return readScript(c, data, opt)
	}
	if !looksLikeJSON(data) {
		// A named .ps1, .tf or .yaml file: not ours to read, and not a JSON error.
		return nil, &NotInputError{Path: c.Path}
	}
	return readJSON(c, data, opt)
}

func readBicep(c Candidate, data []byte, opt Options) ([]Result, error) {
	return bicepResults(c.Path, data, opt.Pairing.ParamPaths(), opt)
}

func readBicepParam(c Candidate, data []byte, opt Options) ([]Result, error) {
	if !c.Explicit {
		return nil, nil // read with its template, never linted alone
	}
	return bicepParamResults(c.Path, opt)
}

func readRunbook(c Candidate, data []byte, _ Options) ([]Result, error) {
	if !c.Explicit && !mentionsAz(data) {
		return nil, nil
	}
	doc, locs, err := azcli.ExtractMarkdown(c.Path, data)
	return single(doc, locs, err)
}

func readScript(c Candidate, data []byte, _ Options) ([]Result, error) {
	if !c.Explicit && !mentionsAz(data) {
		return nil, nil // a shell script that creates no network is not ours to judge
	}
	doc, locs, err := azcli.Extract(c.Path, data)
	return single(doc, locs, err)
}

// readJSON reads a template (or, named, a parameter file), classified by content.
func readJSON(c Candidate, data []byte, opt Options) ([]Result, error) {
	src, root, err := jsonsrc.Parse(c.Path, data)
	if err != nil {
		return nil, err
	}
	switch classifyJSON(src, root) {
	case ClassTemplate:
		if !src.Get(root, "resources").Exists() {
			return nil, &netdoc.SourceError{Location: src.At(0, 0), Msg: "deployment template without resources"}
		}
		if b := opt.Pairing.GeneratedFrom; b != "" && !c.Explicit && armeval.IsBicep(src, root) {
			return generatedNote(c.Path, b), nil
		}
		return templateResults(src, root, opt.Pairing.ParamPaths(), opt)
	case ClassParameters:
		if !c.Explicit {
			return nil, nil // read with its template, never linted alone
		}
		return parameterFileResults(c, src, opt)
	default:
	}
	if !c.Explicit {
		return nil, nil
	}
	if err := jsonsrc.TopLevelError(src, root); err != nil {
		return nil, err
	}
	return nil, &netdoc.SourceError{Location: src.At(0, 0), Msg: "not an ARM template or parameter file: no deployment $schema and no resources"}
}

// NotInputError is the error of a named file that is neither a template, a parameter
// file, a script nor a runbook. It is reported as a note: the file is skipped, and the
// exit code does not change.
type NotInputError struct {
	Path string
	// Reason is why, when the file is of a kind that is read but not alone.
	Reason string
}

func (e *NotInputError) Error() string {
	if e.Reason != "" {
		return e.Reason
	}
	return "not a template, a script or a runbook: skipped"
}

// looksLikeJSON reports content whose first non-blank character (after a BOM) opens a
// JSON value or a JSONC comment: a template named without .json is still read as one.
func looksLikeJSON(data []byte) bool {
	if dec, err := jsonsrc.Decode(data); err == nil {
		data = dec // UTF-16, as ARM reads it
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) == 0 || data[0] == '{' || data[0] == '[' || data[0] == '/'
}

// templateResults extracts a template with each parameter file, or alone. A parameter
// file that cannot be read does not hide the others: the template is extracted with
// each that can (alone when none can), and the error returned beside the results
// joins one error per unreadable file.
func templateResults(src *jsonsrc.Source, root gjson.Result, params []string, opt Options) ([]Result, error) {
	aopt := armeval.Options{Load: linkLoader(src.File, opt), Types: arm.ResourceTypes}
	var out []Result
	var errs []error
	for _, p := range params {
		pf, err := readParams(p, opt)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		aopt.Params = pf
		out = append(out, armResult(src, root, aopt, !opt.NoVariants))
	}
	if len(out) == 0 {
		aopt.Params = nil
		out = append(out, armResult(src, root, aopt, !opt.NoVariants))
	}
	return out, errors.Join(errs...)
}

// armResult reads a template as the Bicep front-end does: the template evaluator
// (armeval) evaluates it with aopt, and the ARM mapping (arm.Map) maps it to the
// network document; with how to read its variants and, when bounded is set (variants
// will be evaluated), its bounded parameters.
func armResult(src *jsonsrc.Source, root gjson.Result, aopt armeval.Options, bounded bool) Result {
	ev := armeval.Evaluate(src, root, aopt)
	doc, locs := arm.Map(ev)
	variant := func(o armeval.Override) Result {
		v := aopt
		v.Override = &o
		doc, locs := arm.Map(armeval.Evaluate(src, root, v))
		return Result{Doc: doc, Locs: locs}
	}
	r := Result{Doc: doc, Locs: locs, Variant: variant}
	if bounded {
		r.Bounded = ev.Bounded()
	}
	return r
}

// parameterFileResults lints an explicitly named parameter file with its template.
func parameterFileResults(c Candidate, psrc *jsonsrc.Source, opt Options) ([]Result, error) {
	tmpl := opt.Pairing.Template.Path
	switch {
	case tmpl == "":
		return nil, &netdoc.SourceError{Location: psrc.At(0, 0), Msg: "parameter file without a template: expected " + opt.Pairing.Expected + " (or lint the template with --parameters " + filepath.Base(c.Path) + ")"}
	case bicep.IsBicepName(tmpl):
		data, err := ReadFile(tmpl, maxSize(opt))
		if err != nil {
			return nil, err
		}
		return bicepResults(tmpl, data, []string{c.Path}, opt)
	}
	data, err := ReadFile(tmpl, maxSize(opt))
	if err != nil {
		return nil, err
	}
	src, root, err := jsonsrc.Parse(tmpl, data)
	if err != nil {
		return nil, err
	}
	if classifyJSON(src, root) != ClassTemplate || !src.Get(root, "resources").Exists() {
		return nil, &netdoc.SourceError{Location: psrc.At(0, 0), Msg: "parameter file without a template: " + tmpl + " is not a deployment template"}
	}
	results, err := templateResults(src, root, []string{c.Path}, opt)
	if err != nil {
		return nil, err // the template alone is its own file's to lint
	}
	return results, nil
}

// readParams reads a parameter file; one that is not a parameter file is an error.
func readParams(path string, opt Options) (*armeval.Params, error) {
	data, err := ReadFile(path, maxSize(opt))
	if err != nil {
		return nil, &netdoc.SourceError{Location: netdoc.Location{File: path, Line: 1, Column: 1}, Msg: "parameter file: " + err.Error()}
	}
	src, root, err := jsonsrc.Parse(path, data)
	if err != nil {
		return nil, err
	}
	if c := classifyJSON(src, root); c == ClassTemplate || c != ClassParameters && !src.Get(root, "parameters").IsObject() {
		return nil, &netdoc.SourceError{Location: src.At(0, 0), Msg: "not a parameter file: no deploymentParameters $schema and no parameters"}
	}
	return armeval.ParseParams(src, root)
}

func maxSize(opt Options) int64 {
	if opt.MaxFileSize > 0 {
		return opt.MaxFileSize
	}
	return DefaultMaxFileSize
}

// linkLoader reads templates linked by relativePath, only when the path policy admits
// them: regular files inside the root (see internal/pathpolicy). A refused link is
// never opened; the error says why, and the extractor places it at the reference.
func linkLoader(template string, opt Options) func(from, rel string) (*jsonsrc.Source, gjson.Result, error) {
	root := opt.Root
	if root.Dir() == "" {
		root, _ = pathpolicy.New(filepath.Dir(template)) // an error leaves the zero Root: nothing is read
	}
	return func(from, rel string) (*jsonsrc.Source, gjson.Result, error) {
		p, err := root.Resolve(from, rel)
		if err != nil {
			return nil, gjson.Result{}, err
		}
		data, err := ReadFile(p, maxSize(opt))
		if err != nil {
			return nil, gjson.Result{}, err
		}
		return jsonsrc.Parse(p, data)
	}
}

// classifyJSON tells templates from parameter files by $schema, falling back on shape.
// It reads members through src's container index: gjson's Get scans every member
// before the one it finds, and "resources" comes after a template's largest parts.
func classifyJSON(src *jsonsrc.Source, root gjson.Result) Class {
	if !root.IsObject() {
		return ClassOther
	}
	schema := strings.ToLower(src.Get(root, "$schema").String())
	switch {
	case strings.Contains(schema, "deploymentparameters"):
		return ClassParameters
	case strings.Contains(schema, "deploymenttemplate"), src.Get(root, "resources").Exists():
		return ClassTemplate
	}
	return ClassOther
}

func single(doc *netdoc.Document, locs netdoc.Locations, err error) ([]Result, error) {
	if err != nil {
		return nil, err
	}
	return []Result{{Doc: doc, Locs: locs}}, nil
}

// mentionsAz reports whether a file found by a walk calls the commands we read.
func mentionsAz(data []byte) bool {
	return bytes.Contains(data, []byte("az aks")) || bytes.Contains(data, []byte("az network"))
}
