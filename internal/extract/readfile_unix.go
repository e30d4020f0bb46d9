//go:build unix

package extract

import (
	"io"
	"io/fs"
	"syscall"
)

// openRead reads the regular file at path, of size bytes when its caller stated it,
// through the file descriptor itself: os.Open also sets and clears O_NONBLOCK and
// offers the descriptor to the network poller (four fcntl and an epoll_ctl that
// fails for a regular file), and its caller made one more fstat; those are most of
// a small file's system calls (strace of a run on bench/gen files), and system calls
// are a sixth of reading one (BenchmarkReadDir's CPU profile). O_NONBLOCK: a file
// replaced by a named pipe after the caller's stat is read as empty, not waited on.
func openRead(path string, size, maxSize int64) ([]byte, error) {
	var fd int
	err := retryEINTR(func() (err error) {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd) //nolint:errcheck // read only: nothing is lost on close
	data, err := readAll(fdReader(fd), size, maxSize)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = path
	}
	return data, err
}

// fdReader reads a file descriptor as os.File.Read does: a read of 0 bytes is the end,
// an error is an *fs.PathError (its Path set by openRead).
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	err := retryEINTR(func() (err error) {
		n, err = syscall.Read(int(fd), p)
		return err
	})
	switch {
	case err != nil:
		return 0, &fs.PathError{Op: "read", Err: err}
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

// retryEINTR calls f until it is not interrupted by a signal, as package os does.
func retryEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
