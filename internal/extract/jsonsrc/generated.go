package jsonsrc

import (
	"unsafe"

	"github.com/tidwall/gjson"
)

// ParseGenerated reads JSON text that a generator in this program wrote and vouches
// for: one valid JSON value, ASCII only (so a column is a byte offset past the line
// start), with no comments, trailing commas or byte order mark; lines are its line
// starts (netdoc.LineStarts of it), which the generator has already counted. It
// skips what Parse does to distrust a file (decoding, blanking, validating), which
// costs as much as the rest of reading the text (BenchmarkRead1MB in
// internal/extract/bicep), and indexes the containers as Parse does. ok is false
// when the text is not what the generator promised as far as the one scan can
// tell (nesting past MaxDepth, a '/' or a trailing comma): the caller then reads it
// with Parse, which says what is wrong and where.
func ParseGenerated(file string, data []byte, lines []int) (s *Source, root gjson.Result, ok bool) {
	boxes, deep, jsonc := scanContainers(data, MaxDepth)
	if deep >= 0 || jsonc || len(lines) == 0 {
		return nil, gjson.Result{}, false
	}
	// No column marks: columns of ASCII text are not counted.
	s = &Source{File: file, JSON: data, raw: data, utf8: true, ascii: true, lines: lines, lineAt: lineIndex(lines, len(data)), boxes: boxes}
	// As in Parse: data is never written after this point, so the string shares it.
	return s, gjson.Parse(unsafe.String(unsafe.SliceData(data), len(data))), true //nolint:gosec // G103: data is never written after this point
}

// lineBlock is the span of text one entry of Source.lineAt covers: a few lines of a
// generator's text, at 4 bytes an entry.
const lineBlock = 64

// lineIndex is Source.lineAt of a text of size bytes with line starts lines (the
// first 0, ascending).
func lineIndex(lines []int, size int) []int32 {
	at := make([]int32, size/lineBlock+1)
	j := 0
	for k := range at {
		for j+1 < len(lines) && lines[j+1] <= k*lineBlock {
			j++
		}
		at[k] = int32(j) //nolint:gosec // G115: fewer lines than bytes, and texts are bounded by the read limits
	}
	return at
}
