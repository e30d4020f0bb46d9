package bicep

import (
	"encoding/binary"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/extract/jsonsrc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// jw writes the compiled template as ASCII JSON (so that a column is a byte
// offset) and records, for every value it writes from Bicep source, where in which
// file that value was written.
type jw struct {
	// b holds bytes, not a string: the compiled template is handed to the JSON
	// reader without a copy (BenchmarkRead1MB).
	b outBuf
	// lines are the line starts of the text, recorded as mark writes the
	// newline that starts each line: lines[k+1] is where marks[k] is (every
	// mark starts a line, and only marks start lines), so a mark does not hold
	// its offset and the text is not scanned again for its lines
	// (BenchmarkPhases1MB/prepare).
	lines []int32
	marks []mark
	// wide are the marks whose file or span does not fit a mark, in mark order.
	wide  []wideMark
	files []*srcFile
	// exprs are the expressions written as string values, by offset, and texts
	// their distinct texts, which the evaluator parses once each
	// (armeval.Preparse).
	exprs []armeval.ExprAt
	texts exprTexts
	// spare holds the text of an expression that is escaped (endExpr).
	spare []byte
	// boxes index the objects and arrays written, as they are written, for
	// jsonsrc.ParseIndexed: the compiled text is not scanned again for them
	// (BenchmarkRead1MB). open are the indexes of the unclosed ones; peak is the
	// deepest nesting reached (past jsonsrc.MaxDepth the text is scanned, and
	// refused, as any other).
	boxes jsonsrc.Boxes
	open  []int32
	peak  int
}

// newJW is a writer with the start of the text's first line (jw.lines).
func newJW() *jw { return &jw{lines: []int32{0}} }

// outBuf is an append-only byte buffer whose methods are plain appends the
// compiler inlines (BenchmarkRead1MB: the writer is called for every token of
// output).
type outBuf struct{ buf []byte }

func (b *outBuf) size() int            { return len(b.buf) }
func (b *outBuf) data() []byte         { return b.buf }
func (b *outBuf) write(p []byte)       { b.buf = append(b.buf, p...) }
func (b *outBuf) writeByte(c byte)     { b.buf = append(b.buf, c) }
func (b *outBuf) writeString(s string) { b.buf = append(b.buf, s...) }
func (b *outBuf) writeRune(r rune)     { b.buf = utf8.AppendRune(b.buf, r) }

// mark ties a line of the generated text (see jw.lines) to a span of a source
// file: 8 bytes, a 1 MB project having some 10^5 marks
// (BenchmarkPhases1MB/prepare). Offsets fit 32 bits (the output is bounded by
// maxOutput, sources by the read limits); the file index and the span's length
// (0 for none) share the other 32, 16 bits each, unless they do not fit (or
// together fill them, or the span ends before it starts): the mark is then
// wideSpan, and its file and end are in jw.wide.
type mark struct {
	pos  int32
	span uint32
}

// wideSpan is the span of a mark whose file and end are in jw.wide.
const wideSpan = 1<<32 - 1

// wideMark is the file and end of the mark of index mark, which is wideSpan.
type wideMark struct {
	mark      int
	file, end int32
}

// srcFile is a read Bicep (or JSON) file with its line table.
type srcFile struct {
	path  string
	src   string
	lines lineTable // no blocks: counted on first use
	// indexed is set once lines and ascii are known (index).
	indexed bool
	ascii   bool // no multi-byte character: a column is a byte offset
}

// fileIndex is the index of a source file, added with its line table when the
// lexer counted it (no blocks: counted on first use).
func (w *jw) fileIndex(path, src string, lines lineTable) int {
	for i, f := range w.files {
		if f.path == path {
			return i
		}
	}
	w.files = append(w.files, &srcFile{path: path, src: src, lines: lines})
	return len(w.files) - 1
}

// index completes the file's line table on first use: most files of a project are
// never asked for a location (BenchmarkRead1MB).
func (f *srcFile) index() {
	if f.indexed {
		return
	}
	if f.lines.blocks == nil {
		f.lines = lineTableOf(f.src)
	}
	f.ascii = isASCII(unsafe.Slice(unsafe.StringData(f.src), len(f.src))) //nolint:gosec // G103: read only
	f.indexed = true
}

// isASCII reports whether b has no byte of a multi-byte character, eight bytes
// at a time.
func isASCII(b []byte) bool {
	const high = 0x8080808080808080
	// Thirty-two bytes an iteration, in four words: a word an iteration spent
	// more on the loop than on the test (BenchmarkRead1MB reads every source).
	var acc, acc1, acc2, acc3 uint64
	for len(b) >= 32 {
		acc |= binary.LittleEndian.Uint64(b)
		acc1 |= binary.LittleEndian.Uint64(b[8:])
		acc2 |= binary.LittleEndian.Uint64(b[16:])
		acc3 |= binary.LittleEndian.Uint64(b[24:])
		b = b[32:]
	}
	acc |= acc1 | acc2 | acc3
	for len(b) >= 8 {
		acc |= binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	for _, c := range b {
		acc |= uint64(c)
	}
	return acc&high == 0
}

// reserve makes room for the template of a source file of n bytes, so that the
// buffers grow once a file, not by doubling (and, past a thousand elements, by a
// quarter at a time, which allocates some five times the final size). Per byte
// of source, the densest of the 1 MB project (BenchmarkRead1MB) and of the
// shared corpus' Bicep files (TestCompiledTextIsJSON) have: compiled text, 1.3
// and 1.7 bytes; a mark (and a line), one in 16 and in 20 bytes; an object or
// array, one in 69 and in 59; an expression value, one in 117 and in 102. Room
// for more than the last two is room allocated and never used by most.
func (w *jw) reserve(n int) {
	w.b.buf = reserve(w.b.buf, n+n/2)
	w.marks = reserve(w.marks, n/16)
	w.lines = reserve(w.lines, n/16)
	w.boxes.Opens = reserve(w.boxes.Opens, n/48)
	w.boxes.Ends = reserve(w.boxes.Ends, n/48)
	w.boxes.After = reserve(w.boxes.After, n/48)
	w.exprs = reserve(w.exprs, n/64)
	w.texts.reserve(n)
}

// reserve makes room for n more elements of s, doubling its capacity when it
// moves (or making room for n, when more): by a quarter at a time, as append and
// slices.Grow grow large slices, a project of many modules would copy once a
// module. Allocated to the size asked: slices.Grow of the same room rounds it up by
// growslice's quarter steps, up to a quarter more (BenchmarkCorpusPairs/bicep:
// missionlz's 392 KB template had 884 KB for 706 KB asked).
func reserve[E any](s []E, n int) []E {
	if cap(s)-len(s) >= n {
		return s
	}
	grown := make([]E, len(s), len(s)+max(n, cap(s)))
	copy(grown, s)
	return grown
}

func (w *jw) mark(file, pos, end int) {
	// A line per marked value: the ARM reader locates values by line and column,
	// which short lines make cheap.
	w.b.writeByte('\n')
	w.markLine(file, pos, end, w.b.size())
}

// markedStr writes a marked string value, mark and str in fewer appends
// (BenchmarkRead1MBFile: most values are literal strings).
func (w *jw) markedStr(file, pos, end int, s string) {
	b := append(w.b.buf, '\n', '"')
	w.markLine(file, pos, end, len(b)-1)
	if isJSONPlain(s) {
		w.b.buf = append(append(b, s...), '"')
		return
	}
	w.b.buf = b
	w.escaped(s)
	w.b.writeByte('"')
}

// markedKey writes a marked member key that needs no escape (an identifier's),
// and its colon, as its mark, the quoted key and ':', after a comma when sep: the
// comma in the same append as the mark's newline (BenchmarkCompile1MBFile: most
// members' keys are identifiers).
func (w *jw) markedKey(file, pos, end int, key string, sep bool) {
	b := w.b.buf
	if sep {
		b = append(b, ',', '\n', '"')
	} else {
		b = append(b, '\n', '"')
	}
	w.markLine(file, pos, end, len(b)-1)
	w.b.buf = append(append(b, key...), '"', ':')
}

// markLine records a mark whose line, which the newline before it starts, starts
// at line.
func (w *jw) markLine(file, pos, end, line int) {
	w.lines = append(w.lines, int32(line)) //nolint:gosec // G115: bounded by maxOutput
	n := end - pos
	span := uint32(file<<16 | n) //nolint:gosec // G115: kept only when both fit 16 bits
	// Either past 16 bits, or both together filling them (so that no span is
	// wideSpan by chance): wide, which is exact either way.
	if uint(file)|uint(n) >= 0xffff {
		span = wideSpan
		w.wide = append(w.wide, wideMark{mark: len(w.marks), file: int32(file), end: int32(end)}) //nolint:gosec // G115: bounded by the read limits
	}
	w.marks = append(w.marks, mark{pos: int32(pos), span: span}) //nolint:gosec // G115: bounded by the read limits
}

// wideOf is the entry of wide (in mark order) of mark i, which is wideSpan.
func wideOf(wide []wideMark, i int) wideMark {
	k, _ := slices.BinarySearchFunc(wide, i, func(w wideMark, i int) int { return w.mark - i })
	if k < len(wide) {
		return wide[k]
	}
	return wideMark{}
}

// copyMarks appends again the marks [first, end), at the lines of the text
// they mark copied shift bytes further on.
func (w *jw) copyMarks(first, end int, shift int32) {
	w.lines = slices.Grow(w.lines, end-first)
	for i := first; i < end; i++ {
		w.lines = append(w.lines, w.lines[i+1]+shift)
		if w.marks[i].span == wideSpan {
			wm := wideOf(w.wide, i)
			wm.mark = len(w.marks) + i - first
			w.wide = append(w.wide, wm)
		}
	}
	w.marks = append(w.marks, w.marks[first:end]...)
}

// raw writes JSON text that has no escape in its strings (the compiler's
// constant text, numbers, literals), indexing its brackets outside strings. The
// compiler writes a lone separator or bracket with writeByte, openWith or
// closeWith, and text without brackets with plain: a call and a scan less for
// most of what it writes (BenchmarkRead1MB).
func (w *jw) raw(s string) {
	off := w.b.size()
	w.b.writeString(s)
	quoted := false
	for i := 0; i < len(s); i++ {
		switch rawByte[s[i]] {
		case 0:
		case '"':
			quoted = !quoted
		case '{':
			if !quoted {
				w.openBox(off + i)
			}
		case '}':
			if !quoted {
				w.closeBox(off + i)
			}
		}
	}
}

// plain writes text that has no bracket and nothing to escape: the compiler's
// member keys and separators, a literal. Its callers write the brackets around it
// with openWith and closeWith, not with raw, which scans its text for them
// (BenchmarkRead1MBFile: raw scanned some hundred thousand bytes of keys an
// operation).
func (w *jw) plain(s string) { w.b.writeString(s) }

// rawByte classes the bytes raw looks for: quotes, and opening and closing
// brackets ('{', '}'); 0 for the rest.
var rawByte = [256]byte{'"': '"', '{': '{', '[': '{', '}': '}', ']': '}'}

// openWith writes '{' or '[' and indexes it.
func (w *jw) openWith(c byte) {
	w.openBox(w.b.size())
	w.b.writeByte(c)
}

// closeWith writes '}' or ']' and indexes it.
func (w *jw) closeWith(c byte) {
	w.closeBox(w.b.size())
	w.b.writeByte(c)
}

func (w *jw) openBox(off int) {
	w.open = append(w.open, int32(len(w.boxes.Opens))) //nolint:gosec // G115: fewer brackets than bytes of output, bounded by maxOutput
	w.peak = max(w.peak, len(w.open))
	w.boxes.Opens = append(w.boxes.Opens, int32(off)) //nolint:gosec // G115: as above
	w.boxes.Ends = append(w.boxes.Ends, 0)
	w.boxes.After = append(w.boxes.After, 0)
}

// closeBox closes the innermost open box; with none open the index is left
// unclosed, which jsonsrc.ParseIndexed refuses.
func (w *jw) closeBox(off int) {
	if len(w.open) == 0 {
		w.boxes.Opens = append(w.boxes.Opens, -1)
		return
	}
	k := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	w.boxes.Ends[k] = int32(off + 1)             //nolint:gosec // G115: as in openBox
	w.boxes.After[k] = int32(len(w.boxes.Opens)) //nolint:gosec // G115: as in openBox
}

// boxSpan is where the boxes of a stretch of output start, with the nesting and
// the peak when it starts (see endBoxSpan).
type boxSpan struct{ first, depth, peak int }

// startBoxSpan starts counting the deepest nesting of the stretch written next.
func (w *jw) startBoxSpan() boxSpan {
	s := boxSpan{first: len(w.boxes.Opens), depth: len(w.open), peak: w.peak}
	w.peak = s.depth
	return s
}

// endBoxSpan ends a stretch started by startBoxSpan: the end of its boxes and how
// much deeper than its start it nests.
func (w *jw) endBoxSpan(s boxSpan) (end, height int) {
	end, height = len(w.boxes.Opens), w.peak-s.depth
	w.peak = max(w.peak, s.peak)
	return end, height
}

// copyBoxes indexes the boxes of a stretch of output copied shift bytes further
// on (compiledModule), nesting height deeper than where it is copied to.
func (w *jw) copyBoxes(first, end int, shift int32, height int) {
	ishift := int32(len(w.boxes.Opens) - first) //nolint:gosec // G115: as in openBox
	for i := first; i < end; i++ {
		w.boxes.Opens = append(w.boxes.Opens, w.boxes.Opens[i]+shift)
		w.boxes.Ends = append(w.boxes.Ends, w.boxes.Ends[i]+shift)
		w.boxes.After = append(w.boxes.After, w.boxes.After[i]+ishift)
	}
	w.peak = max(w.peak, len(w.open)+height)
}

// number writes a number literal as Bicep source spells it (digits, maybe a
// fraction), less the leading zeros of its integer part, which Bicep reads (007 is
// 7) and JSON does not.
func (w *jw) number(text string) {
	for len(text) > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9' {
		text = text[1:]
	}
	w.b.writeString(text)
}

// str writes a JSON string; non-ASCII is escaped.
func (w *jw) str(s string) {
	w.b.writeByte('"')
	w.strBody(s)
	w.b.writeByte('"')
}

// lengthOf writes the string value "[length(iter)]", iter an expression's text,
// without building it first.
func (w *jw) lengthOf(iter string) {
	w.plain(`"[length(`)
	w.strBody(iter)
	w.plain(`)]"`)
}

// exprString writes an ARM expression as a JSON string, "[expr]", without
// building the bracketed text first.
func (w *jw) exprString(expr string) {
	off := w.startExpr()
	w.b.writeString(expr)
	w.endExpr(off)
}

// startExpr starts an expression string value: the caller appends the
// expression's text to the output (w.b.buf) and ends it with endExpr of the offset
// returned. The compiler translates an expression into the output, not into a
// buffer copied there (BenchmarkRead1MBFile): translating one writes nothing else.
func (w *jw) startExpr() int {
	off := w.b.size()
	w.b.buf = append(w.b.buf, '"', '[')
	return off
}

// endExpr ends the expression string value started at off, whose text is the
// output after its `"[`: as it is when it has nothing to escape, else escaped.
func (w *jw) endExpr(off int) {
	b := w.b.buf
	expr := unsafe.String(unsafe.SliceData(b[off+2:]), len(b)-off-2) //nolint:gosec // G103: read only, before the output changes
	if isJSONPlain(expr) {
		// Written as it is, the value reads as "[" + expr + "]": an expression
		// unless it starts "[[" (a literal).
		if expr != "" && expr[0] != '[' {
			w.exprs = append(w.exprs, armeval.ExprAt{Off: int32(off), Text: w.texts.index(b, off+2, expr)}) //nolint:gosec // G115: bounded by maxOutput
		}
	} else {
		// Rare: written again, escaped, from a copy (the text is the output's).
		w.spare = append(w.spare[:0], expr...)
		w.b.buf = b[:off+2]
		w.escaped(unsafe.String(unsafe.SliceData(w.spare), len(w.spare))) //nolint:gosec // G103: read only, during the call
	}
	w.b.buf = append(w.b.buf, ']', '"')
}

// strBody writes the body of a JSON string.
func (w *jw) strBody(s string) {
	if isJSONPlain(s) {
		w.b.writeString(s)
		return
	}
	w.escaped(s)
}

// escaped writes the body of a JSON string that has bytes to escape.
func (w *jw) escaped(s string) {
	for _, r := range s {
		switch {
		case r == '"':
			w.b.writeString(`\"`)
		case r == '\\':
			w.b.writeString(`\\`)
		case r == '\n':
			w.b.writeString(`\n`)
		case r == '\r':
			w.b.writeString(`\r`)
		case r == '\t':
			w.b.writeString(`\t`)
		case r < 0x20 || r > 0x7e:
			if r > 0xffff {
				r1, r2 := utf16Pair(r)
				w.b.writeString(u4(r1))
				w.b.writeString(u4(r2))
			} else {
				w.b.writeString(u4(r))
			}
		default:
			w.b.writeRune(r)
		}
	}
}

// jsonPlain marks the bytes str writes as they are: printable ASCII but the quote
// and the backslash.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c <= 0x7e; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// isJSONPlain reports whether every byte of s is jsonPlain, eight bytes at a
// time (BenchmarkRead1MBFile: every string value and expression of the compiled
// template is checked): the words of s, the last one overlapping the one before,
// are tested at once, a string of four to seven bytes as one word of two halves,
// and only a shorter one byte by byte.
func isJSONPlain(s string) bool {
	n := len(s)
	if n < 4 {
		for i := 0; i < n; i++ {
			if !jsonPlain[s[i]] {
				return false
			}
		}
		return true
	}
	// The masks in variables: as constants they were loaded again for every word.
	ones, space, quote, backslash := plainOnes, 0x20*plainOnes, '"'*plainOnes, '\\'*plainOnes
	b := unsafe.Slice(unsafe.StringData(s), n) //nolint:gosec // G103: read only
	var last uint64
	if n < 8 {
		// One word of the first four bytes and the last four, which overlap.
		last = uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<32
		b = b[:0]
	} else {
		last = binary.LittleEndian.Uint64(b[n-8:])
	}
	var bad uint64
	// A byte b of a plain word is 0x20 to 0x7e, so none of b-0x20, b+1,
	// (b^'"')-1 and (b^'\\')-1 borrows, carries or reaches the high bit; a byte
	// that is not plain sets a high bit in one of them (or is its own), and the
	// borrows and carries it starts only set more.
	for len(b) > 8 {
		x := binary.LittleEndian.Uint64(b)
		bad |= x | (x - space) | (x + ones) | ((x ^ quote) - ones) | ((x ^ backslash) - ones)
		b = b[8:]
	}
	x := last
	bad |= x | (x - space) | (x + ones) | ((x ^ quote) - ones) | ((x ^ backslash) - ones)
	return bad&(0x80*ones) == 0
}

// plainOnes is a word of ones bytes, a variable (see isJSONPlain).
var plainOnes uint64 = 0x0101010101010101

func u4(r rune) string {
	const hex = "0123456789abcdef"
	return `\u` + string([]byte{hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15]})
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}

