package azcli

import (
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// cmdScope is where a command deploys what it creates: its --resource-group and
// --subscription, when written out (a variable the script sets to a known value
// counts). Unknown values stay empty: a scope is never guessed.
func cmdScope(cmd *azCmd) netdoc.Scope {
	var sc netdoc.Scope
	if a, ok := cmd.named("--resource-group"); ok {
		if s, known := a.known(); known && netdoc.PlainName(s) {
			sc.ResourceGroup = strings.ToLower(s)
		}
	}
	if a, ok := cmd.named("--subscription"); ok {
		if s, known := a.known(); known && netdoc.PlainName(s) {
			sc.Subscription = strings.ToLower(s)
		}
	}
	return sc
}

// idScope is the subscription and resource group a resource ID names, each when its
// segment is known.
func idScope(v value) netdoc.Scope {
	var sc netdoc.Scope
	if s, ok := v.segmentAfter("resourceGroups", false); ok && netdoc.PlainName(s) {
		sc.ResourceGroup = strings.ToLower(s)
	}
	if s, ok := v.segmentAfter("subscriptions", false); ok && netdoc.PlainName(s) {
		sc.Subscription = strings.ToLower(s)
	}
	return sc
}
