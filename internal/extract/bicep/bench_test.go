package bicep

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"syscall"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep/bicepbench"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/gctune"
)

// BenchmarkRead1MB reads a 1 MB Bicep project (bicep) and the JSON compiled from it,
// indented as the Bicep compiler writes it (json): bench/bicep.sh prints both.
func BenchmarkRead1MB(b *testing.B) {
	main, modules := bicepbench.Project(1 << 20)
	load := func(from, rel string) (string, []byte, error) {
		if d, ok := modules[rel]; ok {
			return rel, d, nil
		}
		return "", nil, errors.New("no such module")
	}
	size := len(main)
	for _, d := range modules {
		size += len(d)
	}
	benchSides(b, main, size, load)
}

// BenchmarkRead1MBFile is BenchmarkRead1MB for a project of one 1 MB file
// (bicepbench.File): its whole syntax tree and compiled text at once, where the
// project's modules come one at a time.
func BenchmarkRead1MBFile(b *testing.B) {
	src := bicepbench.File(1 << 20)
	benchSides(b, src, len(src), nil)
}

// benchSides reads a Bicep project of size bytes, main.bicep (main) and the
// modules load reads, and the JSON compiled from it, indented as the Bicep
// compiler writes it: the sub-benchmarks bicep and json. They run with the
// collector settings the linter runs with, unless GOGC or GOMEMLIMIT chose others,
// as gctune.Apply leaves them (bench/bicep.sh counts instructions with the
// collector off: GOGC=off).
func benchSides(b *testing.B, main []byte, size int, load Loader) {
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(gctune.Percent))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(gctune.MemoryLimit))
	}
	compiled, _, _, err := Compile("main.bicep", main, nil, load)
	if err != nil {
		b.Fatal(err)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, compiled, "", "  "); err != nil {
		b.Fatal(err)
	}
	b.Run("bicep", func(b *testing.B) {
		b.SetBytes(int64(size))
		defer cpuPerOp(b)()
		for b.Loop() {
			doc, _, err := Extract("main.bicep", main, Options{Load: load})
			if err != nil || len(doc.Clusters) == 0 {
				b.Fatalf("%v, %d clusters", err, len(doc.Clusters))
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.SetBytes(int64(indented.Len()))
		defer cpuPerOp(b)()
		for b.Loop() {
			src, root, err := jsonsrc.Parse("main.json", indented.Bytes())
			if err != nil {
				b.Fatal(err)
			}
			doc, _ := arm.Extract(src, root)
			if len(doc.Clusters) == 0 {
				b.Fatal("no cluster")
			}
		}
	})
}

// cpuPerOp reports the process's CPU time per operation (cpu-ms/op) beside the wall
// time: on a shared machine, wall time measures the neighbours as much as the code.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/1e6/float64(b.N), "cpu-ms/op")
		}
	}
}

func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkPhases1MB splits the bicep side of BenchmarkRead1MB into what each
// phase adds: parsing every file (parse), compiling the project (compile),
// compiling and indexing it for the ARM reader (prepare), and the whole read
// (extract, the bicep side itself), so that a count of each names where the
// Bicep-only work goes.
func BenchmarkPhases1MB(b *testing.B) {
	main, modules := bicepbench.Project(1 << 20)
	load := func(from, rel string) (string, []byte, error) {
		if d, ok := modules[rel]; ok {
			return rel, d, nil
		}
		return "", nil, errors.New("no such module")
	}
	// In one order, and converted once: a count of instructions is the same
	// from run to run.
	paths := slices.Sorted(maps.Keys(modules))
	texts := make([]string, len(paths))
	for i, p := range paths {
		texts[i] = string(modules[p])
	}
	mainText := string(main)
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			if _, err := Parse("main.bicep", mainText, false); err != nil {
				b.Fatal(err)
			}
			for i, p := range paths {
				if _, err := Parse(p, texts[i], false); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			if _, _, _, err := Compile("main.bicep", main, nil, load); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prepare", func(b *testing.B) {
		for b.Loop() {
			if _, err := Prepare("main.bicep", main, Options{Load: load}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("extract", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := Extract("main.bicep", main, Options{Load: load}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
