// Package lint runs the pipeline: discover, extract, effective values, evaluate, and
// apply the configured rule levels. It returns findings sorted for reporting.
package lint

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/effective"
	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/inventory"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netindex"
	"github.com/aksnet-lint/aksnet-lint/internal/parallel"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// ParseErrorID is the diagnostic for a file that could not be read or parsed.
const ParseErrorID = "AKSNET902"

// Options configure Run.
type Options struct {
	Paths  []string
	Config *config.Config
	// Root is the directory that paths written in files (parameter files in the
	// configuration, linked templates) must resolve inside, and outside of which no
	// source line is kept (--root; see internal/pathpolicy). Empty: the enclosing git
	// work tree of the working directory, else the working directory.
	Root        string
	MaxFileSize int64
	// Inventory supplies existing VNets for subnets and peered VNets the inputs only reference.
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
	// SourceLines keeps in Outcome.Lines the source lines the findings point at, from
	// the bytes that were linted (the text report shows them).
	SourceLines bool
	// Timeout is the time one document's evaluation may take (--timeout); 0: the
	// configuration's timeout, else a budget that grows with the document (EvalBudget).
	Timeout time.Duration
	// KeepDocuments keeps the extracted documents in Outcome.Documents. Without it
	// (and without Summaries), each document is let go of once evaluated.
	KeepDocuments bool
	// DocumentsOnly keeps the documents, read, joined and completed as for an
	// evaluation, and evaluates no policy (aksnet-lint extract prints them).
	DocumentsOnly bool
	// Variants is off, bounds or all: which other values of a template's parameters
	// are checked (variants.go); "" takes the configuration's, else all.
	Variants string
	// NoJoin lints each file alone: a reference to a network another file declares
	// stays unknown (see join.go).
	NoJoin bool
}

// Outcome is what a run found.
type Outcome struct {
	Findings []finding.Finding
	// Documents are the extracted (effective) documents, in file order, when
	// Options.KeepDocuments, DocumentsOnly or Summaries is set.
	Documents []extract.Result
	// Summaries are the Documents' review summaries, in the same order, when
	// Options.Summaries is set.
	Summaries []engine.Summary
	// Files counts the files linted (those that gave a document or failed); Failed
	// those that could not be read or parsed.
	Files, Failed int
	// Took is where the workers' time went (--timings).
	Took Took
	// Lines are the source lines findings point at, with Options.SourceLines.
	Lines SourceLines
}

// Run lints opt.Paths with eng. Each file is read, extracted and evaluated by one
// worker in one go, so a run holds only the documents its workers are on, however many
// files it has: a run of thousands of files that extracted them all first collected
// near the memory limit for most of its time, and slowed down per file. Only a
// problem with the run itself is an error (a configured rule ID eng does not know,
// say); a bad file is a finding.
func Run(ctx context.Context, eng *engine.Engine, opt Options) (Outcome, error) {
	cfg := opt.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	root, err := policyRoot(opt.Root)
	if err != nil {
		return Outcome{}, err
	}
	if err := cfg.CheckParameterFiles(root); err != nil {
		return Outcome{}, err
	}
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = min(cfg.MaxFileSize, config.MaxFileSizeCeiling) // Load refuses more; a Config made in code too
	}
	if maxSize <= 0 {
		maxSize = extract.DefaultMaxFileSize
	}
	if err := checkRuleIDs(cfg, eng); err != nil {
		return Outcome{}, err
	}
	paths, refused := admit(opt.Paths, root)
	cands, walkErrs := extract.Discover(paths, extract.DiscoverOptions{Filter: cfg})
	walkErrs = append(refused, walkErrs...)
	// Every job is planned before any worker starts; the workers only execute them.
	pl := newPlan(cands, cfg, root, planFlags{parameters: opt.Parameters, skipNonTemplates: opt.SkipNonTemplates, variants: opt.Variants, maxSize: maxSize})
	w := &worker{
		opt: opt, cfg: cfg, root: root, maxSize: maxSize, eng: eng,
		plan: pl,
		join: newJoiner(pl.deployment, opt.NoJoin, len(pl.jobs) == 1),
	}
	per := make([]fileOutcome, len(cands))
	var took [2]atomic.Int64 // reading and extracting; evaluating
	order := largestFirst(cands)
	parallel.Each(len(order), func(k int) {
		i := order[k]
		per[i] = w.lintFile(ctx, i, pl.jobs[i], &took)
	})
	if testHookExtracted != nil {
		testHookExtracted()
	}
	held := w.join.take() // documents that reference a network they do not declare
	parallel.Each(len(held), func(k int) {
		w.join.join(held[k].r)
		w.complete(held[k].r)
		w.evaluate(ctx, held[k], &took)
	})
	out, scanned, linted := w.assemble(eng, cands, walkErrs, per)
	out.Took = Took{Inputs: time.Duration(took[0].Load()), Evaluation: time.Duration(took[1].Load())}
	out.Findings = applyLevels(out.Findings, cfg.Rules)
	out.Findings = dedupe(out.Findings)
	markers := suppress(out.Findings, cfg, scanned, root, newMarkerCheck(eng, cfg, linted))
	out.Findings = append(out.Findings, applyLevels(markers, cfg.Rules)...)
	finding.Sort(out.Findings)
	return out, nil
}

