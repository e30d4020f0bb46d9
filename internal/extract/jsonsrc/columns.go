package jsonsrc

import (
	"sort"
	"unicode/utf8"
)

// markEvery is the spacing of column marks, in bytes. A column is counted in code
// points from the line start; on a minified file that is one line of megabytes, so
// counting from the nearest mark instead keeps each location O(markEvery), not O(line)
// (a 4.5 MB one-line template took 286 s to extract without marks, 2 s with).
const markEvery = 4096

// runeMark is the number of code points before byte offset off.
type runeMark struct{ off, runes int }

// buildMarks returns marks every markEvery bytes, or nil when no line is long enough
// to need them. Marks sit on the boundaries utf8.RuneCount decodes from the file
// start, so counts from a mark agree with counts from the start.
func buildMarks(raw []byte, lines []int) []runeMark {
	long := false
	for i, start := range lines {
		end := len(raw)
		if i+1 < len(lines) {
			end = lines[i+1]
		}
		if end-start > markEvery {
			long = true
			break
		}
	}
	if !long {
		return nil
	}
	// A byte that is not a UTF-8 continuation byte (10xxxxxx) is never inside a
	// sequence utf8.RuneCount decodes, so marks are placed on such bytes and counted a
	// span at a time (RuneCount reads ASCII eight bytes at a time).
	var marks []runeMark
	runes := 0
	for off := 0; ; {
		next := off + markEvery
		for next < len(raw) && raw[next]&0xC0 == 0x80 {
			next++
		}
		if next >= len(raw) {
			return marks
		}
		runes += utf8.RuneCount(raw[off:next])
		marks = append(marks, runeMark{next, runes})
		off = next
	}
}

// runesBetween counts the code points of raw[start:off]; start is a line start (a
// decoding boundary: '\n' is never part of a multi-byte sequence).
func (s *Source) runesBetween(start, off int) int {
	if s.marks == nil || off-start <= markEvery {
		return utf8.RuneCount(s.raw[start:off])
	}
	return s.runesBefore(off) - s.runesBefore(start)
}

func (s *Source) runesBefore(off int) int {
	k := sort.Search(len(s.marks), func(k int) bool { return s.marks[k].off > off }) - 1
	if k < 0 {
		return utf8.RuneCount(s.raw[:off])
	}
	return s.marks[k].runes + utf8.RuneCount(s.raw[s.marks[k].off:off])
}
