package report

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
)

func TestCaretLine(t *testing.T) {
	for _, tc := range []struct {
		name            string
		src             string // line 1
		col, endL, endC int
		want            string
	}{
		{name: "ascii span", src: `  "serviceCidr": "10.0.0.0/16",`, col: 18, endC: 31,
			want: `                 ^~~~~~~~~~~~~`},
		{name: "no end", src: `  "maxPods": 250`, col: 14,
			want: `             ^`},
		{name: "end before start", src: `abc`, col: 2, endC: 2,
			want: ` ^`},
		{name: "multi-line span", src: `  "networkProfile": {`, col: 3, endC: 4, endL: 9,
			want: `  ^`},
		{name: "multi-byte runes before span", src: `--name aks-été --cidr 10.0.0.0/16`, col: 23, endC: 34,
			want: `                      ^~~~~~~~~~~`},
		{name: "tab kept as tab", src: "\t--cidr 10.0.0.0/16", col: 9, endC: 20,
			want: "\t       ^~~~~~~~~~~"},
		{name: "wide runes take two cells", src: `--name 東京pool --max-pods 250`, col: 26, endC: 29,
			want: `                           ^~~`},
		{name: "wide rune in span", src: `name=東京`, col: 6, endC: 8,
			want: `     ^~~~`},
		{name: "combining mark has no width", src: "e\u0301 x", col: 4, endC: 5,
			want: `  ^`},
		{name: "column past end of line", src: `short`, col: 40, endC: 45,
			want: `     ^`},
		{name: "end past end of line", src: `abc`, col: 2, endC: 10,
			want: ` ^~`},
		{name: "same end line given", src: `abcdef`, col: 2, endC: 5, endL: 1,
			want: ` ^~~`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := caretLine(tc.src, loc("f", 1, tc.col, tc.endL, tc.endC))
			if got != tc.want {
				t.Errorf("caretLine(%q, col %d..%d)\n got %q\nwant %q", tc.src, tc.col, tc.endC, got, tc.want)
			}
		})
	}
}

// TestTextSnippet checks a whole text report for a span after multi-byte runes.
func TestTextSnippet(t *testing.T) {
	src := map[string]string{
		"deploy.sh": "#!/bin/sh\naz aks create --name aks-été --service-cidr 10.0.0.0/16\r\n",
	}
	r := Report{Files: 1, Findings: []finding.Finding{{
		RuleID: "AKSNET102", Level: finding.Error, Message: "service CIDR overlaps the VNet",
		Location: loc("deploy.sh", 2, 45, 2, 56),
	}}}
	got := render(t, "text", r, Options{ReadFile: mapReader(src, nil)})
	want := "deploy.sh:2:45: error: service CIDR overlaps the VNet [AKSNET102]\n" +
		"az aks create --name aks-été --service-cidr 10.0.0.0/16\n" +
		"                                            ^~~~~~~~~~~\n" +
		"1 finding (1 error) in 1 file\n"
	if got != want {
		t.Errorf("text report:\n%s\nwant:\n%s", got, want)
	}
}

