package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(content string) string {
		p := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := Load(write("rules:\n  AKSNET110: off\n  AKSNET203: warning\nexclude:\n  - legacy/**\nconnectedNetworks:\n  - name: on-premises\n    addressPrefixes: [192.168.0.0/16]\n"), true)
	if err != nil || c.Rules["AKSNET110"] != "off" || c.Rules["AKSNET203"] != "warning" || c.Exclude[0] != "legacy/**" ||
		c.ConnectedNetworks[0].Name != "on-premises" || c.ConnectedNetworks[0].AddressPrefixes[0] != "192.168.0.0/16" {
		t.Fatalf("%+v %v", c, err)
	}
	if c, err := Load(write(""), true); err != nil || len(c.Rules) != 0 {
		t.Errorf("empty file: %+v %v", c, err)
	}
	for content, want := range map[string]string{
		"rules:\n  AKSNET110: fatal\n":      `level "fatal"`,
		"rulez: {}\n":                       "field rulez not found",
		"rules: [\n":                        "config",
		"connectedNetworks:\n  - name: x\n": "needs a name and addressPrefixes",
		"ignore:\n  - paths: [a/**]\n    rules: [AKSNET110]\n": "needs paths, rules and a reason",
	} {
		if _, err := Load(write(content), true); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", content, err, want)
		}
	}
	if c, err := Load(filepath.Join(dir, "none.yaml"), false); err != nil || c.File != "" {
		t.Errorf("missing default file: %+v %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, "none.yaml"), true); err == nil {
		t.Error("missing explicit file accepted")
	}
}
