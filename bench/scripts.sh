#!/usr/bin/env bash
# Real scripts: the az blocks of the runbooks in ../shared/corpus/docs, written out as
# .sh files (bench/readsh -blocks: each block that runs an az aks or az network
# command, parses as bash, and is not a copy of an earlier one), linted by the whole
# aksnet-lint process against a program that only reads the same files and parses them
# with mvdan.cc/sh/v3 (bench/readsh): median wall times of alternating rounds and their
# ratio (target, issue #22: at most 6x). Where valgrind is installed (VALGRIND, default
# valgrind; VALGRIND=none skips it), the instructions each executes too, counted as
# bench/compare.sh counts them (one Go thread), which do not drift with the machine.
#
# Usage: bench/scripts.sh [runs] [dir]   (default 20, ../shared/corpus/docs)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
# Built as the README installs it, static (no cgo) and without urfave/cli's unused
# man-page generator.
export CGO_ENABLED=0
runs="${1:-20}"
dir="${2:-../shared/corpus/docs}"
[ -d "$dir" ] || { echo "bench/scripts.sh: no runbooks at $dir" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
go build -tags urfave_cli_no_docs -o "$work/aksnet-lint" ./cmd/aksnet-lint
go build -tags bench -o "$work/readsh" ./bench/readsh
go build -tags bench -o "$work/timeit" ./bench/timeit
mkdir "$work/scripts"
"$work/readsh" -blocks "$work/scripts" "$dir" >/dev/null
set="$work/scripts"

files="$(find "$set" -name '*.sh' | wc -l)"
lines="$(find "$set" -name '*.sh' -exec cat {} + | wc -l)"
# Alternating rounds of five runs each (alternate, bench/lib.sh); medians over all.
floor_run=("$work/readsh" "$set")
lint_run=("$work/aksnet-lint" --fail-on never "$set")
alternate "$work" $(((runs + 4) / 5)) floor_run lint_run
f="$(field median_ms <"$work/floor.times" | median)"
l="$(field median_ms <"$work/lint.times" | median)"
lint="$(tail -1 "$work/lint.times")"
printf 'scripts: %s az blocks of %s, %s lines, median of %s alternating rounds of 5 runs\n' "$files" "$dir" "$lines" "$(((runs + 4) / 5))"
printf '  read + parse with mvdan/sh (bench/readsh)  %7.1f ms\n' "$f"
printf '  aksnet-lint, whole process                 %7.1f ms   %s cores, %s MB peak\n' "$l" "$(echo "$lint" | field cores)" "$(echo "$lint" | field maxrss_mb)"
awk -v f="$f" -v l="$l" 'BEGIN { r = l / f; printf "  ratio %.2fx   target <= 6x: %s\n", r, (r <= 6 ? "met" : "NOT met") }'

valgrind="${VALGRIND:-valgrind}"
if [ "$valgrind" != none ] && command -v "$valgrind" >/dev/null; then
	count() {
		GOMAXPROCS=1 GODEBUG=cpu.rdtscp=off "$valgrind" --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
	}
	fi="$(count "$work/readsh" "$set")"
	li="$(count "$work/aksnet-lint" --fail-on never "$set")"
	awk -v f="$fi" -v l="$li" 'BEGIN { printf "  instructions (valgrind, one Go thread): read + parse %.1fM, aksnet-lint %.1fM, ratio %.2fx\n", f / 1e6, l / 1e6, l / f }'
fi
