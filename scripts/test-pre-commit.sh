#!/usr/bin/env bash
# Tests the pre-commit hook with the real pre-commit (Debian's package, installed if missing):
#
#  1. `pre-commit validate-manifest .pre-commit-hooks.yaml`;
#  2. in a temporary git repository with the hook installed, committing a template with a
#     mistake (a golden error case) must fail, and committing a correct one must pass, with
#     files the hook must leave alone (package.json, notes.txt) beside it;
#  3. with a hook configuration whose own `exclude` replaces the manifest's, a tsconfig.json
#     and the parameter file of a .bicep file reach aksnet-lint: they must not fail the
#     commit, and (the control) the tsconfig.json does fail it without the manifest's
#     --skip-non-templates (the parameter file is linted with its .bicep file).
#
# The temporary repository uses a `repo: local` hook with `language: system` that runs this
# checkout's aksnet-lint, built here, with the manifest's own `entry` arguments, `files` and
# `exclude` patterns:
# users point at the repository with `repo:` and `rev:`, and pre-commit then builds the hook
# with `language: golang`, which needs the module proxy; this test needs no network.
# It leaves nothing behind (set KEEP=1 to keep the temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$PWD"

bad_case=testdata/arm/err/AKSNET301-max-pods-range.json
good_case=testdata/arm/ok/AKSNET301-max-pods-bounds.json
bad_script=testdata/azcli/err/AKSNET301-max-pods-range.sh
bad_bicep=testdata/bicep/err/AKSNET102-service-cidr-overlaps-subnet.bicep

work="$(mktemp -d "${TMPDIR:-/tmp}/test-pre-commit.XXXXXX")"
cleanup() {
  if [ "${KEEP:-}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
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
echo "== pre-commit $(pre-commit --version | awk '{print $2}')"

echo "== building aksnet-lint"
mkdir -p "$work/bin"
go build -o "$work/bin/aksnet-lint" ./cmd/aksnet-lint

# An isolated pre-commit and git: no shared cache, no user or system configuration.
export PRE_COMMIT_HOME="$work/cache"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

echo "== pre-commit validate-manifest .pre-commit-hooks.yaml"
pre-commit validate-manifest .pre-commit-hooks.yaml

# The manifest's entry and patterns, so that the test exercises them (single-line values by
# design; a Go test in internal/report checks that they stay so).
entry="$(sed -n 's/^  entry: //p' .pre-commit-hooks.yaml)"
files_re="$(sed -n 's/^  files: //p' .pre-commit-hooks.yaml)"
exclude_re="$(sed -n 's/^  exclude: //p' .pre-commit-hooks.yaml)"
[ -n "$files_re" ] && [ -n "$exclude_re" ] || fail "no files or exclude pattern in .pre-commit-hooks.yaml"
case "$files_re$exclude_re" in *"'"*) fail "a pattern holds a single quote, which this script does not escape" ;; esac
case "$entry" in
  aksnet-lint | "aksnet-lint "*) entry_args="${entry#aksnet-lint}" ;;
  *) fail "the manifest's entry does not run aksnet-lint: $entry" ;;
esac
case "$entry_args" in *--skip-non-templates*) ;; *) fail "the manifest's entry lacks --skip-non-templates: $entry" ;; esac

# write_config ENTRY EXCLUDE: the hook configuration of the temporary repository.
write_config() {
  cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: local
    hooks:
      - id: aksnet-lint
        name: aksnet-lint
        entry: $1
        language: system
        files: '$files_re'
        exclude: '$2'
        pass_filenames: true
        require_serial: false
EOF
  pre-commit validate-config .pre-commit-config.yaml
}

repo="$work/repo"
git init -q -b main "$repo"
cd "$repo"
write_config "$work/bin/aksnet-lint$entry_args" "$exclude_re"
pre-commit install >/dev/null
git add .pre-commit-config.yaml
git commit -q -m "pre-commit configuration" >"$work/commit.log" 2>&1 || { cat "$work/commit.log"; fail "the first commit failed"; }

# commit MESSAGE: commits what is staged; returns git's exit code, output in $work/commit.log.
commit() { git commit -m "$1" >"$work/commit.log" 2>&1; }
head_is() { [ "$(git rev-list --count HEAD)" = "$1" ] || fail "expected $1 commits, have $(git rev-list --count HEAD)"; }

echo "== a template with a mistake must not be committed"
mkdir -p infra scripts
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

echo "== a correct template must be committed"
git reset -q
rm -f infra/main.bicep
cp "$checkout/$good_case" infra/aks.json
git add infra/aks.json package.json notes.txt
commit "good template" || { cat "$work/commit.log"; fail "the commit of $good_case failed"; }
grep -q "aksnet-lint.*Passed" "$work/commit.log" || { cat "$work/commit.log"; fail "the hook did not run on the good template"; }
head_is 2
sed -n '/^aksnet-lint/p' "$work/commit.log" | sed 's/^/    /'

# A user's hook configuration with its own exclude (which replaces the manifest's): JSON
# files that are not templates now reach aksnet-lint by name.
echo "== control: without --skip-non-templates, a tsconfig.json fails the commit"
write_config "$work/bin/aksnet-lint" '^web/'
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

echo "== with the manifest's entry, the tsconfig.json is skipped and a .bicep's parameter file linted"
write_config "$work/bin/aksnet-lint$entry_args" '^web/'
git add .pre-commit-config.yaml tsconfig.json main.bicep main.parameters.json
commit "tsconfig" || { cat "$work/commit.log"; fail "the commit of tsconfig.json failed"; }
grep -q "aksnet-lint.*Passed" "$work/commit.log" || { cat "$work/commit.log"; fail "the hook did not run on tsconfig.json"; }
head_is 3
sed -n '/^aksnet-lint/p' "$work/commit.log" | sed 's/^/    /'

echo "== pre-commit hook: ok"
