package netdoc

import (
	"bytes"
	"strconv"
	"strings"
)

// Location is a span in a source file. Lines and columns are 1-based; columns count
// Unicode code points. EndLine/EndColumn are inclusive of the last character's column + 1
// (an exclusive end), and zero when unknown.
type Location struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine,omitempty"`
	EndColumn int    `json:"endColumn,omitempty"`
}

// IsZero reports whether the location is unset.
func (l Location) IsZero() bool { return l.Line == 0 }

// Related is a secondary location that explains where a value came from.
type Related struct {
	Location
	Message string `json:"message"`
}

// Located is a source location with the places the value came through.
type Located struct {
	Location
	Related []Related `json:"related,omitempty"`
}

// Locations maps JSON pointers into a Document to the source they were read from.
type Locations map[string]Located

// Set records the location of pointer.
func (ls Locations) Set(pointer string, loc Location, related ...Related) {
	ls[pointer] = Located{Location: loc, Related: related}
}

// Resolve returns the location of pointer, or of its nearest located ancestor when the
// value itself was not written in the source (a defaulted value, say).
func (ls Locations) Resolve(pointer string) (Located, bool) {
	for p := pointer; ; {
		if l, ok := ls[p]; ok {
			return l, true
		}
		if p == "" {
			return Located{}, false
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			p = ""
		} else {
			p = p[:i]
		}
	}
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// Under extends the pointer base with segments: Under(Pointer(a, b), c) is
// Pointer(a, b, c), without formatting base again.
func Under(base string, segments ...any) string {
	if len(segments) == 0 {
		return base
	}
	var buf [64]byte
	return string(appendPointer(append(buf[:0], base...), segments))
}

// Pointer builds an RFC 6901 JSON pointer from path segments (strings or ints).
func Pointer(segments ...any) string {
	var buf [64]byte
	return string(appendPointer(buf[:0], segments))
}

// appendPointer appends the segments' pointer to b. A pointer is written into a
// buffer on the stack and copied into its string once: extracting a large network
// makes several for every subnet, and growing a builder segment by segment was
// most of their cost (bench/network.sh).
func appendPointer(b []byte, segments []any) []byte {
	for _, s := range segments {
		b = append(b, '/')
		switch v := s.(type) {
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		case string:
			if needsEscape(v) {
				v = pointerEscaper.Replace(v)
			}
			b = append(b, v...)
		}
	}
	return b
}

// needsEscape tells whether segment s holds a character a pointer escapes. A loop over
// the bytes: strings.ContainsAny was most of appendPointer's cost on the short
// segments of a small document (BenchmarkReadDir in internal/lint).
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '~' || s[i] == '/' {
			return true
		}
	}
	return false
}

// SourceError is a failure to read a file, with the position where it was detected.
type SourceError struct {
	Location
	Msg string
}

func (e *SourceError) Error() string {
	return e.File + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + ": " + e.Msg
}

// LineStarts returns the byte offset of each line's start in data: the table that turns
// an offset into a line number (by binary search) and a line number into its text.
func LineStarts(data []byte) []int { return lineStarts[int](data) }

// LineStarts32 is LineStarts in 32 bits, for data of at most math.MaxInt32 bytes:
// half the memory, for the readers that keep a table a line of a large text.
func LineStarts32(data []byte) []int32 { return lineStarts[int32](data) }

func lineStarts[T int | int32](data []byte) []T {
	starts := make([]T, 1, 1+bytes.Count(data, []byte{'\n'}))
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, T(i)) //nolint:gosec // G115: LineStarts32's data is at most math.MaxInt32 bytes
	}
}

// LineSpan returns the byte range of line n (1-based) of data, whose line starts are
// starts (LineStarts), without its line terminator ("\n" or "\r\n").
func LineSpan(data []byte, starts []int, n int) (start, end int, ok bool) {
	if n < 1 || n > len(starts) {
		return 0, 0, false
	}
	start, end = starts[n-1], len(data)
	if n < len(starts) {
		end = starts[n] - 1
	}
	if end > start && data[end-1] == '\r' {
		end--
	}
	return start, end, true
}
