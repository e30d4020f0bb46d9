#!/usr/bin/env bash
# What checking the values a template allows costs (issue #21): the whole aksnet-lint
# process on the ARM corpus and on the Bicep corpus, with --variants=off and with
# --variants=all, timed in alternating rounds of five runs in the same script run, so
# that the machine's drift slows both alike; medians over all rounds, and their ratio.
#
# Usage: bench/variants.sh [runs] [arm-dir] [bicep-dir]
#        (default 20, ../shared/corpus/arm, ../shared/corpus/bicep)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
# Built as the README installs it.
export CGO_ENABLED=0
runs="${1:-20}"
arm="${2:-../shared/corpus/arm}"
bicep="${3:-../shared/corpus/bicep}"
[ -d "$arm" ] || arm=testdata/corpus
[ -d "$bicep" ] || bicep=testdata/bicep/corpus
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
go build -tags urfave_cli_no_docs -o "$work/aksnet-lint" ./cmd/aksnet-lint
go build -tags bench -o "$work/timeit" ./bench/timeit

rounds=$(((runs + 4) / 5))
for corpus in arm bicep; do
	dir="${!corpus}"
	: >"$work/$corpus.off"
	: >"$work/$corpus.all"
	for _ in $(seq "$rounds"); do
		"$work/timeit" -n 5 -warmup 1 -ok 0,1,2 "$work/aksnet-lint" --fail-on never --variants=off "$dir" >>"$work/$corpus.off"
		"$work/timeit" -n 5 -warmup 1 -ok 0,1,2 "$work/aksnet-lint" --fail-on never --variants=all "$dir" >>"$work/$corpus.all"
	done
	off="$(field median_ms <"$work/$corpus.off" | median)"
	all="$(field median_ms <"$work/$corpus.all" | median)"
	variants="$("$work/aksnet-lint" --fail-on never --format json "$dir" | grep -c '"variant": {' || true)"
	printf '%s corpus %s: median of %s alternating rounds of 5 runs\n' "$corpus" "$dir" "$rounds"
	printf '  --variants=off   %7.1f ms\n' "$off"
	printf '  --variants=all   %7.1f ms   %.2fx, +%.1f ms; %s variant findings\n' "$all" "$(awk -v a="$all" -v o="$off" 'BEGIN { print a / o }')" "$(awk -v a="$all" -v o="$off" 'BEGIN { print a - o }')" "$variants"
done
