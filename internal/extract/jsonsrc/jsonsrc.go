// Package jsonsrc reads JSON and JSONC files keeping byte offsets, so every value can be
// located (line, column) in the file as written.
package jsonsrc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"unicode/utf8"
	"unsafe"

	"github.com/tidwall/gjson"
	"github.com/tidwall/jsonc"

	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Source is a parsed JSON file with its line table.
type Source struct {
	File string
	// JSON is the file with comments and trailing commas blanked to spaces and a BOM
	// blanked, so offsets into it are offsets into the original file.
	JSON []byte
	raw  []byte // the file as written: columns count its code points
	bom  bool
	// controls is set when strings hold raw control characters (multi-line strings),
	// which gjson's string decoder stops at: strings are then decoded here.
	controls bool
	// utf8 is set when raw is valid UTF-8: its code points are then counted as the
	// bytes that do not continue a sequence, eight at a time (countRunes).
	utf8 bool
	// ascii is set when the text is known to be ASCII (ParseGenerated, or checked by
	// Parse): a column is then a byte offset past the line start, not counted.
	ascii bool
	// lines are the byte offset of each line start, in 32 bits (a file is
	// at most math.MaxInt32 bytes): a generator's text has a line per value, and
	// a line start is a word of new memory for each (BenchmarkPhases1MB/prepare in
	// internal/extract/bicep).
	lines []int32
	// lineAt is, for each block of LineBlock bytes, the index of the last line
	// start at or before the block's start (ASCII text): a generator's text has
	// a line per value, which a line is found among in a step or two from it, not by
	// a binary search over all of them (BenchmarkRead1MB in internal/extract/bicep).
	lineAt []int32
	marks  []runeMark
	boxes  containers
	// origin, when set, locates spans of a generated text in the source it was
	// generated from (SetOrigin).
	origin Origin

	// Memo is what a reader of the file keeps with it for as long as the file is read
	// (the ARM extractor's parsed expressions, shared by the documents of each
	// parameter file). The reader synchronises its use.
	Memo any
}

// Parse strips JSONC syntax, validates the JSON, and returns the source and its root.
// It reads the text as Azure Resource Manager does: UTF-8 with or without a byte order
// mark, UTF-16 with one (decoded by Decode), and raw control characters (newlines,
// tabs) inside strings. A syntax error is a *netdoc.SourceError at the offending
// position. The source keeps raw, and reads it as its JSON when there is nothing to
// blank: the caller must not change raw afterwards.
func Parse(file string, raw []byte) (*Source, gjson.Result, error) {
	if len(raw) > math.MaxInt32 {
		return nil, gjson.Result{}, &netdoc.SourceError{Location: netdoc.Location{File: file, Line: 1, Column: 1}, Msg: "the file is larger than 2 GiB"}
	}
	raw, err := Decode(raw)
	if err != nil {
		return nil, gjson.Result{}, &netdoc.SourceError{Location: netdoc.Location{File: file, Line: 1, Column: 1}, Msg: err.Error()}
	}
	// Most templates have no comments, trailing commas or byte order mark: their text is
	// read as it is. The others are read from a copy with those blanked (jsonc keeps
	// every offset), scanned again.
	bom := bytes.HasPrefix(raw, []byte(utf8BOM))
	data := raw
	boxes, deep, commented := scanContainers(raw, MaxDepth)
	if bom || commented || deep >= 0 {
		data = append([]byte(nil), raw...)
		if bom {
			copy(data, "   ")
		}
		data = jsonc.ToJSONInPlace(data)
		boxes, deep, _ = scanContainers(data, MaxDepth)
	}
	s := &Source{File: file, JSON: data, raw: raw, bom: bom}
	s.lines = netdoc.LineStarts32(raw)
	off, msg, controls := validate(data, deep)
	if msg != "" {
		// Located without marks: counted from the line start, once.
		return nil, gjson.Result{}, &netdoc.SourceError{Location: s.At(off, 0), Msg: msg}
	}
	// Valid JSON is valid UTF-8; a blanked copy says nothing of the comments' bytes.
	s.utf8 = len(data) == len(raw) && (len(raw) == 0 || &data[0] == &raw[0]) || utf8.Valid(raw)
	// Most templates are ASCII: their columns are byte offsets, not counted, and their
	// lines are found from a block index, not by a binary search over all of them
	// (extracting the 16,000-subnet hub of bench/network.sh spent a tenth of its
	// instructions counting columns and searching lines without these).
	if isASCII(raw) {
		s.ascii = true
		s.lineAt = LineIndex(nil, s.lines, len(raw))
	} else {
		s.marks = buildMarks(raw, s.lines, s.utf8)
	}
	s.controls = controls
	s.boxes = boxes
	// gjson.ParseBytes would copy data into a string; data (raw, or this Source's own
	// copy) is never written again, so the string shares it.
	return s, gjson.Parse(unsafe.String(unsafe.SliceData(data), len(data))), nil //nolint:gosec // G103: data is never written after this point
}

