package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// pipelineNames are the file names FuzzPipeline writes its input under, one per
// kind of input: the name decides the extractor.
var pipelineNames = []string{"deploy.sh", "template.json", "runbook.md"}

// FuzzPipeline runs the whole pipeline (discover, extract, evaluate, sort) on one
// file of any content: the findings come sorted, each located inside its file (related
// locations too), and a second run gives the same findings.
func FuzzPipeline(f *testing.F) {
	for kind, pats := range map[byte][]string{
		0: {"examples/scripts/*.sh", "testdata/azcli/err/*.sh"},
		1: {"examples/template/*.json", "testdata/arm/err/*.json"},
		2: {"testdata/azcli/extract/*.md"},
	} {
		for _, pat := range pats {
			files, _ := filepath.Glob(filepath.Join("../..", pat))
			for _, p := range files {
				b, err := os.ReadFile(p)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(kind, b)
			}
		}
	}
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, kind byte, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		path := filepath.Join(t.TempDir(), pipelineNames[int(kind)%len(pipelineNames)])
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		run := func() []finding.Finding {
			out, err := Run(context.Background(), eng, Options{Paths: []string{path}})
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			return out.Findings
		}
		fs := run()
		sorted := slices.Clone(fs)
		finding.Sort(sorted)
		if !slices.EqualFunc(fs, sorted, func(a, b finding.Finding) bool {
			return a.Pointer == b.Pointer && a.RuleID == b.RuleID && a.Message == b.Message && a.Location == b.Location
		}) {
			t.Errorf("findings are not sorted")
		}
		lines := bytes.Split(src, []byte("\n"))
		inside := func(what string, l netdoc.Location) {
			if l.File != path {
				t.Errorf("%s is located in %q, not the file linted", what, l.File)
				return
			}
			if l.Line < 1 || l.Line > len(lines) || l.Column < 1 || l.Column > width(lines[l.Line-1])+1 {
				t.Errorf("%s at %d:%d is outside the file", what, l.Line, l.Column)
				return
			}
			if l.EndLine != 0 && (l.EndLine < l.Line || l.EndLine > len(lines) || l.EndColumn > width(lines[l.EndLine-1])+1 ||
				(l.EndLine == l.Line && l.EndColumn < l.Column)) {
				t.Errorf("%s span %d:%d-%d:%d is outside the file or reversed", what, l.Line, l.Column, l.EndLine, l.EndColumn)
			}
		}
		for _, x := range fs {
			inside(x.RuleID+" "+x.Pointer, x.Location)
			for _, r := range x.Related {
				inside(x.RuleID+" "+x.Pointer+" (related)", r.Location)
			}
		}
		first, _ := json.Marshal(fs)
		second, _ := json.Marshal(run())
		if !bytes.Equal(first, second) {
			t.Errorf("a second run gives other findings")
		}
	})
}

// width is a line's length in code points, without a trailing \r.
func width(line []byte) int { return utf8.RuneCount(bytes.TrimSuffix(line, []byte("\r"))) }
