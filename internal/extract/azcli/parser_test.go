package azcli

import (
	"bytes"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// TestParseReusesParsers: scripts parsed one after another with pooled parsers, in
// either language, after errors and re-parses, give the syntax trees a new parser
// gives, node for node and position for position.
func TestParseReusesParsers(t *testing.T) {
	scripts := []struct{ lang, src string }{
		{"bash", "az aks create -g rg -n a --max-pods 40\n"},
		{"bash", "if [[ $x =~ (a|b)+ ]]; then echo `echo \\`x\\``; fi\ncat <<EOF\nbody $y\nEOF\n"},
		{"bash", "echo 'unterminated\n"},
		{"bash", "a=1 # a comment \\\nb=2\naz network vnet create -g rg -n v\n"},
		{"zsh", "ARGS=(--max-pods 40)\naz aks create -g rg -n a $ARGS\n"},
		{"bash", "for i in 1 2; do (( n += i )); done\necho ${x:-y} $(( 1 +\n"},
		{"zsh", "print -r -- ${(j:,:)arr}\n"},
		{"bash", "az aks nodepool add -g rg --cluster-name a -n p2 \\\n  --max-pods 30\n"},
	}
	debug := func(f *syntax.File) string {
		var b bytes.Buffer
		if err := syntax.DebugPrint(&b, f); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for round := range 3 {
		for _, sc := range scripts {
			s := newSource("run.sh", []byte(sc.src))
			wantF, wantErr := newParser(sc.lang).Parse(bytes.NewReader(s.masked), s.file)
			gotF, gotErr := parse(newSource("run.sh", []byte(sc.src)), sc.lang)
			if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
				t.Fatalf("round %d, %q: error %v, want %v", round, sc.src, gotErr, wantErr)
			}
			if wantErr == nil && !commentMayContinue(s.masked) && debug(gotF) != debug(wantF) {
				t.Errorf("round %d, %q: the syntax tree differs from a new parser's", round, sc.src)
			}
		}
	}
}
