package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// plan decides how each file is extracted: with the parameter files the configuration
// maps to a template, and whether a named file that cannot be linted is skipped.
type plan struct {
	cfg  *config.Config
	root pathpolicy.Root // where the configuration's templates must be
	// base holds the options of every file; base.Parameters (--parameters) wins over
	// the configuration's mapping.
	base extract.Options
	// skipUnlintable skips named files that a walk would skip (--skip-non-templates).
	skipUnlintable bool
}

// extract returns the documents of one file whose content is data.
func (p plan) extract(c extract.Candidate, data []byte) ([]extract.Result, error) {
	opt := p.base
	if len(opt.Parameters) == 0 {
		if c.Explicit {
			if templates := p.cfg.TemplatesFor(c.Path, p.root); len(templates) > 0 {
				return p.parameterFile(c.Path, templates)
			}
		}
		opt.Parameters = p.cfg.ParametersFor(c.Path)
	}
	if p.skipUnlintable && c.Explicit && extract.Unlintable(c.Path, data) {
		return nil, nil
	}
	results, err := extract.FileWith(c, data, opt)
	if err != nil && p.skipUnlintable {
		if why, ok := extract.BrokenNonTemplate(c.Path, data); ok {
			return nil, &skippedFile{err: why}
		}
	}
	return results, err
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

// parameterFile lints a named parameter file that the configuration maps to templates,
// with each of them. The parameter file is named as the template's own run names it, so
// that a template and its parameter file both named give each pairing once.
func (p plan) parameterFile(param string, templates []string) ([]extract.Result, error) {
	want, err := filepath.Abs(param)
	if err != nil {
		return nil, err
	}
	var out []extract.Result
	for _, t := range templates {
		opt := p.base
		for _, f := range p.cfg.ParametersFor(t) {
			if abs, err := filepath.Abs(f); err == nil && abs == want {
				opt.Parameters = append(opt.Parameters, f)
			}
		}
		data, err := extract.ReadFile(t, opt.MaxFileSize)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("template %s of this parameter file (from the configuration): %w", t, err)
		}
		results, err := extract.FileWith(extract.Candidate{Path: t, Explicit: true}, data, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, results...)
	}
	return out, nil
}
