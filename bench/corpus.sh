#!/usr/bin/env bash
# The ARM corpus (../shared/corpus/arm, or testdata/corpus when that is absent): the
# whole aksnet-lint process against a program that only reads the same files and
# validates their JSON (bench/readjson), median wall times and their ratio (target: at
# most 3x).
#
# Usage: bench/corpus.sh [runs] [dir]   (default 20, ../shared/corpus/arm)
set -euo pipefail
cd "$(dirname "$0")/.."
# Built as the README installs it, static (no cgo) and without urfave/cli's unused
# man-page generator: it starts a few milliseconds sooner.
export CGO_ENABLED=0
runs="${1:-20}"
dir="${2:-../shared/corpus/arm}"
[ -d "$dir" ] || dir=testdata/corpus
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
go build -tags urfave_cli_no_docs -o "$work/aksnet-lint" ./cmd/aksnet-lint
go build -tags bench -o "$work/readjson" ./bench/readjson
go build -tags bench -o "$work/timeit" ./bench/timeit

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
files="$(find "$dir" -name '*.json' | wc -l)"
bytes="$(find "$dir" -name '*.json' -exec cat {} + | wc -c)"
# The machine's speed drifts within minutes, so the programs are timed in rounds
# of five runs each, alternating, and each median is over all its rounds: a slow spell
# slows all alike instead of the one being timed.
: >"$work/floor.times"
: >"$work/lint.times"
for _ in $(seq $(((runs + 4) / 5))); do
	"$work/timeit" -n 5 -warmup 1 "$work/readjson" "$dir" >>"$work/floor.times"
	"$work/timeit" -n 5 -warmup 1 -ok 0,1,2 "$work/aksnet-lint" --fail-on never "$dir" >>"$work/lint.times"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
f="$(field median_ms <"$work/floor.times" | median)"
l="$(field median_ms <"$work/lint.times" | median)"
lint="$(tail -1 "$work/lint.times")"
printf 'corpus %s: %s JSON files, %.1f MB, median of %s alternating rounds of 5 runs\n' "$dir" "$files" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$(((runs + 4) / 5))"
printf '  read + validate JSON (bench/readjson)      %7.1f ms\n' "$f"
printf '  aksnet-lint, whole process                 %7.1f ms   %s cores, %s MB peak\n' "$l" "$(echo "$lint" | field cores)" "$(echo "$lint" | field maxrss_mb)"
awk -v f="$f" -v l="$l" 'BEGIN { r = l / f; printf "  ratio %.2fx   target <= 3x: %s\n", r, (r <= 3 ? "met" : "NOT met") }'
