package extract

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// Pairing by the files beside: X.json and X.bicep are deployed with X.parameters.json
// and X.<variant>.parameters.json beside them (a parameter file belongs to the template
// with the longest such name, arm.TemplateName), and a .bicep with the .bicepparam
// files whose using line names it. The run's planner (internal/lint/plan.go) starts
// from this and applies the configuration's mapping and --parameters; the extractors
// only follow the Pairing they are given.

// Origin is where a pairing of a template and a parameter file comes from.
type Origin string

// Origins of a pairing.
const (
	OriginBeside Origin = "beside" // X.parameters.json, X.<variant>.parameters.json beside X.json or X.bicep
	OriginUsing  Origin = "using"  // the using line of a .bicepparam
	OriginConfig Origin = "config" // the configuration's parameters mapping
	OriginFlag   Origin = "flag"   // --parameters
)

// Source is one file of a pairing and where the pairing comes from.
type Source struct {
	Path   string
	Origin Origin
}

// Pairing is what one file is extracted with.
type Pairing struct {
	// Params are the parameter files a template (JSON or Bicep) is extracted with, one
	// document each; none: one document with its defaults.
	Params []Source
	// Template is the template a named parameter file (JSON or .bicepparam) is linted
	// with; Path is "" when there is none, and Expected then says what was looked for.
	Template Source
	Expected string
	// GeneratedFrom is the .bicep file beside a walked JSON file: when the JSON is a
	// template the Bicep compiler emitted (its metadata says so), it is skipped with a
	// note and the source is linted instead.
	GeneratedFrom string
	// Err is why a named .bicepparam cannot be linted (unreadable, a syntax error, no
	// usable using line): the file is reported with it.
	Err error
}

// ParamPaths are the paths of p.Params.
func (p Pairing) ParamPaths() []string {
	if len(p.Params) == 0 {
		return nil
	}
	out := make([]string, len(p.Params))
	for i, s := range p.Params {
		out[i] = s.Path
	}
	return out
}

// Pairer pairs files by the files beside them. It lists each directory once and
// reads each .bicepparam once, however many templates share them.
type Pairer struct {
	root    pathpolicy.Root // where a .bicepparam's template must be (zero: its own directory)
	maxSize int64
	dirs    map[string]*listing
	usings  map[string]usingLine
}

// listing is one directory's entries; empty when it cannot be read.
type listing struct {
	names []string // sorted, as os.ReadDir returns them
	types map[string]fs.FileMode
	// params are the JSON parameter files of the directory by the template name they
	// pair with (arm.TemplateName), each list sorted; nil until a template asks. Worked
	// out once for the directory: each template scanning every name was quadratic in
	// the files of a directory.
	params map[string][]string
}

// usingLine is what a .bicepparam file's using line names, read once.
type usingLine struct {
	path   string // as written
	broken bool   // unreadable or a syntax error: paired anyway, so the error is reported
}

// NewPairer returns a Pairer for a run whose root is root (the zero Root: each file's
// own directory) and whose files are at most maxSize bytes (0: DefaultMaxFileSize).
func NewPairer(root pathpolicy.Root, maxSize int64) *Pairer {
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	return &Pairer{root: root, maxSize: maxSize, dirs: map[string]*listing{}, usings: map[string]usingLine{}}
}

// Beside is c's pairing by the files beside it.
func (p *Pairer) Beside(c Candidate) Pairing {
	k, known := kindOf(c.Path)
	switch {
	case k.name == kindBicep:
		return Pairing{Params: p.bicepParameterFiles(c.Path)}
	case k.name == kindBicepParam && c.Explicit:
		return p.bicepParamTemplate(c.Path)
	case k.name == kindJSON, !known && c.Explicit: // a named file of no known kind may be JSON
	default:
		return Pairing{}
	}
	out := Pairing{Params: p.armParameterFiles(c.Path)}
	if c.Explicit {
		out.Template, out.Expected = p.templateOf(c.Path)
	} else if b := strings.TrimSuffix(c.Path, filepath.Ext(c.Path)) + ".bicep"; p.present(b, false) {
		out.GeneratedFrom = b
	}
	return out
}

// entries lists dir once.
func (p *Pairer) entries(dir string) *listing {
	if l, ok := p.dirs[dir]; ok {
		return l
	}
	l := &listing{}
	if list, err := os.ReadDir(dirOrDot(dir)); err == nil {
		l.names = make([]string, len(list))
		l.types = make(map[string]fs.FileMode, len(list))
		for i, e := range list {
			l.names[i] = e.Name()
			l.types[e.Name()] = e.Type()
		}
	}
	p.dirs[dir] = l
	return l
}

// present reports whether path is in its directory's listing: as a regular file when
// regular, else as any entry (Lstat semantics: no link is followed).
func (p *Pairer) present(path string, regular bool) bool {
	dir, base := filepath.Split(path)
	t, ok := p.entries(dir).types[base]
	return ok && (!regular || t.IsRegular())
}

