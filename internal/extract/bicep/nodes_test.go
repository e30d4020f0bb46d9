package bicep

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestNodesReused: a syntax tree read into the slabs of another, reset, is the
// tree read into new ones; a value left from the last tree would show in it.
func TestNodesReused(t *testing.T) {
	paths, err := filepath.Glob("../../../testdata/bicep/*/*.bicep")
	if err != nil || len(paths) < 2 {
		t.Fatalf("%d Bicep files: %v", len(paths), err)
	}
	nd := &nodes{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, werr := Parse(p, string(data), false)
		got, gerr := parse(p, string(data), false, nd)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%s: error %v with new slabs, %v with reused ones", p, werr, gerr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the tree read into reused slabs differs from the one read into new ones", p)
		}
		nd.reset()
	}
}
