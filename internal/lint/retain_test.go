package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
)

// TestRunRetainsLittle: a run holds, until its end, what each file leaves behind for
// the join and the report, and in a run of thousands of files that decides how soon
// the heap reaches the memory limit (internal/gctune) and how often the collector
// then runs. Small templates of a VNet and a cluster, each its own network and with
// five findings (which the report needs), leave under retainedPerFile bytes each once
// every file is extracted: before the index kept declarations packed
// (internal/netindex) and outcomes kept documents and summaries only when asked,
// such a file left about 10 KB, half of it its findings.
func TestRunRetainsLittle(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("lints 2,000 files; the race detector's memory is not the run's")
	}
	const files, retainedPerFile = 2000, 7000
	src, err := os.ReadFile(smallTemplate)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := range files {
		// Names of their own: every file declares a VNet no other does.
		text := strings.NewReplacer("vnet-aks-prod", fmt.Sprintf("vnet-%d", i), "aks-prod", fmt.Sprintf("aks-%d", i)).Replace(string(src))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("t%04d.json", i)), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inUse := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	before := inUse()
	var held int64
	testHookExtracted = func() {
		held = inUse() - before
	}
	defer func() { testHookExtracted = nil }()
	out, err := Run(ctx, eng, Options{Paths: []string{dir}})
	if err != nil || out.Files != files {
		t.Fatalf("files %d, err %v", out.Files, err)
	}
	if per := held / files; per > retainedPerFile {
		t.Errorf("once every file is extracted the run holds %d bytes a file; want at most %d", per, retainedPerFile)
	}
	t.Logf("held %d KB, %d B a file, %d findings", held>>10, held/files, len(out.Findings))
}
