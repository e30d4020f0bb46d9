package azcli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestSyntaxError(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
	}{
		{"unclosed quote", "az aks create \\\n  --name \"aks\n", 2, 10},
		{"unclosed if", "X=1\n\nif true; then\n  echo\n", 3, 1},
		{"bad token after unicode", "# é\nécho ) x\n", 2, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Extract("bad.sh", []byte(tt.src))
			var se *netdoc.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want *netdoc.SourceError", err, err)
			}
			if se.Line != tt.line || se.Column != tt.col {
				t.Errorf("error at %d:%d, want %d:%d (%v)", se.Line, se.Column, tt.line, tt.col, se)
			}
			if se.File == "" || !strings.Contains(se.Msg, "syntax error") {
				t.Errorf("error %+v", se)
			}
		})
	}
}

// TestMarkdownBadBlock: a block that does not parse is one note at its fence, naming the
// error's place; the blocks before and after it are read, variables carrying over.
func TestMarkdownBadBlock(t *testing.T) {
	src := "# Title\n\n```bash\nCLUSTER=aks1\n```\n\n1. Step\n\n   ```bash\n   X=1\n   if then fi\n   ```\n\n```azurecli\naz aks create -g rg -n $CLUSTER\n```\n"
	doc, locs, err := ExtractMarkdown("doc.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Clusters) != 1 || doc.Clusters[0].Name != "aks1" {
		t.Fatalf("clusters %+v, want aks1 from the block after the bad one", doc.Clusters)
	}
	if got := locs["/clusters/0/name"]; got.Line != 15 || got.Column != 24 {
		t.Errorf("name at %d:%d, want 15:24", got.Line, got.Column)
	}
	if len(doc.Unresolved) != 1 {
		t.Fatalf("unresolved %+v, want one note for the bad block", doc.Unresolved)
	}
	u := doc.Unresolved[0]
	if u.Pointer != "/script/blocks/1" || !strings.Contains(u.Reason, "line 11 column 4") || !strings.Contains(u.Expression, "line 9") {
		t.Errorf("note %+v", u)
	}
	if l := locs[u.Pointer]; l.Line != 9 || l.Column != 4 {
		t.Errorf("note at %d:%d, want 9:4 (the fence)", l.Line, l.Column)
	}
}

func TestTooLarge(t *testing.T) {
	_, _, err := Extract("big.sh", make([]byte, MaxScriptBytes+1))
	var se *netdoc.SourceError
	if !errors.As(err, &se) {
		t.Fatalf("error %v, want *netdoc.SourceError", err)
	}
}

// TestNothingExecuted proves the extractor never runs anything a script contains: every
// construct below would create the marker file if it were run.
func TestNothingExecuted(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	marker := filepath.Join(dir, "MARKER")
	lines := []string{
		"#!/bin/bash",
		"touch MARKER",
		"X=$(touch MARKER)",
		"Y=`touch MARKER`",
		`eval "touch MARKER"`,
		"eval $(touch MARKER)",
		"source ./MARKER",
		". ./MARKER",
		"bash -c 'touch MARKER'",
		`sh -c "touch MARKER"`,
		"Z=$(( $(touch MARKER) + 1 ))",
		"cat <(touch MARKER) >(touch MARKER)",
		"cat <<END > MARKER",
		"$(touch MARKER)",
		"END",
		`f() { touch MARKER; az aks create -n "$(touch MARKER)" --pod-cidr "$(touch MARKER)"; }`,
		"f",
		"exec touch MARKER",
		`az aks create -n aks --vnet-subnet-id "$(az network vnet subnet show --vnet-name v -n s --query id -o tsv; touch MARKER)"`,
		`[ -n "$(touch MARKER)" ] && touch MARKER`,
		": ${A:=$(touch MARKER)}",
		"trap 'touch MARKER' EXIT",
	}
	script := strings.ReplaceAll(strings.Join(lines, "\n")+"\n", "MARKER", marker)
	doc, _, err := Extract("evil.sh", []byte(script))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the marker file exists (err %v): something was executed", err)
	}
	if n := len(doc.Clusters); n != 2 {
		t.Errorf("%d clusters, want 2", n)
	}
	md := "```bash\n" + script + "```\n"
	if _, _, err := ExtractMarkdown("evil.md", []byte(md)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the marker file exists after the Markdown run: something was executed")
	}
}

// TestBounds feeds scripts built to exhaust the analysis: they must end quickly, as
// unknowns or a SourceError, without a crash.
func TestBounds(t *testing.T) {
	var fan strings.Builder
	// f0 calls f1 twice, f1 calls f2 twice, ...: 2^40 calls without a budget.
	for i := range 40 {
		fan.WriteString("f" + itoa(i) + "() { f" + itoa(i+1) + "; f" + itoa(i+1) + "; X=$((X+1)); }\n")
	}
	fan.WriteString("f0\naz aks create -n aks --node-count \"$X\"\n")
	tests := map[string]string{
		"deep substitution": "X=" + strings.Repeat("$(", 5000) + "echo" + strings.Repeat(")", 5000) + "\n",
		"deep expansion":    "X=" + strings.Repeat("${A:-", 5000) + "x" + strings.Repeat("}", 5000) + "\n",
		"deep arithmetic":   "X=$((" + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + "))\n",
		"deep blocks":       strings.Repeat("{ ", 5000) + "X=1" + strings.Repeat("; }", 5000) + "\n",
		"call fan-out":      fan.String(),
		"many variables":    manyVars(3000),
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			doc, locs, err := Extract("b.sh", []byte(src))
			if err != nil {
				var se *netdoc.SourceError
				if !errors.As(err, &se) {
					t.Fatalf("error %v is not a SourceError", err)
				}
				return
			}
			checkInvariants(t, "b.sh", []byte(src), doc, locs, Extract)
		})
	}
}

