#!/usr/bin/env bash
# pprof CPU and allocation profiles of each phase of a run, from the Go benchmarks
# (a whole run is too short for a sampling profiler: 30 ms is 3 samples at pprof's
# 100 Hz): reading and extracting the ARM corpus, extracting az CLI scripts, loading
# the policies, evaluating the corpus documents, writing the reports. Each profile is
# written to DIR, with its top functions: by their own CPU time, and the project's own
# functions by cumulative time.
#
# Usage: bench/profile.sh [DIR] [benchtime]   (default a new temporary directory, 2s)
# Then, for one of them: go tool pprof -http=: DIR/<phase>.test DIR/<phase>.cpu
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
benchtime="${2:-2s}"
mkdir -p "$out"

# phase, package, benchmark
phases=(
	"arm-extract ./internal/extract/arm BenchmarkCorpusExtract"
	"azcli-extract ./internal/extract/azcli BenchmarkExtract$"
	"policy-load ./internal/engine BenchmarkNewPrecompiled"
	"evaluate ./internal/lint BenchmarkEvaluateCorpus"
	"report ./internal/report BenchmarkWrite"
)
for p in "${phases[@]}"; do
	read -r name pkg bench <<<"$p"
	go test "$pkg" -run '^$' -bench "^$bench" -benchtime "$benchtime" -benchmem \
		-o "$out/$name.test" -cpuprofile "$out/$name.cpu" -memprofile "$out/$name.mem" |
		grep '^Benchmark'
	echo "  own CPU time:"
	go tool pprof -top -nodecount 12 "$out/$name.test" "$out/$name.cpu" 2>/dev/null |
		sed -n '/flat%/,$p'
	echo "  aksnet-lint's functions, cumulative:"
	go tool pprof -top -cum -nodecount 12 -show 'aksnet-lint/internal' "$out/$name.test" "$out/$name.cpu" 2>/dev/null |
		sed -n '/flat%/,$p'
	echo
done
echo "profiles in $out (go tool pprof -http=: $out/NAME.test $out/NAME.cpu, or NAME.mem)"
