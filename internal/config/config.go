// Package config reads .aksnet-lint.yaml: which files to lint, rule levels, ignore
// entries, parameter files for templates, and connected networks.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/pathpolicy"
)

// DefaultFile is read from the working directory when --config is not given.
const DefaultFile = ".aksnet-lint.yaml"

// Config is the file's content. Every path in it is relative to the directory of the
// file (for the default file, the working directory).
type Config struct {
	// Include, when set, limits a directory walk to the files matching one of these
	// doublestar globs (or inside a directory matching one). Files named on the command
	// line are linted whether they match or not.
	Include []string `yaml:"include"`
	// Exclude lists doublestar globs of files and directories not to lint, walked or named.
	Exclude []string `yaml:"exclude"`
	// Rules maps a rule ID to a level: error, warning, note or off.
	Rules map[string]finding.Level `yaml:"rules"`
	// Ignore silences rules on paths, each with the reason a reviewer will read.
	Ignore []Ignore `yaml:"ignore"`
	// Parameters maps a template (path or glob) to the parameter files it is deployed
	// with, replacing the X.parameters.json files beside it.
	Parameters map[string][]string `yaml:"parameters"`
	// ConnectedNetworks are on-premises and peered ranges that must not overlap the
	// cluster's ranges (AKSNET105).
	ConnectedNetworks []ConnectedNetwork `yaml:"connectedNetworks"`
	// Deployments say where templates and scripts are deployed (resource group and
	// subscription), so that a reference in one file to a network declared in another
	// is matched with the right declaration; the first entry whose paths match a file
	// applies to it.
	Deployments []Deployment `yaml:"deployments"`
	// MaxFileSize is the largest file read, in bytes (default 10 MiB), at most
	// MaxFileSizeCeiling.
	MaxFileSize int64 `yaml:"maxFileSize"`
	// Timeout is the time one document's evaluation may take, as a Go duration ("30s",
	// "2m"), at most TimeoutCeiling; empty: a budget that grows with the document
	// (lint.FileTimeBudget and lint.PerElementBudget); reading a file may take as long
	// when that is longer than its own budget (lint.ExtractBudget). --timeout overrides it.
	Timeout string `yaml:"timeout"`
	// timeout is Timeout parsed by validate.
	timeout time.Duration
	// ReportUnusedSuppressions warns about an inline suppression that suppresses
	// nothing (default true; false turns the check off).
	ReportUnusedSuppressions *bool `yaml:"reportUnusedSuppressions"`
	// Variants says which other values of a template's parameters are checked (off,
	// bounds or all; default all): docs/usage.md, Variants.
	Variants string `yaml:"variants"`
	// File is where the config was read from ("" for none).
	File string `yaml:"-"`
	// Warnings are about settings that were read, but not as written (file:line:col:
	// message).
	Warnings []string `yaml:"-"`

	// root is the parsed file, to name the line of a setting in messages.
	root *yaml.Node
	// absDir and cwd turn the paths aksnet-lint is given into paths relative to the
	// config's directory; empty when there is no file (paths are then taken as given).
	absDir, cwd string
}

// Ignore silences Rules on files matching Paths (doublestar globs). Findings stay in
// SARIF as suppressed, with Reason as the justification.
type Ignore struct {
	Paths  []string `yaml:"paths"`
	Rules  []string `yaml:"rules"`
	Reason string   `yaml:"reason"`
	// Variants, when set, limits the entry to the variant findings of these
	// parameters (names as declared, case-insensitive): the findings that hold only
	// when one of them takes another value its template allows.
	Variants []string `yaml:"variants"`
}

// VariantModes are the values of the variants setting and of --variants.
var VariantModes = []string{"off", "bounds", "all"}

// ConnectedNetwork is a named set of ranges reachable from the cluster VNet.
type ConnectedNetwork struct {
	Name            string   `yaml:"name"`
	AddressPrefixes []string `yaml:"addressPrefixes"`
}

// Deployment is one deployments: entry: the files of Paths (doublestar globs) are
// deployed to ResourceGroup in Subscription (either may be left out when not known).
type Deployment struct {
	Paths         []string `yaml:"paths"`
	ResourceGroup string   `yaml:"resourceGroup"`
	Subscription  string   `yaml:"subscription"`
}

// AlwaysReported are the rules that cannot be configured in rules: or ignore:, and why.
var AlwaysReported = map[string]string{
	"AKSNET902": "a file that could not be read or parsed is always reported, at error level",
}

func validLevel(l finding.Level) bool {
	_, ok := finding.ParseLevel(string(l))
	return ok
}

