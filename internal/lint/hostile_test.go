package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

const goodTemplate = `{"resources": [{"type": "Microsoft.ContainerService/managedClusters", "name": "aks",
  "properties": {"agentPoolProfiles": [{"name": "system", "count": 1, "maxPods": 300}]}}]}`

// TestHostileInputs: each bad input ends as a located AKSNET902 (or nothing, for what
// is deliberately not read), the run never stops, and a good file beside it is still
// linted.
func TestHostileInputs(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		content  string
		explicit bool
		want     string // "" means: no diagnostic for this file
		line     int
	}{
		{name: "empty", file: "empty.json", want: "the file is empty", line: 1},
		{name: "binary", file: "bin.json", content: "\x00\x01\xff\xfebinary", want: "not UTF-8", line: 1},
		{name: "BOM", file: "bom.json", content: "\xEF\xBB\xBF" + `{"resources": []}`},
		{name: "truncated", file: "trunc.json", content: "{\n \"resources\": [\n  {\"type\": ", want: "unexpected end of file", line: 3},
		{name: "top-level array", file: "arr.json", content: "[1, 2]", explicit: true, want: "found an array", line: 1},
		{name: "top-level scalar", file: "num.json", content: "42", explicit: true, want: "found a number", line: 1},
		{name: "over the size limit", file: "big.json", content: `{"resources": []}` + strings.Repeat(" ", 300000), want: "file too large", line: 1},
		{name: "JSON nested 100,000 deep", file: "deep.json", content: strings.Repeat("[", 100000) + strings.Repeat("]", 100000), want: "exceeded max depth", line: 1},
		{name: "unterminated quote", file: "quote.sh", content: "#!/bin/bash\naz aks create -n \"aks\n", want: "without closing quote", line: 2},
		{name: "unterminated heredoc", file: "here.sh", content: "#!/bin/bash\ncat <<EOF\naz aks create -n x\n", want: "here-document", line: 2},
		{name: "command substitution 10,000 deep", file: "subst.sh",
			content: "#!/bin/bash\nX=" + strings.Repeat("$(", 10000) + "echo" + strings.Repeat(")", 10000) + "\naz aks create -n a --service-cidr \"$X\"\n"},
		{name: "unrelated script", file: "build.sh", content: "#!/bin/bash\nmake all\n"},
	}
	dir := t.TempDir()
	var explicit []string
	for _, tt := range tests {
		p := filepath.Join(dir, tt.file)
		if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if tt.explicit {
			explicit = append(explicit, p)
		}
	}
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(goodTemplate), 0o644); err != nil {
		t.Fatal(err)
	}
	// Links that must not be followed: a loop, and a file outside the linted root.
	outside := filepath.Join(t.TempDir(), "outside.json")
	if err := os.WriteFile(outside, []byte(goodTemplate), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range [][2]string{{outside, "outside.json"}, {"loop-b", "loop-a"}, {"loop-a", "loop-b"}} {
		if err := os.Symlink(l[0], filepath.Join(dir, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.json"), 0o755); err != nil {
		t.Fatal(err)
	}

	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Run(context.Background(), eng, Options{Paths: append([]string{dir}, explicit...), MaxFileSize: 256 << 10})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]finding.Finding{}
	for _, f := range out.Findings {
		byFile[filepath.Base(f.Location.File)] = append(byFile[filepath.Base(f.Location.File)], f)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := byFile[tt.file]
			if tt.want == "" {
				for _, f := range fs {
					if f.RuleID == ParseErrorID {
						t.Errorf("unexpected diagnostic: %s", f.Message)
					}
				}
				return
			}
			if len(fs) == 0 || fs[0].RuleID != ParseErrorID || !strings.Contains(fs[0].Message, tt.want) {
				t.Fatalf("findings %+v, want an AKSNET902 containing %q", fs, tt.want)
			}
			if tt.line != 0 && fs[0].Location.Line != tt.line {
				t.Errorf("at line %d, want %d", fs[0].Location.Line, tt.line)
			}
		})
	}
	if fs := byFile["good.json"]; len(fs) != 1 || fs[0].RuleID != "AKSNET301" {
		t.Errorf("the good file was not linted beside the bad ones: %+v", fs)
	}
	if len(byFile["outside.json"]) != 0 || len(byFile["loop-a"]) != 0 {
		t.Errorf("a symbolic link was followed: %+v", byFile)
	}
}
