package hugeheap

import "testing"

func TestDisabled(t *testing.T) {
	for value, want := range map[string]bool{"off": true, "0": true, "": false, "on": false, "1": false, "OFF": false} {
		if got := disabled(value); got != want {
			t.Errorf("disabled(%q) = %v, want %v", value, got, want)
		}
	}
}
