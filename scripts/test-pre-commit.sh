#!/usr/bin/env bash
# Tests the pre-commit hooks with the real pre-commit (Debian's package, installed if missing):
#
#  1. `pre-commit validate-manifest .pre-commit-hooks.yaml`;
#  2. the aksnet-lint hook as users get it: `repo:` a git repository holding this checkout
#     (tracked and new files, as they are now), `rev:` its commit. pre-commit clones it and
#     builds the hook with `language: golang` (`go install ./...`); the environment it
#     builds must hold the linter and nothing else (no bench program);
#  3. in a fresh git repository with that hook installed, committing a template or a script
#     with a mistake (golden error cases) must fail, and committing a correct template must
#     pass, with files the hook must leave alone (package.json, notes.txt) and a broken JSON
#     fixture (skipped with a note) beside it;
#  4. with a hook configuration whose own `exclude` replaces the manifest's, a tsconfig.json
#     and the parameter file of a .bicep file reach aksnet-lint: they must not fail the
#     commit, and (the control, a `repo: local` hook without --skip-non-templates) the
#     tsconfig.json does fail it (the parameter file is linted with its .bicep file);
#  5. the aksnet-lint-system hook (`language: system`) runs the aksnet-lint on PATH.
#
# No network: the Go modules come from the module cache of this machine (GOMODCACHE,
# GOPROXY=off), which building this checkout filled; the Go is the one on PATH
# (GOTOOLCHAIN=local). It leaves nothing behind (set KEEP=1 to keep the temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$PWD"

bad_case=testdata/arm/err/AKSNET301-max-pods-range.json
good_case=testdata/arm/ok/AKSNET301-max-pods-bounds.json
bad_script=testdata/azcli/err/AKSNET301-max-pods-range.sh
bad_bicep=testdata/bicep/err/AKSNET102-service-cidr-overlaps-subnet.bicep

work="$(mktemp -d "${TMPDIR:-/tmp}/test-pre-commit.XXXXXX")"
cleanup() {
  if [ "${KEEP:-}" = 1 ]; then echo "work directory kept: $work"; else chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"; fi
}
trap cleanup EXIT

fail() { echo "test-pre-commit: FAIL: $*" >&2; exit 1; }

if ! command -v pre-commit >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing pre-commit (Debian)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
  else
    fail "pre-commit is not installed (apt-get install pre-commit, as root)"
  fi
fi
echo "== pre-commit $(pre-commit --version | awk '{print $2}'), $(go version | awk '{print $3}')"

echo "== building aksnet-lint (for the system hook and the control)"
mkdir -p "$work/bin"
go build -o "$work/bin/aksnet-lint" ./cmd/aksnet-lint
# Every module the hook's build needs, in this machine's module cache.
go mod download

# An isolated pre-commit and git: no shared cache, no user or system configuration.
export PRE_COMMIT_HOME="$work/cache"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
# The hook's go install: this machine's modules and Go, no network.
GOMODCACHE="$(go env GOMODCACHE)"
export GOMODCACHE GOPROXY=off GOTOOLCHAIN=local GOFLAGS=-mod=readonly

echo "== pre-commit validate-manifest .pre-commit-hooks.yaml"
pre-commit validate-manifest .pre-commit-hooks.yaml

# The hook repository: this checkout as it is now, committed.
hookrepo="$work/hookrepo"
mkdir -p "$hookrepo"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  if [ -f "$f" ]; then mkdir -p "$hookrepo/$(dirname "$f")"; cp -p "$f" "$hookrepo/$f"; fi
done
git -C "$hookrepo" init -q -b main
git -C "$hookrepo" add -A
git -C "$hookrepo" commit -q -m "aksnet-lint under test"
rev="$(git -C "$hookrepo" rev-parse HEAD)"

# The manifest's patterns, for the control's local hook (single-line values by design; a Go
# test in internal/report checks that they stay so).
files_re="$(sed -n 's/^  files: //p' .pre-commit-hooks.yaml | head -n 1)"
[ -n "$files_re" ] || fail "no files pattern in .pre-commit-hooks.yaml"
case "$files_re" in *"'"*) fail "the files pattern holds a single quote, which this script does not escape" ;; esac

# use_hook ID [EXCLUDE]: the hook configuration of the temporary repository: hook ID of the
# hook repository, with its own exclude when given.
use_hook() {
  {
    echo "repos:"
    echo "  - repo: $hookrepo"
    echo "    rev: $rev"
    echo "    hooks:"
    echo "      - id: $1"
    if [ -n "${2:-}" ]; then echo "        exclude: '$2'"; fi
  } >.pre-commit-config.yaml
  pre-commit validate-config .pre-commit-config.yaml
}

repo="$work/repo"
git init -q -b main "$repo"
cd "$repo"
use_hook aksnet-lint
pre-commit install >/dev/null

echo "== pre-commit builds the hook (language: golang): only the linter is installed"
pre-commit install-hooks >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "pre-commit could not build the hook"; }
envbin="$(find "$PRE_COMMIT_HOME" -type d -path '*golangenv-*/bin' | head -n 1)"
[ -n "$envbin" ] || fail "no golang environment in $PRE_COMMIT_HOME"
installed="$(ls "$envbin" | tr '\n' ' ')"
[ "$installed" = "aksnet-lint " ] || fail "the hook's environment holds: $installed(want aksnet-lint only)"
echo "    $envbin: $installed"
"$envbin/aksnet-lint" version | sed 's/^/    /'

git add .pre-commit-config.yaml
git commit -q -m "pre-commit configuration" >"$work/commit.log" 2>&1 || { cat "$work/commit.log"; fail "the first commit failed"; }

