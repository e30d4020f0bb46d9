//go:build !unix

package extract

import "os"

// openRead reads the regular file at path, of size bytes when its caller stated it.
func openRead(path string, size, maxSize int64) ([]byte, error) {
	f, err := os.Open(path) //nolint:gosec // see ReadFileStat
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, size, maxSize)
}
