package engine

import (
	"context"
	"testing"
)

func TestLoading(t *testing.T) {
	l := Load(context.Background(), Options{})
	eng, err := l.Wait()
	if err != nil || eng == nil {
		t.Fatalf("Wait: engine %v, err %v", eng, err)
	}
	if !l.Ready() || l.Took() <= 0 {
		t.Errorf("after Wait: Ready %v, Took %v", l.Ready(), l.Took())
	}
	if got, _ := Loaded(eng).Wait(); got != eng || !Loaded(eng).Ready() {
		t.Error("Loaded does not give its engine at once")
	}
	if _, err := Load(context.Background(), Options{PolicyDirs: []string{"no-such-dir"}}).Wait(); err == nil {
		t.Error("loading from a missing policy directory did not fail")
	}
}
