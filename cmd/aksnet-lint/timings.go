package main

import (
	"fmt"
	"io"
	"time"
)

// phaseTimes is what --timings prints. The policies load while the inputs are read,
// so the phases overlap and do not add up to the run's wall time.
type phaseTimes struct {
	policies, inputs, evaluation, report time.Duration
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
	fmt.Fprintf(w, "timings: policies %.1f ms (%s, alongside the inputs), inputs %.1f ms (%s), evaluation %.1f ms, report %.1f ms; heap: %s\n",
		ms(t.policies), how, ms(t.inputs), plural(files, "file"), ms(t.evaluation), ms(t.report), heap)
}

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
