package report

import (
	"path/filepath"
	"slices"
	"strings"
)

// The formats read against a repository checkout, SARIF (code scanning) and GitHub
// annotations, name files relative to the root of the repository, whatever directory
// the linter ran in: run from a subfolder, or given ../x.json, their paths would name
// files GitHub cannot find. Their fingerprints use the same paths, so an alert keeps
// its identity whichever directory the run started from.
var rootRelative = map[string]bool{"sarif": true, "github": true}

// relocate returns r with every file path made relative to root (an absolute
// directory), with forward slashes. A file outside root keeps its absolute path. The
// findings are copied: the caller's are left as they are.
func relocate(r Report, root string) Report {
	out := r
	out.Findings = slices.Clone(r.Findings)
	for i := range out.Findings {
		f := &out.Findings[i]
		f.Location.File = underRoot(root, f.Location.File)
		if len(f.Related) > 0 {
			f.Related = slices.Clone(f.Related)
			for j := range f.Related {
				f.Related[j].File = underRoot(root, f.Related[j].File)
			}
		}
	}
	return out
}

func underRoot(root, file string) string {
	if file == "" {
		return file
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return file
	}
	if rel, ok := inside(root, abs); ok {
		return rel
	}
	// The root is given with its symbolic links resolved; the file may have been
	// reached through one (a working directory under /tmp on macOS, say).
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		if rel, ok := inside(root, real); ok {
			return rel
		}
	}
	return abs
}

func inside(root, abs string) (string, bool) {
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// rootURI is the file: URI of the root directory, ending in a slash as SARIF's
// originalUriBaseIds require.
func rootURI(root string) string {
	uri, _ := artifactURI(root)
	return strings.TrimSuffix(uri, "/") + "/"
}
