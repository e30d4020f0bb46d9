#!/usr/bin/env bash
# Mutation check: applies each mutant of a fixed sample (scripts/mutants.tsv) to a copy
# of the tree, runs the tests of the affected package only (go test -run), and reports
# which mutants the tests catch. A mutant that does not compile (Go build failure or a
# Rego compile error) is reported as invalid and left out of the share: it says
# nothing about the tests.
#
# Usage: scripts/mutate.sh [ID-REGEXP]
#   ID-REGEXP  run only the mutants whose id matches (grep -E), e.g. '^a' for aliases
#
# Environment:
#   MUTATE_TABLE  the mutant table (default scripts/mutants.tsv of this tree)
#
# Exits 1 when a mutant survives or a mutant's search text is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
table="${MUTATE_TABLE:-$root/scripts/mutants.tsv}"
filter="${1:-.}"

work="$(mktemp -d /tmp/aksnet-mutate.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# The tracked and untracked (not ignored) files: the tree as it is, edits included.
(cd "$root" && git ls-files -z -co --exclude-standard | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$work"

caught=0
survived=0
invalid=0
missing=0
survivors=()
while IFS=$'\t' read -r id kind file occ search replace pkg run; do
	[[ -z "$id" || "$id" == \#* ]] && continue
	grep -Eq -- "$filter" <<<"$id" || continue
	f="$work/$file"
	cp "$f" "$f.orig"
	# Replace the occ-th literal occurrence of search (or drop its line).
	if ! SEARCH="$search" REPLACE="$replace" OCC="$occ" perl -0777 -i -e '
		my ($s, $r, $n) = ($ENV{SEARCH}, $ENV{REPLACE}, $ENV{OCC});
		local $/; my $t = <>; my $pos = -1;
		for (1 .. $n) { $pos = index($t, $s, $pos + 1); last if $pos < 0 }
		if ($pos < 0) { print $t; exit 3 }
		if ($r eq "<drop>") {
			my $b = rindex($t, "\n", $pos) + 1; my $e = index($t, "\n", $pos);
			$e = length($t) - 1 if $e < 0;
			substr($t, $b, $e - $b + 1) = "";
		} else { substr($t, $pos, length($s)) = $r }
		print $t;' "$f"; then
		printf '%-4s %-6s %-55s MISSING (search text not found)\n' "$id" "$kind" "$file"
		missing=$((missing + 1))
		mv "$f.orig" "$f"
		continue
	fi
	out="$(cd "$work" && go test -count=1 -run "$run" "$pkg" 2>&1)" && rc=0 || rc=$?
	mv "$f.orig" "$f"
	if [[ $rc -eq 0 ]]; then
		status=SURVIVED
		survived=$((survived + 1))
		survivors+=("$id")
	elif grep -Eq '\[build failed\]|setup failed|rego_(parse|compile|unsafe_var|type)_error' <<<"$out"; then
		status=invalid
		invalid=$((invalid + 1))
	else
		status=caught
		caught=$((caught + 1))
	fi
	printf '%-4s %-6s %-55s %s\n' "$id" "$kind" "$file" "$status"
done <"$table"

total=$((caught + survived))
echo
if [[ $total -gt 0 ]]; then
	echo "caught $caught of $total mutants ($((100 * caught / total))%); survived $survived${survivors[*]:+: ${survivors[*]}}; invalid $invalid; missing $missing"
else
	echo "no mutant ran; invalid $invalid; missing $missing"
fi
[[ $survived -eq 0 && $missing -eq 0 ]]
