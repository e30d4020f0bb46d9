#!/usr/bin/env bash
# Times reading Bicep source against reading the JSON compiled from it, in one run:
#  - BenchmarkRead1MB: a generated 1 MB Bicep project (a main file and ~50 KB spoke
#    modules) and that project compiled to a template, indented as the Bicep compiler
#    writes it; CPU time per operation (cpu-ms/op) beside wall time, which on a shared
#    machine measures the neighbours as much as the code; the medians of both over
#    [count] alternating rounds, and their ratio (bicep / json);
#  - with perf (PERF, default /usr/bin/perf): the user-space instructions (where the
#    machine counts them) and the task clock of one operation of each side, as the
#    difference between a run of N2 and one of N1 operations (the set-up, generating
#    and compiling the project, cancels out);
#  - where perf does not count instructions and valgrind is installed (VALGRIND,
#    default valgrind; VALGRIND=none skips it): the instructions of one operation of
#    each side counted by cachegrind, as the difference between a run of 26 and one of
#    2 operations (the collector's timing moves a count of one operation by up to 10%,
#    and a difference of six operations by up to 8%: 24 average it out; the two sides
#    are counted at once, one on each core);
#  - where valgrind is installed (and not VALGRIND=none): the same count with the
#    collector off (GOGC=off GOMEMLIMIT=off, GOMAXPROCS=1: with GOGC=off alone the
#    benchmark keeps the linter's memory limit, which six operations reach, and a
#    collection then moved a side's count by 4M from run to run), as the
#    difference between a run of 6 and one of 2 operations: no collection moves
#    it, so it is the steadiest figure of the two sides on a shared machine (CPU
#    time there measures the neighbours' use of the caches too);
#  - the linter itself, as a user runs it (the figure the criterion is judged by):
#    aksnet-lint on the project's main.bicep, its modules read from disk, against
#    aksnet-lint on the JSON compiled from it (bench/gen -bicep), a process a read;
#    both processes check the same network document, so the difference is the read.
#    The median CPU time and minor page faults of a process, the medians of [count]
#    alternating rounds of 5, with the linter's huge-page heap (its default,
#    internal/hugeheap) and without (AKSNET_LINT_HUGEPAGES=off, as on a kernel that
#    gives none: a page fault a 4 KiB page of fresh memory);
#  - BenchmarkCorpusPairs: every pair of testdata/bicep/corpus, from its .bicep entry
#    (modules read from disk) and from the JSON its repository compiled from it;
#  - the linter itself on each of those pairs, a process a read: the sum over the
#    pairs of each side's median CPU time.
# Target (issue #19): the Bicep side no slower than the JSON side.
#
# Usage: bench/bicep.sh [count]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A per
count="${1:-5}"
perf="${PERF:-/usr/bin/perf}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# median is the awk function every summary below uses: the median of a list of
# numbers separated by spaces.
median_awk='
	function median(list,   a, n, i, j, t) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
'
go test -c -o "$tmp/bicep.test" ./internal/extract/bicep

# Alternating rounds, the first side swapped each round: the machine's drift then
# slows both sides alike (a -test.count of 5 runs one side five times, then the other).
# Both shapes of a project: modules (BenchmarkRead1MB) and one file
# (BenchmarkRead1MBFile).
for r in $(seq "$count"); do
	sides="bicep json"
	[ $((r % 2)) -eq 0 ] && sides="json bicep"
	for bench in Read1MB Read1MBFile; do
		for side in $sides; do
			"$tmp/bicep.test" -test.run '^$' -test.bench "^Benchmark$bench\$/^$side\$" -test.benchtime 10x -test.benchmem
		done
	done
