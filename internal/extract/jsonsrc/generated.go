package jsonsrc

import (
	"math"
	"slices"
	"unsafe"

	"github.com/tidwall/gjson"
)

// ParseGenerated reads JSON text that a generator in this program wrote and vouches
// for: one valid JSON value, ASCII only (so a column is a byte offset past the line
// start), with no comments, trailing commas or byte order mark; lines are its line
// starts (netdoc.LineStarts of it, in 32 bits), which the generator has already
// counted. It skips what Parse does to distrust a file (decoding, blanking,
// validating), which costs as much as the rest of reading the text
// (BenchmarkRead1MB in internal/extract/bicep), and indexes the containers as
// Parse does. ok is false when the text is not what the generator promised as far
// as the one scan can tell (nesting past MaxDepth, a '/' or a trailing comma), or
// is longer than Parse reads: the caller then reads it with Parse, which says
// what is wrong and where.
func ParseGenerated(file string, data []byte, lines []int32) (s *Source, root gjson.Result, ok bool) {
	if len(lines) == 0 || len(data) > math.MaxInt32 {
		return nil, gjson.Result{}, false
	}
	boxes, deep, jsonc := scanContainers(data, MaxDepth)
	if deep >= 0 || jsonc {
		return nil, gjson.Result{}, false
	}
	// No column marks: columns of ASCII text are not counted.
	s = &Source{File: file, JSON: data, raw: data, utf8: true, ascii: true, lines: lines, lineAt: LineIndex(nil, lines, len(data)), boxes: boxes}
	// As in Parse: data is never written after this point, so the string shares it.
	return s, gjson.Parse(unsafe.String(unsafe.SliceData(data), len(data))), true //nolint:gosec // G103: data is never written after this point
}

// Boxes index the objects and arrays of a generated text as its generator wrote
// them: for each '{' and '[' in text order, its offset (Opens), the offset just
// past the bracket that closes it (Ends), and the index of the first one opened
// after it closes (After).
type Boxes struct{ Opens, Ends, After []int32 }

// ParseIndexed is ParseGenerated of a text whose generator indexed its objects and
// arrays as it wrote them (b) and kept them within MaxDepth: the text is not
// scanned again, which costs a sixth of reading the 1 MB project
// (BenchmarkRead1MB in internal/extract/bicep, 13M of 650M instructions). ok is
// false when the index does not fit the text as far as checking each entry's
// brackets can tell: the caller then reads it with ParseGenerated.
func ParseIndexed(file string, data []byte, lines []int32, b Boxes) (s *Source, root gjson.Result, ok bool) {
	// No index at all is no promise: a template has an object at least.
	if len(b.Opens) == 0 || !b.fits(data) || len(lines) == 0 || len(data) > math.MaxInt32 {
		return nil, gjson.Result{}, false
	}
	boxes := containers{opens: b.Opens, ends: b.Ends, after: b.After}
	// No column marks: columns of ASCII text are not counted.
	s = &Source{File: file, JSON: data, raw: data, utf8: true, ascii: true, lines: lines, lineAt: LineIndex(nil, lines, len(data)), boxes: boxes}
	// As in Parse: data is never written after this point, so the string shares it.
	return s, gjson.Parse(unsafe.String(unsafe.SliceData(data), len(data))), true //nolint:gosec // G103: data is never written after this point
}

// fits reports whether every entry of b is a bracket of data closed by its match
// after it, in text order, with After pointing past it: one step an entry, not a
// scan of the text.
func (b Boxes) fits(data []byte) bool {
	n := len(b.Opens)
	if len(b.Ends) != n || len(b.After) != n {
		return false
	}
	prev := int32(-1)
	for i, o := range b.Opens {
		e, a := b.Ends[i], b.After[i]
		if o <= prev || e <= o || int(e) > len(data) || int(a) <= i || int(a) > n {
			return false
		}
		switch data[o] {
		case '{':
			if data[e-1] != '}' {
				return false
			}
		case '[':
			if data[e-1] != ']' {
				return false
			}
		default:
			return false
		}
		prev = o
	}
	return true
}

// LineBlock is the span of text one entry of a line index (LineIndex) covers: a
// few lines of a generator's text, at 4 bytes an entry.
const LineBlock = 64

// LineFrom is the line of offset off, at or after line i (0 <= i < len(lines),
// lines[i] <= off), the lines being line starts: the step from a block's line
// (LineIndex) to the offset's. An unsigned index of a local slice, which the
// compiler sees is in bounds: a loop of signed index tests loaded s.lines and
// checked the index at each step (BenchmarkRead1MBFile in internal/extract/bicep).
func LineFrom(lines []int32, i, off int) int {
	j := uint(i) + 1
	for j < uint(len(lines)) && int(lines[j]) <= off {
		j++
	}
	return int(j) - 1 //nolint:gosec // G115: j <= len(lines)
}

// LineIndex is the line index of a text of size bytes with line starts lines (the
// first 0, ascending), in dst's array when it has room: for each block of
// LineBlock bytes, the line of the block's first byte, from which the line of an
// offset in it is found in a step or two (LineFrom), not by a binary search over
// all of them. Source.lineAt is one.
func LineIndex(dst, lines []int32, size int) []int32 {
	n := size/LineBlock + 1
	at := slices.Grow(dst[:0], n)[:n]
	// A step a line start, not a test of the next line start for each block and
	// again for each line: a generator's text has a few lines a block, most of
	// which start none (BenchmarkRead1MBFile in internal/extract/bicep). Blocks
	// k starting before line j, and not before line j-1, are line j-1's; next is
	// block k's start.
	k, next := 0, 0
	if len(lines) == 0 {
		clear(at)
		return at
	}
	for j := 1; j < len(lines); j++ {
		for start := int(lines[j]); next < start && k < len(at); k, next = k+1, next+LineBlock {
			at[k] = int32(j - 1) //nolint:gosec // G115: fewer lines than bytes, and texts are bounded by the read limits
		}
	}
	for ; k < len(at); k++ {
		at[k] = int32(len(lines) - 1) //nolint:gosec // G115: as above
	}
	return at
}