func TestTextMissingSource(t *testing.T) {
	reads := map[string]int{}
	read := mapReader(map[string]string{"present.json": "{\n  \"a\": 1\n}\n"}, reads)
	r := Report{Files: 3, Findings: []finding.Finding{
		{RuleID: "AKSNET201", Level: finding.Warning, Message: "first", Location: loc("gone.json", 3, 2, 0, 0)},
		{RuleID: "AKSNET201", Level: finding.Warning, Message: "second", Location: loc("gone.json", 5, 1, 5, 4)},
		{RuleID: "AKSNET201", Level: finding.Warning, Message: "line past the end", Location: loc("present.json", 40, 1, 0, 0)},
		{RuleID: "AKSNET201", Level: finding.Warning, Message: "in range", Location: loc("present.json", 2, 8, 2, 9)},
		{RuleID: "AKSNET201", Level: finding.Note, Message: "no column", Location: loc("present.json", 2, 0, 0, 0)},
	}}
	got := render(t, "text", r, Options{ReadFile: read})
	want := "gone.json:3:2: warning: first [AKSNET201]\n" +
		"gone.json:5:1: warning: second [AKSNET201]\n" +
		"present.json:40:1: warning: line past the end [AKSNET201]\n" +
		"present.json:2:8: warning: in range [AKSNET201]\n" +
		"  \"a\": 1\n" +
		"       ^\n" +
		"present.json:2: note: no column [AKSNET201]\n" +
		"  \"a\": 1\n" +
		"5 findings (4 warnings, 1 note) in 3 files\n"
	if got != want {
		t.Errorf("text report:\n%s\nwant:\n%s", got, want)
	}
	for file, n := range reads {
		if n != 1 {
			t.Errorf("%s read %d times, want once", file, n)
		}
	}
	if len(reads) != 2 {
		t.Errorf("files read: %v, want gone.json and present.json", reads)
	}
}

func TestTextEscapesControlCharacters(t *testing.T) {
	src := map[string]string{"evil.sh": "X=\x1b[31mred\nY=1\n"}
	r := Report{Findings: []finding.Finding{{RuleID: "AKSNET201", Level: finding.Warning,
		Message: "name \x1b]0;pwned\x07 is odd\nsecond line", Location: loc("evil.sh", 1, 8, 1, 11)}}}
	got := render(t, "text", r, Options{ReadFile: mapReader(src, nil)})
	if strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("control characters reached the terminal: %q", got)
	}
	if !strings.Contains(got, "X=\uFFFD[31mred\n       ^~~\n") {
		t.Errorf("snippet or caret wrong after replacing the escape:\n%q", got)
	}
	if !strings.Contains(got, "is odd\nsecond line [AKSNET201]") {
		t.Errorf("message line break lost:\n%q", got)
	}
}

func TestTextColor(t *testing.T) {
	r := Report{Files: 1, Findings: []finding.Finding{
		{RuleID: "AKSNET102", Level: finding.Error, Message: "e", Location: loc("a.json", 1, 1, 0, 0)},
		{RuleID: "AKSNET201", Level: finding.Warning, Message: "w", Location: loc("a.json", 2, 1, 0, 0)},
		{RuleID: "AKSNET301", Level: finding.Note, Message: "n", Location: loc("a.json", 3, 1, 0, 0)},
	}}
	plain := render(t, "text", r, Options{ReadFile: mapReader(nil, nil)})
	if strings.Contains(plain, "\x1b[") {
		t.Errorf("colour without Options.Color: %q", plain)
	}
	got := render(t, "text", r, Options{Color: true, ReadFile: mapReader(nil, nil)})
	for _, want := range []string{
		ansiBold + "a.json:1:1:" + ansiReset + " " + ansiRed + "error:" + ansiReset + " e " + ansiDim + "[AKSNET102]" + ansiReset,
		ansiYellow + "warning:" + ansiReset,
		ansiCyan + "note:" + ansiReset,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("coloured output lacks %q:\n%q", want, got)
		}
	}
}

func TestTextSkipsSuppressed(t *testing.T) {
	r := fixture()
	got := render(t, "text", r, testOptions())
	for _, f := range r.Findings {
		printed := strings.Contains(got, f.Message)
		if printed == (f.Suppression != nil) {
			t.Errorf("finding %q (suppressed: %v) printed: %v", f.Message, f.Suppression != nil, printed)
		}
	}
}

// mapReader serves files from a map, counting reads per file when reads is not nil.
func mapReader(files map[string]string, reads map[string]int) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		if reads != nil {
			reads[p]++
		}
		s, ok := files[p]
		if !ok {
			return nil, fmt.Errorf("open %s: %w", p, fs.ErrNotExist)
		}
		return []byte(s), nil
	}
}
