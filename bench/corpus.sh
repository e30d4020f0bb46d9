#!/usr/bin/env bash
# The ARM corpus (../shared/corpus/arm, or testdata/corpus when that is absent): the
# whole aksnet-lint process against a program that only reads the same files and
# validates their JSON (bench/readjson), median wall times and their ratio (no target:
# issue #22 retired the 3x, which how the policies are evaluated decides).
#
# Usage: bench/corpus.sh [runs] [dir]   (default 20, ../shared/corpus/arm)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
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

files="$(find "$dir" -name '*.json' | wc -l)"
bytes="$(find "$dir" -name '*.json' -exec cat {} + | wc -c)"
# Alternating rounds of five runs each (alternate, bench/lib.sh); medians over all.
floor_run=("$work/readjson" "$dir")
lint_run=("$work/aksnet-lint" --fail-on never "$dir")
alternate "$work" $(((runs + 4) / 5)) floor_run lint_run
f="$(field median_ms <"$work/floor.times" | median)"
l="$(field median_ms <"$work/lint.times" | median)"
lint="$(tail -1 "$work/lint.times")"
printf 'corpus %s: %s JSON files, %.1f MB, median of %s alternating rounds of 5 runs\n' "$dir" "$files" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$(((runs + 4) / 5))"
printf '  read + validate JSON (bench/readjson)      %7.1f ms\n' "$f"
printf '  aksnet-lint, whole process                 %7.1f ms   %s cores, %s MB peak\n' "$l" "$(echo "$lint" | field cores)" "$(echo "$lint" | field maxrss_mb)"
awk -v f="$f" -v l="$l" 'BEGIN { printf "  ratio %.2fx\n", l / f }'
