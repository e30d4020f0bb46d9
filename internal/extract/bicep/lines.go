package bicep

import (
	"unsafe"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// lineTable is a source file's line table: its line starts, and for each block of
// blockBytes bytes the index of the last line start at or before the block's
// start, from which a location's line is found in a step or two, not by a binary
// search over every line (BenchmarkRead1MB translates tens of thousands of
// locations). The lexer adds the line starts as it meets the line ends (add), so
// that they are not counted again, and the blocks are made from them at the end
// (finish); offsets fit 32 bits, sources being bounded by the read limits.
type lineTable struct {
	starts []int32
	blocks []int32
}

// blockBytes is the span of a source file one entry of lineTable.blocks covers:
// about two lines of Bicep, at 4 bytes an entry (a jsonsrc.LineIndex).
const blockBytes = jsonsrc.LineBlock

// newLineTable is the table of a source of size bytes with about lines lines,
// before its first line end is added.
func newLineTable(size, lines int) lineTable {
	t := lineTable{starts: make([]int32, 1, lines+1), blocks: make([]int32, 0, size/blockBytes+1)}
	return t
}

// add records a line starting at off, after every line added before.
func (t *lineTable) add(off int) {
	t.starts = append(t.starts, int32(off)) //nolint:gosec // G115: sources are bounded by the read limits
}

// finish makes the blocks of a source of size bytes, once every line is added:
// one pass over the line starts, not a test of the blocks at each line end the
// lexer meets (BenchmarkParse1MBFile), into the blocks of the table it reuses.
func (t *lineTable) finish(size int) {
	t.blocks = jsonsrc.LineIndex(t.blocks, t.starts, size)
}

// lineTableOf counts the line table of a source the lexer did not read (a JSON
// module).
func lineTableOf(src string) lineTable {
	// LineStarts only reads: the string's bytes are not copied.
	t := lineTable{starts: netdoc.LineStarts32(unsafe.Slice(unsafe.StringData(src), len(src)))} //nolint:gosec // G103: read only; sources are bounded by maxSource
	t.finish(len(src))
	return t
}

// line is the index of the line (0-based) that holds byte offset off, which is
// within the source.
func (t *lineTable) line(off int) int {
	return jsonsrc.LineFrom(t.starts, int(t.blocks[off/blockBytes]), off)
}
