#!/usr/bin/env bash
# Times extracting the whole ARM corpus (testdata/corpus: every template with each
# of its parameter files) against merely reading and JSON-validating the same files,
# and prints the ratio (target: at most 3x). Go benchmarks in internal/extract/arm.
#
# Usage: bench/arm-corpus.sh [benchtime]   (default 2s)
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime="${1:-2s}"
out="$(go test ./internal/extract/arm -run '^$' -bench '^(BenchmarkCorpusRead|BenchmarkCorpusExtract|BenchmarkExtractLargest)$' -benchtime "$benchtime" -count 1)"
echo "$out" | grep -E '^Benchmark'
echo "$out" | awk '
  /^BenchmarkCorpusRead/    { read = $3 }
  /^BenchmarkCorpusExtract/ { extract = $3 }
  END {
    if (read == 0 || extract == 0) { print "benchmarks missing"; exit 1 }
    printf "corpus: read+validate %.1f ms, extract %.1f ms, ratio %.2fx (target <= 3x)\n", read / 1e6, extract / 1e6, extract / read
  }'