done | grep -E '^Benchmark' | tee "$tmp/read.txt"
awk "$median_awk"'
	/^BenchmarkRead1MB(File)?\/(bicep|json)/ {
		split($1, name, "/")
		side = name[1] "/" ((name[2] ~ /^bicep/) ? "bicep" : "json")
		for (i = 2; i <= NF; i++) {
			if ($(i+1) == "ns/op") wall[side] = wall[side] " " $i
			if ($(i+1) == "cpu-ms/op") cpu[side] = cpu[side] " " $i
			if ($(i+1) == "B/op") mem[side] = $i
		}
	}
	END {
		for (k = 1; k <= 2; k++) {
			b = (k == 1) ? "BenchmarkRead1MB" : "BenchmarkRead1MBFile"
			wb = median(wall[b "/bicep"]) / 1e6; wj = median(wall[b "/json"]) / 1e6
			cb = median(cpu[b "/bicep"]); cj = median(cpu[b "/json"])
			printf "%s medians: wall bicep %.1f ms, json %.1f ms (ratio %.2f); cpu bicep %.1f ms, json %.1f ms (ratio %.2f); allocated bicep %.1f MB, json %.1f MB an operation\n",
				b, wb, wj, wb / wj, cb, cj, cb / cj, mem[b "/bicep"] / 1e6, mem[b "/json"] / 1e6
		}
	}' "$tmp/read.txt"

if [ -x "$perf" ]; then
	n1=5 n2=15
	for side in bicep json; do
		for n in $n1 $n2; do
			"$perf" stat -x, -e instructions:u,task-clock -o "$tmp/$side.$n.perf" \
				"$tmp/bicep.test" -test.run '^$' -test.bench "^BenchmarkRead1MB\$/^$side\$" -test.benchtime "${n}x" >/dev/null
		done
	done
	for event in instructions:u task-clock; do
		line="perf $event per operation ($n2 - $n1 runs):"
		for side in bicep json; do
			a="$(awk -F, -v e="$event" '$3 == e || $3 ~ "^"e {print $1}' "$tmp/$side.$n1.perf")"
			b="$(awk -F, -v e="$event" '$3 == e || $3 ~ "^"e {print $1}' "$tmp/$side.$n2.perf")"
			case "$a$b" in
			*[!0-9.]* | "") line="$line $side ${b:-?} (not counted on this machine)" ;;
			*) line="$line $side $(awk -v a="$a" -v b="$b" -v n=$((n2 - n1)) 'BEGIN { printf "%.4g", (b - a) / n }')" ;;
			esac
		done
		echo "$line" | tee -a "$tmp/perf.txt"
	done
fi

valgrind="${VALGRIND:-valgrind}"
if [ "$valgrind" != none ] && command -v "$valgrind" >/dev/null &&
	! grep -q '^perf instructions:u per operation.* [0-9][0-9.e+]*$' "$tmp/perf.txt" 2>/dev/null; then
	count() { # side operations
		GOMAXPROCS=1 GODEBUG=cpu.rdtscp=off "$valgrind" --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
			"$tmp/bicep.test" -test.run '^$' -test.bench "^BenchmarkRead1MB\$/^$1\$" -test.benchtime "$2x" 2>&1 >/dev/null |
			awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
	}
	line="valgrind instructions per operation (26 - 2 runs):"
	for side in bicep json; do
		{ count "$side" 2 >"$tmp/$side.2"; count "$side" 26 >"$tmp/$side.26"; } &
	done
	wait
	for side in bicep json; do
		per[$side]="$(( ($(cat "$tmp/$side.26") - $(cat "$tmp/$side.2")) / 24 ))"
		line="$line $side ${per[$side]}"
	done
	echo "$line (ratio $(awk -v b="${per[bicep]}" -v j="${per[json]}" 'BEGIN { printf "%.2f", b / j }'))"
fi

if [ "$valgrind" != none ] && command -v "$valgrind" >/dev/null; then
	# The benchmark leaves GOGC and GOMEMLIMIT, when set, as they are (as the
	# linter does).
	offcount() { # benchmark side operations
		GOGC=off GOMEMLIMIT=off GOMAXPROCS=1 GODEBUG=cpu.rdtscp=off "$valgrind" --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
			"$tmp/bicep.test" -test.run '^$' -test.bench "^Benchmark$1\$/^$2\$" -test.benchtime "$3x" 2>&1 >/dev/null |
			awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
	}
	for bench in Read1MB Read1MBFile; do
		line="valgrind instructions per operation of Benchmark$bench, collector off (6 - 2 runs):"
		for side in bicep json; do
			{ offcount "$bench" "$side" 2 >"$tmp/$side.off2"; offcount "$bench" "$side" 6 >"$tmp/$side.off6"; } &
		done
		wait
		for side in bicep json; do
			per[$side]="$(( ($(cat "$tmp/$side.off6") - $(cat "$tmp/$side.off2")) / 4 ))"
			line="$line $side ${per[$side]}"
		done
		echo "$line (ratio $(awk -v b="${per[bicep]}" -v j="${per[json]}" 'BEGIN { printf "%.2f", b / j }'))"
	done
