package jsonsrc

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tidwall/gjson"
	"github.com/tidwall/jsonc"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

func TestLocations(t *testing.T) {
	src := "{\n  // comment é ü\n  \"ä\": \"x\", \"b\": [1, \"yy\",],\n}"
	s, root, err := Parse("f.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path              string
		line, col, endCol int
	}{
		{"ä", 3, 8, 11},
		{"b", 3, 18, 28},
		{"b.1", 3, 22, 26},
	}
	for _, tt := range tests {
		loc := s.Loc(root.Get(tt.path))
		if loc.Line != tt.line || loc.Column != tt.col || loc.EndColumn != tt.endCol {
			t.Errorf("%s at %d:%d-%d, want %d:%d-%d", tt.path, loc.Line, loc.Column, loc.EndColumn, tt.line, tt.col, tt.endCol)
		}
	}
}

func TestBOMIsTolerated(t *testing.T) {
	s, root, err := Parse("f.json", []byte("\xEF\xBB\xBF{\"a\": 1}"))
	if err != nil {
		t.Fatal(err)
	}
	if loc := s.Loc(root.Get("a")); loc.Line != 1 || loc.Column != 7 {
		t.Errorf("a at %d:%d", loc.Line, loc.Column)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src, msg string
		line, col      int
	}{
		{"empty", "", "empty", 1, 1},
		{"blank", "  \n ", "empty", 1, 1},
		{"truncated", "{\n  \"a\": [1,\n", "unexpected end of file", 3, 1},
		{"bad token", "{\n  \"a\": tru\n}", "invalid character", 2, 11},
		{"trailing data", "{} {}", "unexpected data after", 1, 4},
		{"not utf-8", "{\"a\": \"\xff\"}", "not UTF-8", 1, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse("f.json", []byte(tt.src))
			var se *netdoc.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a SourceError", err)
			}
			if !strings.Contains(se.Msg, tt.msg) || se.Line != tt.line || se.Column != tt.col {
				t.Errorf("got %d:%d %q, want %d:%d containing %q", se.Line, se.Column, se.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestTopLevelError(t *testing.T) {
	for src, want := range map[string]string{"[1]": "an array", "\"s\"": "a string", "3": "a number", "null": "null", "true": "a boolean"} {
		s, root, err := Parse("f.json", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if err := TopLevelError(s, root); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", src, err, want)
		}
	}
	s, root, _ := Parse("f.json", []byte("{}"))
	if err := TopLevelError(s, root); err != nil {
		t.Errorf("object: %v", err)
	}
}

func TestColumnsCountCodePointsOfTheOriginal(t *testing.T) {
	// A multi-byte rune inside a comment must not shift later columns on its line.
	s, root, err := Parse("f.json", []byte("{/* é */ \"a\": 1}"))
	if err != nil {
		t.Fatal(err)
	}
	if loc := s.Loc(root.Get("a")); loc.Column != 15 {
		t.Errorf("a at column %d, want 15", loc.Column)
	}
}

// TestFastValidationAgreesWithDecoder: whatever the fast path accepts, encoding/json
// accepts too, so the fast path never lets through what the decoder would refuse.
func TestFastValidationAgreesWithDecoder(t *testing.T) {
	cases := map[string][]byte{
		"object":             []byte(`{"a": [1, 2.5e3, -0, true, null, "x"]}`),
		"brackets in string": []byte(`{"a": "[[[{{{", "b": "\"]]]"}`),
		"escaped backslash":  []byte(`{"a": "\\", "b": [1]}`),
		"at the depth limit": []byte(strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)),
		"trailing comma":     []byte(`{"a": 1,}`),
		"two values":         []byte(`{} {}`),
		"stray bracket":      []byte(`""}`),
		"bad escape":         []byte(`{"a": "\q"}`),
		"leading zero":       []byte(`{"a": 01}`),
		"control character":  []byte("{\"a\": \"\x01\"}"),
		"unterminated":       []byte(`{"a": [1, 2`),
		"scalar":             []byte(`42`),
	}
	for name, data := range cases {
		fast := gjson.ValidBytes(data)
		_, msg := decodeProblem(data)
		if fast && msg != "" {
			t.Errorf("%s: fast path accepts, encoding/json says %s", name, msg)
		}
		if !fast && msg == "" {
			t.Errorf("%s: fast path refuses what encoding/json accepts (slower, not wrong)", name)
		}
	}
}

// blanked is the text Parse reads for data: jsonc's, with a byte order mark blanked.
func blanked(data []byte) []byte {
	out := append([]byte(nil), data...)
	if bytes.HasPrefix(out, []byte(utf8BOM)) {
		copy(out, "   ")
	}
	return jsonc.ToJSONInPlace(out)
}

// TestParseBlanksOnlyWhatItMust: a file without comments, trailing commas or byte
// order mark is read as written; the others as jsonc blanks them, offsets kept.
func TestParseBlanksOnlyWhatItMust(t *testing.T) {
	for _, tc := range []string{
		`{"a": [1, 2], "b": "x/y, ]"}`,
		`{"a": [1, 2,], "b": 1}`,
		"{\"a\": 1, // comment [[[\n \"b\": 2}",
		"{\"a\": /* } */ 1}",
		`{"a": {"b": 1,
		}}`,
		"\xEF\xBB\xBF{\"a\": 1}",
		`{"a": "\\", "b": [1 , ]}`,
	} {
		s, _, err := Parse("t.json", []byte(tc))
		if err != nil {
			t.Errorf("%q: %v", tc, err)
			continue
		}
		if want := blanked([]byte(tc)); !bytes.Equal(s.JSON, want) {
			t.Errorf("%q read as %q, want %q", tc, s.JSON, want)
		}
	}
	plain := []byte(`{"a": [1, 2], "b": "x/y, ]"}`)
	if s, _, _ := Parse("t.json", plain); &s.JSON[0] != &plain[0] {
		t.Error("a file without comments was copied")
	}
}

// utf16Bytes encodes s as UTF-16 with a byte order mark.
func utf16Bytes(s string, big bool) []byte {
	out := []byte(utf16LEBOM)
	if big {
		out = []byte(utf16BEBOM)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestReadsWhatARMReads: multi-line strings and expressions, raw tabs, UTF-16 with
// either byte order and UTF-8 with a byte order mark are read, with their values as
// written and columns in characters; names are found ignoring case.
func TestReadsWhatARMReads(t *testing.T) {
	text := "{\n  \"Resources\": [\"[concat('a',\n\t'b')]\", \"x\\u00e9\ty\\n\"],\n  \"é\": \"v\"\n}"
	for name, data := range map[string][]byte{
		"utf-8":     []byte(text),
		"utf-8 bom": append([]byte(utf8BOM), text...),
		"utf-16le":  utf16Bytes(text, false),
		"utf-16be":  utf16Bytes(text, true),
	} {
		t.Run(name, func(t *testing.T) {
			s, root, err := Parse("t.json", data)
			if err != nil {
				t.Fatal(err)
			}
			res := s.Get(root, "resources")
			var got []string
			s.ForEach(res, func(_, v gjson.Result) bool {
				got = append(got, v.String())
				return true
			})
			want := []string{"[concat('a',\n\t'b')]", "xé\ty\n"}
			if !slices.Equal(got, want) {
				t.Errorf("strings %q, want %q", got, want)
			}
			v := s.Get(root, "é")
			if loc := s.Loc(v); loc.Line != 4 || loc.Column != 8 {
				t.Errorf("\"v\" at %d:%d, want 4:8", loc.Line, loc.Column)
			}
		})
	}
	if _, _, err := Parse("t.json", []byte("\xFF\xFE{\x00}")); err == nil {
		t.Error("odd UTF-16 accepted")
	}
	// A control character outside strings is still an error, located.
	_, _, err := Parse("t.json", []byte("{\"a\":\n\x01 1}"))
	var se *netdoc.SourceError
	if !errors.As(err, &se) || se.Line != 2 {
		t.Errorf("control outside a string: %v", err)
	}
	// Two names equal ignoring case and none exact: neither is taken.
	s, root, _ := Parse("t.json", []byte(`{"Resources": 1, "RESOURCES": 2}`))
	if s.Get(root, "resources").Exists() {
		t.Error("ambiguous name resolved")
	}
}
