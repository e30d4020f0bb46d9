//go:build bench

// Command opafloor is the start-up floor of any program that evaluates Rego with OPA:
// it links OPA's evaluator (topdown, with its built-ins) and exits. bench/startup.sh
// prints its time beside the linter's, so a figure can be read on any machine.
package main

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/topdown"
)

func main() {
	// Use the package, so the linker keeps it and its initialisers run.
	fmt.Println(topdown.GetBuiltin("count") != nil)
}