const utf8BOM = "\xEF\xBB\xBF"

// validate returns the offset and description of the first problem, or "" when data
// is one valid JSON value, and whether its strings hold raw control characters. deep
// is where data first nests past MaxDepth, or -1.
func validate(data []byte, deep int) (int, string, bool) {
	off, msg := validateJSON(data, deep)
	if msg == "" {
		return 0, "", false
	}
	// Slow path: ARM reads raw control characters inside strings; validators do not.
	if blanked, ok := blankControls(data); ok {
		off, msg = validateJSON(blanked, deep)
		return off, msg, msg == ""
	}
	return off, msg, false
}

func validateJSON(data []byte, deep int) (int, string) {
	if len(bytes.TrimSpace(data)) == 0 {
		return 0, "the file is empty"
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return off, "the file is not UTF-8 text (invalid byte sequence)"
	}
	if off := deep; off >= 0 {
		return off, fmt.Sprintf("JSON nested deeper than %d levels of arrays and objects", MaxDepth)
	}
	// Fast path: gjson's validator runs at several times the speed of encoding/json,
	// which is kept for what only it does well: the position and wording of an error.
	// Nesting is bounded above, far below encoding/json's own limit.
	if gjson.ValidBytes(data) {
		return 0, ""
	}
	return decodeProblem(data)
}

// decodeProblem finds the first problem with encoding/json.
func decodeProblem(data []byte) (int, string) {
	var v json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&v)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return max(int(se.Offset)-1, 0), "invalid JSON: " + se.Error()
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return len(data), "invalid JSON: unexpected end of file"
	case err != nil:
		return 0, "invalid JSON: " + err.Error()
	}
	// Not dec.More(): it answers false for a stray ']' or '}' after the value.
	end := int(dec.InputOffset())
	rest := data[end:]
	if skipped := len(rest) - len(bytes.TrimLeft(rest, " \t\r\n")); skipped < len(rest) {
		return end + skipped, "invalid JSON: unexpected data after the top-level value"
	}
	return 0, ""
}

// At locates the span [off, off+n) of the file; n 0 gives a point. With an
// origin (SetOrigin), it is the origin's location of the span starting at off.
func (s *Source) At(off, n int) netdoc.Location {
	if s.origin != nil {
		// originAt, written out: a call less for each location of a generated
		// text (BenchmarkRead1MBFile in internal/extract/bicep).
		off = min(max(off, 0), len(s.JSON))
		if s.lineAt == nil {
			return s.origin.Locate(off, s.lineOf(off))
		}
		// lineOf, written out too: a generated text has its block index.
		return s.origin.Locate(off, LineFrom(s.lines, int(s.lineAt[off/LineBlock]), off))
	}
	// TextAt, written out: not a call more for each location of a template
	// (BenchmarkCorpusExtract).
	line, col := s.lineCol(off)
	loc := netdoc.Location{File: s.File, Line: line, Column: col}
	if n > 0 {
		loc.EndLine, loc.EndColumn = s.lineCol(off + n)
	}
	return loc
}

// TextAt locates the span [off, off+n) of the file's own text, with or without an
// origin.
func (s *Source) TextAt(off, n int) netdoc.Location {
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

// TextLoc is Loc in the file's own text, with or without an origin (TextAt).
func (s *Source) TextLoc(r gjson.Result) netdoc.Location {
	if r.Index <= 0 && r.Raw == "" {
		return netdoc.Location{}
	}
	return s.TextAt(r.Index, len(r.Raw))
}

// lineCol converts a byte offset to a 1-based line and a 1-based code point column.
func (s *Source) lineCol(off int) (int, int) {
	off = min(max(off, 0), len(s.JSON))
	var i int
	lines := s.lines
	if s.lineAt != nil {
		i = LineFrom(lines, int(s.lineAt[off/LineBlock]), off)
	} else {
		i = sort.Search(len(lines), func(i int) bool { return int(lines[i]) > off }) - 1
	}
	start := int(lines[max(i, 0)])
	if s.ascii {
		return i + 1, off - start + 1
	}
	col := s.runesBetween(start, off) + 1
	if s.bom && start == 0 && off >= len(utf8BOM) {
		col-- // editors do not show the byte order mark
	}
	return i + 1, col
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
