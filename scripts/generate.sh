#!/usr/bin/env bash
# Regenerates every generated file, in the order they depend on each other. Run it as
# `go generate ./...` (policies/embed.go holds the one directive). Review the diff:
# every change in a golden file is a change in what aksnet-lint reports.
#
#   1. the precompiled policies (internal/precompiled/precompiled.bin): first, since
#      every later step runs the policies, and a stale form prints a warning
#   2. the rule catalog contract (policies/testdata/catalog.tsv), when ../shared/RULES.md
#      is there (the [additions] and [pending] sections are kept)
#   3. the extractors' goldens (internal/extract/arm, internal/extract/azcli, its
#      alias scripts included) and the reports' (internal/report)
#   4. the whole-program goldens (testdata/**/*.out, testdata/rules.out, the corpora's
#      findings) and the outputs quoted in docs/*.md
#   5. the rule pages (docs/rules/*.md), from METADATA and the golden cases of step 4
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo "go generate: $*" >&2; }

step "precompiled policies"
go test ./internal/engine -run '^TestPrecompiledIsFresh$' -count=1 -update
if [ -f ../shared/RULES.md ]; then
	step "rule catalog contract"
	go test ./policies -run '^TestCatalogContract$' -count=1 -update -catalog "$PWD/../shared/RULES.md"
fi
step "extractor and report goldens"
go test ./internal/extract/arm ./internal/extract/azcli ./internal/report -count=1 -update
step "whole-program goldens and docs outputs"
go test ./cmd/aksnet-lint -count=1 -update \
	-run '^(TestGolden|TestExamples|TestRulesListsCatalogFromMetadata|TestInventoryCompletes|TestCorpusFindings|TestSharedCorpusFindings|TestDocs)'
step "rule pages"
go test ./internal/docgen -count=1 -update
