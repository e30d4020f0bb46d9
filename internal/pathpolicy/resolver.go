package pathpolicy

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Bounds of a Resolver's memory: past maxDirs directories it remembers no more, and
// a directory deeper than maxDirDepth below the nearest one it knows is resolved
// whole; either way it is resolved as Root.Check does.
const (
	maxDirs     = 1024
	maxDirDepth = 64
)

// Resolver is a Root for one read of a project (a Bicep file and its modules): it
// resolves the symbolic links of each directory once, from its parent's resolution,
// and then looks up only the final name of a path in the directory's real location,
// where Root.Check resolves every component of every path again (an lstat a
// component, and two stats to find the working directory: BenchmarkCorpusPairs
// reads over a hundred modules from a few directories). It admits and refuses
// exactly what Root.Check does, with the same messages: a component that is a
// symbolic link is resolved by filepath.EvalSymlinks of the whole path up to it, as
// the walk of the whole path meets it. The file system and the working directory
// are taken not to change during the read (Root.Check itself does not hold off a
// change between its check and the open). Not safe for concurrent use.
type Resolver struct {
	root Root
	wd   string // the working directory, once a relative path needed it
	dirs map[string]resolvedDir
}

// resolvedDir is filepath.EvalSymlinks of a directory: where it is, or why it cannot
// be resolved.
type resolvedDir struct {
	real string
	err  error
}

// Resolver makes a Resolver of r.
func (r Root) Resolver() *Resolver {
	v := &Resolver{root: r}
	if r.real != "" {
		v.dirs = map[string]resolvedDir{r.dir: {real: r.real}} // New resolved it
	}
	return v
}

// Resolve is Root.Resolve, with the Lstat of the file admitted (nil when refused):
// a regular file, whose size its reader can take without a stat of its own.
func (v *Resolver) Resolve(fromFile, ref string) (string, fs.FileInfo, error) {
	return v.root.resolve(fromFile, ref, v)
}

// Check is Root.Check, with the Lstat of the file admitted.
func (v *Resolver) Check(path string) (fs.FileInfo, *Error) {
	return v.root.check(path, v)
}

// abs is filepath.Abs, with the working directory found once where that is all
// filepath.Abs does with a relative path (Windows has drive-relative paths).
func (v *Resolver) abs(path string) (string, error) {
	if v == nil || filepath.Separator != '/' || filepath.IsAbs(path) {
		return filepath.Abs(path)
	}
	if v.wd == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		v.wd = wd
	}
	return filepath.Join(v.wd, path), nil
}

// plain tells whether the walk of path is that of its directory then its final
// name: a clean absolute path below /, where filepath.EvalSymlinks is the walk
// alone (Windows normalizes names after it).
func plain(dir, name, path string) bool {
	return filepath.Separator == '/' && dir != path && name != "." && name != ".." && name != "/" && name != ""
}

// evalSymlinks is filepath.EvalSymlinks of abs (absolute and clean), with the
// Lstat of the result when v looked it up (nil otherwise). On a nil v it is
// filepath.EvalSymlinks itself.
func (v *Resolver) evalSymlinks(abs string) (string, fs.FileInfo, error) {
	dir, name := filepath.Dir(abs), filepath.Base(abs)
	if v == nil || !plain(dir, name, abs) {
		real, err := filepath.EvalSymlinks(abs)
		return real, nil, err
	}
	real, info, err := v.step(dir, name, abs, 0)
	return real, info, err
}

// step is what the walk of path does at its final component name, in dir: the
// directory resolved (an error there is the walk's, which meets the same components
// in the same order), then an Lstat in its real location (which, when that is not a
// directory, fails as the walk would), and a symbolic link followed by the walk of
// the whole path, which counts its links as the walk does.
func (v *Resolver) step(dir, name, path string, depth int) (string, fs.FileInfo, error) {
	d := v.realDir(dir, depth+1)
	if d.err != nil {
		return "", nil, d.err
	}
	real := filepath.Join(d.real, name)
	info, err := os.Lstat(real)
	switch {
	case err != nil:
		return "", nil, err
	case info.Mode()&fs.ModeSymlink != 0:
		real, err = filepath.EvalSymlinks(path)
		return real, nil, err
	}
	return real, info, nil
}

// realDir is filepath.EvalSymlinks of dir, remembered.
func (v *Resolver) realDir(dir string, depth int) resolvedDir {
	if d, ok := v.dirs[dir]; ok {
		return d
	}
	var d resolvedDir
	parent, name := filepath.Dir(dir), filepath.Base(dir)
	if depth > maxDirDepth || !plain(parent, name, dir) {
		d.real, d.err = filepath.EvalSymlinks(dir)
	} else {
		d.real, _, d.err = v.step(parent, name, dir, depth)
	}
	if v.dirs == nil {
		v.dirs = make(map[string]resolvedDir, 8)
	}
	if len(v.dirs) < maxDirs {
		v.dirs[dir] = d
	}
	return d
}
