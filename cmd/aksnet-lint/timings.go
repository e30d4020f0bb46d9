package main

import (
	"fmt"
	"io"
	"time"

	"github.com/aksnet-lint/aksnet-lint/internal/lint"
)

// phaseTimes is what --timings prints. The policies load, then the workers read,
// extract and evaluate one file after another: reading and evaluating are the
// workers' time, summed over them.
type phaseTimes struct {
	policies, lint, report time.Duration
	workers                lint.Took
}

func (t *phaseTimes) print(w io.Writer, precompiled bool, files int, hugePages bool) {
	how := "compiled from source"
	if precompiled {
		how = "precompiled"
	}
	heap := "small pages"
	if hugePages {
		heap = "huge pages advised"
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fmt.Fprintf(w, "timings: policies %.1f ms (%s), %s %.1f ms (workers: reading and extracting %.1f ms, evaluating %.1f ms), report %.1f ms; heap: %s\n",
		ms(t.policies), how, plural(files, "file"), ms(t.lint), ms(t.workers.Inputs), ms(t.workers.Evaluation), ms(t.report), heap)
}

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
