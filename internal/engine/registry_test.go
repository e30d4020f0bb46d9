package engine

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestKindsOptional: a rule without custom.kinds applies to every input kind; a rule
// that lists kinds keeps its list; an empty or unknown kind is refused.
func TestKindsOptional(t *testing.T) {
	for _, tc := range []struct {
		name, kinds string
		want        []string
		err         string
	}{
		{name: "absent", want: []string{"arm", "bicep", "azcli"}},
		{name: "listed", kinds: "#   kinds: [azcli]\n", want: []string{"azcli"}},
		{name: "empty", kinds: "#   kinds: []\n", err: "custom.kinds, when present, must list arm, bicep and/or azcli"},
		{name: "unknown", kinds: "#   kinds: [terraform]\n", err: `unknown kind "terraform"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(customRule, "#   kinds: [arm, bicep, azcli]\n", tc.kinds, 1)
			e, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, src)}})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r, _ := e.Rule("ORG001")
			if !slices.Equal(r.Kinds, tc.want) {
				t.Errorf("kinds %v, want %v", r.Kinds, tc.want)
			}
		})
	}
}
