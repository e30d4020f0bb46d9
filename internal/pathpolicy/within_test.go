package pathpolicy

import (
	"path/filepath"
	"strings"
	"testing"
)

// withinRel and inGitDirRel are within and inGitDir by filepath.Rel alone, as they
// were before the comparison of clean paths as text.
func withinRel(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func inGitDirRel(root, real string) bool {
	rel, err := filepath.Rel(root, real)
	if err != nil {
		return false
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if part == ".git" {
			return true
		}
	}
	return false
}

// TestWithinMatchesRel: within, inGitDir and cleanSlash agree with filepath on
// every pair of a set of paths, clean or not, that share prefixes in the ways a
// text comparison could get wrong ("/a/b" and "/a/bc", "/a/..b", trailing slashes).
func TestWithinMatchesRel(t *testing.T) {
	paths := []string{
		"/", "/a", "/a/", "/a/b", "/a/bc", "/a/b/c", "/a/b/.git", "/a/b/.git/config", "/a/.git",
		"/a/..b", "/a/..b/c", "/a/b/..", "/a/./b", "/a//b", "/ab", "/a/b/.gitx", "/.git/x",
		"/proc", "/proc/self/environ", "/procx", "/sys/x", "/dev", "a", "a/b", "", ".", "..",
		"/a/b/c/../.git", "/a/b/.", "//a",
	}
	for _, p := range paths {
		if got, want := cleanSlash(p), filepath.IsAbs(p) && filepath.Clean(p) == p; got != want {
			t.Errorf("cleanSlash(%q) = %v, want %v", p, got, want)
		}
		for _, d := range paths {
			if got, want := within(d, p), withinRel(d, p); got != want {
				t.Errorf("within(%q, %q) = %v, want %v", d, p, got, want)
			}
			if got, want := inGitDir(d, p), inGitDirRel(d, p); got != want {
				t.Errorf("inGitDir(%q, %q) = %v, want %v", d, p, got, want)
			}
		}
	}
}
