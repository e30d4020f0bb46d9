#!/usr/bin/env bash
# Writes a new rule from the templates of scripts/new-rule/: the policy, its Rego test
# and two golden cases (one to avoid, one to prefer), and lists it under [additions]
# of the catalog contract until RULES.md has it. Then run `go generate ./...` (the
# golden output, the rule page, the precompiled policies) and `go test ./...`, and
# replace every TODO and the template's condition with the rule's own.
#
# Usage: scripts/new-rule.sh NAME [ID] [DIR]
#   NAME  the rule's name, lower-case words joined by '-' (service-cidr-size)
#   ID    its ID (default: the first free AKSNET7NN)
#   DIR   the directory under policies/ (default: from the ID's hundred: 1 addressing,
#         2 capacity, 3 maxpods, 4 compat, 5 wiring, 6 script, 7 and others: custom)
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-}"
if ! [[ "$name" =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]]; then
	echo "usage: scripts/new-rule.sh NAME [ID] [DIR]   (NAME: lower-case words joined by '-')" >&2
	exit 2
fi
pkg="${name//-/_}"
ids="$(grep -rhoE '^#   id: AKSNET[0-9]{3}$' policies | awk '{print $3}')"
id="${2:-}"
if [ -z "$id" ]; then
	for n in $(seq 700 799); do
		if ! grep -qx "AKSNET$n" <<<"$ids"; then id="AKSNET$n"; break; fi
	done
fi
if ! [[ "$id" =~ ^AKSNET[0-9]{3}$ ]] || grep -qx "$id" <<<"$ids"; then
	echo "new-rule: $id is not a free rule ID (AKSNET followed by three digits)" >&2
	exit 2
fi
dir="${3:-}"
if [ -z "$dir" ]; then
	case "${id:6:1}" in
	1) dir=addressing ;; 2) dir=capacity ;; 3) dir=maxpods ;; 4) dir=compat ;;
	5) dir=wiring ;; 6) dir=script ;; *) dir=custom ;;
	esac
fi
rule="policies/$dir/$pkg.rego"
test="policies/$dir/${pkg}_test.rego"
err="testdata/arm/err/$id-$name.json"
ok="testdata/arm/ok/$id-$name.json"
for f in "$rule" "$test" "$err" "$ok"; do
	if [ -e "$f" ]; then echo "new-rule: $f exists" >&2; exit 2; fi
done
if grep -rqE "^package aksnet\.rules\.$pkg$" policies; then
	echo "new-rule: package aksnet.rules.$pkg exists" >&2
	exit 2
fi
fill() { sed -e "s/@NAME@/$name/g" -e "s/@PKG@/$pkg/g" -e "s/@ID@/$id/g" -e "s/@CLUSTER@/$2/g" "scripts/new-rule/$1"; }
mkdir -p "policies/$dir"
fill rule.rego.tmpl "" >"$rule"
fill rule_test.rego.tmpl "" >"$test"
fill golden.json.tmpl "$name-example" >"$err"
fill golden.json.tmpl "aks-$name" >"$ok"
# The catalog contract lists every rule of RULES.md; a rule it does not have yet is an
# addition, with its reason (policies/testdata/catalog.tsv).
awk -v line="$id	$name	warning	arm,bicep,azcli	new rule, not in RULES.md yet" '
	{ print }
	/^\[additions\]$/ { print line }
' policies/testdata/catalog.tsv >policies/testdata/catalog.tsv.new
mv policies/testdata/catalog.tsv.new policies/testdata/catalog.tsv
printf 'wrote %s, %s, %s and %s; listed %s under [additions] in policies/testdata/catalog.tsv\n' "$rule" "$test" "$err" "$ok" "$id"
echo 'next: go generate ./... && go test ./...' 
