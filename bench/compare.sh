#!/usr/bin/env bash
# The whole aksnet-lint process on the ARM corpus (the corpus bench/corpus.sh times), as
# built from the working tree against as built at REV, in the same run on the same
# machine: median wall times of alternating rounds, and the instructions each executes
# (user space), with their ratios (target: at most 1.10, the "no slowdown beyond 10%"
# of a change's budget).
#
# Wall time on a shared machine drifts within minutes and with the other jobs on it:
# the rounds alternate, so a slow spell slows both alike. Instructions do not drift:
# they are counted with perf when the kernel offers the counter, else with valgrind
# (cachegrind without its cache simulation, which counts every instruction, 50 times
# slower). Under valgrind, Go's runtime is told not to use RDTSCP, an instruction
# valgrind cannot run (it reads the clock only; the program does the same work), and
# to run Go code on one thread (GOMAXPROCS=1): valgrind runs one thread at a time
# anyway, and with several the collector's timing moved one binary's count by up to
# 4% between runs, where one thread repeats it within 0.5%.
#
# Usage: bench/compare.sh REV [rounds] [counts] [dir]
#        (default 6 rounds of 5 runs each, 3 instruction counts each, ../shared/corpus/arm)
# HEAD_ARGS adds options to the working tree's runs only: HEAD_ARGS=--variants=off
# compares the same work when REV predates the parameter variants (issue #21), which
# evaluate more documents by design (bench/variants.sh states their cost).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rev="${1:?usage: bench/compare.sh REV [rounds] [counts] [dir]}"
rounds="${2:-6}"
counts="${3:-3}"
dir="${4:-../shared/corpus/arm}"
[ -d "$dir" ] || dir=testdata/corpus
dir="$(cd "$dir" && pwd)"
export CGO_ENABLED=0
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT

# REV is built from a copy of its tree (git archive: no worktree to clean up), as
# bench/corpus.sh builds the linter.
base="$(git rev-parse --short "$rev^{commit}")"
mkdir "$work/base-src"
git archive "$base" | tar -x -C "$work/base-src"
(cd "$work/base-src" && go build -tags urfave_cli_no_docs -o "$work/base" ./cmd/aksnet-lint)
go build -tags urfave_cli_no_docs -o "$work/head" ./cmd/aksnet-lint
go build -tags bench -o "$work/timeit" ./bench/timeit

# args NAME: the options NAME runs with.
args() { if [ "$1" = head ]; then echo "--fail-on never ${HEAD_ARGS:-}"; else echo "--fail-on never"; fi; }
# shellcheck disable=SC2046 # args is a list of options, split on purpose
run() { "$work/timeit" -n 5 -warmup 1 -ok 0,1,2 "$work/$1" $(args "$1") "$dir"; }

: >"$work/base.times"
: >"$work/head.times"
for _ in $(seq "$rounds"); do
	run base | field median_ms >>"$work/base.times"
	run head | field median_ms >>"$work/head.times"
done

# instructions NAME: user-space instructions of one run.
instructions() {
	# shellcheck disable=SC2046
	if perf stat -x, -e instructions:u -o "$work/perf.csv" "$work/$1" $(args "$1") "$dir" >/dev/null 2>&1 &&
		n="$(awk -F, '/instructions/ && $1 ~ /^[0-9]+$/ { print $1 }' "$work/perf.csv")" && [ -n "$n" ]; then
		echo "$n"
		return
	fi
	GOMAXPROCS=1 GODEBUG=cpu.rdtscp=off valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$work/$1" $(args "$1") "$dir" 2>&1 >/dev/null | sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}
counter=valgrind
if perf stat -x, -e instructions:u -o "$work/perf.csv" true 2>/dev/null && grep -q '^[0-9]' "$work/perf.csv"; then
	counter=perf
fi
: >"$work/base.ins"
: >"$work/head.ins"
if [ "$counter" = perf ] || command -v valgrind >/dev/null; then
	for _ in $(seq "$counts"); do
		instructions base >>"$work/base.ins"
		instructions head >>"$work/head.ins"
	done
fi

bw="$(median <"$work/base.times")"
hw="$(median <"$work/head.times")"
printf 'ARM corpus %s, %s rounds of 5 runs alternating\n' "$dir" "$rounds"
printf '  %-28s wall %7.1f ms\n' "$base ($rev)" "$bw"
printf '  %-28s wall %7.1f ms   ratio %.3f\n' "working tree ${HEAD_ARGS:-}" "$hw" "$(awk -v b="$bw" -v h="$hw" 'BEGIN { print h / b }')"
if [ -s "$work/base.ins" ]; then
	bi="$(median <"$work/base.ins")"
	hi="$(median <"$work/head.ins")"
	printf '  instructions (%s, median of %s): %.1fM and %.1fM   ratio %.3f\n' "$counter" "$counts" \
		"$(awk -v n="$bi" 'BEGIN { print n / 1e6 }')" "$(awk -v n="$hi" 'BEGIN { print n / 1e6 }')" \
		"$(awk -v b="$bi" -v h="$hi" 'BEGIN { print h / b }')"
	awk -v b="$bi" -v h="$hi" -v bw="$bw" -v hw="$hw" 'BEGIN {
		ok = h / b <= 1.10 && hw / bw <= 1.10
		printf "  target <= 1.10 in both: %s\n", (ok ? "met" : "NOT met") }'
else
	echo "  instructions: neither perf's counter nor valgrind is available"
fi
