// Command aksnet-lint lints the network design of AKS clusters in ARM templates,
// compiled Bicep and az CLI scripts. This file only wires flags to the internal packages.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/aksnet-lint/aksnet-lint/internal/catalog"
	"github.com/aksnet-lint/aksnet-lint/internal/config"
	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/extract"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/gctune"
	"github.com/aksnet-lint/aksnet-lint/internal/hugeheap"
	"github.com/aksnet-lint/aksnet-lint/internal/inventory"
	"github.com/aksnet-lint/aksnet-lint/internal/lint"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
	"github.com/aksnet-lint/aksnet-lint/internal/report"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitFailure  = 2
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func main() {
	gctune.Apply()
	os.Exit(run(context.Background(), os.Args, os.Stdout, os.Stderr))
}

// exitError carries an exit code through urfave/cli without it calling os.Exit.
type exitError struct {
	code int
	err  error
	// hint adds a line pointing at the help of command ("" for aksnet-lint itself).
	hint    bool
	command string
}

func (e *exitError) Error() string { return e.err.Error() }

func usageError(format string, args ...any) error {
	return &exitError{code: exitFailure, err: fmt.Errorf(format, args...)}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	code := exitOK
	app := newApp(stdout, stderr, &code)
	args, err := normalizeArgs(app, args)
	if err == nil {
		err = app.RunContext(ctx, args)
	}
	if err != nil {
		fmt.Fprintln(stderr, "aksnet-lint:", err)
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.hint {
				fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", strings.TrimSpace("aksnet-lint "+ee.command))
			}
			return ee.code
		}
		return exitFailure
	}
	return code
}