// SourceMap locates the compiled template's text in the Bicep files: it is the
// compiled text's jsonsrc.Origin (Locate, Relate), and translates its line and
// column locations (Translate).
type SourceMap struct {
	Generated string // the compiled template's file name as the ARM reader saw it
	// lines are the compiled template's line starts, and marks, by line: line
	// k+2 (1-based) starts with marks[k], the first line with none (jw.lines).
	lines []int32
	marks []mark
	wide  []wideMark
	files []*srcFile
	// exprs and texts are the writer's (jw), carried to Prepare for
	// armeval.Preparse.
	exprs []armeval.ExprAt
	texts []string
	// boxes are the writer's (jw), carried to Prepare for jsonsrc.ParseIndexed;
	// nil when the text nests past jsonsrc.MaxDepth.
	boxes jsonsrc.Boxes
	// bases are the parameter files the entry's .bicepparam file extends, read
	// (Compile), and set the names of the parameters the parameter files set.
	bases []string
	set   map[string]bool
}

func (w *jw) sourceMap(generated string) *SourceMap {
	m := &SourceMap{Generated: generated, lines: w.lines, marks: w.marks, wide: w.wide, files: w.files, exprs: w.exprs, texts: w.texts.strings(w.b.data())}
	if w.peak <= jsonsrc.MaxDepth && len(w.open) == 0 {
		m.boxes = w.boxes
	}
	return m
}