// TimeoutCeiling is the largest timeout a configuration or --timeout may set: a run
// must end, whatever its input.
const TimeoutCeiling = 10 * time.Minute

// ParseTimeout reads a timeout (a Go duration such as "30s" or "2m"), above 0 and at
// most TimeoutCeiling.
func ParseTimeout(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("timeout %q must be a duration above 0, such as 30s or 2m", s)
	}
	if d > TimeoutCeiling {
		return 0, fmt.Errorf("timeout %s is over the ceiling of %v", s, TimeoutCeiling)
	}
	return d, nil
}

// EvalTimeout is the configured timeout; 0 when none is set (or c is nil).
func (c *Config) EvalTimeout() time.Duration {
	if c == nil {
		return 0
	}
	return c.timeout
}

// MaxFileSizeCeiling is the largest maxFileSize a configuration may set: 32 MiB, eight
// times what Azure Resource Manager accepts for a template (4 MB). The configuration
// comes with the pull request it lints, so it can lower the limits that keep a hostile
// input bounded but never lift them past a ceiling; every budget key added later gets
// one too (docs/security.md lists them).
const MaxFileSizeCeiling = 32 << 20

// ruleIDPattern is the shape of a rule ID (the engine checks that the rule exists).
var ruleIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*[0-9]{3}$`)

// ReportUnused tells whether inline suppressions that suppress nothing are reported.
func (c *Config) ReportUnused() bool {
	return c.ReportUnusedSuppressions == nil || *c.ReportUnusedSuppressions
}

// Connected returns the connected networks as the network document carries them.
func (c *Config) Connected() []netdoc.ConnectedNetwork {
	var out []netdoc.ConnectedNetwork
	for _, n := range c.ConnectedNetworks {
		out = append(out, netdoc.ConnectedNetwork{Name: n.Name, AddressPrefixes: n.AddressPrefixes})
	}
	return out
}

// Load reads path; with explicit false a missing file is no error (the default file).
// Errors name the file and, where known, the line of the setting at fault.
func Load(path string, explicit bool) (*Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return &Config{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return parse(path, data)
}

func parse(path string, data []byte) (*Config, error) {
	c := &Config{File: path}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, c.decodeError(err)
	}
	c.root = &root
	if err := c.checkShape(&root); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, c.decodeError(err)
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(filepath.Dir(path)); err == nil {
		if cwd, err := os.Getwd(); err == nil {
			c.absDir, c.cwd = abs, cwd
		}
	}
	return c, nil
}

// validate checks what can be checked without the rule catalog and the files: levels,
// globs, ignore entries, addresses. Globs are cleaned ("./infra/" reads "infra").
func (c *Config) validate() error {
	for _, id := range slices.Sorted(maps.Keys(c.Rules)) {
		if why, ok := AlwaysReported[id]; ok {
			return c.errorf([]any{"rules", id}, "rules: %s cannot be configured: %s", id, why)
		}
		if lvl := c.Rules[id]; !validLevel(lvl) {
			return c.errorf([]any{"rules", id, nil}, "rule %s: level %q must be error, warning, note or off", id, lvl)
		}
	}
	for _, key := range []string{"include", "exclude"} {
		globs := c.Include
		if key == "exclude" {
			globs = c.Exclude
		}
		for i := range globs {
			if err := c.cleanGlob(&globs[i], key, i); err != nil {
				return err
			}
		}
	}
	for i := range c.Ignore {
		if err := c.validateIgnore(i); err != nil {
			return err
		}
	}
	if err := c.validateParameters(); err != nil {
		return err
	}
	if c.Variants != "" && !slices.Contains(VariantModes, c.Variants) {
		return c.errorf([]any{"variants", nil}, "variants: %q must be off, bounds or all", c.Variants)
	}
	for i, n := range c.ConnectedNetworks {
		at := []any{"connectedNetworks", i}
		if n.Name == "" || len(n.AddressPrefixes) == 0 {
			return c.errorf(at, "connectedNetworks entry %d needs a name and addressPrefixes", i+1)
		}
		for j, p := range n.AddressPrefixes {
			prefix, err := netip.ParsePrefix(p)
			if err != nil {
				return c.errorf(append(at, "addressPrefixes", j), "connected network %q: %q is not an address range (write it as 10.0.0.0/8)", n.Name, p)
			}
			if m := prefix.Masked(); m != prefix {
				// The rules compare networks: the network the prefix names is what is meant.
				c.Warnings = append(c.Warnings, c.errorf(append(at, "addressPrefixes", j), "connected network %q: %s has host bits set; it is read as the network %s", n.Name, p, m).Error())
				c.ConnectedNetworks[i].AddressPrefixes[j] = m.String()
			}
		}
	}
	if err := c.validateDeployments(); err != nil {
		return err
	}
	if c.Timeout != "" {
		d, err := ParseTimeout(c.Timeout)
		if err != nil {
			return c.errorf([]any{"timeout"}, "%v", err)
		}
		c.timeout = d
	}
	if c.MaxFileSize < 0 {
		return c.errorf([]any{"maxFileSize"}, "maxFileSize %d must be a number of bytes, at least 0 (0: the default, 10 MiB)", c.MaxFileSize)
	}
	if c.MaxFileSize > MaxFileSizeCeiling {
		return c.errorf([]any{"maxFileSize"}, "maxFileSize %d is over the ceiling of %d bytes (32 MiB), which a configuration cannot raise", c.MaxFileSize, MaxFileSizeCeiling)
	}
	return nil
}

// validateIgnore checks ignore entry i: paths, rules and a reason are all required,
// since a silenced finding must say where, what, and why.
func (c *Config) validateIgnore(i int) error {
	ig := &c.Ignore[i]
	at := []any{"ignore", i}
	what := fmt.Sprintf("ignore entry %d", i+1)
	if len(ig.Rules) > 0 {
		what += " (" + strings.Join(ig.Rules, ", ") + ")"
	}
	switch {
	case len(ig.Paths) == 0:
		return c.errorf(at, "%s has no paths: list the files it applies to (globs such as legacy/**)", what)
	case len(ig.Rules) == 0:
		return c.errorf(at, "%s has no rules: list the rule IDs it silences (AKSNET301)", what)
	case strings.TrimSpace(ig.Reason) == "":
		return c.errorf(at, "%s has no reason: say why these findings are accepted (reason: ...); reviewers read it in SARIF", what)
	case slices.ContainsFunc(ig.Variants, func(v string) bool { return strings.TrimSpace(v) == "" }):
		return c.errorf(append(at, "variants"), "%s lists an empty parameter name in variants", what)
	}
	for j, id := range ig.Rules {
		if !ruleIDPattern.MatchString(id) {
			return c.errorf(append(at, "rules", j), "%s: %q is not a rule ID (such as AKSNET301)", what, id)
		}
		if why, ok := AlwaysReported[id]; ok {
			return c.errorf(append(at, "rules", j), "%s: %s cannot be ignored: %s", what, id, why)
		}
	}
	for j := range ig.Paths {
		if err := c.cleanGlob(&ig.Paths[j], "ignore", i, "paths", j); err != nil {
			return err
		}
	}
	return nil
}

// validateParameters checks the template-to-parameter-files mapping; whether the files
// exist is checked when linting (CheckParameterFiles), so a config can be checked anywhere.
func (c *Config) validateParameters() error {
	cleaned := make(map[string][]string, len(c.Parameters))
	for _, key := range slices.Sorted(maps.Keys(c.Parameters)) { // sorted: one error, always the same
		files := c.Parameters[key]
		at := []any{"parameters", key}
		glob := key
		if err := c.cleanGlob(&glob, "parameters", key); err != nil {
			return err
		}
		if len(files) == 0 {
			return c.errorf(at, "parameters: %s lists no parameter file", key)
		}
		for j, f := range files {
			if strings.TrimSpace(f) == "" {
				return c.errorf(append(at, j), "parameters: %s: parameter file %d is empty", key, j+1)
			}
			if strings.ContainsAny(f, "*?[{") {
				return c.errorf(append(at, j), "parameters: %s: %q: parameter files are file names, not globs", key, f)
			}
		}
		if _, dup := cleaned[glob]; dup {
			return c.errorf(at, "parameters: %s is listed twice", key)
		}
		cleaned[glob] = files
	}
	if c.Parameters != nil {
		c.Parameters = cleaned
	}
	return nil
}

// validateDeployments checks the deployments: entries: paths, and a resource group or
// a subscription written out.
func (c *Config) validateDeployments() error {
	for i := range c.Deployments {
		d := &c.Deployments[i]
		at := []any{"deployments", i}
		if len(d.Paths) == 0 {
			return c.errorf(at, "deployments entry %d has no paths: list the templates and scripts it deploys (globs such as network/**)", i+1)
		}
		if d.ResourceGroup == "" && d.Subscription == "" {
			return c.errorf(at, "deployments entry %d names neither a resourceGroup nor a subscription", i+1)
		}
		for _, kv := range [][2]string{{"resourceGroup", d.ResourceGroup}, {"subscription", d.Subscription}} {
			if key, v := kv[0], kv[1]; v != "" && !netdoc.PlainName(v) {
				return c.errorf(append(at, key), "deployments entry %d: %s %q must be a name written out, not an expression", i+1, key, v)
			}
		}
		for j := range d.Paths {
			if err := c.cleanGlob(&d.Paths[j], "deployments", i, "paths", j); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeploymentFor returns where file is deployed by the first deployments: entry that
// matches it, in lower case (ARM compares these names case-insensitively); empty
// when no entry does.
func (c *Config) DeploymentFor(file string) (resourceGroup, subscription string) {
	if len(c.Deployments) == 0 {
		return "", ""
	}
	rel, ok := c.Rel(file)
	if !ok {
		return "", ""
	}
	for _, d := range c.Deployments {
		if MatchAny(d.Paths, rel) {
			return strings.ToLower(d.ResourceGroup), strings.ToLower(d.Subscription)
		}
	}
	return "", ""
}

// cleanGlob validates a doublestar glob and cleans it in place.
func (c *Config) cleanGlob(g *string, at ...any) error {
	if strings.TrimSpace(*g) == "" {
		return c.errorf(at, "%s: empty path", at[0])
	}
	if strings.Contains(*g, `\`) {
		return c.errorf(at, "%s: %q: write paths with forward slashes", at[0], *g)
	}
	cleaned := path.Clean(*g)
	if !doublestar.ValidatePattern(cleaned) {
		return c.errorf(at, "%s: %q is not a valid glob", at[0], *g)
	}
	if path.IsAbs(cleaned) || cleaned == ".." || strings.HasPrefix(cleaned, "../") {
		// Paths are matched relative to the config's directory, so these never match.
		return c.errorf(at, "%s: %q is outside the directory of the config file; paths are relative to it", at[0], *g)
	}
	*g = cleaned
	return nil
}

// errorf formats an error as file:line:col: message, at the node at the path of keys
// (string) and indexes (int), when it is found.
func (c *Config) errorf(at []any, format string, args ...any) error {
	return fmt.Errorf("%s: "+format, append([]any{c.Where(at...)}, args...)...)
}

// Where names a setting for messages: "file:line:col" where it is known, else the file.
func (c *Config) Where(at ...any) string {
	if line, col := c.pos(at...); line > 0 {
		return fmt.Sprintf("%s:%d:%d", c.File, line, col)
	}
	return c.File
}

// At is Where: "file:line:col" where the setting's position is known.
func (c *Config) At(at ...any) string { return c.Where(at...) }

// pos finds the position of the node at the path (0 when unknown); a map key stands
// for its key node, so that "rules", "AKSNET999" points at the key that is wrong; a
// nil step after a key stands for the key's value.
func (c *Config) pos(at ...any) (line, col int) {
	if c.root == nil || len(c.root.Content) == 0 {
		return 0, 0
	}
	n := c.root.Content[0]
	line, col = n.Line, n.Column
	for _, step := range at {
		switch s := step.(type) {
		case nil:
			line, col = n.Line, n.Column
		case string:
			if n.Kind != yaml.MappingNode {
				return line, col
			}
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == s {
					line, col, n, found = n.Content[i].Line, n.Content[i].Column, n.Content[i+1], true
					break
				}
			}
			if !found {
				return line, col
			}
		case int:
			if n.Kind != yaml.SequenceNode || s >= len(n.Content) {
				return line, col
			}
			n = n.Content[s]
			line, col = n.Line, n.Column
		}
	}
	return line, col
}

// Dir is the directory the config's paths are relative to ("" without a file).
func (c *Config) Dir() string {
	if c.File == "" {
		return ""
	}
	return filepath.Dir(c.File)
}

// Rel returns path (as given on the command line or walked) relative to the config's
// directory, with forward slashes; ok is false when it lies outside that directory.
// Relative paths are read from the working directory at Load. Without a config file,
// the path is returned as given, without a leading "./".
func (c *Config) Rel(p string) (string, bool) {
	if c.absDir == "" {
		return strings.TrimPrefix(filepath.ToSlash(p), "./"), true
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.cwd, p)
	}
	rel, err := filepath.Rel(c.absDir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// Excluded reports whether an exclude glob matches path or a directory holding it.
func (c *Config) Excluded(p string) bool {
	rel, ok := c.Rel(p)
	return ok && MatchAny(c.Exclude, rel)
}

// Included reports whether a file found by a directory walk is to be linted: always
// without include globs, else when one matches it or a directory holding it.
func (c *Config) Included(p string) bool {
	if len(c.Include) == 0 {
		return true
	}
	rel, ok := c.Rel(p)
	return ok && MatchAny(c.Include, rel)
}

// IgnoreFor returns the first ignore entry that silences rule on file.
func (c *Config) IgnoreFor(file, rule string) (Ignore, bool) {
	return c.IgnoreForVariant(file, rule, "")
}

// IgnoreForVariant is IgnoreFor for a finding of a variant of parameter param ("" for
// a finding of the values as given): an entry that lists variants applies only to
// the variant findings of those parameters.
func (c *Config) IgnoreForVariant(file, rule, param string) (Ignore, bool) {
	rel, ok := c.Rel(file)
	if !ok {
		return Ignore{}, false
	}
	for _, ig := range c.Ignore {
		if len(ig.Variants) > 0 && !slices.ContainsFunc(ig.Variants, func(v string) bool { return param != "" && strings.EqualFold(v, param) }) {
			continue
		}
		if slices.Contains(ig.Rules, rule) && MatchAny(ig.Paths, rel) {
			return ig, true
		}
	}
	return Ignore{}, false
}

// ParametersFor returns the parameter files the parameters mapping gives template (as
// paths from the working directory), or nil when no entry matches it. A template that
// several entries match is deployed with the files of all of them.
func (c *Config) ParametersFor(template string) []string {
	if len(c.Parameters) == 0 {
		return nil
	}
	rel, ok := c.Rel(template)
	if !ok {
		return nil
	}
	var out []string
	for _, key := range c.parameterKeys() {
		if !MatchAny([]string{key}, rel) {
			continue
		}
		for _, f := range c.Parameters[key] {
			if p := c.fromDir(f); !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// TemplatesFor returns the templates the parameters mapping pairs paramFile with (as
// paths from the working directory, sorted), or nil when it lists the file nowhere.
// Glob entries are expanded against the files present; as in a directory walk, only
// regular files count, and only those inside root (symbolic links are not followed
// out of it).
func (c *Config) TemplatesFor(paramFile string, root pathpolicy.Root) []string {
	if len(c.Parameters) == 0 {
		return nil
	}
	want, err := filepath.Abs(paramFile)
	if err != nil {
		return nil
	}
	var out []string
	for _, key := range c.parameterKeys() {
		listed := slices.ContainsFunc(c.Parameters[key], func(f string) bool {
			abs, err := filepath.Abs(c.fromDir(f))
			return err == nil && abs == want
		})
		if !listed {
			continue
		}
		matches, err := doublestar.Glob(os.DirFS(c.dirOrDot()), key, doublestar.WithFilesOnly(), doublestar.WithNoFollow())
		if err != nil {
			continue // validated at load; an unreadable directory pairs nothing
		}
		for _, m := range matches {
			if p := c.fromDir(m); root.Contains(p) && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return out
}

// CheckParameterFiles reports the first parameter file of the mapping that root's path
// policy refuses: absolute, outside the root after ".." and symbolic links, missing, or
// not a regular file (a named pipe, /proc/self/environ). The error names the line and
// column that lists it; no file is opened.
func (c *Config) CheckParameterFiles(root pathpolicy.Root) error {
	for _, key := range c.parameterKeys() {
		for j, f := range c.Parameters[key] {
			if _, err := root.Resolve(c.File, f); err != nil {
				return fmt.Errorf("%s: parameters: %s: parameter file %w", c.At("parameters", key, j), key, err)
			}
		}
	}
	return nil
}

// parameterKeys are the mapping's templates, sorted, so that results do not depend on
// map order.
func (c *Config) parameterKeys() []string {
	keys := make([]string, 0, len(c.Parameters))
	for k := range c.Parameters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fromDir turns a path relative to the config's directory into one from the working
// directory.
func (c *Config) fromDir(p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(c.Dir(), p)
}

func (c *Config) dirOrDot() string {
	if d := c.Dir(); d != "" {
		return d
	}
	return "."
}

// MatchAny reports whether one of the doublestar globs matches the slash path rel or a
// directory holding it ("legacy" and "legacy/**" both match legacy/a.json). The globs
// are valid ones (Load checks them); an invalid glob matches nothing.
func MatchAny(globs []string, rel string) bool {
	for _, g := range globs {
		for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
			if doublestar.MatchUnvalidated(g, p) {
				return true
			}
		}
	}
	return false
}
