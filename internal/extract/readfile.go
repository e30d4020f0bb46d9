package extract

import "os"

// openRead reads the regular file at path, of size bytes by its caller's stat. The
// stat is not made again after opening (an fstat a file). Opened non-blocking where
// the flag is known (openFlags): os.Open otherwise sets and clears O_NONBLOCK on
// each file, four fcntl calls (strace of a run on bench/gen files; system calls are
// a sixth of reading a small file, BenchmarkReadDir's CPU profile), and a path
// replaced by a named pipe after the stat is then read as empty, not waited on.
func openRead(path string, size, maxSize int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0) //nolint:gosec // see ReadFileStat
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, size, maxSize)
}