// Translate maps a location in the compiled template to the source it was written
// in; other locations are returned as they are.
func (m *SourceMap) Translate(l netdoc.Location) netdoc.Location {
	if l.File != m.Generated || l.Line < 1 || l.Line > len(m.lines) {
		return l
	}
	// Every line but the first starts with its own mark (jw.lines): the mark
	// of a location is its line's, or a later one's when its column runs past
	// the line's end (Locate searches for it).
	off := int(m.lines[l.Line-1]) + max(l.Column-1, 0)
	return m.Locate(off, l.Line-1)
}

// Locate is the source location of the span of the compiled text that starts at
// byte off, on its 0-based line line (jsonsrc.Origin): the span of the mark that
// starts the line (the first file's start for the first line, which has none).
// The ARM reader's locations come from here as it makes them (Prepare), so that
// Compiled.Extract does not translate its table entry by entry
// (BenchmarkRead1MBFile).
func (m *SourceMap) Locate(off, line int) netdoc.Location {
	lines := m.lines
	if line < 0 || line >= len(lines) || int(lines[line]) > off || line+1 < len(lines) && int(lines[line+1]) <= off {
		// Not the writer's lines (a text read again by jsonsrc.Parse has the
		// same): found by a search.
		line = max(sort.Search(len(lines), func(i int) bool { return int(lines[i]) > off })-1, 0)
	}
	i := line - 1 // line k+1 starts with marks[k] (jw.lines)
	if i < 0 || i >= len(m.marks) {
		f := m.files[0]
		return netdoc.Location{File: f.path, Line: 1, Column: 1}
	}
	// Not kept for the next time: few marks are asked for twice, and a table of
	// every mark's translation was a megabyte of new memory an operation, each
	// translation a read from it the cache did not hold (BenchmarkRead1MB).
	mk := m.marks[i]
	pos := int(mk.pos)
	file, end := int(mk.span>>16), pos+int(mk.span&0xffff)
	if mk.span == wideSpan {
		wm := wideOf(m.wide, i)
		file, end = int(wm.file), int(wm.end)
	}
	// srcFile.span, written out: a call less a location, and the line table's
	// slices read once (BenchmarkRead1MBFile).
	f := m.files[file]
	f.index()
	loc := netdoc.Location{File: f.path}
	pos = min(max(pos, 0), len(f.src))
	starts := f.lines.starts
	k := jsonsrc.LineFrom(starts, int(f.lines.blocks[pos/blockBytes]), pos)
	loc.Line, loc.Column = k+1, f.column(int(starts[k]), pos)
	if end <= pos {
		return loc
	}
	end = min(end, len(f.src))
	// Most spans end on their line or a few after: found from the start's line,
	// unless the end is in a later block.
	if b := end / blockBytes; b > pos/blockBytes {
		k = int(f.lines.blocks[b])
	}
	k = jsonsrc.LineFrom(starts, k, end)
	loc.EndLine, loc.EndColumn = k+1, f.column(int(starts[k]), end)
	return loc
}

