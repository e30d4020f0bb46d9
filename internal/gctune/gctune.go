// Package gctune sets the garbage collector for a short-lived aksnet-lint process.
package gctune

import (
	"os"
	"runtime/debug"
)

// Apply sets the collector for a short-lived process. At Go's default (GOGC=100)
// the collector runs several times while the policies load, a large share of a
// one-file run (bench/startup.sh). At 800 the first collection comes at a heap of
// 32 MB, past what the whole ARM corpus allocates, and since each file is let go of
// once evaluated the live heap of a large run stays under 10 MB, so its heap cycles
// within about 60 MB (the huge-page block, internal/hugeheap). The soft memory limit
// bounds a run whose live heap is large. GOGC and GOMEMLIMIT, when set, win.
func Apply() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}

// Percent and MemoryLimit are what Apply sets.
const (
	Percent     = 800
	MemoryLimit = 256 << 20
)
