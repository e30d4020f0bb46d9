// Package lint runs the pipeline: discover, extract, effective values, evaluate, and
// apply the configured rule levels. It returns findings sorted for reporting.
package lint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/effective"
	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/inventory"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/parallel"
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
	// Discovered, when set, is told how many files the run will read, before any is.
	Discovered func(files int)
	// KeepDocuments keeps the extracted documents in Outcome.Documents, and in the
	// Extracted for another Evaluate. Without it (and without Summaries), Evaluate
	// lets go of each document once it is evaluated: a run of thousands of files
	// otherwise holds them all, and collects near the memory limit for most of its
	// evaluation.
	KeepDocuments bool
}

// Outcome is what a run found.
type Outcome struct {
	Findings []finding.Finding
	// Documents are the extracted (effective) documents, in file order, when
	// Options.KeepDocuments or Options.Summaries is set.
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
	x, err := Extract(opt)
	if err != nil {
		return Outcome{}, err
	}
	return x.Evaluate(ctx, eng)
}

// Extracted is a run's first half: every input discovered, read and extracted, before
// any policy is evaluated. It needs no engine, so the CLI loads the policies meanwhile.
type Extracted struct {
	opt      Options
	cfg      *config.Config
	cands    []extract.Candidate
	walkErrs []error
	per      []perFile
}

// Extract discovers, reads and extracts opt.Paths.
func Extract(opt Options) (*Extracted, error) {
	cfg := opt.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	if err := cfg.CheckParameterFiles(); err != nil {
		return nil, err
	}
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = cfg.MaxFileSize
	}
	if maxSize <= 0 {
		maxSize = extract.DefaultMaxFileSize
	}
	x := &Extracted{opt: opt, cfg: cfg}
	x.cands, x.walkErrs = extract.Discover(opt.Paths, extract.DiscoverOptions{Filter: cfg})
	if opt.Discovered != nil {
		opt.Discovered(len(x.cands))
	}
	xopt := extract.Options{Parameters: opt.Parameters, Roots: opt.Paths, MaxFileSize: maxSize}
	x.per = extractAll(x.cands, maxSize, plan{cfg: cfg, base: xopt, skipUnlintable: opt.SkipNonTemplates}, func(r extract.Result) {
		opt.Inventory.Merge(r.Doc, r.Locs)
		r.Doc.ConnectedNetworks = cfg.Connected()
		effective.Apply(r.Doc)
	})
	return x, nil
}

// Evaluate checks the configuration's rule IDs against eng, evaluates every document
// and applies levels and suppressions. Unless Options.KeepDocuments or Summaries is
// set, it releases the documents as it goes, and x has none left for another call.
func (x *Extracted) Evaluate(ctx context.Context, eng *engine.Engine) (Outcome, error) {
	cfg, opt, per, cands := x.cfg, x.opt, x.per, x.cands
	keep := opt.KeepDocuments || opt.Summaries
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
	var out Outcome
	for _, err := range x.walkErrs {
		out.Findings = append(out.Findings, parseError(eng, "", err))
		out.Failed++
	}
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
			if keep {
				out.Documents = append(out.Documents, r)
			}
			inputs = append(inputs, engine.Input{Doc: r.Doc, Locs: r.Locs})
		}
		if !keep {
			per[i].results = nil
		}
	}
	files := make([]string, len(inputs))
	for i, in := range inputs {
		files[i] = in.Doc.File
	}
	results, errs := evalWithin(ctx, eng, inputs, evalBudget, !keep)
	if opt.Summaries {
		out.Summaries = summarizeWithin(ctx, eng, inputs, evalBudget)
	}
	for i := range inputs {
		if errs[i] != nil {
			out.Failed++
			out.Findings = append(out.Findings, parseError(eng, files[i], errs[i]))
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
	parallel.Each(len(cands), func(i int) {
		out[i] = extractWithin(extractBudget, func() perFile { return extractOne(cands[i], maxSize, pl, complete) })
	})
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
	if testHookExtract != nil {
		testHookExtract(c.Path)
	}
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

// FileTimeBudget is the wall time one file's extraction, and then each of its
// documents' evaluation, may take. Past it the file gets an AKSNET902 and the run goes
// on. The limits on input size, nesting, copy counts and evaluation steps keep every
// known hostile input far below it; it is the backstop for what they miss (a
// template of 800 subnets takes policies over 10 s to evaluate).
const FileTimeBudget = 5 * time.Second

// extractBudget and evalBudget are FileTimeBudget for extraction and for evaluation
// (policies and summaries); tests shorten one of them.
var extractBudget, evalBudget = FileTimeBudget, FileTimeBudget

// testHookExtract, when a test sets it, runs at the start of each file's extraction
// (to make one panic or stall).
var testHookExtract func(path string)

// extractWithin runs one file's extraction, giving up after budget. The extraction
// cannot be interrupted, so it is left to finish in the background (its own step
// limits bound it) and its result is dropped.
func extractWithin(budget time.Duration, extractFile func() perFile) perFile {
	done := make(chan perFile, 1)
	go func() { done <- extractFile() }()
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case p := <-done:
		return p
	case <-timer.C:
		return perFile{err: fmt.Errorf("time budget exceeded: reading and extracting the file took over %v", budget)}
	}
}

// evalWithin evaluates each document with its own deadline of budget. OPA checks
// the context as it evaluates, so a document past its budget stops there. With
// release, each input is dropped from inputs once evaluated.
func evalWithin(ctx context.Context, eng *engine.Engine, inputs []engine.Input, budget time.Duration, release bool) ([][]finding.Finding, []error) {
	results := make([][]finding.Finding, len(inputs))
	errs := make([]error, len(inputs))
	parallel.Each(len(inputs), func(i int) {
		dctx, cancel := context.WithTimeout(ctx, budget)
		defer cancel()
		rs, es := eng.EvalAll(dctx, inputs[i:i+1]) // EvalAll recovers a panic
		results[i], errs[i] = rs[0], es[0]
		if release {
			inputs[i] = engine.Input{}
		}
		if errs[i] != nil && ctx.Err() == nil && errors.Is(dctx.Err(), context.DeadlineExceeded) {
			errs[i] = fmt.Errorf("time budget exceeded: evaluating the policies took over %v", budget)
		}
	})
	return results, errs
}

// summarizeWithin computes each document's review summary with its own deadline of
// budget, as evalWithin evaluates it.
func summarizeWithin(ctx context.Context, eng *engine.Engine, inputs []engine.Input, budget time.Duration) []engine.Summary {
	out := make([]engine.Summary, len(inputs))
	parallel.Each(len(inputs), func(i int) {
		dctx, cancel := context.WithTimeout(ctx, budget)
		defer cancel()
		out[i] = eng.SummaryAll(dctx, inputs[i:i+1])[0]
		if out[i].Error != "" && ctx.Err() == nil && errors.Is(dctx.Err(), context.DeadlineExceeded) {
			out[i].Error = fmt.Sprintf("time budget exceeded: computing the summary took over %v", budget)
		}
	})
	return out
}