// Relate words the message of a related location at l for Bicep
// (jsonsrc.Origin): the compiled template's line numbers it names are the lines
// of the source they were written on, and a nested deployment is a module
// (translateLines).
func (m *SourceMap) Relate(msg string, l netdoc.Location) string {
	return m.translateLines(msg, l.File)
}

// Position locates a byte offset of a source file the map knows (1-based line and
// code point column).
func (m *SourceMap) Position(path string, off int) netdoc.Location {
	for _, f := range m.files {
		if f.path == path {
			l, c := f.lineCol(off)
			return netdoc.Location{File: path, Line: l, Column: c}
		}
	}
	return netdoc.Location{File: path, Line: 1, Column: 1}
}

// column is the 1-based code point column of off on the line starting at start.
func (f *srcFile) column(start, off int) int {
	if f.ascii {
		return off - start + 1
	}
	col := utf8.RuneCountInString(f.src[start:off]) + 1
	if start == 0 && strings.HasPrefix(f.src, "\uFEFF") && off >= 3 {
		col--
	}
	return col
}

func (f *srcFile) lineCol(off int) (int, int) {
	f.index()
	off = min(max(off, 0), len(f.src))
	i := f.lines.line(off)
	start := int(f.lines.starts[i])
	if f.ascii {
		return i + 1, off - start + 1
	}
	col := utf8.RuneCountInString(f.src[start:off]) + 1
	if start == 0 && strings.HasPrefix(f.src, "\uFEFF") && off >= 3 {
		col--
	}
	return i + 1, col
}

