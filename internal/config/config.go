// Package config reads .aksnet-lint.yaml: rule levels and paths to exclude.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// DefaultFile is read from the working directory when --config is not given.
const DefaultFile = ".aksnet-lint.yaml"

// Config is the file's content.
type Config struct {
	// Rules maps a rule ID to a level: error, warning, note or off.
	Rules map[string]finding.Level `yaml:"rules"`
	// ConnectedNetworks are on-premises and peered ranges that must not overlap the
	// cluster's ranges (AKSNET105).
	ConnectedNetworks []ConnectedNetwork `yaml:"connectedNetworks"`
	// Ignore silences rules on paths, each with the reason a reviewer will read.
	Ignore []Ignore `yaml:"ignore"`
	// MaxFileSize is the largest file read, in bytes (default 10 MiB).
	MaxFileSize int64 `yaml:"maxFileSize"`
	// Exclude lists doublestar globs of paths not to lint.
	Exclude []string `yaml:"exclude"`
	// File is where the config was read from ("" for none).
	File string `yaml:"-"`
}

// Ignore silences Rules on files matching Paths (doublestar globs). Findings stay in
// SARIF as suppressed, with Reason as the justification.
type Ignore struct {
	Paths  []string `yaml:"paths"`
	Rules  []string `yaml:"rules"`
	Reason string   `yaml:"reason"`
}

// ConnectedNetwork is a named set of ranges reachable from the cluster VNet.
type ConnectedNetwork struct {
	Name            string   `yaml:"name"`
	AddressPrefixes []string `yaml:"addressPrefixes"`
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
func Load(path string, explicit bool) (*Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return &Config{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	c := &Config{File: path}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	for _, n := range c.ConnectedNetworks {
		if n.Name == "" || len(n.AddressPrefixes) == 0 {
			return nil, fmt.Errorf("config %s: every connectedNetworks entry needs a name and addressPrefixes", path)
		}
	}
	for i, ig := range c.Ignore {
		if len(ig.Paths) == 0 || len(ig.Rules) == 0 || strings.TrimSpace(ig.Reason) == "" {
			return nil, fmt.Errorf("config %s: ignore entry %d needs paths, rules and a reason", path, i+1)
		}
	}
	for id, lvl := range c.Rules {
		if _, ok := finding.ParseLevel(string(lvl)); !ok {
			return nil, fmt.Errorf("config %s: rule %s: level %q must be error, warning, note or off", path, id, lvl)
		}
	}
	return c, nil
}