// newMarkerCheck is how the suppression markers of the linted files are judged.
func newMarkerCheck(eng *engine.Engine, cfg *config.Config, linted map[string]bool) *markerCheck {
	rule, _ := eng.Rule(MarkerRuleID)
	off := map[string]bool{}
	for id, lvl := range cfg.Rules {
		off[id] = lvl == finding.Off
	}
	return &markerCheck{
		linted: linted, rule: rule, off: off, unused: cfg.ReportUnused(),
		known: func(id string) bool { _, ok := eng.Rule(id); return ok },
	}
}

// assemble gathers the files' outcomes in file order, the inline suppressions of the
// files read, and which files were linted (gave a document).
func (w *worker) assemble(eng *engine.Engine, cands []extract.Candidate, walkErrs []error, per []fileOutcome) (Outcome, map[string][]inlineIgnore, map[string]bool) {
	var out Outcome
	scanned := make(map[string][]inlineIgnore, len(per))
	// A parameter file that cannot be read fails both where it is found and with its
	// template: it is reported once.
	failed := map[netdoc.Location]bool{}
	fail := func(f finding.Finding) {
		if failed[f.Location] {
			return
		}
		failed[f.Location] = true
		if f.Level != finding.Note {
			out.Failed++ // a skipped file of another kind (NotInputError) is a note, not a failure
		}
		out.Findings = append(out.Findings, f)
	}
	linted := map[string]bool{}
	for _, err := range walkErrs {
		fail(parseError(eng, "", err))
	}
	for i, f := range per {
		file := cands[i].Path
		if f.read {
			scanned[file] = f.inline
		}
		if f.err == nil && len(f.docs) > 0 && len(f.inline) > 0 {
			linted[file] = true
		}
		if f.err != nil || len(f.docs) > 0 {
			out.Files++ // skipped files (unrelated JSON, scripts without az) do not count
		}
		if f.err != nil {
			for _, err := range joined(f.err) {
				fe := parseError(eng, file, err)
				if sf := (*skippedFile)(nil); errors.As(err, &sf) {
					fe.Level, fe.Message = finding.Note, skipNote(fe.Message) // skipped on purpose: a note, not a failure
				}
				fail(fe)
			}
			if len(f.docs) == 0 {
				continue
			}
		}
		for _, d := range f.docs {
			if d.repeat || !w.plan.owns(d.pair, i) {
				continue // a pairing named twice (template and parameter file) is linted once
			}
			var k keptDoc
			if d.kept != nil {
				k = *d.kept
			}
			if w.opt.KeepDocuments || w.opt.DocumentsOnly || w.opt.Summaries {
				out.Documents = append(out.Documents, k.result)
			}
			if w.opt.Summaries {
				out.Summaries = append(out.Summaries, k.summary)
			}
			if d.err != nil {
				out.Failed++
				out.Findings = append(out.Findings, parseError(eng, d.pair[0], d.err))
				continue
			}
			if d.pair[1] != "" {
				for k := range d.findings {
					d.findings[k].ParameterFiles = []string{d.pair[1]}
				}
			}
			out.Findings = append(out.Findings, d.findings...)
			if len(d.lines) > 0 && w.root.Contains(file) {
				out.Lines = out.Lines.add(file, d.lines) // reports quote only files of the root
			}
		}
	}
	return out, scanned, linted
}

// sortBySizeUpTo is the number of files up to which a run reads the largest first.
const sortBySizeUpTo = 1000

