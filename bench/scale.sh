#!/usr/bin/env bash
# Scale: generated sets of 100, 1,000 and 10,000 files (bench/gen: half ARM templates,
# half az CLI scripts). Prints wall time per file, raw and net of the fixed cost of a
# run (target: within 20% from 100 to 10,000), cores used (target: both) and peak
# memory (target: under 300 MB); then the 3 MB template with 200 nested deployments
# (target: at most 200 ms); then the join of files: the largest size again as a split
# set (bench/gen -split: networks in some files, the clusters on them in others),
# linted with the join and with --no-join (each file alone), and the same pairs each in
# one file (the single-file equivalent, with the same rules to evaluate), in
# alternating rounds.
#
# Usage: bench/scale.sh [sizes...]   (default 100 1000 10000)
# ROUNDS=n sets the rounds (default 5); SPLIT_ONLY=1 times only the join of files, on
# the largest size (a loaded machine cannot afford the whole script).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
# Built as the README installs it, static (no cgo) and without urfave/cli's unused
# man-page generator: it starts a few milliseconds sooner.
export CGO_ENABLED=0
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(100 1000 10000)
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
go build -tags urfave_cli_no_docs -o "$work/aksnet-lint" ./cmd/aksnet-lint
go build -tags bench -o "$work/gen" ./bench/gen
go build -tags bench -o "$work/timeit" ./bench/timeit

# The machine's speed drifts within minutes, so the sizes are timed in rounds, one run
# of each per round, and each size's median is taken over the rounds: a slow spell
# then slows every size alike instead of the one being timed.
rounds="${ROUNDS:-5}"
if [ -z "${SPLIT_ONLY:-}" ]; then
for n in "${sizes[@]}"; do
	"$work/gen" -n "$n" "$work/set$n"
	"$work/timeit" -n 1 -warmup 0 "$work/aksnet-lint" --fail-on never "$work/set$n" >/dev/null # page cache
done
small="$(cd examples/template && pwd)/aks-cluster.json"
for r in $(seq "$rounds"); do
	# The fixed cost of a run (process start, loading the policies) is the whole
	# process on one small file, timed in each round too.
	"$work/timeit" -n 5 -warmup 1 -ok 0,1 "$work/aksnet-lint" --fail-on never "$small" >>"$work/fixed"
	for n in "${sizes[@]}"; do
		"$work/timeit" -n 1 -warmup 0 "$work/aksnet-lint" --fail-on never "$work/set$n" >>"$work/runs$n"
	done
done
# Over 100 files the fixed cost is a quarter of the time, over 10,000 nothing. The
# target is read on the marginal time per file, (wall - fixed) / files, which grows
# only if the linter slows down with the number of files.
fixed="$(field median_ms <"$work/fixed" | median)"
printf 'fixed cost (one small file, whole process): %s ms; medians of %s rounds\n' "$fixed" "$rounds"
first=""
printf '%8s %10s %12s %15s %7s %9s\n' files wall_ms per_file_ms marginal_ms cores peak_mb
for n in "${sizes[@]}"; do
	wall="$(field median_ms <"$work/runs$n" | median)"
	per="$(awk -v w="$wall" -v n="$n" 'BEGIN { printf "%.3f", w / n }')"
	marginal="$(awk -v w="$wall" -v f="$fixed" -v n="$n" 'BEGIN { printf "%.3f", (w - f) / n }')"
	[ -n "$first" ] || first="$marginal"
	printf '%8d %10.1f %12s %15s %7s %9s\n' "$n" "$wall" "$per" "$marginal" "$(field cores <"$work/runs$n" | median)" "$(field maxrss_mb <"$work/runs$n" | sort -n | tail -1)"
	last="$marginal"
done
awk -v a="$first" -v b="$last" 'BEGIN { d = (b - a) / a * 100; printf "marginal time per file changes %+.1f%% from the smallest to the largest set (target: within 20%%): %s\n", d, (d <= 20 && d >= -20 ? "met" : "NOT met") }'
fi

# The join of files: the same split files with and without it, alternately.
n="${sizes[${#sizes[@]}-1]}"
"$work/gen" -split -n "$n" "$work/split"
found="$("$work/aksnet-lint" --fail-on never --format json "$work/split" | grep -c '"ruleId": "AKSNET102"' || true)" # and the page cache
"$work/gen" -split -merged -n "$n" "$work/merged"
"$work/aksnet-lint" --fail-on never "$work/merged" >/dev/null # page cache
for r in $(seq "$rounds"); do
	"$work/timeit" -n 1 -warmup 0 "$work/aksnet-lint" --fail-on never "$work/split" >>"$work/join"
	"$work/timeit" -n 1 -warmup 0 "$work/aksnet-lint" --fail-on never --no-join "$work/split" >>"$work/nojoin"
	"$work/timeit" -n 1 -warmup 0 "$work/aksnet-lint" --fail-on never "$work/merged" >>"$work/merged.t"
done
joined="$(field median_ms <"$work/join" | median)"
alone="$(field median_ms <"$work/nojoin" | median)"
# CPU time (wall x cores) as well: on a shared machine the wall time is mostly waiting.
cpu() { awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["median_ms"] * v["cores"] }' "$1" | median; }
printf 'split set CPU time: %.0f ms with the join, %.0f ms each file alone; the same pairs in one file each: %.0f ms\n' "$(cpu "$work/join")" "$(cpu "$work/nojoin")" "$(cpu "$work/merged.t")"
pairs="$(field median_ms <"$work/merged.t" | median)"
printf 'the same networks and clusters, each pair in one file (%d files, the same rules to evaluate): %.1f ms, peak %s MB; the join costs %+.1f%% over it\n' \
	"$((n / 2))" "$pairs" "$(field maxrss_mb <"$work/merged.t" | sort -n | tail -1)" "$(awk -v a="$joined" -v b="$pairs" 'BEGIN { print (a - b) / b * 100 }')"
printf 'split set of %d files (networks and clusters apart): %.1f ms with the join, %.1f ms each file alone (--no-join): %+.1f%%; peak %s against %s MB; AKSNET102 found by the join: %s\n' \
	"$n" "$joined" "$alone" "$(awk -v a="$joined" -v b="$alone" 'BEGIN { print (a - b) / b * 100 }')" \
	"$(field maxrss_mb <"$work/join" | sort -n | tail -1)" "$(field maxrss_mb <"$work/nojoin" | sort -n | tail -1)" "$found"

[ -z "${SPLIT_ONLY:-}" ] || exit 0
"$work/gen" -big "$work/nested.json"
out="$("$work/timeit" -n 10 "$work/aksnet-lint" --fail-on never "$work/nested.json")"
nested="$(echo "$out" | field median_ms)"
printf 'nested template: %.1f MB, 200 deployments: %s ms median, %s MB peak (target <= 200 ms): %s\n' \
	"$(awk -v b="$(wc -c <"$work/nested.json")" 'BEGIN { print b / 1e6 }')" "$nested" "$(echo "$out" | field maxrss_mb)" \
	"$(awk -v t="$nested" 'BEGIN { print (t <= 200 ? "met" : "NOT met") }')"
AKSNET_BENCH_BIG="$work/nested.json" go test -run '^$' -bench '^BenchmarkRunNestedTemplate$' -benchtime 10x ./internal/lint | grep '^Benchmark'
