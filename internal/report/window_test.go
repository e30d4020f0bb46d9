package report

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestWindowKeepsShortLines(t *testing.T) {
	loc := netdoc.Location{Line: 1, Column: 5, EndColumn: 9}
	if got, l := window("short line", loc); got != "short line" || l != loc {
		t.Errorf("%q %+v", got, l)
	}
}

func TestWindowCutsLongLinesAroundTheSpan(t *testing.T) {
	line := strings.Repeat("a", 1000) + "SPAN" + strings.Repeat("b", 100000)
	got, loc := window(line, netdoc.Location{Line: 1, Column: 1001, EndColumn: 1005})
	if n := utf8.RuneCountInString(got); n > maxSnippetRunes+2 {
		t.Errorf("window has %d code points", n)
	}
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("cuts not marked: %q", got[:10])
	}
	if span := string([]rune(got)[loc.Column-1 : loc.EndColumn-1]); span != "SPAN" {
		t.Errorf("columns not shifted: span %q at %d-%d", span, loc.Column, loc.EndColumn)
	}
	caret := caretLine(got, loc)
	if strings.Index(caret, "^") != loc.Column-1 || strings.Count(caret, "~") != 3 {
		t.Errorf("caret %q", caret)
	}
}

func TestWindowClampsSpansRunningPastTheCut(t *testing.T) {
	line := strings.Repeat("x", 5000)
	got, loc := window(line, netdoc.Location{Line: 1, Column: 1, EndColumn: 5001})
	if loc.Column != 1 || loc.EndColumn != maxSnippetRunes+1 || strings.HasPrefix(got, "…") {
		t.Errorf("%+v %q", loc, got[:5])
	}
}
