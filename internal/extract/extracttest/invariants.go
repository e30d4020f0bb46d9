// Package extracttest holds the checks every extractor's tests and fuzz targets run on
// what it extracts: the contract between a network document, its location table and
// the source files.
package extracttest

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// T is the part of testing.TB the checks use.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// Extraction is one run of an extractor.
type Extraction struct {
	Doc  *netdoc.Document
	Locs netdoc.Locations
}

// CheckInvariants verifies an extraction:
//   - keys are unique per kind of resource;
//   - every defaulted pointer names a value of the document and has no stated
//     source of its own;
//   - every unresolved pointer names no scalar value, names its expression, and
//     resolves to a location (its own or its nearest located parent);
//   - every located pointer names a value, an unresolved entry or a part of one;
//   - every location (related ones included) lies inside its file: source returns
//     the bytes of each file the extractor was given (a location in another file is
//     an error);
//   - a second run (again) gives the same document and locations.
func CheckInvariants(t T, got Extraction, source func(name string) ([]byte, bool), again func() Extraction) {
	t.Helper()
	raw, err := json.Marshal(got.Doc)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	checkKeys(t, got.Doc)
	unresolved := map[string]bool{}
	for _, u := range got.Doc.Unresolved {
		unresolved[u.Pointer] = true
		if u.Pointer == "" {
			continue
		}
		if v, ok := Lookup(tree, u.Pointer); ok && isScalar(v) && v != "" {
			// (a list or object may be partly known: a copy loop with an unknown count)
			t.Errorf("unresolved %s also has a value in the document: %v", u.Pointer, v)
		}
		if u.Expression == "" {
			t.Errorf("unresolved %s names no expression", u.Pointer)
		}
		if _, ok := got.Locs.Resolve(u.Pointer); !ok {
			t.Errorf("unresolved %s does not resolve to a location", u.Pointer)
		}
	}
	for _, p := range got.Doc.Defaulted {
		if _, ok := Lookup(tree, p); !ok {
			t.Errorf("defaulted %s names no value", p)
		}
		if _, ok := got.Locs[p]; ok {
			t.Errorf("defaulted %s has a location of its own", p)
		}
		if _, ok := got.Locs.Resolve(p); !ok {
			t.Errorf("defaulted %s does not resolve to a location", p)
		}
	}
	files := fileCache{source: source, files: map[string]*file{}}
	for p, l := range got.Locs {
		if _, ok := Lookup(tree, p); !ok && !underUnresolved(p, unresolved) {
			t.Errorf("located pointer %s names nothing", p)
		}
		checkLocation(t, p, l.Location, files)
		for _, r := range l.Related {
			checkLocation(t, p+" (related)", r.Location, files)
		}
	}
	if again != nil {
		second := again()
		raw2, err := json.Marshal(second.Doc)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if !bytes.Equal(raw, raw2) {
			t.Errorf("a second extraction gives another document")
		}
		l1, _ := json.Marshal(got.Locs)
		l2, _ := json.Marshal(second.Locs)
		if !bytes.Equal(l1, l2) {
			t.Errorf("a second extraction gives other locations")
		}
	}
}

func checkKeys(t T, doc *netdoc.Document) {
	t.Helper()
	seen := map[string]bool{}
	uniq := func(kind, key string) {
		if seen[kind+"\x00"+key] {
			t.Errorf("duplicate %s key %q", kind, key)
		}
		seen[kind+"\x00"+key] = true
	}
	for _, c := range doc.Clusters {
		uniq("cluster", c.Key)
	}
	for _, v := range doc.VirtualNetworks {
		uniq("vnet", v.Key)
	}
	for _, s := range doc.Subnets {
		uniq("subnet", s.Key)
	}
	for _, r := range doc.RouteTables {
		uniq("route table", r.Key)
	}
	for _, n := range doc.NetworkSecurityGroups {
		uniq("nsg", n.Key)
	}
}

// file is a source's lines, for checking spans.
type file struct {
	lines [][]byte
}

func newFile(src []byte) *file {
	return &file{lines: bytes.Split(src, []byte("\n"))}
}

// width is the number of code points of line n (1-based), without a trailing \r.
func (f *file) width(n int) int {
	return utf8.RuneCount(bytes.TrimSuffix(f.lines[n-1], []byte("\r")))
}

// Files is a source function over a fixed set of files.
func Files(m map[string][]byte) func(string) ([]byte, bool) {
	return func(name string) ([]byte, bool) {
		b, ok := m[name]
		return b, ok
	}
}

type fileCache struct {
	source func(string) ([]byte, bool)
	files  map[string]*file
}

func (c fileCache) get(name string) (*file, bool) {
	if f, ok := c.files[name]; ok {
		return f, f != nil
	}
	src, ok := c.source(name)
	var f *file
	if ok {
		f = newFile(src)
	}
	c.files[name] = f
	return f, ok
}

func checkLocation(t T, p string, l netdoc.Location, files fileCache) {
	t.Helper()
	if l.IsZero() {
		return
	}
	f, ok := files.get(l.File)
	if !ok {
		t.Errorf("%s is located in %q, a file the extractor was not given", p, l.File)
		return
	}
	if l.Line < 1 || l.Line > len(f.lines) || l.Column < 1 || l.Column > f.width(l.Line)+1 {
		t.Errorf("%s: %d:%d is outside %s", p, l.Line, l.Column, l.File)
		return
	}
	if l.EndLine == 0 && l.EndColumn == 0 {
		return
	}
	if l.EndLine < l.Line || l.EndLine > len(f.lines) || l.EndColumn < 1 || l.EndColumn > f.width(l.EndLine)+1 ||
		(l.EndLine == l.Line && l.EndColumn < l.Column) {
		t.Errorf("%s: span %d:%d-%d:%d is outside %s or reversed", p, l.Line, l.Column, l.EndLine, l.EndColumn, l.File)
	}
}

// Lookup returns the value at JSON pointer p of a decoded JSON tree.
func Lookup(tree any, p string) (any, bool) {
	if p == "" {
		return tree, true
	}
	cur := tree
	for _, seg := range strings.Split(p[1:], "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch n := cur.(type) {
		case map[string]any:
			v, ok := n[seg]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n) {
				return nil, false
			}
			cur = n[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

// underUnresolved reports whether p is an unresolved pointer or lies under one.
func underUnresolved(p string, unresolved map[string]bool) bool {
	for q := p; ; {
		if unresolved[q] {
			return true
		}
		i := strings.LastIndexByte(q, '/')
		if i < 0 {
			return false
		}
		q = q[:i]
	}
}
