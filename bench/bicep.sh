#!/usr/bin/env bash
# Times reading Bicep source against reading the JSON compiled from it, in one run:
#  - BenchmarkRead1MB: a generated 1 MB Bicep project (a main file and ~50 KB spoke
#    modules) and that project compiled to a template, indented as the Bicep compiler
#    writes it; CPU time per operation (cpu-ms/op) beside wall time, which on a shared
#    machine measures the neighbours as much as the code;
#  - BenchmarkCorpusPairs: every pair of testdata/bicep/corpus, from its .bicep entry
#    (modules read from disk) and from the JSON its repository compiled from it.
# Target (issue #19): the Bicep side no slower than the JSON side.
#
# Usage: bench/bicep.sh [count]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-3}"
go test ./internal/extract/bicep -run '^$' -bench '^BenchmarkRead1MB$' -benchtime 10x -count "$count" | grep -E '^Benchmark'
go test ./internal/extract -run '^$' -bench '^BenchmarkCorpusPairs$' -benchtime 40x -count "$count" | grep -E '^Benchmark'
