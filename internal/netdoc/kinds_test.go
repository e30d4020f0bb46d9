package netdoc

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestKindsMatchSchema: the input kinds are listed once in Go (Kinds) and once in the
// schema the policies are type-checked against; the two lists agree.
func TestKindsMatchSchema(t *testing.T) {
	var s struct {
		Properties struct {
			Kind struct {
				Enum []Kind `json:"enum"`
			} `json:"kind"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Schema, &s); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Properties.Kind.Enum, Kinds) {
		t.Errorf("schema.json kind enum %v, netdoc.Kinds %v", s.Properties.Kind.Enum, Kinds)
	}
}
