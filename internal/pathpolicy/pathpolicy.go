// Package pathpolicy decides which files the content of a repository may make the
// linter read. A pull request controls every file of the change, the configuration
// included, so a path written in a file (a parameter file named in .aksnet-lint.yaml,
// a linked template's relativePath, a Bicep module, using or load*Content path) is
// read only when it resolves, after ".." and symbolic links, to a regular file inside
// the root: by default the enclosing git work tree. Paths the person running the
// command types (--parameters, --config, --inventory, --policy) are not held to it.
//
// The checks use Lstat and Readlink only: a refused file is never opened, so a named
// pipe cannot block the run and /proc/self/environ is never read.
package pathpolicy

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Root is a directory that paths written in files must resolve inside. The zero Root
// admits nothing.
type Root struct {
	dir  string // absolute and clean, as given
	real string // dir with its symbolic links resolved
}

// New makes the Root of dir (relative paths are taken from the working directory).
func New(dir string) (Root, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Root{}, fmt.Errorf("root %s: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return Root{}, fmt.Errorf("root %s: %w", dir, unwrap(err))
	}
	info, err := os.Stat(real)
	if err != nil {
		return Root{}, fmt.Errorf("root %s: %w", dir, unwrap(err))
	}
	if !info.IsDir() {
		return Root{}, fmt.Errorf("root %s: not a directory", dir)
	}
	return Root{dir: abs, real: real}, nil
}

// Default is the root used without --root: the nearest directory from start upwards
// that holds a .git entry (a directory, or the file of a linked work tree or
// submodule), else start itself, as an absolute path.
func Default(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, nil
		}
		up := filepath.Dir(d)
		if up == d {
			return abs, nil
		}
		d = up
	}
}

// Resolve is Root.Resolve with the Root of root made on the spot, for a caller that
// resolves a few paths: the path of the file ref names, written in fromFile, when it is
// a regular file inside root; else an error (an *Error when ref is refused).
func Resolve(root, fromFile, ref string) (string, error) {
	r, err := New(root)
	if err != nil {
		return "", err
	}
	return r.Resolve(fromFile, ref)
}

// Dir is the root as given to New, absolute (symbolic links not resolved): the
// directory report paths can be made relative to.
func (r Root) Dir() string { return r.dir }

// Error is a refused path: Ref as written, and why it is refused. The caller adds
// where Ref was written.
type Error struct {
	Ref    string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("%q %s", e.Ref, e.Reason) }

// pseudoDirs hold files whose content is made up by the kernel when read (a process's
// environment, memory, devices): never read, whatever the root.
var pseudoDirs = []string{"/proc", "/sys", "/dev"}

// Resolve returns the path of the file ref names, written in fromFile and relative to
// its directory, when it is a regular file inside r; the returned path has fromFile's
// form (relative when fromFile is), for messages, and is safe to open. Otherwise it
// returns an *Error: ref is empty or absolute, uses backslashes, leaves the root
// (through ".." or a symbolic link), is not there, or is not a regular file.
func (r Root) Resolve(fromFile, ref string) (string, error) {
	p, _, err := r.resolve(fromFile, ref, nil)
	return p, err
}

