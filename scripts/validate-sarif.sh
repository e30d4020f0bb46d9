#!/usr/bin/env bash
# Validates the SARIF that aksnet-lint writes with Microsoft's SARIF validator (the npm package
# @microsoft/sarif-multitool) and the rules GitHub code scanning applies on upload:
#
#   validate --rule-kind "Gh;Sarif", with SARIF2006 (which fetches every URI in the log) off.
#
# The validator exits 0 whatever it finds, so this script counts the error-level results in
# the validator's own SARIF output and fails if there is any. Warnings and notes are printed
# but do not fail. Inputs: the golden error cases (testdata/*/err), the clean cases
# (testdata/*/ok) and the examples, each linted on its own and all together.
#
# Environment:
#   SARIF_MULTITOOL_VERSION  npm version to install (default below)
#   SARIF_MULTITOOL_DIR      where to install it (default: a cache directory, reused)
#   KEEP=1                   keep the work directory with the logs and the validator output
set -euo pipefail
cd "$(dirname "$0")/.."

version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
prefix="${SARIF_MULTITOOL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aksnet-lint/sarif-multitool-$version}"

work="$(mktemp -d "${TMPDIR:-/tmp}/validate-sarif.XXXXXX")"
cleanup() {
  if [ "${KEEP:-}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- the validator -------------------------------------------------------------------------
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Node.js and npm (Debian)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "validate-sarif: node and npm are needed" >&2
    exit 1
  fi
fi

# The package's entry point resolves to the native validator of this platform.
locate() {
  NODE_PATH="$prefix/node_modules" node -e "console.log(require('@microsoft/sarif-multitool'))" 2>/dev/null
}
tool="$(locate || true)"
if [ -z "$tool" ] || [ ! -f "$tool" ]; then
  echo "== installing @microsoft/sarif-multitool@$version into $prefix"
  mkdir -p "$prefix"
  npm install --no-audit --no-fund --loglevel=error --prefix "$prefix" "@microsoft/sarif-multitool@$version" >/dev/null
  tool="$(locate)"
fi
# npm may skip the package's install script, which makes the binary executable. The binary is
# called directly: the package's wrapper runs it through a shell, which would split
# --rule-kind "Gh;Sarif" at the semicolon.
chmod u+x "$tool"
"$tool" --version 2>&1 | head -n 1 || true

# A policy file that turns SARIF2006 off: it fetches every URI in the log (rule help pages),
# which CI must not depend on.
cat >"$work/validate.config.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
EOF

# --- the logs to validate ------------------------------------------------------------------
echo "== building aksnet-lint"
go build -o "$work/aksnet-lint" ./cmd/aksnet-lint

mkdir -p "$work/logs"
inputs=()
shopt -s nullglob
for dir in testdata/*/err testdata/*/ok examples; do
  [ -d "$dir" ] && inputs+=("$dir")
done
shopt -u nullglob
if [ "${#inputs[@]}" -eq 0 ]; then
  echo "validate-sarif: nothing to lint" >&2
  exit 1
fi

lint() { # lint NAME PATH...: writes logs/NAME.sarif; findings (1) and parse errors (2) are expected
  local name="$1"; shift
  local code=0
  "$work/aksnet-lint" --format sarif --fail-on never -o "$work/logs/$name.sarif" "$@" || code=$?
  if [ "$code" -gt 2 ] || [ ! -s "$work/logs/$name.sarif" ]; then
    echo "validate-sarif: aksnet-lint exited $code on $* without a SARIF log" >&2
    exit 1
  fi
}
for dir in "${inputs[@]}"; do
  lint "$(echo "$dir" | tr '/' '_')" "$dir"
done
lint all "${inputs[@]}"
# Notes included: the AKSNET901 notes of unresolved values, and a broken JSON fixture that
# --skip-non-templates skips with an AKSNET902 note.
mkdir -p "$work/fixtures"
printf '{\n  "name": "half-written fixture",\n  "items": [1, 2,\n}\n' >"$work/fixtures/broken.json"
lint notes --fail-on never --skip-non-templates testdata/arm/err/AKSNET901-unresolved-expression.json "$work/fixtures/broken.json"
# From a subfolder, with --root: the URIs must be relative to the root, as code scanning
# resolves them against the checkout, and %SRCROOT% must say where the root was.
checkout="$PWD"
code=0
(cd testdata/arm && "$work/aksnet-lint" --format sarif --fail-on never --root "$checkout" -o "$work/logs/subfolder.sarif" err ok ../azcli/err) || code=$?
if [ "$code" -gt 2 ] || [ ! -s "$work/logs/subfolder.sarif" ]; then
  echo "validate-sarif: aksnet-lint exited $code in testdata/arm without a SARIF log" >&2
  exit 1
fi
node - "$work/logs/subfolder.sarif" "$checkout" <<'EOF2'
const fs = require('fs');
const [file, root] = process.argv.slice(2);
const run = JSON.parse(fs.readFileSync(file, 'utf8')).runs[0];
const base = ((run.originalUriBaseIds || {})['%SRCROOT%'] || {}).uri;
if (base !== 'file://' + root + '/') { console.error(`validate-sarif: %SRCROOT% is ${base}, want file://${root}/`); process.exit(1); }
const uris = [];
for (const r of run.results || []) for (const l of [...(r.locations || []), ...(r.relatedLocations || [])]) uris.push(l.physicalLocation.artifactLocation);
for (const inv of run.invocations || []) for (const n of inv.toolExecutionNotifications || []) for (const l of n.locations || []) uris.push(l.physicalLocation.artifactLocation);
const bad = uris.filter(a => !/^testdata\/(arm|azcli)\//.test(a.uri) || a.uriBaseId !== '%SRCROOT%');
if (uris.length === 0 || bad.length > 0) { console.error('validate-sarif: URIs not relative to the root:', JSON.stringify(bad.slice(0, 5))); process.exit(1); }
console.log(`== from testdata/arm with --root: ${uris.length} locations, all under %SRCROOT% (testdata/arm/..., testdata/azcli/...)`);
EOF2
echo "== $(ls "$work/logs" | wc -l) logs: ${inputs[*]}, all of them together, notes, and a run from a subfolder"

# --- validate and count --------------------------------------------------------------------
echo "== validating (rule kinds Gh;Sarif, SARIF2006 off)"
rm -f "$work/validation.sarif"
"$tool" validate --rule-kind "Gh;Sarif" --config "$work/validate.config.xml" \
  --output "$work/validation.sarif" "$work"/logs/*.sarif >"$work/validate.log" 2>&1 || true
if [ ! -s "$work/validation.sarif" ]; then
  echo "validate-sarif: the validator wrote no output:" >&2
  cat "$work/validate.log" >&2
  exit 1
fi

# Counts results by level (a result without a level is a warning, SARIF §3.27.10), prints
# each, and treats an error-level notification of the validator itself (a log it could not
# read) as an error too.
WORK="$work/logs/" node - "$work/validation.sarif" <<'EOF'
const fs = require('fs');
const log = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const counts = { error: 0, warning: 0, note: 0, none: 0 };
const byRule = {};
const lines = [];
for (const run of log.runs || []) {
  for (const r of run.results || []) {
    const level = r.level || 'warning';
    counts[level] = (counts[level] || 0) + 1;
    const key = `${level} ${r.ruleId}`;
    byRule[key] = (byRule[key] || 0) + 1;
    const loc = (((r.locations || [])[0] || {}).physicalLocation || {});
    const file = ((loc.artifactLocation || {}).uri || '').replace(/^file:\/\//, '').replace(process.env.WORK, '');
    const line = (loc.region || {}).startLine || '';
    const m = r.message || {};
    const text = m.text || `${m.id || ''}: ${(m.arguments || []).join(', ')}`;
    lines.push(`  ${level} ${r.ruleId} ${file}${line ? ':' + line : ''} ${text}`);
  }
  for (const inv of run.invocations || []) {
    for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
      const level = n.level || 'warning';
      if (level === 'error') counts.error++;
      lines.push(`  validator ${level}: ${(n.message || {}).text || ''}`);
    }
  }
}
for (const l of lines) console.log(l);
for (const [k, n] of Object.entries(byRule).sort()) console.log(`  ${n} × ${k}`);
console.log(`SARIF validator: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes`);
process.exit(counts.error > 0 ? 1 : 0);
EOF
