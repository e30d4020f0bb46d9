package azcli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// checkInvariants verifies the contract between a document and its location table:
// every located pointer names a value in the document or an unresolved entry, no
// unresolved or defaulted pointer also has a stated source, and keys are unique.
func checkInvariants(t testing.TB, doc *netdoc.Document, locs netdoc.Locations) {
	t.Helper()
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	unresolved := map[string]bool{}
	for _, u := range doc.Unresolved {
		if u.Pointer != "" {
			if v, ok := lookupPointer(tree, u.Pointer); ok && v != "" {
				t.Errorf("unresolved %s also has a value in the document", u.Pointer)
			}
		}
		unresolved[u.Pointer] = true
	}
	for _, p := range doc.Defaulted {
		if _, ok := lookupPointer(tree, p); !ok {
			t.Errorf("defaulted %s has no value", p)
		}
		if _, ok := locs[p]; ok {
			t.Errorf("defaulted %s is located", p)
		}
	}
	for p, l := range locs {
		if _, ok := lookupPointer(tree, p); !ok && !unresolved[p] {
			t.Errorf("located pointer %s names nothing", p)
		}
		if l.Line < 1 || l.Column < 1 {
			t.Errorf("pointer %s has location %+v", p, l.Location)
		}
	}
	seen := map[string]bool{}
	for _, c := range doc.Clusters {
		if seen[c.Key] {
			t.Errorf("duplicate cluster key %q", c.Key)
		}
		seen[c.Key] = true
	}
	for _, s := range doc.Subnets {
		if seen["subnet "+s.Key] {
			t.Errorf("duplicate subnet key %q", s.Key)
		}
		seen["subnet "+s.Key] = true
	}
}

func lookupPointer(tree any, p string) (any, bool) {
	if p == "" {
		return tree, true
	}
	cur := tree
	for _, seg := range strings.Split(p[1:], "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch n := cur.(type) {
		case map[string]any:
			v, ok := n[seg]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n) {
				return nil, false
			}
			cur = n[i]
		default:
			return nil, false
		}
	}
	return cur, true
}