fi

# The linter, a process a read.
export CGO_ENABLED=0
go build -tags urfave_cli_no_docs -o "$tmp/aksnet-lint" ./cmd/aksnet-lint
go build -tags bench -o "$tmp/timeit" ./bench/timeit
go run -tags bench ./bench/gen -bicep "$tmp/gen"
for shape in project file; do
	for pages in on off; do
		for r in $(seq "$count"); do
			sides="bicep json"
			[ $((r % 2)) -eq 0 ] && sides="json bicep"
			for side in $sides; do
				file="$tmp/gen/$shape/main.bicep"
				[ "$side" = json ] && file="$tmp/gen/$shape-json/main.json"
				env AKSNET_LINT_HUGEPAGES="$pages" "$tmp/timeit" -n 5 -warmup 1 -ok 0,1 \
					"$tmp/aksnet-lint" --fail-on never --root "$tmp/gen" "$file" | sed "s/^/$side /"
			done
		done >"$tmp/lint.$shape.$pages"
		awk -v shape="$shape" -v pages="$pages" "$median_awk"'
			{
				for (i = 2; i <= NF; i++) {
					split($i, kv, "=")
					if (kv[1] == "cpu_ms") cpu[$1] = cpu[$1] " " kv[2]
					if (kv[1] == "minflt") flt[$1] = flt[$1] " " kv[2]
				}
			}
			END {
				cb = median(cpu["bicep"]); cj = median(cpu["json"])
				printf "the linter on the %s, a process a read (huge pages %s; median CPU of %d rounds of 5): bicep %.1f ms (%d faults), json %.1f ms (%d faults): ratio %.3f, bicep %+.1f ms\n",
					shape, pages, NR / 2, cb, median(flt["bicep"]), cj, median(flt["json"]), cb / cj, cb - cj
			}' "$tmp/lint.$shape.$pages"
	done
done

go test ./internal/extract -run '^$' -bench '^BenchmarkCorpusPairs$' -benchtime 40x -count 3 | grep -E '^Benchmark'

# The linter itself on every pair of testdata/bicep/corpus: the .bicep entry (its
# modules read from disk, through the path policy) against the JSON its repository
# compiled from it (not the symbolic-names variant), a process a read, huge pages
# on; the sum over the pairs of each side's median CPU, over [count] alternating
# rounds of 3 (a real project is small: each process is mostly the linter's start).
corpus=testdata/bicep/corpus
for r in $(seq "$count"); do
	for dir in "$corpus"/*/; do
		dir="${dir%/}"
		find "$dir" -name '*.json' ! -name '*symbolicnames*' | sort | while read -r json; do
			src="${json%.json}.bicep"
			[ -f "$src" ] && grep -q '"_generator"' "$json" || continue
			sides="bicep json"
			[ $((r % 2)) -eq 0 ] && sides="json bicep"
			for side in $sides; do
				file="$src"
				[ "$side" = json ] && file="$json"
				"$tmp/timeit" -n 3 -warmup 1 -ok 0,1 "$tmp/aksnet-lint" --fail-on never --root "$dir" "$file" | sed "s|^|$side $src |"
			done
		done
	done
done >"$tmp/pairs"
awk "$median_awk"'
	{
		for (i = 3; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == "cpu_ms") cpu[$1 " " $2] = cpu[$1 " " $2] " " kv[2]
		}
		pair[$2] = 1
	}
	END {
		for (p in pair) { b += median(cpu["bicep " p]); j += median(cpu["json " p]); n++ }
		printf "the linter on the %d pairs of %s, a process a read (huge pages on; the sum of each pair'"'"'s median CPU over %d rounds of 3): bicep %.1f ms, json %.1f ms: ratio %.3f\n", n, "'"$corpus"'", NR / (2 * n), b, j, b / j
	}' "$tmp/pairs"
