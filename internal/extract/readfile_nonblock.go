//go:build linux && (amd64 || arm64)

package extract

// openFlags is O_NONBLOCK, which package os does not name (package syscall may not be
// imported here: TestNoNetworkOrExecImports); TestOpenFlags checks the value.
const openFlags = 0x800
