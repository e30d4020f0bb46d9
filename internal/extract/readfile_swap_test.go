//go:build linux && (amd64 || arm64)

package extract

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadFileStatSwapped: a path whose file changed after its caller's stat is read
// as it is then, without blocking: a named pipe with no writer reads as empty, a
// directory and a removed file are errors naming the path.
func TestReadFileStatSwapped(t *testing.T) {
	dir := t.TempDir()
	info, err := os.Stat(write(t, dir, "a.json", `{"a": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if data, err := ReadFileStat(fifo, info, 50); err != nil || len(data) != 0 {
			t.Errorf("a named pipe: %q, %v; want empty", data, err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	var pe *fs.PathError
	if _, err := ReadFileStat(sub, info, 50); !errors.As(err, &pe) || pe.Path != sub || !errors.Is(err, syscall.EISDIR) {
		t.Errorf("a directory: %v, want a read error naming it", err)
	}
	gone := filepath.Join(dir, "gone.json")
	if _, err := ReadFileStat(gone, info, 50); !errors.As(err, &pe) || pe.Path != gone || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a removed file: %v, want an open error naming it", err)
	}
}
