//go:build !linux || !(amd64 || arm64)

package hugeheap

// Prepare does nothing outside Linux on amd64 and arm64, and reports false.
func Prepare(int) bool { return false }
