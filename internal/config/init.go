package config

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
)

// Starter is the commented configuration `aksnet-lint init` writes: every setting is
// commented out ("#key:" lines), so the file changes nothing until edited.
//
//go:embed init.yaml
var Starter []byte

// ErrExists is returned by WriteStarter when the file is already there.
var ErrExists = errors.New("already exists")

// WriteStarter writes Starter to path. An existing file is kept unless force: the
// check and the creation are one step (O_EXCL), so a file is never half-overwritten.
func WriteStarter(path string, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644) //nolint:gosec // the user names the file to write
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s %w (use --force to overwrite it)", path, ErrExists)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(Starter); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