// newApp wires the commands; the lint and extract commands set *code.
func newApp(stdout, stderr io.Writer, code *int) *cli.App {
	app := &cli.App{
		Name:      "aksnet-lint",
		Usage:     "find AKS network design mistakes before Azure does",
		UsageText: "aksnet-lint [options] [PATH...] (options may also follow the paths; -- ends them)\naksnet-lint rules [--format text|json|markdown]\naksnet-lint extract FILE...\naksnet-lint init [--force] [FILE]\naksnet-lint completion bash|zsh|fish|pwsh\naksnet-lint help [COMMAND]",
		Description: `aksnet-lint reads ARM templates, compiled Bicep and az CLI scripts, builds one network
document per file, and checks it against the rule catalog (run "aksnet-lint rules"):
address ranges, service CIDR and DNS IP, subnet and pod-range capacity, max pods and
feature compatibility. PATH is a file or a directory (default: the current directory).

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 a usage error, or a file that could not be read or parsed.`,
		Writer:         stdout,
		ErrWriter:      stderr,
		HideVersion:    true, // --version is ours, to print what the version command prints
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   onUsageError(""),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + strings.Join(report.Formats(), ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` instead of standard output (- is standard output)"},
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a finding is at or above this level: error, warning, note, never"},
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE` (default: " + config.DefaultFile + " if present)"},
			rootFlag,
			&cli.StringSliceFlag{Name: "policy", Usage: "also load the Rego policies in `DIR` (repeatable)"},
			&cli.StringFlag{Name: "inventory", Usage: "existing VNets, from `FILE` = az network vnet list -o json, for subnets and peered VNets the inputs only reference"},
			&cli.StringSliceFlag{Name: "parameters", Usage: "lint templates with the parameter file `FILE` instead of the X.parameters.json / X.*.parameters.json beside them (repeatable)"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text report: auto (on a terminal, unless NO_COLOR is set), always (CI and pre-commit logs) or never"},
			&cli.BoolFlag{Name: "no-color", Usage: "the same as --color=never"},
			&cli.StringFlag{Name: "timeout", Usage: "stop evaluating a document after `DURATION` (30s, 2m; at most 10m) with an AKSNET902 (default: 5s, and 5ms more for each subnet, VNet, node pool, route and security rule); reading a file may take as long, or 5s and 2s more for each MB if that is longer"},
			&cli.BoolFlag{Name: "timings", Usage: "print to standard error how long each phase took (policies, files, report)"},
			&cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print the version, as the version command does"},
			&cli.StringFlag{Name: "variants", Usage: "check the other values a template's parameters allow: off, bounds (minValue and maxValue only) or all (and allowedValues); default: the configuration's variants, else all"},
			&cli.BoolFlag{Name: "no-join", Usage: "lint each file alone: a subnet, route table, NSG or peered VNet declared in another file of the run stays unknown (to compare what the join finds and costs)"},
			&cli.BoolFlag{Name: "skip-non-templates", Usage: "skip named JSON files that cannot be linted (not a template, or a parameter file without one) instead of reporting them, as a directory walk does; for hooks that pass every *.json file"},
		},
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				fmt.Fprintln(stdout, versionLine())
				return nil
			}
			n, err := lintAction(c, stdout)
			*code = n
			return err
		},
		Commands: []*cli.Command{
			{
				Name:      "rules",
				Usage:     "list the rule catalog, read from the policies' METADATA",
				UsageText: "aksnet-lint rules [--format text|json|markdown] [--policy DIR]",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, json or markdown"},
					&cli.StringSliceFlag{Name: "policy", Usage: "also load the Rego policies in `DIR`"},
				},
				Action: func(c *cli.Context) error {
					eng, err := newEngine(c)
					if err != nil {
						return err
					}
					if err := catalog.Write(stdout, c.String("format"), eng.Rules()); err != nil {
						return usageError("%v", err)
					}
					return nil
				},
			},
			{
				Name:      "extract",
				Usage:     "print what the policies receive for each FILE as JSON, with locations and unresolved values (for writing policies)",
				UsageText: "aksnet-lint extract [--parameters FILE] [--config FILE] [--inventory FILE] [--root DIR] FILE...",
				Flags: []cli.Flag{
					rootFlag,
					&cli.StringSliceFlag{Name: "parameters", Usage: "extract templates with the parameter file `FILE` (repeatable)"},
					&cli.StringFlag{Name: "config", Usage: "read settings from `FILE` (default: " + config.DefaultFile + " if present)"},
					&cli.StringFlag{Name: "inventory", Usage: "existing VNets, from `FILE` = az network vnet list -o json"},
				},
				Action: func(c *cli.Context) error {
					n, err := extractAction(c, stdout)
					*code = n
					return err
				},
			},
			{
				Name:      "init",
				Usage:     "write a commented starting " + config.DefaultFile + " (every setting commented out)",
				UsageText: "aksnet-lint init [--force] [FILE]",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "force", Usage: "overwrite FILE if it exists"},
				},
				Action: func(c *cli.Context) error {
					return initAction(c, stdout)
				},
			},
			{
				Name:  "version",
				Usage: "print the version",
				Action: func(*cli.Context) error {
					fmt.Fprintln(stdout, versionLine())
					return nil
				},
			},
			{
				Name:      "completion",
				Usage:     "print the completion script of SHELL: " + strings.Join(shells, ", "),
				UsageText: "aksnet-lint completion bash|zsh|fish|pwsh",
				Action: func(c *cli.Context) error {
					return writeCompletion(stdout, c.App, c.Args().First())
				},
			},
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError(c.Name)
	}
	return app
}

// rootFlag is where paths written in the inputs and the configuration may lead.
var rootFlag = &cli.StringFlag{Name: "root", Usage: "read what inputs and the configuration name (parameter files, linked templates) only inside `DIR`, and quote only files there; SARIF and GitHub annotations name files relative to it (default: the enclosing git work tree, else the current directory)"}

// rootDir is --root, or the enclosing git work tree of the working directory, else
// the working directory; checked to be a directory.
func rootDir(c *cli.Context) (pathpolicy.Root, error) {
	dir := c.String("root")
	if dir == "" {
		d, err := pathpolicy.Default(".")
		if err != nil {
			return pathpolicy.Root{}, usageError("--root: %v", err)
		}
		dir = d
	}
	root, err := pathpolicy.New(dir)
	if err != nil {
		return pathpolicy.Root{}, usageError("--root: %v", err)
	}
	return root, nil
}

func newEngine(c *cli.Context) (*engine.Engine, error) {
	eng, err := engine.New(c.Context, engineOptions(c))
	if err != nil {
		return nil, usageError("%v", err)
	}
	return eng, nil
}

