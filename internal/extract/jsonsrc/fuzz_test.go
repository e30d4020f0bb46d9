package jsonsrc

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// FuzzParse: any bytes either parse into valid JSON (but for raw control characters in
// strings, which ARM reads) whose every value is located inside the file, and whose
// every container Source.ForEach reads as gjson does, or fail with a SourceError
// located inside the file; never a panic. UTF-16 input is read as its UTF-8 decoding.
func FuzzParse(f *testing.F) {
	for _, pat := range []string{"../../../testdata/corpus/*.json", "../../../testdata/arm/*/*.json"} {
		paths, _ := filepath.Glob(pat)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{"", "\xEF\xBB\xBF{}", "{/* é */ \"a\": [1,],}", "{\"a\": \"\\\"[\"}", "[[[", "{} {}", "\xff",
		"{\"a\": \"[concat('x',\n\t'y')]\", \"b\": \"l1\r\nl2\\n\\u00e9\"}", "{\"Resources\": [], \"resources\": 1}"} {
		f.Add([]byte(s))
	}
	for _, s := range []string{"{\"a\": \"é\\n\n😀\"}", "[1,\n 2]"} {
		f.Add(utf16Bytes(s, false))
		f.Add(utf16Bytes(s, true))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, root, err := Parse("f.json", data)
		if dec, derr := Decode(data); derr == nil {
			data = dec
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		if err != nil {
			var se *netdoc.SourceError
			if !errors.As(err, &se) || se.Line < 1 || se.Line > lines || se.Column < 1 {
				t.Fatalf("error %v (%T) is not located in the file (%d lines)", err, err, lines)
			}
			return
		}
		valid := s.JSON
		if b, ok := blankControls(s.JSON); ok {
			valid = b
		}
		if !gjson.ValidBytes(valid) || len(s.JSON) != len(data) {
			t.Fatalf("accepted JSON that gjson refuses or changed offsets: %q", s.JSON)
		}
		if want := blanked(data); !bytes.Equal(s.JSON, want) {
			t.Fatalf("read %q, want jsonc's %q", s.JSON, want)
		}
		var walk func(r gjson.Result, depth int)
		walk = func(r gjson.Result, depth int) {
			if depth > MaxDepth {
				t.Fatalf("value nested %d deep accepted: %.80q", depth, r.Raw)
			}
			if loc := s.Loc(r); !loc.IsZero() && (loc.Line < 1 || loc.Line > lines || loc.EndLine < loc.Line) {
				t.Fatalf("value %q located at %+v outside the file", r.Raw, loc)
			}
			if !r.IsArray() && !r.IsObject() {
				return // ForEach would visit a scalar itself
			}
			if diff := forEachDiff(s, r); diff != "" {
				t.Fatal(diff)
			}
			r.ForEach(func(_, v gjson.Result) bool {
				walk(v, depth+1)
				return true
			})
		}
		walk(root, 0)
	})
}
