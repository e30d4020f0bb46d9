#!/usr/bin/env bash
# Runs every fuzz target for a set time, one after another, with one fuzzing worker
# (-parallel 1) so that the machine stays usable. Seeds are the testdata each target
# reads plus its <package>/testdata/fuzz/<Target>/ directory; a crasher is written
# there by `go test`, so it becomes a seed (and a regression test of plain `go test`).
#
# Usage: scripts/fuzz.sh [DURATION] [TARGET-REGEXP]
#   DURATION       per target, as go test -fuzztime takes it (default 10m)
#   TARGET-REGEXP  run only the targets whose "package Target" matches (grep -E)
#
# Environment:
#   FUZZ_LOG_DIR   where each target's full log goes (default: a new directory under /tmp)
#
# Prints one line per target: name, wall time, executions, result; exits 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-10m}"
filter="${2:-.}"
logs="${FUZZ_LOG_DIR:-$(mktemp -d /tmp/aksnet-fuzz.XXXXXX)}"
mkdir -p "$logs"

targets=(
	"./internal/extract/jsonsrc FuzzParse"
	"./internal/extract/arm/armexpr FuzzParse"
	"./internal/extract/arm/armexpr FuzzEval"
	"./internal/extract/arm/armexpr FuzzMembers"
	"./internal/extract/arm/armexpr FuzzScan"
	"./internal/extract/arm/armexpr FuzzCIDR"
	"./internal/extract/arm FuzzExtract"
	"./internal/extract/azcli FuzzExtract"
	"./internal/extract/markdown FuzzRunbook"
	"./internal/extract/bicep FuzzExtract"
	"./internal/lint FuzzRegoCIDR"
	"./internal/config FuzzLoad"
	"./internal/lint FuzzPipeline"
	"./internal/precompiled FuzzDecode"
)

failed=0
summary=()
for t in "${targets[@]}"; do
	if ! grep -Eq -- "$filter" <<<"$t"; then
		continue
	fi
	read -r pkg name <<<"$t"
	log="$logs/$(basename "$pkg")-$name.log"
	echo "== $pkg $name for $duration (log: $log)"
	start=$(date +%s)
	status=ok
	# -fuzzminimizetime bounds the minimisation of each new input, during which no
	# executions are counted (the default of 60 s stalls slow targets); -timeout 0
	# because go test's default of 10m would end a 10m run.
	if ! go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$duration" -fuzzminimizetime 10s -parallel 1 -timeout 0 >"$log" 2>&1; then
		status=FAILED
		failed=1
		grep -E 'Failing input written to|--- FAIL|panic:' "$log" || true
	fi
	secs=$(($(date +%s) - start))
	execs=$(grep -Eo 'execs: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
	summary+=("$(printf '%-32s %-14s %6ss %12s execs  %s' "$(basename "$pkg")" "$name" "$secs" "$execs" "$status")")
done

echo
echo "== summary ($duration per target)"
printf '%s\n' "${summary[@]}"
exit "$failed"
