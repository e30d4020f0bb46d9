package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// TestEvalAllRecoversFromAPanic: a panic while evaluating one document becomes that
// document's error, naming its file; the other documents are still evaluated.
func TestEvalAllRecoversFromAPanic(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	testHookEval = func(in Input) {
		if in.Doc.File == "bad.json" {
			panic("injected")
		}
	}
	t.Cleanup(func() { testHookEval = nil })
	docs := []Input{
		{Doc: &netdoc.Document{APIVersion: netdoc.APIVersion, File: "bad.json", Kind: "arm"}},
		{Doc: &netdoc.Document{APIVersion: netdoc.APIVersion, File: "good.json", Kind: "arm",
			Clusters: []netdoc.Cluster{{Key: "aks", Name: "aks", NodePools: []netdoc.NodePool{{Name: "np", MaxPods: ptr(300)}}}}}},
	}
	results, errs := e.EvalAll(context.Background(), docs)
	if errs[0] == nil || !strings.Contains(errs[0].Error(), "bad.json: internal error while evaluating policies: injected") {
		t.Errorf("bad.json: error %v, want the recovered panic with the file name", errs[0])
	}
	if errs[1] != nil {
		t.Fatalf("good.json: %v", errs[1])
	}
	found := false
	for _, f := range results[1] {
		found = found || f.RuleID == "AKSNET301"
	}
	if !found {
		t.Errorf("good.json: findings %+v, want AKSNET301 for maxPods 300", results[1])
	}
}

func ptr[T any](v T) *T { return &v }
