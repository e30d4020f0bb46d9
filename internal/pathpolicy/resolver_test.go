package pathpolicy

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// resolverTree is tree with more for a cache to get wrong: a directory reached
// through a symbolic link (inside and out of the root), a link loop, a file used as a
// directory, a link to a file used as a directory, links of the final name in a
// directory already resolved, and .git reached through a link.
func resolverTree(t *testing.T) (root, outside string) {
	t.Helper()
	root, outside = tree(t)
	write(t, filepath.Join(root, "infra", "modules", "sub", "nsg.bicep"), "x")
	write(t, filepath.Join(outside, "mods", "secret.bicep"), "x")
	symlink(t, "modules", filepath.Join(root, "infra", "linked"))                       // a directory inside
	symlink(t, filepath.Join(outside, "mods"), filepath.Join(root, "infra", "outmods")) // a directory outside
	symlink(t, "loop", filepath.Join(root, "infra", "loop"))
	symlink(t, "main.json", filepath.Join(root, "infra", "file-link"))
	symlink(t, "../../../outside/secret.json", filepath.Join(root, "infra", "modules", "escape.json"))
	symlink(t, "vnet.json", filepath.Join(root, "infra", "modules", "alias.json"))
	symlink(t, "../.git", filepath.Join(root, "infra", "git"))
	symlink(t, "missing-target", filepath.Join(root, "infra", "modules", "dangling.json"))
	return root, outside
}

// TestResolverMatchesResolve: a Resolver admits and refuses every reference as
// Root.Resolve does, with the same message and path, whatever it resolved before:
// each order of the references starts from an empty cache, and an admitted file's
// info is its Stat.
func TestResolverMatchesResolve(t *testing.T) {
	root, outside := resolverTree(t)
	r, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	from := filepath.Join(root, "infra", "main.json")
	refs := []string{
		"modules/vnet.json",
		"modules/alias.json",        // a link in a resolved directory, to a sibling
		"modules/escape.json",       // a link out of the root, after cached siblings
		"modules/dangling.json",     // a link to nothing
		"modules/sub/nsg.bicep",     // a subdirectory
		"linked/vnet.json",          // a directory reached through a link
		"linked/escape.json",        // ... and a link out of the root in it
		"linked/sub/nsg.bicep",      //
		"linked/missing.json",       //
		"outmods/secret.bicep",      // a directory linked out of the root
		"outdir/secret.json",        //
		"loop/x.bicep",              // a link loop as a directory
		"main.json/x.bicep",         // a file as a directory
		"file-link/x.bicep",         // a link to a file as a directory
		"missing/x.bicep",           // a missing directory
		"missing/deeper/x.bicep",    //
		"git/config",                // .git through a link
		"../.git/config",            //
		"../../outside/secret.json", //
		"modules/../../shared/common.json",
		"modules/sub/../vnet.json",
		"pipe.json",
		"dir.json",
		"environ",
		"in.json",
		"out.json",
		"modules",
		".",
		"..",
		"modules/",
		"",
		"/etc/passwd",
		`modules\vnet.json`,
	}
	check := func(t *testing.T, order []string) {
		t.Helper()
		v := r.Resolver()
		for _, ref := range order {
			wantPath, wantErr := r.Resolve(from, ref)
			gotPath, info, gotErr := v.Resolve(from, ref)
			if gotPath != wantPath || errText(gotErr) != errText(wantErr) {
				t.Errorf("%q: resolver %q, %v; Resolve %q, %v", ref, gotPath, gotErr, wantPath, wantErr)
				continue
			}
			if gotErr != nil {
				if info != nil {
					t.Errorf("%q: refused with info %v", ref, info.Name())
				}
				continue
			}
			st, err := os.Stat(gotPath)
			if err != nil || info == nil || !os.SameFile(st, info) || !info.Mode().IsRegular() {
				t.Errorf("%q: info %v, want the Stat of %s (%v)", ref, info, gotPath, err)
			}
		}
	}
	t.Run("forward", func(t *testing.T) { check(t, refs) })
	rev := slices.Clone(refs)
	slices.Reverse(rev)
	t.Run("reverse", func(t *testing.T) { check(t, rev) })
	t.Run("twice", func(t *testing.T) { check(t, append(slices.Clone(refs), refs...)) })
	// The refusals the cached path must still make, by name.
	v := r.Resolver()
	for ref, why := range map[string]string{
		"modules/vnet.json":    "",
		"modules/escape.json":  "symbolic link out of the root",
		"linked/vnet.json":     "",
		"linked/escape.json":   "symbolic link out of the root",
		"outmods/secret.bicep": "symbolic link out of the root",
		"git/config":           "inside .git",
		"main.json/x.bicep":    "not a directory",
		"loop/x.bicep":         "too many links",
		"missing/x.bicep":      "does not exist",
		"pipe.json":            "named pipe",
	} {
		_, _, err := v.Resolve(from, ref)
		if why == "" && err != nil || why != "" && (err == nil || !strings.Contains(err.Error(), why)) {
			t.Errorf("%q: %v, want %q", ref, err, why)
		}
	}
	_ = outside
}

