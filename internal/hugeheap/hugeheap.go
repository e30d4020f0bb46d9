// Package hugeheap asks Linux to back the Go heap with transparent huge pages.
//
// A run of aksnet-lint is short and takes most of its memory fresh from the kernel,
// one 4 KiB page fault at a time. Where page faults are slow (virtual machines with
// nested paging, a loaded machine) they are much of a run. Where the kernel gives huge
// pages only to memory that asks for them (transparent_hugepage "madvise", the default
// of Debian and Ubuntu), one fault maps 2 MiB instead of 4 KiB. What it saves is
// measured by running bench/startup.sh and bench/corpus.sh with and without EnvVar set
// to off; docs/performance.md has the figures.
//
// The Go runtime does not ask for its heap, so Prepare does: it makes the runtime map a
// block of heap address space at once, marks it MADV_HUGEPAGE, and frees it. The
// runtime then places its objects in that marked space. The advice is a hint: memory
// is not touched, nothing changes where huge pages are off or already the default, and
// AKSNET_LINT_HUGEPAGES=off turns it off.
//
// Importing the package prepares the heap, from its init: that runs before the
// packages that allocate most at start-up (OPA's), whose path sorts after it.
package hugeheap

// Advised reports whether the heap is marked for huge pages, at start-up.
var Advised = Prepare(Size)

// Size is the heap address space Prepare marks: the peak of a run on the whole ARM
// corpus is under 40 MB and of the 3.5 MB nested template about 85 MB; beyond it the
// heap grows in ordinary pages. It costs address space, not memory.
const Size = 64 << 20

// EnvVar turns the advice off when set to "off" (or "0").
const EnvVar = "AKSNET_LINT_HUGEPAGES"

// disabled reports whether the environment turns the advice off.
func disabled(value string) bool { return value == "off" || value == "0" }
