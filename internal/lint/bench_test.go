package lint

import (
	"context"
	"os"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/engine"
)

// smallTemplate is the pre-commit case: one template of a cluster and its VNet.
const smallTemplate = "../../examples/template/aks-cluster.json"

// BenchmarkRunOneFile is one small template through discovery, extraction, effective
// values and evaluation, with the engine already loaded (bench/startup.sh).
func BenchmarkRunOneFile(b *testing.B) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		out, err := Run(ctx, eng, Options{Paths: []string{smallTemplate}})
		if err != nil || out.Files != 1 {
			b.Fatalf("files %d, err %v", out.Files, err)
		}
	}
}

// BenchmarkRunCorpus is every golden case, the examples and the ARM corpus copy.
func BenchmarkRunCorpus(b *testing.B) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Run(ctx, eng, Options{Paths: []string{"../../testdata/corpus"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateCorpus is the policies' share of BenchmarkRunCorpus: every document
// of the corpus copy, extracted once and evaluated one after another in the loop.
func BenchmarkEvaluateCorpus(b *testing.B) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	out, err := Run(ctx, eng, Options{Paths: []string{"../../testdata/corpus"}, KeepDocuments: true})
	if err != nil || len(out.Documents) < 20 {
		b.Fatalf("%d documents, err %v", len(out.Documents), err)
	}
	for b.Loop() {
		for _, d := range out.Documents {
			if _, err := evalWithin(ctx, eng, engine.Input{Doc: d.Doc, Locs: d.Locs}, evalBudget); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRunNestedTemplate is the 3 MB template with 200 nested deployments that
// bench/scale.sh generates (go run -tags bench ./bench/gen -big FILE); it is skipped unless
// AKSNET_BENCH_BIG names that file.
func BenchmarkRunNestedTemplate(b *testing.B) {
	ctx := context.Background()
	path, eng := nestedTemplate(b)
	for b.Loop() {
		out, err := Run(ctx, eng, Options{Paths: []string{path}})
		if err != nil || out.Failed != 0 {
			b.Fatalf("failed %d, err %v", out.Failed, err)
		}
	}
}

// BenchmarkEvaluateNestedTemplate is the policies' share of BenchmarkRunNestedTemplate:
// the template is extracted once, and only evaluated in the loop.
func BenchmarkEvaluateNestedTemplate(b *testing.B) {
	ctx := context.Background()
	path, eng := nestedTemplate(b)
	out, err := Run(ctx, eng, Options{Paths: []string{path}, KeepDocuments: true})
	if err != nil || len(out.Documents) != 1 {
		b.Fatalf("%d documents, err %v", len(out.Documents), err)
	}
	in := engine.Input{Doc: out.Documents[0].Doc, Locs: out.Documents[0].Locs}
	for b.Loop() {
		if _, err := evalWithin(ctx, eng, in, evalBudget); err != nil {
			b.Fatal(err)
		}
	}
}

// nestedTemplate is the path AKSNET_BENCH_BIG names (the benchmark is skipped without
// it) and a loaded engine.
func nestedTemplate(b *testing.B) (string, *engine.Engine) {
	b.Helper()
	path := os.Getenv("AKSNET_BENCH_BIG")
	if path == "" {
		b.Skip("AKSNET_BENCH_BIG is not set (bench/scale.sh sets it)")
	}
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return path, eng
}

// BenchmarkRunRepoJoin is the repository cases of testdata/repo (networks and clusters
// in separate files) with the join of files and each file alone (NoJoin), in one
// process: the difference is what the index, the held documents and the join cost
// (bench/scale.sh times the same on 10,000 generated files).
func BenchmarkRunRepoJoin(b *testing.B) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, noJoin := range []bool{false, true} {
		name := "join"
		if noJoin {
			name = "alone"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Run(ctx, eng, Options{Paths: []string{"../../testdata/repo"}, NoJoin: noJoin}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvaluateGuards evaluates every document of the golden cases twice over:
// with the guards that leave out the rule packages whose inputs a document lacks
// (engine/guards.go) and with every package (engine.Options.EveryRule); the ratio of
// the two is what the guards save (docs/performance.md).
func BenchmarkEvaluateGuards(b *testing.B) {
	ctx := context.Background()
	for _, mode := range []struct {
		name string
		opts engine.Options
	}{{"guards", engine.Options{}}, {"every-rule", engine.Options{EveryRule: true}}} {
		eng, err := engine.New(ctx, mode.opts)
		if err != nil {
			b.Fatal(err)
		}
		out, err := Run(ctx, eng, Options{Paths: []string{"../../testdata"}, KeepDocuments: true})
		if err != nil || len(out.Documents) < 100 {
			b.Fatalf("%d documents, err %v", len(out.Documents), err)
		}
		b.Run(mode.name, func(b *testing.B) {
			for b.Loop() {
				for _, d := range out.Documents {
					if _, err := evalWithin(ctx, eng, engine.Input{Doc: d.Doc, Locs: d.Locs}, evalBudget); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkEvaluateDir is BenchmarkEvaluateCorpus on the directory AKSNET_BENCH_DIR
// names (a bench/gen set, for one: go run -tags bench ./bench/gen -n 100 DIR), so that
// the policies' cost per document can be profiled on generated files; it is skipped
// unless the variable is set.
func BenchmarkEvaluateDir(b *testing.B) {
	ctx, eng, dir := benchDir(b)
	out, err := Run(ctx, eng, Options{Paths: []string{dir}, KeepDocuments: true})
	if err != nil || len(out.Documents) == 0 {
		b.Fatalf("%d documents, err %v", len(out.Documents), err)
	}
	for b.Loop() {
		for _, d := range out.Documents {
			if _, err := evalWithin(ctx, eng, engine.Input{Doc: d.Doc, Locs: d.Locs}, evalBudget); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadDir is everything of a run before the policies (discovery, planning,
// reading, extraction, the join's declarations, effective values) on the directory
// AKSNET_BENCH_DIR names (a bench/gen set, for one: go run -tags bench ./bench/gen -n
// 100 DIR): the per-file cost of reading and extracting small files (issue #22). It is
// skipped unless the variable is set.
func BenchmarkReadDir(b *testing.B) {
	ctx, eng, dir := benchDir(b)
	b.ReportAllocs()
	for b.Loop() {
		out, err := Run(ctx, eng, Options{Paths: []string{dir}, DocumentsOnly: true})
		if err != nil || len(out.Documents) == 0 {
			b.Fatalf("%d documents, err %v", len(out.Documents), err)
		}
	}
}

// benchDir is the directory AKSNET_BENCH_DIR names, with an engine to lint it; the
// benchmark is skipped unless the variable is set.
func benchDir(b *testing.B) (context.Context, *engine.Engine, string) {
	b.Helper()
	dir := os.Getenv("AKSNET_BENCH_DIR")
	if dir == "" {
		b.Skip("AKSNET_BENCH_DIR is not set")
	}
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return ctx, eng, dir
}