// TestResolverChangedLink: a link replaced after its directory was resolved is
// looked up again: only directories are remembered, never a final name.
func TestResolverChangedLink(t *testing.T) {
	root, outside := resolverTree(t)
	r, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	v := r.Resolver()
	from := filepath.Join(root, "infra", "main.json")
	if _, _, err := v.Resolve(from, "modules/alias.json"); err != nil {
		t.Fatal(err)
	}
	alias := filepath.Join(root, "infra", "modules", "alias.json")
	if err := os.Remove(alias); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(outside, "secret.json"), alias)
	if _, _, err := v.Resolve(from, "modules/alias.json"); err == nil || !strings.Contains(err.Error(), "symbolic link out of the root") {
		t.Fatalf("a link replaced to point out of the root: %v", err)
	}
}

// TestResolverBounded: past maxDirs directories, a Resolver remembers no more and
// still resolves each.
func TestResolverBounded(t *testing.T) {
	root, _ := tree(t)
	r, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	v := r.Resolver()
	from := filepath.Join(root, "main.json")
	for i := range maxDirs + 10 {
		_, _, err := v.Resolve(from, filepath.Join("d", string(rune('a'+i%26)), "n"+strconv.Itoa(i), "x.json"))
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Fatalf("%d: %v", i, err)
		}
	}
	if len(v.dirs) != maxDirs {
		t.Fatalf("%d directories remembered, want %d", len(v.dirs), maxDirs)
	}
	if _, _, err := v.Resolve(from, "infra/modules/vnet.json"); err != nil {
		t.Fatalf("past the bound: %v", err)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestResolverDeepAndRelative: a directory deeper than maxDirDepth below what the
// Resolver knows, a link at its bottom, and references from a file named relative
// to the working directory resolve as Root.Resolve resolves them.
func TestResolverDeepAndRelative(t *testing.T) {
	root, _ := resolverTree(t)
	parts := []string{"infra"}
	for i := range maxDirDepth + 6 {
		parts = append(parts, "d"+strconv.Itoa(i))
	}
	deep := filepath.Join(append([]string{root}, parts...)...)
	write(t, filepath.Join(deep, "x.bicep"), "x")
	symlink(t, filepath.Join(root, "infra", "modules"), filepath.Join(deep, "up"))
	symlink(t, filepath.Join(root, "..", "outside"), filepath.Join(deep, "out"))
	r, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	rel := filepath.Join(parts...)
	for _, from := range []string{filepath.Join("infra", "main.json"), filepath.Join(rel, "x.bicep")} {
		v := r.Resolver()
		for _, ref := range []string{
			filepath.ToSlash(filepath.Join(parts[1:]...)) + "/x.bicep",
			filepath.ToSlash(filepath.Join(parts[1:]...)) + "/up/vnet.json",
			filepath.ToSlash(filepath.Join(parts[1:]...)) + "/out/secret.json",
			"x.bicep", "up/vnet.json", "up/escape.json", "out/secret.json", "up/../x.bicep",
			"modules/vnet.json", "missing.json",
		} {
			wantPath, wantErr := r.Resolve(from, ref)
			gotPath, _, gotErr := v.Resolve(from, ref)
			if gotPath != wantPath || errText(gotErr) != errText(wantErr) {
				t.Errorf("from %s, %q: resolver %q, %v; Resolve %q, %v", from, ref, gotPath, gotErr, wantPath, wantErr)
			}
		}
	}
}
