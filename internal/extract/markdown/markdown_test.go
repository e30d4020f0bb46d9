package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// render shows blocks as "lang@fence" then each line as "line:col|text".
func render(bs []Block) string {
	var b strings.Builder
	for _, bl := range bs {
		fmt.Fprintf(&b, "%s@%d\n", bl.Lang, bl.Fence)
		for i, t := range strings.SplitAfter(strings.TrimSuffix(string(bl.Text), "\n"), "\n") {
			fmt.Fprintf(&b, "%d:%d|%s\n", bl.Lines[i].Line, bl.Lines[i].Column, strings.TrimSuffix(t, "\n"))
		}
	}
	return b.String()
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want string
	}{
		{"no code", "# Title\n\nText.\n", ""},
		{
			"languages",
			"```azurecli\na\n```\n```azurecli-interactive\nb\n```\n```bash\nc\n```\n```sh\nd\n```\n```shell\ne\n```\n```zsh\nf\n```\n",
			"azurecli@1\n2:1|a\nazurecli-interactive@4\n5:1|b\nbash@7\n8:1|c\nsh@10\n11:1|d\nshell@13\n14:1|e\nzsh@16\n17:1|f\n",
		},
		{
			"other languages and unlabelled non-az blocks skipped",
			"```output\nx\n```\n```json\n{}\n```\n```powershell\ny\n```\n```\nz\n```\n```Bash\nkept\n```\n```\naz aks list\n```\n",
			"bash@13\n14:1|kept\n@16\n17:1|az aks list\n",
		},
		{
			"fence in a list item: its indentation is removed, columns stay true",
			"1. Step\n\n    ```azurecli\n    az aks create \\\n        --name x\n    cat <<EOF\n    EOF\n    ```\n",
			"azurecli@3\n4:5|az aks create \\\n5:5|    --name x\n6:5|cat <<EOF\n7:5|EOF\n",
		},
		{
			"a line indented less than the fence loses what it has",
			"  ```bash\n  a\n b\nc\n  ```\n",
			"bash@1\n2:3|a\n3:2|b\n4:1|c\n",
		},
		{
			"block quote",
			"> ```bash\n> a\n>  b\n> ```\n",
			"bash@1\n2:3|a\n3:3| b\n",
		},
		{
			"tildes and longer fences",
			"~~~sh\na\n```\nb\n~~~\n````bash\nc\n```\n````\n",
			"sh@1\n2:1|a\n3:1|```\n4:1|b\nbash@6\n7:1|c\n8:1|```\n",
		},
		{
			"info string with attributes",
			"```bash {title=\"x\"}\na\n```\n```azurecli,ignore\nb\n```\n",
			"bash@1\n2:1|a\nazurecli@4\n5:1|b\n",
		},
		{
			"HTML comment and HTML block skipped",
			"<!--\n```bash\naz aks create -n old\n```\n-->\n\n<div>\n```bash\nhidden\n```\n</div>\n\n```bash\nseen\n```\n",
			"bash@13\n14:1|seen\n",
		},
		{
			"unclosed block runs to the end",
			"text\n\n```bash\na\nb",
			"bash@3\n4:1|a\n5:1|b\n",
		},
		{
			"CRLF",
			"```bash\r\naz aks create \\\r\n  -n x\r\n```\r\n",
			"bash@1\n2:1|az aks create \\\n3:1|  -n x\n",
		},
		{
			"console transcript: prompts removed, continuations kept, output blanked",
			"```console\n$ az aks create \\\n    -n x\nName  Result\n$ cat <<EOF\nline\nEOF\n$\nout\n```\n",
			"console@1\n2:3|az aks create \\\n3:1|    -n x\n4:1|\n5:3|cat <<EOF\n6:1|line\n7:1|EOF\n8:2|\n9:1|\n",
		},
		{
			"bash block written with prompts",
			"```bash\n$ az aks list\noutput\n```\n```bash\naz aks list\n$ not a prompt block\n```\n",
			"bash@1\n2:3|az aks list\n3:1|\nbash@5\n6:1|az aks list\n7:1|$ not a prompt block\n",
		},
		{"empty block", "```bash\n```\n", ""},
		{"indented code block skipped", "Text.\n\n    az aks create -n x\n", ""},
		{
			"shell-session transcript",
			"```shell-session\n  $ az aks list\n  []\n```\n",
			"shell-session@1\n2:5|az aks list\n3:1|\n",
		},
		{
			"unlabelled block whose first line is blank",
			"```\n\naz network vnet list\n```\n",
			"@1\n2:1|\n3:1|az network vnet list\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(Blocks([]byte(tt.md))); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestMapColumn(t *testing.T) {
	l := Line{Line: 3, Column: 5, Pad: 2}
	for col, want := range map[int]int{1: 4, 2: 4, 3: 5, 4: 6} {
		if got := l.MapColumn(col); got != want {
			t.Errorf("MapColumn(%d) = %d, want %d", col, got, want)
		}
	}
}
