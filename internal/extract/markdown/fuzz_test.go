package markdown_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/azcli"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/markdown"
)

// FuzzRunbook reads any Markdown input as a runbook. The blocks must map back onto the
// file exactly (each block line is the file's text from the mapped line and column to
// the end of that line, or blank where a transcript's output was dropped), and the
// extraction must finish quickly with every location inside the file; never a panic.
func FuzzRunbook(f *testing.F) {
	for _, pat := range []string{"../../../testdata/runbooks/err/*.md", "../../../testdata/azcli/extract/*.md", "../../../testdata/hostile/no-exec/*.md"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			src, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	for _, s := range []string{
		"1. a\n\n   ```bash\n   cat <<EOF\n   x\n   EOF\n   ```\n",
		"> - ```sh\n>   az aks create -n <name, e.g. x> \\\n>     --max-pods 300\n>   ```\n",
		"\t```bash\n\t\taz aks list\n\t```\n",
		"- a\n\t```bash\n\t az network vnet create -n <v> --address-prefixes <p: 10.0.0.0/8>\n",
		"```console\r\n$ az aks create \\\r\n  -n x\r\nout\r\n```\r\n",
		"<!--\n```bash\naz aks create -n x\n```\n-->\n```\naz aks create -n <a>\n```\n",
		"~~~zsh\nA=(1 2)\necho ${A[1]}\n~~~\n",
		"```bash\n$ echo é\\\n«x»\n```\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := strings.Split(string(src), "\n")
		for _, b := range markdown.Blocks(src) {
			text := strings.Split(strings.TrimSuffix(string(b.Text), "\n"), "\n")
			if len(text) != len(b.Lines) || !strings.HasSuffix(string(b.Text), "\n") {
				t.Fatalf("%d text lines, %d mapped", len(text), len(b.Lines))
			}
			prev := 0
			for i, l := range b.Lines {
				if l.Line <= prev || l.Line > len(lines) || l.Column < 1 {
					t.Fatalf("line %d mapped to %d:%d after %d", i, l.Line, l.Column, prev)
				}
				prev = l.Line
				if l.Pad > 0 || text[i] == "" || !utf8.ValidString(lines[l.Line-1]) {
					continue
				}
				src := strings.TrimSuffix(lines[l.Line-1], "\r")
				runes := []rune(src)
				if l.Column-1 > len(runes) || string(runes[l.Column-1:]) != text[i] {
					t.Fatalf("block line %q is not the file's line %d from column %d: %q", text[i], l.Line, l.Column, src)
				}
			}
		}
		start := time.Now()
		doc, locs, err := azcli.ExtractMarkdown("fuzz.md", src)
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("extraction took %v", d)
		}
		if err != nil {
			if len(src) <= azcli.MaxScriptBytes {
				t.Fatalf("a runbook that can be read failed: %v", err)
			}
			return
		}
		if doc == nil {
			t.Fatal("no document")
		}
		for p, l := range locs {
			if l.Line < 1 || l.Line > len(lines) || l.Column < 1 {
				t.Fatalf("%s located at %d:%d, outside the file of %d lines", p, l.Line, l.Column, len(lines))
			}
		}
	})
}
