package lint

import (
	"maps"
	"sync"

	"github.com/aksnet-lint/aksnet-lint/internal/finding"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// SourceLines are source lines by file and line number (1-based), without their line
// terminators.
type SourceLines map[string]map[int]string

// Line returns line n of file, if the run kept it.
func (s SourceLines) Line(file string, n int) (string, bool) {
	l, ok := s[file][n]
	return l, ok
}

// add adds lines of file, making s when it is nil.
func (s SourceLines) add(file string, lines map[int]string) SourceLines {
	if len(lines) == 0 {
		return s
	}
	if s == nil {
		s = SourceLines{}
	}
	if s[file] == nil {
		s[file] = map[int]string{}
	}
	maps.Copy(s[file], lines)
	return s
}

// maxKeptLine is the longest line kept: a longer one (minified JSON) is read again by
// the report, which shows only a window of it.
const maxKeptLine = 64 << 10

// sourceText is a file's content as read, with its line starts found on first use.
// The jobs of one template with several parameter files share it across workers,
// so the line starts are found once, under startsOnce.
type sourceText struct {
	file       string
	data       []byte
	startsOnce sync.Once
	starts     []int
}

// linesOf returns the lines of the file that findings and their related locations
// point at.
func (s *sourceText) linesOf(fs []finding.Finding) map[int]string {
	var out map[int]string
	keep := func(l netdoc.Location) {
		if l.File != s.file || l.Line < 1 {
			return
		}
		s.startsOnce.Do(func() { s.starts = netdoc.LineStarts(s.data) })
		if start, end, ok := netdoc.LineSpan(s.data, s.starts, l.Line); ok && end-start <= maxKeptLine {
			if out == nil {
				out = map[int]string{}
			}
			out[l.Line] = string(s.data[start:end])
		}
	}
	for _, f := range fs {
		keep(f.Location)
		for _, r := range f.Related {
			keep(r.Location)
		}
	}
	return out
}
