// Package lint runs the pipeline: discover, extract, effective values, evaluate, and
// apply the configured rule levels. It returns findings sorted for reporting.
package lint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sync"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/effective"
	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/inventory"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// ParseErrorID is the diagnostic for a file that could not be read or parsed.
const ParseErrorID = "AKSNET902"

// Options configure Run.
type Options struct {
	Paths       []string
	Config      *config.Config
	MaxFileSize int64
	// Inventory supplies existing VNets for subnets the inputs only reference.
	Inventory *inventory.Inventory
	// Parameters are parameter files paired with every template instead of the ones
	// beside it or the configuration's (--parameters).
	Parameters []string
	// SkipNonTemplates skips named files that cannot be linted instead of reporting
	// them: JSON that is not a template, parameter files without one (for hooks that
	// name every *.json file).
	SkipNonTemplates bool
	// Summaries asks for each document's review summary (the Markdown report); other
	// formats leave it off and do not pay for it.
	Summaries bool
}

// Outcome is what a run found.
type Outcome struct {
	Findings []finding.Finding
	// Documents are the extracted (effective) documents, in file order.
	Documents []extract.Result
	// Summaries are the Documents' review summaries, in the same order, when
	// Options.Summaries is set.
	Summaries []engine.Summary
	// Files counts the files linted (those that gave a document or failed); Failed
	// those that could not be read or parsed.
	Files, Failed int
}

// Run lints opt.Paths. Only a problem with the run itself is an error; a bad file is a
// finding.
func Run(ctx context.Context, eng *engine.Engine, opt Options) (Outcome, error) {
	cfg := opt.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	for id := range cfg.Rules {
		if _, ok := eng.Rule(id); !ok {
			return Outcome{}, fmt.Errorf("config %s: unknown rule %s", cfg.Where("rules", id), id)
		}
	}
	for i, ig := range cfg.Ignore {
		for j, id := range ig.Rules {
			if _, ok := eng.Rule(id); !ok {
				return Outcome{}, fmt.Errorf("config %s: ignore: unknown rule %s", cfg.Where("ignore", i, "rules", j), id)
			}
		}
	}
	if err := cfg.CheckParameterFiles(); err != nil {
		return Outcome{}, err
	}
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = cfg.MaxFileSize
	}
	if maxSize <= 0 {
		maxSize = extract.DefaultMaxFileSize
	}
	cands, walkErrs := extract.Discover(opt.Paths, extract.DiscoverOptions{Filter: cfg})
	var out Outcome
	for _, err := range walkErrs {
		out.Findings = append(out.Findings, parseError(eng, "", err))
		out.Failed++
	}

	xopt := extract.Options{Parameters: opt.Parameters, Roots: opt.Paths, MaxFileSize: maxSize}
	per := extractAll(cands, maxSize, plan{cfg: cfg, base: xopt, skipUnlintable: opt.SkipNonTemplates}, func(r extract.Result) {
		opt.Inventory.Merge(r.Doc, r.Locs)
		r.Doc.ConnectedNetworks = cfg.Connected()
		effective.Apply(r.Doc)
	})
	var inputs []engine.Input
	paired := map[[2]string]bool{} // a pairing named twice (template and parameter file) is linted once
	for i, p := range per {
		if p.err != nil || len(p.results) > 0 {
			out.Files++ // skipped files (unrelated JSON, scripts without az) do not count
		}
		if p.err != nil {
			out.Failed++
			out.Findings = append(out.Findings, parseError(eng, cands[i].Path, p.err))
			continue
		}
		for _, r := range p.results {
			if k := [2]string{r.Doc.File, r.Doc.ParameterFile}; r.Doc.ParameterFile != "" {
				if paired[k] {
					continue
				}
				paired[k] = true
			}
			out.Documents = append(out.Documents, r)
			inputs = append(inputs, engine.Input{Doc: r.Doc, Locs: r.Locs})
		}
	}
	results, errs := eng.EvalAll(ctx, inputs)
	if opt.Summaries {
		out.Summaries = eng.SummaryAll(ctx, inputs)
	}
	for i := range inputs {
		if errs[i] != nil {
			out.Failed++
			out.Findings = append(out.Findings, parseError(eng, inputs[i].Doc.File, errs[i]))
			continue
		}
		out.Findings = append(out.Findings, results[i]...)
	}
	out.Findings = applyLevels(out.Findings, cfg.Rules)
	suppress(out.Findings, cfg)
	finding.Sort(out.Findings)
	return out, nil
}

type perFile struct {
	results []extract.Result
	err     error
}

// extractAll reads and extracts every candidate on GOMAXPROCS workers; a panic in one
// file's extraction becomes that file's error.
func extractAll(cands []extract.Candidate, maxSize int64, pl plan, complete func(extract.Result)) []perFile {
	out := make([]perFile, len(cands))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(cands), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = extractOne(cands[i], maxSize, pl, complete)
			}
		}()
	}
	for i := range cands {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}

// extractOne reads and extracts one file; complete adds what the run knows beyond the
// file (inventory, config) and the effective values.
func extractOne(c extract.Candidate, maxSize int64, pl plan, complete func(extract.Result)) (p perFile) {
	defer func() {
		if r := recover(); r != nil {
			p = perFile{err: fmt.Errorf("internal error while extracting: %v", r)}
		}
	}()
	data, err := extract.ReadFile(c.Path, maxSize)
	if err != nil {
		return perFile{err: err}
	}
	results, err := pl.extract(c, data)
	for _, r := range results {
		complete(r)
	}
	return perFile{results: results, err: err}
}

// parseError turns a read, parse or evaluation failure into an AKSNET902 finding.
func parseError(eng *engine.Engine, file string, err error) finding.Finding {
	rule, _ := eng.Rule(ParseErrorID)
	f := finding.Finding{RuleID: ParseErrorID, Rule: rule.Name, Level: finding.Error, Message: err.Error(), Location: netdoc.Location{File: file}}
	var se *netdoc.SourceError
	var pe *fs.PathError
	switch {
	case errors.As(err, &se):
		f.Location, f.Message = se.Location, se.Msg
	case file == "" && errors.As(err, &pe):
		f.Location.File, f.Message = pe.Path, pe.Err.Error()
	}
	if f.Location.Line == 0 && f.Location.File != "" {
		// A whole-file failure (too large, unreadable) is placed at its start, so every
		// report format, SARIF and GitHub annotations included, can show it.
		f.Location.Line, f.Location.Column = 1, 1
	}
	return f
}

// applyLevels drops findings of rules configured off and overrides levels. Input
// diagnostics (AKSNET902) cannot be turned off: a file that was not read must be seen.
func applyLevels(fs []finding.Finding, levels map[string]finding.Level) []finding.Finding {
	kept := fs[:0]
	for _, f := range fs {
		if lvl, ok := levels[f.RuleID]; ok && f.RuleID != ParseErrorID {
			if lvl == finding.Off {
				continue
			}
			f.Level = lvl
		}
		kept = append(kept, f)
	}
	return kept
}
