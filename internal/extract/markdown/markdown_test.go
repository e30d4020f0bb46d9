package markdown

import (
	"slices"
	"strings"
	"testing"
)

func TestScript(t *testing.T) {
	tests := []struct {
		name   string
		md     string
		script string
		lines  []int
	}{
		{
			name:   "no code",
			md:     "# Title\n\nText.\n",
			script: "",
		},
		{
			name:   "languages",
			md:     "```azurecli\na\n```\n```azurecli-interactive\nb\n```\n```bash\nc\n```\n```sh\nd\n```\n```shell\ne\n```\n",
			script: "a\n\nb\n\nc\n\nd\n\ne\n\n",
			lines:  []int{2, 3, 5, 6, 8, 9, 11, 12, 14, 15},
		},
		{
			name:   "other languages skipped",
			md:     "```output\nx\n```\n```json\n{}\n```\n```powershell\ny\n```\n```\nz\n```\n```Bash\nkept\n```\n",
			script: "kept\n\n",
			lines:  []int{14, 15},
		},
		{
			name:   "indented fence in a list keeps columns",
			md:     "1. Step\n\n    ```azurecli\n    az aks create \\\n        --name x\n    ```\n",
			script: "    az aks create \\\n        --name x\n\n",
			lines:  []int{4, 5, 6},
		},
		{
			name:   "tildes and longer fences",
			md:     "~~~sh\na\n```\nb\n~~~\n````bash\nc\n```\n````\n",
			script: "a\n```\nb\n\nc\n```\n\n",
			lines:  []int{2, 3, 4, 5, 7, 8, 9},
		},
		{
			name:   "info string with attributes",
			md:     "```bash {title=\"x\"}\na\n```\n```azurecli,ignore\nb\n```\n",
			script: "a\n\nb\n\n",
			lines:  []int{2, 3, 5, 6},
		},
		{
			name:   "unclosed block runs to the end",
			md:     "text\n```bash\na\nb",
			script: "a\nb\n",
			lines:  []int{3, 4},
		},
		{
			name:   "CRLF",
			md:     "```bash\r\naz aks create \\\r\n  -n x\r\n```\r\n",
			script: "az aks create \\\n  -n x\n\n",
			lines:  []int{2, 3, 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script, lines := Script([]byte(tt.md))
			if string(script) != tt.script {
				t.Errorf("script %q, want %q", script, tt.script)
			}
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("line map %v, want %v", lines, tt.lines)
			}
			if n := strings.Count(string(script), "\n"); n != len(lines) {
				t.Errorf("%d script lines, %d mapped", n, len(lines))
			}
		})
	}
}