// largestFirst is the order in which to read cands: the largest files first when they
// are few, so that the run does not end on one core with a large file while the other
// idles; file order otherwise, where the tail is a small part of the run and the sizes
// would cost a stat each. A file whose size cannot be read sorts last.
func largestFirst(cands []extract.Candidate) []int {
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	if len(cands) > sortBySizeUpTo {
		return order
	}
	size := make([]int64, len(cands))
	for i, c := range cands {
		if info, err := os.Stat(c.Path); err == nil {
			size[i] = info.Size()
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	return order
}

// Took is the time the workers spent on each half of a run, summed over them: with
// both at work it adds up to about twice the run's wall time.
type Took struct {
	Inputs, Evaluation time.Duration
}

// policyRoot is the path policy's root: dir, or by default the enclosing git work tree
// of the working directory, else the working directory.
func policyRoot(dir string) (pathpolicy.Root, error) {
	if dir == "" {
		d, err := pathpolicy.Default(".")
		if err != nil {
			return pathpolicy.Root{}, err
		}
		dir = d
	}
	return pathpolicy.New(dir)
}

// checkRuleIDs refuses a configuration that names a rule eng does not have.
func checkRuleIDs(cfg *config.Config, eng *engine.Engine) error {
	for id := range cfg.Rules {
		if _, ok := eng.Rule(id); !ok {
			return fmt.Errorf("%s: rules: unknown rule %s (aksnet-lint rules lists them)", cfg.Where("rules", id), id)
		}
	}
	for i, ig := range cfg.Ignore {
		for j, id := range ig.Rules {
			if _, ok := eng.Rule(id); !ok {
				return fmt.Errorf("%s: ignore entry %d: unknown rule %s (aksnet-lint rules lists them)", cfg.Where("ignore", i, "rules", j), i+1, id)
			}
		}
	}
	return nil
}

// worker is what every file's lint shares.
type worker struct {
	opt     Options
	cfg     *config.Config
	root    pathpolicy.Root
	maxSize int64
	plan    *plan
	eng     *engine.Engine
	join    *joiner
}

// fileOutcome is one file's part of a run: its read or extraction error, or its
// documents' outcomes.
type fileOutcome struct {
	err  error
	docs []docOutcome
	// read is set once the file was read; inline holds its suppressions.
	read   bool
	inline []inlineIgnore
}

type docOutcome struct {
	pair     [2]string // template (or script) and parameter file
	repeat   bool      // the file gave the pairing before (a parameter file named twice)
	findings []finding.Finding
	err      error
	lines    map[int]string // with Options.SourceLines: the lines of the file its findings point at
	// kept is what only some options keep; a run holds every file's outcome until
	// its end, and most runs keep neither (a summary and a document are most of the
	// outcome's size).
	kept *keptDoc
}

// keptDoc is a document and its summary, kept with Options.KeepDocuments,
// DocumentsOnly or Summaries.
type keptDoc struct {
	summary engine.Summary
	result  extract.Result
}

// keep is d's kept part, made on first use.
func (d *docOutcome) keep() *keptDoc {
	if d.kept == nil {
		d.kept = &keptDoc{}
	}
	return d.kept
}

// pendingDoc is a document to evaluate: document r of file i, whose outcome goes to out.
type pendingDoc struct {
	i   int
	r   extract.Result
	out *docOutcome
	src *sourceText // the file's text, with Options.SourceLines
}

// lintFile reads, extracts and evaluates file i. Documents are let go of once
// evaluated unless the options keep them.
func (w *worker) lintFile(ctx context.Context, i int, j job, took *[2]atomic.Int64) fileOutcome {
	c := j.cand
	start := time.Now()
	budget, info := w.extractBudget(c.Path)
	p := extractWithin(budget, func() perFile {
		return extractOne(j, info, w.maxSize, w.plan, func(r extract.Result) netindex.Declared {
			decl := w.join.declared(r)
			if !w.join.waits(r.Doc) {
				w.complete(r)
			}
			return decl
		})
	})
	took[0].Add(int64(time.Since(start)))
	for _, d := range p.declared {
		w.join.index.Add(d)
	}
	if p.err != nil && len(p.results) == 0 {
		return fileOutcome{err: p.err}
	}
	// With results, an error is the parameter files that could not be read: each is
	// reported, and the documents the others gave are linted.
	out := fileOutcome{err: p.err, docs: make([]docOutcome, len(p.results)), read: p.read, inline: p.inline}
	var src *sourceText
	if w.opt.SourceLines {
		src = &sourceText{file: c.Path, data: p.data}
	}
	for k, r := range p.results {
		d := &out.docs[k]
		d.pair = [2]string{r.Doc.File, r.Doc.ParameterFile}
		d.repeat = slices.ContainsFunc(out.docs[:k], func(o docOutcome) bool { return o.pair == d.pair })
		switch {
		case d.repeat:
		case w.join.waits(r.Doc):
			w.join.hold(pendingDoc{i: i, r: r, out: d, src: src})
		default:
			w.evaluate(ctx, pendingDoc{i: i, r: r, out: d, src: src}, took)
		}
	}
	return out
}

// complete adds to a document what the run knows beyond the files (inventory,
// configuration) and the effective values.
func (w *worker) complete(r extract.Result) {
	w.opt.Inventory.Merge(r.Doc, r.Locs)
	r.Doc.ConnectedNetworks = w.cfg.Connected()
	effective.Apply(r.Doc)
}

// evaluate evaluates one document of file i into its outcome, unless the plan gives
// its pairing to an earlier file.
func (w *worker) evaluate(ctx context.Context, p pendingDoc, took *[2]atomic.Int64) {
	if !w.plan.owns(p.out.pair, p.i) {
		return
	}
	if w.opt.DocumentsOnly {
		p.out.keep().result = p.r
		return
	}
	eng := w.eng
	start := time.Now()
	defer func() { took[1].Add(int64(time.Since(start))) }()
	if testHookEvaluate != nil {
		testHookEvaluate(p.r.Doc.File)
	}
	in := engine.Input{Doc: p.r.Doc, Locs: p.r.Locs}
	budget := w.evalBudget(p.r.Doc)
	p.out.findings, p.out.err = evalWithin(ctx, eng, in, budget)
	if p.out.err == nil {
		p.out.findings = append(p.out.findings, w.variants(ctx, eng, p.r, p.out.findings)...)
	}
	if p.src != nil {
		p.out.lines = p.src.linesOf(p.out.findings)
	}
	if w.opt.Summaries {
		p.out.keep().summary = summarizeWithin(ctx, eng, in, budget)
	}
	if w.opt.KeepDocuments || w.opt.Summaries {
		p.out.keep().result = p.r
	}
}

type perFile struct {
	results  []extract.Result
	declared []netindex.Declared // what each result declares, for the network index
	err      error
	// read is set once the file was read; inline holds its suppressions.
	read   bool
	inline []inlineIgnore
	data   []byte // the file's content
}

// extractOne reads and extracts one file; complete reads what each document declares
// and, unless it waits for the network index, adds what the run knows beyond the file
// (inventory, config) and the effective values.
func extractOne(j job, info fs.FileInfo, maxSize int64, pl *plan, complete func(extract.Result) netindex.Declared) (p perFile) {
	defer func() {
		if r := recover(); r != nil {
			p = perFile{err: fmt.Errorf("internal error while extracting: %v", r)}
		}
	}()
	if testHookExtract != nil {
		testHookExtract(j.cand.Path)
	}
	data, err := extract.ReadFileStat(j.cand.Path, info, maxSize)
	if err != nil {
		return perFile{err: err}
	}
	// UTF-16 text is decoded once, here, so that suppressions and the source lines
	// shown are read from the text as an editor shows it.
	if dec, err := jsonsrc.Decode(data); err == nil {
		data = dec
	}
	inline := inlineIgnores(data)
	results, err := pl.extract(j, data)
	declared := make([]netindex.Declared, len(results))
	for k, r := range results {
		declared[k] = complete(r)
	}
	return perFile{results: results, declared: declared, err: err, inline: inline, read: true, data: data}
}

// joined splits an errors.Join error into its errors.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// admit keeps the paths to lint that root admits (see pathpolicy.Root.Admit) and
// returns the others as errors, reported on the path as given.
func admit(paths []string, root pathpolicy.Root) ([]string, []error) {
	var kept []string
	var refused []error
	for _, p := range paths {
		if err := root.Admit(p); err != nil {
			refused = append(refused, &fs.PathError{Op: "lint", Path: p, Err: errors.New("the path " + err.Reason)})
			continue
		}
		kept = append(kept, p)
	}
	return kept, refused
}

// parseError turns a read, parse or evaluation failure into an AKSNET902 finding.
func parseError(eng *engine.Engine, file string, err error) finding.Finding {
	rule, _ := eng.Rule(ParseErrorID)
	f := finding.Finding{RuleID: ParseErrorID, Rule: rule.Name, Level: finding.Error, Message: err.Error(), Location: netdoc.Location{File: file}}
	var se *netdoc.SourceError
	var pe *fs.PathError
	var ni *extract.NotInputError
	switch {
	case errors.As(err, &ni):
		// a named file of another kind (.ps1, .tf, .yaml): a note, not a failure
		f.Level, f.Location.File = finding.Note, ni.Path
	case errors.As(err, &se):
		f.Location, f.Message = se.Location, se.Msg
	case file == "" && errors.As(err, &pe):
		f.Location.File, f.Message = pe.Path, pe.Err.Error()
	}
	f.Message = capTokens(f.Message, f.Location.File)
	if f.Location.Line == 0 && f.Location.File != "" {
		// A whole-file failure (too large, unreadable) is placed at its start, so every
		// report format, SARIF and GitHub annotations included, can show it.
		f.Location.Line, f.Location.Column = 1, 1
	}
	return f
}

// maxToken is the longest run of text without a space that the message of a file that
// could not be read or parsed keeps: parsers quote the offending token, and the file
// may hold what is not to be printed (a configuration can name any file of the root).
const maxToken = 80

// capTokens cuts every run of msg without white space to maxToken characters, but for
// the file's own path.
func capTokens(msg, file string) string {
	var b strings.Builder
	for i := 0; i < len(msg); {
		end := strings.IndexFunc(msg[i:], unicode.IsSpace)
		if end < 0 {
			end = len(msg)
		} else {
			end += i
		}
		word := msg[i:end]
		if n := 0; utf8.RuneCountInString(word) > maxToken && (file == "" || !strings.Contains(word, file)) {
			for j := range word {
				if n == maxToken {
					word = word[:j] + "…"
					break
				}
				n++
			}
		}
		b.WriteString(word)
		if end == len(msg) {
			break
		}
		_, size := utf8.DecodeRuneInString(msg[end:])
		b.WriteString(msg[end : end+size])
		i = end + size
	}
	return b.String()
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
		kept = append(kept, capVariant(f))
	}
	return kept
}

// FileTimeBudget is the wall time one file's extraction, and then each of its
// documents' evaluation, may take. Past it the file gets an AKSNET902 and the run goes
// on. The limits on input size, nesting, copy counts and evaluation steps keep every
// known hostile input far below it; it is the backstop for what they miss (a large
// file's budget grows with it, ExtractBudget, and a large network's, EvalBudget).
const FileTimeBudget = 5 * time.Second

// PerMegabyteBudget is what the default extraction budget grows by for each megabyte
// of the file: reading a template takes time in proportion to its text
// (BenchmarkRead1MB measures it per megabyte), so a budget fixed for every file would
// stop a large valid one on a loaded machine. It is many times that measure.
const PerMegabyteBudget = 2 * time.Second

// ExtractBudget is the time reading and extracting a file of size bytes may take: the
// base budget plus PerMegabyteBudget for each whole megabyte, at most
// config.TimeoutCeiling, or timeout (--timeout, timeout:) when that is longer. A
// shorter timeout is for the policies: the reading of a file is bounded by its own
// limits on size, nesting and steps.
func ExtractBudget(size int64, timeout, base time.Duration) time.Duration {
	return max(timeout, min(base+time.Duration(size>>20)*PerMegabyteBudget, max(base, config.TimeoutCeiling)))
}

// extractBudget is ExtractBudget for the file at path (its size as it is now; a file
// that cannot be examined gets the base budget, and its reading says why), and what
// os.Stat says of it (nil when it cannot), which the reading uses instead of asking
// again.
func (w *worker) extractBudget(path string) (time.Duration, fs.FileInfo) {
	var size int64
	info, err := os.Stat(path)
	if err == nil {
		size = info.Size()
	} else {
		info = nil
	}
	return ExtractBudget(size, w.timeout(), extractBudget), info
}

// timeout is the budget --timeout or the configuration sets; 0 when neither does.
func (w *worker) timeout() time.Duration {
	if w.opt.Timeout > 0 {
		return w.opt.Timeout
	}
	return w.opt.Config.EvalTimeout()
}

// PerElementBudget is what the default evaluation budget grows by for each subnet,
// VNet, node pool, route and security rule of a document: evaluation takes time in
// proportion to the network (bench/network.sh measures it per subnet), so a budget
// fixed for every document would stop a large valid one. The budget is FileTimeBudget
// plus this for each element, at most config.TimeoutCeiling, unless --timeout or the
// configuration sets it. It is several times the time per subnet bench/network.sh
// measures on a loaded 2-core machine, so that a valid network is not stopped.
const PerElementBudget = 5 * time.Millisecond

// EvalBudget is the time the evaluation of doc may take: timeout when it is set, else
// the base budget plus PerElementBudget for each element of doc.
func EvalBudget(doc *netdoc.Document, timeout, base time.Duration) time.Duration {
	if timeout > 0 {
		return timeout
	}
	return min(base+time.Duration(engine.Elements(doc))*PerElementBudget, max(base, config.TimeoutCeiling))
}

// evalBudget is EvalBudget for one document of this run.
func (w *worker) evalBudget(doc *netdoc.Document) time.Duration {
	return EvalBudget(doc, w.timeout(), evalBudget)
}

// budgetExceeded says which document's evaluation the budget stopped and how to raise it.
func budgetExceeded(what string, doc *netdoc.Document, budget time.Duration) error {
	return fmt.Errorf("time budget exceeded: %s of %s took over %v; raise it with --timeout or timeout: in the configuration",
		what, docSize(doc), budget)
}

// docSize names what a document holds: "800 subnets, 1 VNet, 1 cluster".
func docSize(doc *netdoc.Document) string {
	count := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	return strings.Join([]string{
		count(len(doc.Subnets), "subnet", "subnets"),
		count(len(doc.VirtualNetworks), "VNet", "VNets"),
		count(len(doc.Clusters), "cluster", "clusters"),
	}, ", ")
}

// extractBudget and evalBudget are FileTimeBudget for extraction and for evaluation
// (policies and summaries); tests shorten one of them.
var extractBudget, evalBudget = FileTimeBudget, FileTimeBudget

// testHookExtract, when a test sets it, runs at the start of each file's extraction
// (to make one panic or stall).
var testHookExtract func(path string)

// testHookExtracted, when a test sets it, runs once every file is extracted, before
// the documents that wait for the join are joined (to measure what a run holds).
var testHookExtracted func()

// testHookEvaluate, when a test sets it, runs before each document's evaluation.
var testHookEvaluate func(path string)

// extractWithin runs one file's extraction, giving up after budget. The extraction
// cannot be interrupted, so it is left to finish in the background (its own step
// limits bound it) and its result is dropped.
func extractWithin(budget time.Duration, extractFile func() perFile) perFile {
	done := make(chan perFile, 1)
	parallel.Aside(func() { done <- extractFile() })
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case p := <-done:
		return p
	case <-timer.C:
		return perFile{err: fmt.Errorf("time budget exceeded: reading and extracting the file took over %v; raise it with --timeout or timeout: in the configuration", budget)}
	}
}

// evalWithin evaluates one document with its own deadline of budget. OPA checks the
// context as it evaluates, so a document past its budget stops there.
func evalWithin(ctx context.Context, eng *engine.Engine, in engine.Input, budget time.Duration) ([]finding.Finding, error) {
	dctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	rs, es := eng.EvalAll(dctx, []engine.Input{in}) // EvalAll recovers a panic
	if es[0] != nil && ctx.Err() == nil && errors.Is(dctx.Err(), context.DeadlineExceeded) {
		return nil, budgetExceeded("evaluating the policies", in.Doc, budget)
	}
	return rs[0], es[0]
}

// summarizeWithin computes one document's review summary with its own deadline of
// budget, as evalWithin evaluates it.
func summarizeWithin(ctx context.Context, eng *engine.Engine, in engine.Input, budget time.Duration) engine.Summary {
	dctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	s := eng.SummaryAll(dctx, []engine.Input{in})[0]
	if s.Error != "" && ctx.Err() == nil && errors.Is(dctx.Err(), context.DeadlineExceeded) {
		s.Error = budgetExceeded("computing the summary", in.Doc, budget).Error()
	}
	return s
}
