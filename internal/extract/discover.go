// Package extract finds the input files, classifies them by content, and runs the
// extractor of their kind to produce network documents.
package extract

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
)

// DefaultMaxFileSize is the largest file read (bytes); larger files are reported, not read.
const DefaultMaxFileSize = 10 << 20

// Candidate is a file to lint. Explicit is true when the user named it: then a file that
// is not an input aksnet-lint understands is reported instead of skipped.
type Candidate struct {
	Path     string
	Explicit bool
}

// DiscoverOptions configure Discover.
type DiscoverOptions struct {
	// Exclude are doublestar globs matched against slash paths as walked ("infra/**/old").
	Exclude []string
	// Filter, when set, decides which paths are excluded and included instead of
	// Exclude (the configuration, whose globs are relative to its own directory).
	Filter Filter
}

// Filter selects the files to lint.
type Filter interface {
	// Excluded reports whether a file or directory, walked or named, is left out.
	Excluded(path string) bool
	// Included reports whether a file found by a walk is linted (named files always are).
	Included(path string) bool
}

// globFilter is the Filter of DiscoverOptions.Exclude.
type globFilter []string

func (g globFilter) Excluded(path string) bool { return excluded(g, filepath.ToSlash(path)) }
func (globFilter) Included(string) bool        { return true }

// skipDirs are never entered by a walk.
var skipDirs = map[string]bool{".git": true, "node_modules": true, ".terraform": true}

// Discover expands paths (files and directories) into candidates, in walk order.
// Symbolic links are not followed; problems are returned beside the candidates.
func Discover(paths []string, opt DiscoverOptions) ([]Candidate, []error) {
	var out []Candidate
	var errs []error
	filter := opt.Filter
	if filter == nil {
		filter = globFilter(opt.Exclude)
	}
	for _, root := range paths {
		info, err := os.Lstat(root)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !info.IsDir() {
			if filter.Excluded(root) {
				continue
			}
			out = append(out, Candidate{Path: root, Explicit: true})
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			if d.IsDir() {
				if path != root && (skipDirs[d.Name()] || filter.Excluded(path)) {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || filter.Excluded(path) || !filter.Included(path) {
				return nil // symlinks and devices are not followed
			}
			// The extensions of the input kinds (kinds.go); other files only when named,
			// or when they have no extension and start with a shell shebang.
			if _, ok := kindOf(path); ok || (filepath.Ext(path) == "" && hasShellShebang(path)) {
				out = append(out, Candidate{Path: path})
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return out, errs
}

// Unlintable reports whether a file named on the command line is one that a directory
// walk skips silently and that cannot be linted: a JSON file that is neither a deployment
// template nor a parameter file (package.json), or a parameter file with no template of
// its name beside it (main.parameters.json of a main.bicep; p is the file's pairing).
// Malformed JSON is not: it is reported whether walked or named. Hooks that name every
// *.json file use it.
func Unlintable(path string, data []byte, p Pairing) bool {
	if !isJSONName(path) {
		return false
	}
	src, root, err := jsonsrc.Parse(path, data)
	if err != nil {
		return false
	}
	switch classifyJSON(src, root) {
	case ClassOther:
		return true
	case ClassParameters:
		return p.Template.Path == ""
	default:
		return false
	}
}

func excluded(globs []string, path string) bool {
	path = strings.TrimPrefix(path, "./")
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, path); ok {
			return true
		}
	}
	return false
}

// hasShellShebang reports whether a file starts with a POSIX shell shebang.
func hasShellShebang(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	return isShellShebang(head[:n])
}

func isShellShebang(head []byte) bool {
	return shellShebang(head) != ""
}

// shellShells are the interpreters whose scripts are read (zsh in its own dialect).
var shellShells = map[string]bool{"sh": true, "bash": true, "zsh": true, "ksh": true, "dash": true}

// shellShebang names the shell of a "#!/bin/zsh" or "#!/usr/bin/env zsh" line when it
// is one of shellShells, else "".
func shellShebang(head []byte) string {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	rest, ok := bytes.CutPrefix(line, []byte("#!"))
	if !ok {
		return ""
	}
	fields := strings.Fields(string(rest))
	if len(fields) == 0 {
		return ""
	}
	prog := fields[0][strings.LastIndexByte(fields[0], '/')+1:]
	if prog == "env" {
		prog = ""
		for _, f := range fields[1:] {
			if !strings.HasPrefix(f, "-") && !strings.Contains(f, "=") {
				prog = f[strings.LastIndexByte(f, '/')+1:]
				break
			}
		}
	}
	if shellShells[prog] {
		return prog
	}
	return ""
}

// ReadFile reads a candidate, refusing files over maxSize.
func ReadFile(path string, maxSize int64) ([]byte, error) {
	return ReadFileStat(path, nil, maxSize)
}

// ReadFileStat is ReadFile with info, when not nil, the result of the os.Stat of path
// its caller made just before (the run's worker, for the file's time budget): it is
// not made again (a system call of each file's few, and they are a sixth of reading
// a small file on a virtual machine, BenchmarkReadDir's CPU profile).
func ReadFileStat(path string, info fs.FileInfo, maxSize int64) ([]byte, error) {
	// Checked before opening: opening a named pipe blocks until a writer comes.
	// path was named by the user, walked without following links, or admitted by the
	// path policy (internal/pathpolicy) when a file named it.
	if info == nil {
		var err error
		if info, err = os.Stat(path); err != nil { //nolint:gosec // see above
			return nil, err
		}
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", info.Mode().Type())
	}
	// Refused before opening, from the one stat: a directory, or a file over the
	// limit. A file that changes after it is read on as it is (see readAll).
	if info.IsDir() {
		return nil, fmt.Errorf("is a directory")
	}
	if info.Size() > maxSize {
		return nil, fmt.Errorf("file too large (%d bytes; the limit is %d)", info.Size(), maxSize)
	}
	return openRead(path, info.Size(), maxSize)
}

// readAll reads f, of size bytes when it was opened, into one buffer of that size:
// io.ReadAll starts at 512 bytes and doubles, copying a large template a dozen times.
// A file that grows meanwhile is read on, and refused past maxSize.
func readAll(f io.Reader, size, maxSize int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, maxSize)+1) // +1: the end is seen without growing
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		end := cap(buf)
		if room := maxSize + 1 - int64(len(buf)); int64(end-len(buf)) > room {
			end = len(buf) + int(room) // never more than one byte past the limit
		}
		n, err := f.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > maxSize {
			return nil, fmt.Errorf("file too large (it grew past the limit of %d bytes while being read)", maxSize)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