func engineOptions(c *cli.Context) engine.Options {
	return engine.Options{PolicyDirs: c.StringSlice("policy"), NoSummary: c.String("format") != report.Markdown, Warnings: c.App.ErrWriter}
}

func loadConfig(c *cli.Context) (*config.Config, error) {
	path, explicit := c.String("config"), true
	if path == "" {
		path, explicit = config.DefaultFile, false
	}
	cfg, err := config.Load(path, explicit)
	if err != nil {
		return nil, usageError("%v", err)
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(c.App.ErrWriter, "aksnet-lint: warning:", w)
	}
	return cfg, nil
}

func lintAction(c *cli.Context, stdout io.Writer) (int, error) {
	format := c.String("format")
	if !contains(report.Formats(), format) {
		return exitFailure, usageHint("", "unknown --format %q (want %s)", format, strings.Join(report.Formats(), ", "))
	}
	colorMode := c.String("color")
	if c.Bool("no-color") {
		colorMode = "never"
	}
	if !contains([]string{"auto", "always", "never"}, colorMode) {
		return exitFailure, usageHint("", "unknown --color %q (want auto, always or never)", colorMode)
	}
	failOn := c.String("fail-on")
	threshold, ok := finding.ParseLevel(failOn)
	if (!ok || threshold == finding.Off) && failOn != "never" {
		return exitFailure, usageHint("", "unknown --fail-on %q (want error, warning, note or never)", failOn)
	}
	var timeout time.Duration
	if c.IsSet("timeout") {
		d, err := config.ParseTimeout(c.String("timeout"))
		if err != nil {
			return exitFailure, usageHint("", "--timeout: %v", err)
		}
		timeout = d
	}
	variants := c.String("variants")
	if c.IsSet("variants") && !contains(config.VariantModes, variants) {
		return exitFailure, usageHint("", "unknown --variants %q (want off, bounds or all)", variants)
	}
	cfg, err := loadConfig(c)
	if err != nil {
		return exitFailure, err
	}
	root, err := rootDir(c)
	if err != nil {
		return exitFailure, err
	}
	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	inv, err := loadInventory(c.String("inventory"))
	if err != nil {
		return exitFailure, err
	}
	start := time.Now()
	var took phaseTimes
	eng, err := newEngine(c)
	took.policies = time.Since(start)
	if err != nil {
		return exitFailure, err
	}
	start = time.Now()
	out, err := lint.Run(c.Context, eng, lint.Options{
		Paths: paths, Config: cfg, Root: root.Dir(), Inventory: inv, Parameters: c.StringSlice("parameters"),
		SkipNonTemplates: c.Bool("skip-non-templates"), Summaries: format == report.Markdown,
		SourceLines: format == report.Text, Timeout: timeout, NoJoin: c.Bool("no-join"), Variants: variants,
	})
	if err != nil {
		return exitFailure, usageError("%v", err)
	}
	took.lint, took.workers = time.Since(start), out.Took
	if c.Bool("timings") {
		defer func() { took.print(c.App.ErrWriter, eng.Precompiled(), out.Files, hugeheap.Advised) }()
	}
	start = time.Now()
	defer func() { took.report = time.Since(start) }()

	w := stdout
	if file := c.String("output"); file != "" && file != "-" {
		f, err := os.Create(file)
		if err != nil {
			return exitFailure, usageError("%v", err)
		}
		defer f.Close()
		w = f
	}
	color := colorMode == "always" || colorMode == "auto" && isTerminal(w) && os.Getenv("NO_COLOR") == ""
	rep := report.Report{Findings: out.Findings, Rules: eng.Rules(), Files: out.Files, Summaries: out.Summaries}
	// The text report quotes source lines: only of files inside the root.
	readSource := func(path string) ([]byte, error) { return root.ReadFile(path, config.MaxFileSizeCeiling) }
	if err := report.Write(w, format, rep, report.Options{Color: color, ToolVersion: versionString(), Line: out.Lines.Line, ReadFile: readSource, Root: root.Dir()}); err != nil {
		return exitFailure, usageError("writing the report: %v", err)
	}
	switch {
	case out.Failed > 0:
		return exitFailure, nil
	case failOn != "never" && atOrAbove(out.Findings, threshold):
		return exitFindings, nil
	}
	return exitOK, nil
}