# commit MESSAGE: commits what is staged; returns git's exit code, output in $work/commit.log.
commit() { git commit -m "$1" >"$work/commit.log" 2>&1; }
head_is() { [ "$(git rev-list --count HEAD)" = "$1" ] || fail "expected $1 commits, have $(git rev-list --count HEAD)"; }

echo "== a template with a mistake must not be committed"
mkdir -p infra scripts fixtures
cp "$checkout/$bad_case" infra/aks.json
printf '{"name": "not-a-template", "version": "1.0.0"}\n' >package.json
echo "not linted" >notes.txt
git add infra/aks.json package.json notes.txt
if commit "bad template"; then
  cat "$work/commit.log"; fail "the commit of $bad_case passed"
fi
grep -q "AKSNET301" "$work/commit.log" || { cat "$work/commit.log"; fail "no AKSNET301 in the hook's output"; }
grep -q "infra/aks.json" "$work/commit.log" || { cat "$work/commit.log"; fail "the finding does not name infra/aks.json"; }
grep -q "package.json" "$work/commit.log" && { cat "$work/commit.log"; fail "package.json was passed to the hook"; }
head_is 1
sed -n '/^aksnet-lint/,$p' "$work/commit.log" | head -n 8 | sed 's/^/    /'

echo "== a script with a mistake must not be committed"
git reset -q
cp "$checkout/$bad_script" scripts/create-aks.sh
git add scripts/create-aks.sh
if commit "bad script"; then
  cat "$work/commit.log"; fail "the commit of $bad_script passed"
fi
grep -q "AKSNET301" "$work/commit.log" || { cat "$work/commit.log"; fail "no AKSNET301 for the script"; }
head_is 1

echo "== a Bicep file with a mistake must not be committed"
git reset -q
rm -f scripts/create-aks.sh
cp "$checkout/$bad_bicep" infra/main.bicep
git add infra/main.bicep
if commit "bad bicep"; then
  cat "$work/commit.log"; fail "the commit of $bad_bicep passed"
fi
grep -q "infra/main.bicep:33:20: error: .*AKSNET102" "$work/commit.log" || { cat "$work/commit.log"; fail "no AKSNET102 at infra/main.bicep:33:20"; }
head_is 1

echo "== a correct template must be committed, beside a broken JSON fixture"
git reset -q
rm -f infra/main.bicep
cp "$checkout/$good_case" infra/aks.json
printf '{\n  "name": "half-written fixture",\n  "items": [1, 2,\n}\n' >fixtures/broken.json
git add infra/aks.json package.json notes.txt fixtures/broken.json
commit "good template" || { cat "$work/commit.log"; fail "the commit of $good_case with fixtures/broken.json failed"; }
grep -q "aksnet-lint.*Passed" "$work/commit.log" || { cat "$work/commit.log"; fail "the hook did not run on the good template"; }
head_is 2
sed -n '/^aksnet-lint/p' "$work/commit.log" | sed 's/^/    /'

# A user's hook configuration with its own exclude (which replaces the manifest's): JSON
# files that are not templates now reach aksnet-lint by name.
echo "== control: without --skip-non-templates, a tsconfig.json fails the commit"
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: local
    hooks:
      - id: aksnet-lint-control
        name: aksnet-lint without --skip-non-templates
        entry: $work/bin/aksnet-lint
        language: system
        files: '$files_re'
        exclude: '^web/'
EOF
pre-commit validate-config .pre-commit-config.yaml
printf '{\n  // JSONC, as TypeScript reads it\n  "compilerOptions": { "strict": true, },\n}\n' >tsconfig.json
echo "param clusterName string" >main.bicep
printf '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"clusterName": {"value": "aks"}}}\n' >main.parameters.json
git add .pre-commit-config.yaml tsconfig.json main.bicep main.parameters.json
if commit "tsconfig without the flag"; then
  cat "$work/commit.log"; fail "tsconfig.json did not reach aksnet-lint: the control passed"
fi
grep -q "tsconfig.json:1:1: error: .*AKSNET902" "$work/commit.log" || { cat "$work/commit.log"; fail "no AKSNET902 for tsconfig.json in the control"; }
# The parameter file of a .bicep file is linted with it (no AKSNET902).
grep -q "main.parameters.json:1:1: error: .*AKSNET902" "$work/commit.log" && { cat "$work/commit.log"; fail "AKSNET902 for main.parameters.json, which pairs with main.bicep"; }
head_is 2

echo "== with the hook and its own exclude, the tsconfig.json is skipped and a .bicep's parameter file linted with it"
use_hook aksnet-lint '^web/'
git add .pre-commit-config.yaml tsconfig.json main.bicep main.parameters.json
commit "tsconfig" || { cat "$work/commit.log"; fail "the commit of tsconfig.json failed"; }
grep -q "aksnet-lint.*Passed" "$work/commit.log" || { cat "$work/commit.log"; fail "the hook did not run on tsconfig.json"; }
head_is 3
sed -n '/^aksnet-lint/p' "$work/commit.log" | sed 's/^/    /'

echo "== the aksnet-lint-system hook runs the aksnet-lint on PATH"
use_hook aksnet-lint-system
cp "$checkout/$bad_case" infra/aks.json
git add .pre-commit-config.yaml infra/aks.json
if PATH="$work/bin:$PATH" commit "bad template, system hook"; then
  cat "$work/commit.log"; fail "the commit of $bad_case passed the system hook"
fi
grep -q "AKSNET301" "$work/commit.log" || { cat "$work/commit.log"; fail "no AKSNET301 from the system hook"; }
head_is 3
sed -n '/^aksnet-lint/p' "$work/commit.log" | sed 's/^/    /'

echo "== pre-commit hooks: ok"
