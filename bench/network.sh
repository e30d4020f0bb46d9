#!/usr/bin/env bash
# Network size: one generated hub-and-spoke template (bench/gen -hub) at four sizes, up to
# 1,000 VNets, 16,000 subnets and 500 clusters. Prints wall time per subnet and per
# cluster, net of the fixed cost of a run, and the growth of the time per subnet from
# the smallest to the largest size (target: at most 1.5x; the largest at most 1 s, with
# no AKSNET902). Its figures go beside those of bench/startup.sh (one small template)
# and bench/scale.sh (many files), which it does not repeat: the fixed cost it prints
# is the one they are net of.
#
# Usage: bench/network.sh [rounds]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export CGO_ENABLED=0
rounds="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
go build -tags urfave_cli_no_docs -o "$work/aksnet-lint" ./cmd/aksnet-lint
go build -tags bench -o "$work/gen" ./bench/gen
go build -tags bench -o "$work/timeit" ./bench/timeit

# vnets subnets clusters, the sizes of issue #22.
sizes=("100 800 50" "200 3200 100" "400 6400 200" "1000 16000 500")
i=0
for s in "${sizes[@]}"; do
	read -r v n c <<<"$s"
	"$work/gen" -hub -vnets "$v" -subnets "$n" -clusters "$c" "$work/hub$i.json"
	# Once untimed, to read what it reports: a valid template must not end in
	# AKSNET902 (the time budget, or anything else that stops a file).
	code=0
	"$work/aksnet-lint" --fail-on never "$work/hub$i.json" >"$work/out$i" 2>&1 || code=$?
	echo "$code" >"$work/code$i"
	i=$((i + 1))
done
small="$(cd examples/template && pwd)/aks-cluster.json"
# Sizes are timed in rounds, one run of each per round, so a slow spell of the shared
# machine slows every size alike (as bench/scale.sh does).
for r in $(seq "$rounds"); do
	"$work/timeit" -n 5 -warmup 1 -ok 0,1 "$work/aksnet-lint" --fail-on never "$small" >>"$work/fixed"
	for i in "${!sizes[@]}"; do
		"$work/timeit" -n 1 -warmup 0 -ok 0,1,2 "$work/aksnet-lint" --fail-on never "$work/hub$i.json" >>"$work/runs$i"
	done
done
fixed="$(field median_ms <"$work/fixed" | median)"
printf 'hub-and-spoke templates (bench/gen -hub), whole process, medians of %s rounds\n' "$rounds"
printf 'fixed cost (one small template, whole process): %s ms\n' "$fixed"
# cpu_ms (wall x cores used) says how much the run worked when a loaded machine
# stretches its wall time.
printf '%6s %8s %9s %8s %10s %9s %14s %15s %8s %s\n' vnets subnets clusters MB wall_ms cpu_ms us_per_subnet ms_per_cluster peak_mb result
first="" last="" lastwall="" stopped=0
for i in "${!sizes[@]}"; do
	read -r v n c <<<"${sizes[$i]}"
	wall="$(field median_ms <"$work/runs$i" | median)"
	net="$(awk -v w="$wall" -v f="$fixed" 'BEGIN { print (w > f ? w - f : 0) }')"
	per_subnet="$(awk -v t="$net" -v n="$n" 'BEGIN { printf "%.1f", t * 1000 / n }')"
	per_cluster="$(awk -v t="$net" -v c="$c" 'BEGIN { printf "%.2f", t / c }')"
	result="exit $(cat "$work/code$i")"
	if grep -q 'AKSNET902' "$work/out$i"; then
		result="$result, $(grep -m1 'AKSNET902' "$work/out$i" | sed 's/.*error: //')"
		stopped=1
	fi
	cpu="$(field cores <"$work/runs$i" | median | awk -v w="$wall" '{ printf "%.0f", $1 * w }')"
	printf '%6d %8d %9d %8.1f %10.1f %9s %14s %15s %8s %s\n' "$v" "$n" "$c" \
		"$(awk -v b="$(wc -c <"$work/hub$i.json")" 'BEGIN { print b / 1e6 }')" "$wall" "$cpu" "$per_subnet" "$per_cluster" \
		"$(field maxrss_mb <"$work/runs$i" | sort -n | tail -1)" "$result"
	[ -n "$first" ] || first="$per_subnet"
	last="$per_subnet" lastwall="$wall" lastcode="$(cat "$work/code$i")"
done
# A size stopped by the time budget was not evaluated to the end: its time says nothing
# about growth, and the target is not met.
awk -v a="$first" -v b="$last" -v s="$stopped" 'BEGIN { r = b / a; printf "growth of the time per subnet, smallest to largest: %.2fx (target: at most 1.5x): %s\n", r, (r <= 1.5 && !s ? "met" : (s ? "NOT met (a size hit AKSNET902)" : "NOT met")) }'
awk -v w="$lastwall" -v c="$lastcode" 'BEGIN { printf "largest: %.1f ms (target: at most 1000 ms, no AKSNET902): %s\n", w, (w <= 1000 && c != 2 ? "met" : "NOT met") }'
