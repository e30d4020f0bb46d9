//go:build linux && (amd64 || arm64)

package extract

import (
	"syscall"
	"testing"
)

// TestOpenFlags: the non-blocking flag files are opened with is the system's.
func TestOpenFlags(t *testing.T) {
	if openFlags != syscall.O_NONBLOCK {
		t.Errorf("openFlags %#x, want O_NONBLOCK %#x", openFlags, syscall.O_NONBLOCK)
	}
}