func manyVars(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("V" + itoa(i) + "=" + itoa(i) + "\n")
	}
	for i := range n {
		b.WriteString("if [ -n \"$A\" ]; then W=" + itoa(i) + "; fi\n")
	}
	return b.String()
}

func TestCRLF(t *testing.T) {
	src := "az aks create \\\r\n  --name aks-crlf \\\r\n  --service-cidr 10.0.0.0/16\r\n"
	doc, locs, err := Extract("crlf.sh", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Clusters) != 1 || doc.Clusters[0].Name != "aks-crlf" || len(doc.Clusters[0].NetworkProfile.ServiceCidrs) != 1 {
		t.Fatalf("clusters %+v", doc.Clusters)
	}
	l := locs["/clusters/0/networkProfile/serviceCidrs/0"]
	if l.Line != 3 || l.Column != 18 || l.EndColumn != 29 {
		t.Errorf("service CIDR at %+v", l.Location)
	}
	if n := len(doc.Script.BrokenContinuations); n != 0 {
		t.Errorf("%d broken continuations in a CRLF script", n)
	}
}

func TestColumnsCountCodePoints(t *testing.T) {
	src := "NAME=\"réseau-été\" # é\n" +
		"az network vnet create -n \"$NAME\" --address-prefixes 10.0.0.0/16 # ü\n" +
		"az network vnet create -n x --address-prefixes \"10.1.0.0/16\" # ☃ --address-prefixes\n" +
		"R='☃☃'; az network vnet create -n y --address-prefixes 10.2.0.0/16\n"
	doc, locs, err := Extract("u.sh", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if doc.VirtualNetworks[0].Name != "réseau-été" {
		t.Errorf("name %q", doc.VirtualNetworks[0].Name)
	}
	rel := locs["/virtualNetworks/0/name"].Related
	if len(rel) != 1 || rel[0].Line != 1 || rel[0].Column != 1 || rel[0].EndColumn != 18 {
		t.Errorf("related %+v", rel)
	}
	if l := locs["/virtualNetworks/2/addressPrefixes/0"]; l.Line != 4 || l.Column != 56 || l.EndColumn != 67 {
		t.Errorf("prefix after multi-byte text at %+v", l.Location)
	}
}

func TestDocumentShape(t *testing.T) {
	doc, _, err := Extract("empty.sh", nil)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Script == nil || doc.Script.BrokenContinuations == nil || doc.Kind != netdoc.KindAzCLI ||
		doc.APIVersion != netdoc.APIVersion || doc.File != "empty.sh" || doc.Clusters == nil || doc.Unresolved == nil {
		t.Errorf("empty document %+v", doc)
	}
}

// TestBrokenContinuation builds its scripts in Go, so that no editor strips the trailing
// spaces the case depends on.
func TestBrokenContinuation(t *testing.T) {
	tests := []struct {
		name, src string
		want      []netdoc.BrokenContinuation
		line, col int
	}{
		{"trailing spaces", "az aks create \\\n  --name a \\  \t\n  --pod-cidr 10.244.0.0/16\n",
			[]netdoc.BrokenContinuation{{Command: "az aks create", Flag: "--pod-cidr", Reason: "trailing-space"}}, 3, 3},
		{"missing backslash, twice", "az network vnet subnet create -g rg \\\n  --vnet-name v\n  --name s\n  --address-prefixes=10.0.0.0/24\n",
			[]netdoc.BrokenContinuation{
				{Command: "az network vnet subnet create", Flag: "--name", Reason: "missing-backslash"},
				{Command: "az network vnet subnet create", Flag: "--address-prefixes", Reason: "missing-backslash"},
			}, 3, 3},
		{"inside a function", "f() {\n  az aks nodepool add --cluster-name c\n    --name p\n}\n",
			[]netdoc.BrokenContinuation{{Command: "az aks nodepool add", Flag: "--name", Reason: "missing-backslash"}}, 3, 5},
		{"not az aks or az network", "az group create -n rg\n  --location eastus\n", nil, 0, 0},
		{"complete command", "az aks create \\\n  --name a\n\n--not-a-continuation\n", nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, locs, err := Extract("c.sh", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got := doc.Script.BrokenContinuations
			if len(got) != len(tt.want) {
				t.Fatalf("broken continuations %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("broken continuation %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			if len(got) > 0 {
				l := locs["/script/brokenContinuations/0"]
				if l.Line != tt.line || l.Column != tt.col || len(l.Related) != 1 {
					t.Errorf("located at %+v", l)
				}
			}
		})
	}
}
