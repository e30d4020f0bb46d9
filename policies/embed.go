// Package policies embeds the built-in Rego policies: one rule per file with its
// _test.rego beside it, and shared helpers under lib/.
package policies

import "embed"

// Every generated file (precompiled policies, catalog contract, rule pages, goldens)
// derives from the policies: one `go generate ./...` rewrites them all, in order.
//
//go:generate ../scripts/generate.sh

// FS holds every built-in policy and its tests.
//
//go:embed *.rego */*.rego
var FS embed.FS
