package jsonsrc

// MaxDepth is the deepest nesting of arrays and objects read. Real templates stay far
// below it (the corpus peaks at 22 levels; each Bicep module adds about 5); deeper
// input is refused because every lazy gjson lookup rescans what lies below it, so
// extraction work grows with depth times size (a 10 MB file nested 9,000 deep took
// over 20 s to extract before this limit).
const MaxDepth = 128

// depthExceeded returns the offset of the first bracket that opens level limit+1 of
// data (JSON with comments blanked), or -1. It scans iteratively, so hostile nesting
// is caught before any recursive parser sees it.
func depthExceeded(data []byte, limit int) int {
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > limit {
				return i
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return -1
}
