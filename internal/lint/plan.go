package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// The planner: the jobs of a run are built once, in file order, before any worker
// starts, from the walk (the candidates), the configuration and the flags. A job is
// one candidate file and what it is extracted with: a template's parameter files (by
// --parameters, else the configuration's mapping, else the files beside it), a named
// parameter file's template (beside it, the .bicepparam's using line, or the
// templates the mapping lists it for), the .bicep source beside a compiled template.
// Which pairing each job reports when several give it is decided here too. The
// workers only execute jobs (lint.go); content decides what a file is (a template, a
// parameter file, unrelated JSON), and the worker reads each file once.

// planFlags are the flags that shape the plan.
type planFlags struct {
	parameters       []string // --parameters: paired with every template
	skipNonTemplates bool     // --skip-non-templates
	variants         string   // --variants
	maxSize          int64
}

// job is one candidate file's work.
type job struct {
	cand extract.Candidate
	// kind is the input kind by the file's name (extract.KindOf; "" for a named file
	// of no known extension, read by content).
	kind string
	// skipUnlintable: a named file that a walk would skip silently is skipped
	// (--skip-non-templates; extract.Unlintable decides on the content).
	skipUnlintable bool
	// pairing is what the file is extracted with (unused when mapped is set).
	pairing extract.Pairing
	// mapped are the templates the configuration's mapping lints a named parameter
	// file with, each with its pairing.
	mapped []mappedTemplate
}

// mappedTemplate is a template a named parameter file is linted with.
type mappedTemplate struct {
	path    string
	pairing extract.Pairing
}

// plan is a run's jobs and what is decided once for all of them.
type plan struct {
	jobs []job // one per candidate, in file order
	base extract.Options
	// skipNonTemplates: --skip-non-templates.
	skipNonTemplates bool
	// variants is the run's variant mode (variants.go).
	variants string
	// owner is, for each template and parameter file pairing that jobs give, the
	// first job (in file order) that gives it: only that one evaluates and reports it.
	owner map[[2]string]int
	// scopes are where the configuration's deployments: entries deploy each template
	// of the plan: the join group of its documents (join.go).
	scopes map[string]netdoc.Scope
	cfg    *config.Config // the mapping and deployments: the plan reads
}

// newPlan builds the jobs of cands.
func newPlan(cands []extract.Candidate, cfg *config.Config, root pathpolicy.Root, f planFlags) *plan {
	variants := variantMode(f.variants, cfg.Variants)
	pl := &plan{
		jobs:             make([]job, len(cands)),
		base:             extract.Options{Root: root, MaxFileSize: f.maxSize, NoVariants: variants == VariantsOff},
		skipNonTemplates: f.skipNonTemplates,
		variants:         variants,
		owner:            map[[2]string]int{},
		scopes:           map[string]netdoc.Scope{},
		cfg:              cfg,
	}
	pairer := extract.NewPairer(root, f.maxSize)
	for i, c := range cands {
		j := job{cand: c, kind: extract.KindOf(c.Path), skipUnlintable: f.skipNonTemplates && c.Explicit}
		if len(f.parameters) == 0 && c.Explicit {
			for _, t := range cfg.TemplatesFor(c.Path, root) {
				j.mapped = append(j.mapped, mappedTemplate{path: t, pairing: pl.mappedPairing(pairer, t, c.Path)})
			}
		}
		if j.mapped == nil {
			j.pairing = pl.templatePairing(pairer, c, f.parameters)
		}
		pl.jobs[i] = j
		pl.record(i, j)
	}
	return pl
}

// templatePairing is c's pairing: by the files beside it, with a template's parameter
// files from --parameters, else the configuration's mapping, when they name any.
func (pl *plan) templatePairing(pairer *extract.Pairer, c extract.Candidate, flagged []string) extract.Pairing {
	p := pairer.Beside(c)
	if k := extract.KindOf(c.Path); k != "json" && k != "bicep" && (k != "" || !c.Explicit) {
		return p // not a template: scripts, runbooks, .bicepparam files
	}
	switch {
	case len(flagged) > 0:
		p.Params = sources(flagged, extract.OriginFlag)
	default:
		if mapped := pl.cfg.ParametersFor(c.Path); len(mapped) > 0 {
			p.Params = sources(mapped, extract.OriginConfig)
		}
	}
	return p
}