// resolve is Resolve, through dirs when not nil (see Resolver), with the Lstat of
// the file resolved to (nil when refused).
func (r Root) resolve(fromFile, ref string, dirs *Resolver) (string, fs.FileInfo, error) {
	switch {
	case strings.TrimSpace(ref) == "":
		return "", nil, &Error{ref, "is empty"}
	case strings.Contains(ref, `\`):
		return "", nil, &Error{ref, "has a backslash: write paths with forward slashes"}
	case strings.HasPrefix(ref, "/") || filepath.IsAbs(ref) || filepath.VolumeName(ref) != "":
		return "", nil, &Error{ref, "is an absolute path: write it relative to " + filepath.Base(fromFile)}
	}
	p := filepath.Join(filepath.Dir(fromFile), filepath.FromSlash(ref))
	info, err := r.check(p, dirs)
	if err != nil {
		err.Ref = ref
		return "", nil, err
	}
	return p, info, nil
}

// Check tells whether path (absolute, or from the working directory) is a regular
// file inside r, after symbolic links; nil when it is. It never opens path.
func (r Root) Check(path string) *Error {
	_, err := r.check(path, nil)
	return err
}

// check is Check, through dirs when not nil (see Resolver), with the Lstat of the
// file path resolves to when it is admitted.
func (r Root) check(path string, dirs *Resolver) (fs.FileInfo, *Error) {
	if r.real == "" {
		return nil, &Error{path, "cannot be read: no root is set"}
	}
	abs, err := dirs.abs(path)
	if err != nil {
		return nil, &Error{path, err.Error()}
	}
	if !within(r.dir, abs) && !within(r.real, abs) {
		return nil, &Error{path, "is outside the root (--root); files there are not read"}
	}
	real, info, err := dirs.evalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{path, "does not exist"}
		}
		return nil, &Error{path, "cannot be resolved: " + unwrap(err).Error()}
	}
	if isPseudo(real) {
		return nil, &Error{path, "is a system file; it is never read"}
	}
	if !within(r.real, real) {
		return nil, &Error{path, "is a symbolic link out of the root (--root); it is not followed"}
	}
	if inGitDir(r.real, real) {
		return nil, &Error{path, "is inside .git, which holds the checkout's credentials; it is never read"}
	}
	if info == nil {
		if info, err = os.Lstat(real); err != nil {
			return nil, &Error{path, "cannot be read: " + unwrap(err).Error()}
		}
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{path, "is not a regular file (" + kind(info.Mode()) + ")"}
	}
	return info, nil
}

// Admit checks a path given to lint, a file or a directory to walk. Written inside the
// root, it must stay inside after symbolic links and be a regular file or a directory
// (its walk follows no link): a hook or a workflow names paths of the pull request,
// whose links are its content. Written outside the root, it was typed by the person
// running the command and is admitted as it is. Nil when admitted; nothing is opened.
func (r Root) Admit(path string) *Error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return &Error{path, err.Error()}
	}
	if r.real == "" || !within(r.dir, abs) && !within(r.real, abs) {
		return nil
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil //nolint:nilerr // missing or unreadable: reported as such when it is read
	}
	if isPseudo(real) {
		return &Error{path, "is a system file; it is never read"}
	}
	if !within(r.real, real) {
		return &Error{path, "is a symbolic link out of the root (--root); it is not followed"}
	}
	if info, err := os.Lstat(real); err == nil && !info.IsDir() && !info.Mode().IsRegular() {
		return &Error{path, "is not a regular file (" + kind(info.Mode()) + ")"}
	}
	return nil
}

// Contains tells whether path is a regular file inside r (see Check): the files a
// report may quote.
func (r Root) Contains(path string) bool { return r.Check(path) == nil }

// ReadFile reads path when it is a regular file inside r and not over maxSize bytes:
// the reader for reports, which quote only files of the root.
func (r Root) ReadFile(path string, maxSize int64) ([]byte, error) {
	if err := r.Check(path); err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(real)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() { // replaced since Check
		return nil, &Error{path, "is not a regular file (" + kind(info.Mode()) + ")"}
	}
	if info.Size() > maxSize {
		return nil, fmt.Errorf("%s: file too large (%d bytes; the limit is %d)", path, info.Size(), maxSize)
	}
	buf := make([]byte, info.Size())
	n, err := io.ReadFull(f, buf)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil // shrank since its size was read
	}
	return buf[:n], err
}

// within tells whether path is dir or below it; both absolute and clean. Slash
// paths that are (every caller's, checked) are compared as text: filepath.Rel
// cleans both and allocates its result, several times a file checked
// (BenchmarkCorpusPairs).
func within(dir, path string) bool {
	if cleanSlash(dir) && cleanSlash(path) {
		return path == dir || dir == "/" || len(path) > len(dir) && path[len(dir)] == '/' && path[:len(dir)] == dir
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// cleanSlash tells whether p is an absolute path that filepath.Clean leaves as it
// is, where the separator is a slash: no empty, "." or ".." element, no slash at
// the end but that of "/".
func cleanSlash(p string) bool {
	if filepath.Separator != '/' || p == "" || p[0] != '/' {
		return false
	}
	if p == "/" {
		return true
	}
	start := 1
	for i := 1; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		if e := p[start:i]; e == "" || e == "." || e == ".." {
			return false
		}
		start = i + 1
	}
	return true
}

// inGitDir tells whether real, inside root, lies in a .git directory (where
// actions/checkout keeps the job's token unless told not to); a walk never enters one.
func inGitDir(root, real string) bool {
	rel := ""
	if cleanSlash(root) && cleanSlash(real) && within(root, real) {
		rel = strings.TrimPrefix(strings.TrimPrefix(real, root), "/")
	} else {
		var err error
		if rel, err = filepath.Rel(root, real); err != nil {
			return false
		}
	}
	for rel != "" {
		part, rest, _ := strings.Cut(rel, string(filepath.Separator))
		if part == ".git" {
			return true
		}
		rel = rest
	}
	return false
}

func isPseudo(real string) bool {
	if filepath.Separator != '/' {
		return false
	}
	for _, d := range pseudoDirs {
		if within(d, real) {
			return true
		}
	}
	return false
}

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
