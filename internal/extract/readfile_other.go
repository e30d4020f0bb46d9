//go:build !(linux && (amd64 || arm64))

package extract

// openFlags: no flag beyond os.O_RDONLY where O_NONBLOCK's value is not checked.
const openFlags = 0
