package armeval

import (
	"strings"
	"testing"
)

// TestLookupLower: lookupLower finds what m[strings.ToLower(name)] finds, for ASCII
// names of any case, names longer than its buffer and names strings.ToLower folds
// beyond ASCII (the Kelvin sign is a 'k'); a mixed-case ASCII name costs no
// allocation.
func TestLookupLower(t *testing.T) {
	long := strings.Repeat("Ab", 40)
	m := map[string]int{"vnetname": 1, "k8s": 2, strings.ToLower(long): 3, "ünï": 4, "": 5}
	for _, name := range []string{"vnetName", "VNETNAME", "vnetname", "vnetNam", "K8S", "\u212A8s", long, long[1:], "ÜNÏ", "", "@", "Z"} {
		want, wantOK := m[strings.ToLower(name)]
		if got, ok := lookupLower(m, name); got != want || ok != wantOK {
			t.Errorf("%q: %d %v, want %d %v", name, got, ok, want, wantOK)
		}
	}
	if n := testing.AllocsPerRun(100, func() { lookupLower(m, "vnetName") }); n != 0 {
		t.Errorf("%v allocations looking up a mixed-case ASCII name", n)
	}
}
