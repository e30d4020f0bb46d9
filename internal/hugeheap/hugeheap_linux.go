//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"bytes"
	"os"
	"runtime/debug"
	"syscall"
	"unsafe"
)

const (
	hugePage = 2 << 20
	// chunk is the unit the runtime maps its heap in (pallocChunkBytes).
	chunk = 4 << 20
	// thpMode is where the kernel says when it gives huge pages.
	thpMode = "/sys/kernel/mm/transparent_hugepage/enabled"
)

// sink keeps the probe allocation on the heap.
var sink *[16]byte

// Prepare marks size bytes of fresh heap, and the heap in use below it, for huge
// pages. It reports whether it did.
func Prepare(size int) bool {
	if size < hugePage || disabled(os.Getenv(EnvVar)) || !madviseMode() {
		return false
	}
	sink = new([16]byte)
	inUse := uintptr(unsafe.Pointer(sink)) //nolint:gosec // G103: an address to advise on, never dereferenced
	sink = nil

	// Collections stay off while the block is live, so that none started now keeps it
	// alive; the one after frees it, so that the heap grows into it from here on.
	old := debug.SetGCPercent(-1)
	block := make([]byte, size)
	base := uintptr(unsafe.Pointer(unsafe.SliceData(block))) //nolint:gosec // G103: an address to advise on, never dereferenced
	end := base + uintptr(size)
	// The runtime maps its heap in whole chunks, from low addresses up: the chunk in
	// use, any between and the block's are all heap.
	from := base &^ (chunk - 1)
	if inUse < base && base-inUse <= uintptr(size) {
		from = inUse &^ (chunk - 1)
	}
	to := (end + chunk - 1) &^ (chunk - 1)
	ok := madvise(from, to, syscall.MADV_HUGEPAGE)
	debug.SetGCPercent(old)
	if ok {
		advised = [2]uintptr{from, to}
	}
	return ok
}

// advised is the range Prepare marked, which the tests check.
var advised [2]uintptr

// madvise gives advice on [from, to). An error is left unreported: the advice is a
// hint, and ENOMEM only says part of the range is unmapped.
func madvise(from, to uintptr, advice int) bool {
	if from >= to {
		return false
	}
	//nolint:gosec // the range lies in the Go heap: a hint, no memory is read or written.
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, from, to-from, uintptr(advice))
	return errno == 0 || errno == syscall.ENOMEM
}

// madviseMode reports whether the kernel gives huge pages only where advised: with
// "always" it gives them anyway, with "never" not at all.
func madviseMode() bool {
	mode, err := os.ReadFile(thpMode)
	return err == nil && bytes.Contains(mode, []byte("[madvise]"))
}