// armParameterFiles lists the parameter files beside a JSON template that pair with
// it, sorted.
func (p *Pairer) armParameterFiles(template string) []Source {
	dir, base := filepath.Split(template)
	if !strings.EqualFold(filepath.Ext(base), ".json") || arm.IsParameterFileName(base) {
		return nil
	}
	names := p.parameterFiles(dir)[base]
	if len(names) == 0 {
		return nil
	}
	out := make([]Source, len(names))
	for i, name := range names {
		out[i] = Source{Path: filepath.Join(dir, name), Origin: OriginBeside}
	}
	return out
}

// parameterFiles are dir's JSON parameter files by the template they pair with.
func (p *Pairer) parameterFiles(dir string) map[string][]string {
	l := p.entries(dir)
	if l.params != nil {
		return l.params
	}
	l.params = map[string][]string{}
	for _, name := range l.names {
		if !l.types[name].IsRegular() || !arm.IsParameterFileName(name) {
			continue
		}
		if t, ok := arm.TemplateName(name, func(s string) bool { return p.present(filepath.Join(dir, s), true) }); ok {
			l.params[t] = append(l.params[t], name)
		}
	}
	return l.params
}

// bicepParameterFiles lists the parameter files beside a .bicep file that pair with
// it, sorted: JSON ones by name, .bicepparam ones by their using line.
func (p *Pairer) bicepParameterFiles(path string) []Source {
	dir, base := filepath.Split(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	var out []Source
	l := p.entries(dir)
	for _, name := range l.names {
		if !l.types[name].IsRegular() {
			continue
		}
		switch {
		case arm.IsParameterFileName(name):
			s := name[:len(name)-len(".parameters.json")]
			if strings.EqualFold(s, stem) {
				out = append(out, Source{Path: filepath.Join(dir, name), Origin: OriginBeside})
			} else if v, ok := strings.CutPrefix(s, stem+"."); ok && v != "" && !p.present(filepath.Join(dir, s+".bicep"), false) && !p.present(filepath.Join(dir, s+".json"), false) {
				out = append(out, Source{Path: filepath.Join(dir, name), Origin: OriginBeside})
			}
		case bicep.IsParamName(name):
			pp := filepath.Join(dir, name)
			u := p.using(pp)
			if u.broken || u.path != "" && filepath.Clean(filepath.Join(dir, filepath.FromSlash(u.path))) == filepath.Clean(path) {
				out = append(out, Source{Path: pp, Origin: OriginUsing})
			}
		}
	}
	return out
}

// using reads the using line of a .bicepparam beside a template, once.
func (p *Pairer) using(path string) usingLine {
	if u, ok := p.usings[path]; ok {
		return u
	}
	var u usingLine
	if data, err := ReadFile(path, DefaultMaxFileSize); err == nil {
		if pf, err := bicep.ParseParamFile(path, data); err != nil {
			u.broken = true
		} else {
			u.path = pf.UsingPath()
		}
	}
	p.usings[path] = u
	return u
}

// templateOf is the template a named JSON parameter file pairs with by name: the
// longest X.json beside it, else the longest X.bicep; else "" and what was expected.
func (p *Pairer) templateOf(param string) (Source, string) {
	dir, base := filepath.Split(param)
	t, ok := arm.TemplateName(base, func(s string) bool { return p.present(filepath.Join(dir, s), true) })
	if ok {
		return Source{Path: filepath.Join(dir, t), Origin: OriginBeside}, ""
	}
	if arm.IsParameterFileName(base) {
		for s := base[:len(base)-len(".parameters.json")]; s != ""; {
			if b := filepath.Join(dir, s+".bicep"); p.present(b, false) {
				return Source{Path: b, Origin: OriginBeside}, ""
			}
			i := strings.LastIndexByte(s, '.')
			if i <= 0 {
				break
			}
			s = s[:i]
		}
		return Source{}, t + " beside it"
	}
	return Source{}, "a file named <template>.parameters.json"
}

// bicepParamTemplate is the template a named .bicepparam names in its using line,
// resolved through the path policy.
func (p *Pairer) bicepParamTemplate(path string) Pairing {
	data, err := ReadFile(path, p.maxSize)
	if err != nil {
		return Pairing{Err: err}
	}
	if dec, err := jsonsrc.Decode(data); err == nil {
		data = dec // UTF-16, decoded as the file's own read decodes it
	}
	pf, err := bicep.ParseParamFile(path, data)
	if err != nil {
		return Pairing{Err: err}
	}
	at := netdoc.Location{File: path, Line: 1, Column: 1}
	if pf.UsingNone {
		// A base that other parameter files extend: valid, with no template of its own.
		return Pairing{Err: &NotInputError{Path: path, Reason: "a base parameter file (using none): read with the parameter files that extend it, not alone: skipped"}}
	}
	using := pf.UsingPath()
	if using == "" || !bicep.IsBicepName(using) {
		return Pairing{Err: &netdoc.SourceError{Location: at, Msg: "parameter file without a template: expected using 'X.bicep' naming a Bicep file beside it"}}
	}
	tmpl, err := safeRelative(path, using, bicepRoot(path, p.root))
	if err != nil {
		return Pairing{Err: &netdoc.SourceError{Location: at, Msg: "template of this parameter file: " + err.Error()}}
	}
	return Pairing{Template: Source{Path: tmpl, Origin: OriginUsing}}
}

func dirOrDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}
