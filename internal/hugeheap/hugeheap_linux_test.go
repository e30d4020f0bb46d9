//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// keep holds the test's allocations live, so that they come from fresh heap.
var keep [][]byte

// TestHeapAdvised: where the kernel gives huge pages on request, the heap block the
// package's init prepared is marked for them (its mapping's flags include "hg",
// VM_HUGEPAGE), and the heap grows into it: objects allocated after land in it.
func TestHeapAdvised(t *testing.T) {
	if !madviseMode() {
		t.Skip("transparent huge pages are not in madvise mode here")
	}
	if disabled(os.Getenv(EnvVar)) {
		t.Skipf("%s turns the advice off", EnvVar)
	}
	if !Advised || advised[1] <= advised[0] {
		t.Fatalf("Advised %v, range %#x-%#x in madvise mode", Advised, advised[0], advised[1])
	}
	for _, addr := range []uintptr{advised[0], advised[1] - 1} {
		if flags := vmFlags(t, addr); !strings.Contains(" "+flags+" ", " hg ") {
			t.Errorf("mapping of %#x, in the advised range, has flags %q, want hg", addr, flags)
		}
	}
	inside := 0
	for range 16384 {
		b := make([]byte, 1024)
		keep = append(keep, b)
		if a := uintptr(unsafe.Pointer(unsafe.SliceData(b))); advised[0] <= a && a < advised[1] {
			inside++
		}
	}
	if inside == 0 {
		t.Error("none of 16 MiB of fresh objects landed in the advised range")
	}
}

func TestPrepareOff(t *testing.T) {
	t.Setenv(EnvVar, "off")
	if Prepare(Size) {
		t.Errorf("Prepare with %s=off reported true", EnvVar)
	}
	t.Setenv(EnvVar, "")
	if Prepare(hugePage - 1) {
		t.Error("Prepare of less than a huge page reported true")
	}
}

// vmFlags returns the VmFlags line of the mapping holding addr, from /proc/self/smaps.
func vmFlags(t *testing.T, addr uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:"))
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}

// mappingRange parses the "lo-hi perms ..." header line of a mapping.
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	span, _, found := strings.Cut(line, " ")
	l, h, dash := strings.Cut(span, "-")
	if !found || !dash {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}
