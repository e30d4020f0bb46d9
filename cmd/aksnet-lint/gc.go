package main

import (
	"os"
	"runtime/debug"
)

// Garbage collector settings for a short-lived process. At Go's default (GOGC=100)
// the collector runs several times while the policies load and costs about a third of
// a one-file run (bench/startup.sh). A higher percentage with a soft memory limit keeps
// small runs free of collections and large runs bounded. GOGC and GOMEMLIMIT, when
// set, win.
const (
	gcPercent   = 400
	memoryLimit = 256 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
