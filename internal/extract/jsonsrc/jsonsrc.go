// Package jsonsrc reads JSON and JSONC files keeping byte offsets, so every value can be
// located (line, column) in the file as written.
package jsonsrc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/tidwall/gjson"
	"github.com/tidwall/jsonc"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Source is a parsed JSON file with its line table.
type Source struct {
	File string
	// JSON is the file with comments and trailing commas blanked to spaces and a BOM
	// blanked, so offsets into it are offsets into the original file.
	JSON  []byte
	lines []int // byte offset of each line start
}

// Parse strips JSONC syntax, validates the JSON, and returns the source and its root.
// A syntax error is a *netdoc.SourceError at the offending position.
func Parse(file string, raw []byte) (*Source, gjson.Result, error) {
	data := append([]byte(nil), raw...)
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		copy(data, "   ")
	}
	data = jsonc.ToJSONInPlace(data)
	s := &Source{File: file, JSON: data}
	s.lines = append(s.lines, 0)
	for i, b := range raw {
		if b == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	if err := validate(data); err != nil {
		var se *json.SyntaxError
		off := len(data)
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		loc := s.At(max(off-1, 0), 0)
		return nil, gjson.Result{}, &netdoc.SourceError{Location: loc, Msg: "invalid JSON: " + err.Error()}
	}
	return s, gjson.ParseBytes(data), nil
}

func validate(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("the file is empty")
	}
	if !utf8.Valid(data) {
		return errors.New("the file is not UTF-8 text")
	}
	var v json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if dec.More() {
		return &json.SyntaxError{Offset: dec.InputOffset() + 1}
	}
	return nil
}

// At locates the span [off, off+n) of the file; n 0 gives a point.
func (s *Source) At(off, n int) netdoc.Location {
	line, col := s.lineCol(off)
	loc := netdoc.Location{File: s.File, Line: line, Column: col}
	if n > 0 {
		loc.EndLine, loc.EndColumn = s.lineCol(off + n)
	}
	return loc
}

// Loc locates a gjson result (a value read from s.JSON). A result with no index (a
// computed value) has no location.
func (s *Source) Loc(r gjson.Result) netdoc.Location {
	if r.Index <= 0 && r.Raw == "" {
		return netdoc.Location{}
	}
	return s.At(r.Index, len(r.Raw))
}

// lineCol converts a byte offset to a 1-based line and a 1-based code point column.
func (s *Source) lineCol(off int) (int, int) {
	off = min(max(off, 0), len(s.JSON))
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	start := s.lines[max(i, 0)]
	return i + 1, utf8.RuneCount(s.JSON[start:off]) + 1
}

// TopLevelError explains a JSON document whose top level is not an object.
func TopLevelError(s *Source, root gjson.Result) error {
	if root.IsObject() {
		return nil
	}
	return &netdoc.SourceError{Location: s.Loc(root), Msg: fmt.Sprintf("expected a JSON object at the top level, found %s", describe(root))}
}

func describe(r gjson.Result) string {
	switch {
	case r.IsArray():
		return "an array"
	case r.Type == gjson.String:
		return "a string"
	case r.Type == gjson.Number:
		return "a number"
	case r.Type == gjson.True || r.Type == gjson.False:
		return "a boolean"
	}
	return "null"
}