// mappedPairing is template's pairing when the configuration's mapping lints the
// named parameter file param with it: the mapping's entries for template that are
// param, named as template's own job names them, so that a template and its
// parameter file both named give each pairing once.
func (pl *plan) mappedPairing(pairer *extract.Pairer, template, param string) extract.Pairing {
	want, err := filepath.Abs(param)
	var listed []string
	if err == nil {
		for _, f := range pl.cfg.ParametersFor(template) {
			if abs, err := filepath.Abs(f); err == nil && abs == want {
				listed = append(listed, f)
			}
		}
	}
	if len(listed) == 0 {
		return pairer.Beside(extract.Candidate{Path: template, Explicit: true})
	}
	return extract.Pairing{Params: sources(listed, extract.OriginConfig)}
}

// record notes the pairings job i gives (the first job to give one owns it) and the
// join group of the files its documents are of.
func (pl *plan) record(i int, j job) {
	for _, pair := range j.pairs() {
		// Without deployments: entries every scope is empty, and deployment finds
		// that at once: a map entry per template would be held for the whole run.
		if _, ok := pl.scopes[pair[0]]; !ok && len(pl.cfg.Deployments) > 0 {
			pl.scopes[pair[0]] = pl.lookup(pair[0])
		}
		if _, ok := pl.owner[pair]; !ok && pair[1] != "" {
			pl.owner[pair] = i
		}
	}
}

// pairs are the template and parameter file pairings job j may give (which it gives
// depends on the content: a named JSON file may be a template or a parameter file),
// and its templates alone ("" parameter file).
func (j job) pairs() [][2]string {
	var out [][2]string
	add := func(template string, p extract.Pairing) {
		out = append(out, [2]string{template, ""})
		for _, s := range p.Params {
			out = append(out, [2]string{template, s.Path})
		}
	}
	for _, m := range j.mapped {
		add(m.path, m.pairing)
	}
	if j.mapped != nil {
		return out
	}
	add(j.cand.Path, j.pairing)
	if t := j.pairing.Template.Path; t != "" {
		out = append(out, [2]string{t, j.cand.Path})
	}
	return out
}

// lookup is where the configuration deploys file (deployments:).
func (pl *plan) lookup(file string) netdoc.Scope {
	rg, sub := pl.cfg.DeploymentFor(file)
	return netdoc.Scope{ResourceGroup: rg, Subscription: sub}
}

// deployment is the join group of a document's file: as planned, else looked up (the
// workers only read the plan's map).
func (pl *plan) deployment(file string) netdoc.Scope {
	if s, ok := pl.scopes[file]; ok {
		return s
	}
	return pl.lookup(file)
}

// owns tells whether file i is the one to evaluate and report pair: the first job
// that gives it. A pairing the plan did not foresee is its file's own.
func (pl *plan) owns(pair [2]string, i int) bool {
	if pair[1] == "" {
		return true
	}
	j, ok := pl.owner[pair]
	return !ok || j == i
}

func sources(paths []string, o extract.Origin) []extract.Source {
	out := make([]extract.Source, len(paths))
	for i, p := range paths {
		out[i] = extract.Source{Path: p, Origin: o}
	}
	return out
}

// extract executes job j on its file's content data.
func (pl *plan) extract(j job, data []byte) ([]extract.Result, error) {
	if j.mapped != nil {
		return pl.mappedTemplates(j.mapped)
	}
	if j.skipUnlintable && extract.Unlintable(j.cand.Path, data, j.pairing) {
		return nil, nil
	}
	opt := pl.base
	opt.Pairing = &j.pairing
	results, err := extract.FileWith(j.cand, data, opt)
	if err != nil && pl.skipNonTemplates {
		if why, ok := extract.BrokenNonTemplate(j.cand.Path, data); ok {
			return nil, &skippedFile{err: why}
		}
	}
	return results, err
}

// mappedTemplates lints a named parameter file with each template the configuration
// maps it to.
func (pl *plan) mappedTemplates(templates []mappedTemplate) ([]extract.Result, error) {
	var out []extract.Result
	for _, t := range templates {
		opt := pl.base
		opt.Pairing = &t.pairing
		data, err := extract.ReadFile(t.path, opt.MaxFileSize)
		if err != nil {
			return nil, fmt.Errorf("template %s of this parameter file (from the configuration): %w", t.path, unwrapPath(err))
		}
		results, err := extract.FileWith(extract.Candidate{Path: t.path, Explicit: true}, data, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, results...)
	}
	return out, nil
}

// skippedFile is a file that --skip-non-templates skips with a note: JSON that does
// not parse and shows no sign of being a template. It is reported as an AKSNET902
// note at the parse error, and the run does not fail for it.
type skippedFile struct{ err error }

func (s *skippedFile) Error() string { return skipNote(s.err.Error()) }

func (s *skippedFile) Unwrap() error { return s.err }

func skipNote(parseError string) string {
	return parseError + `; no sign of a template (no deployment $schema, no "resources" key): skipped (--skip-non-templates)`
}

// unwrapPath is err without the path of an *fs.PathError: the message names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