func loadInventory(path string) (*inventory.Inventory, error) {
	if path == "" {
		return nil, nil
	}
	data, err := extract.ReadFile(path, extract.DefaultMaxFileSize)
	if err != nil {
		return nil, usageError("inventory: %v", err)
	}
	inv, err := inventory.Parse(path, data)
	if err != nil {
		return nil, usageError("inventory: %v", err)
	}
	return inv, nil
}

func atOrAbove(fs []finding.Finding, threshold finding.Level) bool {
	for _, f := range fs {
		if f.Suppression == nil && f.Level.Rank() >= threshold.Rank() {
			return true
		}
	}
	return false
}

// initAction writes the starting configuration to FILE (default .aksnet-lint.yaml).
func initAction(c *cli.Context, stdout io.Writer) error {
	if c.NArg() > 1 {
		return usageError("init takes at most one FILE")
	}
	path := config.DefaultFile
	if c.NArg() == 1 {
		path = c.Args().First()
	}
	if err := config.WriteStarter(path, c.Bool("force")); err != nil {
		return usageError("init: %v", err)
	}
	fmt.Fprintf(stdout, "wrote %s: every setting is commented out; remove the # of those you need\n", path)
	return nil
}

// extractAction prints, for each document of the files, what the policies receive
// (engine.PolicyInput) and the location table, as JSON. The files go through the
// linter's pipeline (lint.Run: pairing, the join of networks declared in other files,
// inventory, connected networks, effective values), so what is printed is what is
// evaluated; no policy is evaluated (lint.Options.DocumentsOnly). Files that could not be read or
// parsed are printed to stderr with their position and give exit code 2.
func extractAction(c *cli.Context, stdout io.Writer) (int, error) {
	if c.NArg() == 0 {
		return exitFailure, usageError("extract needs at least one FILE")
	}
	cfg, err := loadConfig(c)
	if err != nil {
		return exitFailure, err
	}
	root, err := rootDir(c)
	if err != nil {
		return exitFailure, err
	}
	inv, err := loadInventory(c.String("inventory"))
	if err != nil {
		return exitFailure, err
	}
	eng, err := engine.New(c.Context, engine.Options{Warnings: c.App.ErrWriter})
	if err != nil {
		return exitFailure, usageError("%v", err)
	}
	out, err := lint.Run(c.Context, eng, lint.Options{
		Paths: c.Args().Slice(), Config: cfg, Root: root.Dir(), Inventory: inv,
		Parameters: c.StringSlice("parameters"), DocumentsOnly: true,
	})
	if err != nil {
		return exitFailure, usageError("%v", err)
	}
	for _, f := range out.Findings {
		if f.RuleID == lint.ParseErrorID {
			fmt.Fprintf(c.App.ErrWriter, "%s:%d:%d: %s\n", f.Location.File, f.Location.Line, f.Location.Column, f.Message)
		}
	}
	type located struct {
		Document  engine.PolicyInput `json:"document"`
		Locations any                `json:"locations"`
	}
	docs := []located{}
	for _, r := range out.Documents {
		docs = append(docs, located{Document: eng.PolicyInput(engine.Input{Doc: r.Doc, Locs: r.Locs}), Locations: r.Locs})
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	code := exitOK
	if out.Failed > 0 {
		code = exitFailure
	}
	return code, enc.Encode(docs)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// versionLine is what version and --version print: the module version and, when the
// build recorded them, the VCS commit and whether the tree had changes.
func versionLine() string {
	bi, _ := debug.ReadBuildInfo()
	return versionLineOf(bi)
}

func versionLineOf(bi *debug.BuildInfo) string {
	line := "aksnet-lint " + versionOf(bi)
	if bi == nil {
		return line
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" {
		line += " (commit " + rev
		if modified == "true" {
			line += ", modified"
		}
		line += ")"
	}
	return line + " " + bi.GoVersion
}

func versionString() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(bi)
}

// versionOf is the -X main.version of the build, else the module version (set by go
// install of a tag or pseudo-version), else devel.
func versionOf(bi *debug.BuildInfo) string {
	if version != "" {
		return version
	}
	if bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
