package jsonsrc

import (
	"encoding/binary"
	"math/bits"
	"sort"
	"unicode/utf8"
)

// markEvery is the spacing of column marks, in bytes. A column is counted in code
// points from the line start; on a minified file that is one line of megabytes, so
// counting from the nearest mark instead keeps each location O(markEvery), not O(line)
// (a 4.5 MB one-line template took 286 s to extract without marks, 2 s with). Marks
// cost 16 bytes a kilobyte of text at this spacing and are counted in the one pass
// over the file either way; locations on compiled templates' long lines counted up to
// 4 KB each at 4096 (BenchmarkCorpusExtract).
const markEvery = 1024

// runeMark is the number of code points before byte offset off.
type runeMark struct{ off, runes int }

// buildMarks returns marks every markEvery bytes, or nil when no line is long enough
// to need them. Marks sit on the boundaries utf8.RuneCount decodes from the file
// start, so counts from a mark agree with counts from the start.
func buildMarks(raw []byte, lines []int32, valid bool) []runeMark {
	long := false
	for i, start := range lines {
		end := len(raw)
		if i+1 < len(lines) {
			end = int(lines[i+1])
		}
		if end-int(start) > markEvery {
			long = true
			break
		}
	}
	if !long {
		return nil
	}
	// A byte that is not a UTF-8 continuation byte (10xxxxxx) is never inside a
	// sequence utf8.RuneCount decodes, so marks are placed on such bytes and counted a
	// span at a time.
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
		runes += runeCount(raw[off:next], valid)
		marks = append(marks, runeMark{next, runes})
		off = next
	}
}

// runesBetween counts the code points of raw[start:off]; start is a line start (a
// decoding boundary: '\n' is never part of a multi-byte sequence).
func (s *Source) runesBetween(start, off int) int {
	if s.marks == nil || off-start <= markEvery {
		return runeCount(s.raw[start:off], s.utf8)
	}
	return s.runesBefore(off) - s.runesBefore(start)
}

func (s *Source) runesBefore(off int) int {
	k := sort.Search(len(s.marks), func(k int) bool { return s.marks[k].off > off }) - 1
	if k < 0 {
		return runeCount(s.raw[:off], s.utf8)
	}
	return s.marks[k].runes + runeCount(s.raw[s.marks[k].off:off], s.utf8)
}

// runeCount is utf8.RuneCount(b); valid says b is valid UTF-8, whose code points are
// the bytes other than continuation bytes (10xxxxxx), counted eight at a time: several
// times faster than decoding (BenchmarkRuneCount).
func runeCount(b []byte, valid bool) int {
	if !valid {
		return utf8.RuneCount(b)
	}
	n := len(b)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		n -= bits.OnesCount64(w &^ (w << 1) & 0x8080808080808080) // bit 7 set, bit 6 clear
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			n--
		}
	}
	// b cut inside a sequence ends in bytes RuneCount reads as one rune each.
	for k := 1; k <= 3 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c&0xC0 == 0x80 {
			continue
		}
		if seqLen(c) > k {
			n += k - 1
		}
		break
	}
	return n
}

// seqLen is the length of the UTF-8 sequence the leading byte c starts.
func seqLen(c byte) int {
	switch {
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	case c >= 0xC0:
		return 2
	}
	return 1
}

// isASCII reports whether b is all ASCII, eight bytes at a time.
func isASCII(b []byte) bool {
	var or uint64
	i := 0
	for ; i+8 <= len(b); i += 8 {
		or |= binary.LittleEndian.Uint64(b[i:])
	}
	for ; i < len(b); i++ {
		or |= uint64(b[i])
	}
	return or&0x8080808080808080 == 0
}