// maxSourceText bounds the source text quoted for a value not known.
const maxSourceText = 200

// SourceText is the text of a source file at a location the map gave (its span),
// on one line and clipped; "" when it is not in a file the map knows.
func (m *SourceMap) SourceText(l netdoc.Location) string {
	if l.EndLine == 0 {
		return ""
	}
	for _, f := range m.files {
		if f.path != l.File {
			continue
		}
		start, end := f.offset(l.Line, l.Column), f.offset(l.EndLine, l.EndColumn)
		if start < 0 || end <= start {
			return ""
		}
		text := strings.Join(strings.Fields(f.src[start:end]), " ")
		if len(text) > maxSourceText {
			cut := maxSourceText
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			text = text[:cut] + "…"
		}
		return text
	}
	return ""
}

// offset is the byte offset of a line and code point column, or -1.
func (f *srcFile) offset(line, col int) int {
	f.index()
	if line < 1 || line > len(f.lines.starts) {
		return -1
	}
	off := int(f.lines.starts[line-1])
	if line == 1 && strings.HasPrefix(f.src, "\uFEFF") {
		off += 3
	}
	for n := 1; n < col; n++ {
		if off >= len(f.src) {
			return -1
		}
		_, size := utf8.DecodeRuneInString(f.src[off:])
		off += size
	}
	return off
}
