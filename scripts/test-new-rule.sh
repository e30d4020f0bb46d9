#!/usr/bin/env bash
# Proves that adding a rule is cheap: in a scratch copy of the work tree, run
# scripts/new-rule.sh, then `go generate ./...`, then the tests that read rules, and
# check that the change touches only the rule's own files and the lists generated from
# every rule. Prints the copy's `git status`. CI runs it (.ci/run).
#
# Usage: scripts/test-new-rule.sh [NAME]   (default: example-rule)
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-example-rule}"
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
# The copy sits beside a link to the shared folder, as the work tree does (../shared).
if [ -e ../shared ]; then ln -s "$(cd ../shared && pwd -P)" "$work/shared"; fi
mkdir "$work/repo"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work/repo"
cd "$work/repo"
git init -q
git -c user.name=test -c user.email=test@example.invalid -c commit.gpgsign=false commit -q --allow-empty -m base
git add -A
git -c user.name=test -c user.email=test@example.invalid -c commit.gpgsign=false commit -q -m base

scripts/new-rule.sh "$name" | tee "$work/new-rule.out"
id="$(sed -n 's/.*listed \(AKSNET[0-9]*\) under.*/\1/p' "$work/new-rule.out")"
go generate ./...
go test ./policies ./internal/docgen ./internal/engine ./cmd/aksnet-lint

echo "git status after new-rule.sh $name and go generate ./...:"
git status --short --untracked-files=all | tee "$work/status"
pkg="${name//-/_}"
allowed="$(printf '%s\n' \
	"?? policies/[a-z]*/$pkg.rego" \
	"?? policies/[a-z]*/${pkg}_test.rego" \
	"?? testdata/arm/err/$id-$name.json" \
	"?? testdata/arm/err/$id-$name.out" \
	"?? testdata/arm/ok/$id-$name.json" \
	"?? docs/rules/$id.md" \
	" M policies/testdata/catalog.tsv" \
	" M docs/rules/README.md" \
	" M testdata/rules.out" \
	" M internal/precompiled/precompiled.bin")"
bad=0
while IFS= read -r line; do
	ok=0
	while IFS= read -r pattern; do
		# shellcheck disable=SC2053 # a glob on purpose
		if [[ "$line" == $pattern ]]; then ok=1; fi
	done <<<"$allowed"
	if [ "$ok" = 0 ]; then echo "touched beyond the rule's own files: $line" >&2; bad=1; fi
done <"$work/status"
[ "$(grep -c '^??' "$work/status")" = 6 ] || { echo "want the 6 new files of the rule" >&2; bad=1; }
exit "$bad"
