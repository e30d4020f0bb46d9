package bicep

import (
	"hash/maphash"
	"unsafe"
)

// exprTexts are the distinct texts of the expressions the writer wrote as string
// values, each kept as where it was first written in the output, not copied: the
// output is not changed once written (but for the text of an expression being
// written, see jw.endExpr), and the source map reads the texts in the final
// output (strings). A table of indexes by hash, not a map of strings: a map grown
// entry by entry, with a copy of every text, was most of what recording the
// expressions allocated (BenchmarkRead1MBFile).
type exprTexts struct {
	seed maphash.Seed
	refs []textRef
	// slots are 1 + the index in refs of a text, or 0 for none, at the hash of
	// the text: linear probing, at most three quarters full, a power of two long.
	slots []int32
}

// textRef is a text: n bytes at off in the output, of hash h.
type textRef struct {
	off, n int32
	h      uint32
}

// minTextSlots is the first table's length.
const minTextSlots = 64

// reserve makes room for the texts of some n bytes of source: a slot for every 128
// bytes, which, three quarters full, hold a text in 171 bytes (BenchmarkRead1MBFile
// writes one in 224; a denser source grows the table). A slot is four bytes.
func (t *exprTexts) reserve(n int) {
	want := minTextSlots
	for want < n/128 {
		want *= 2
	}
	if len(t.slots) < want {
		t.rehash(want)
	}
}

// index is the index of text, which is out[off:off+len(text)]: of the first text
// equal to it, or a new one at off.
func (t *exprTexts) index(out []byte, off int, text string) int32 {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
		t.rehash(minTextSlots)
	}
	h := uint32(maphash.String(t.seed, text)) //nolint:gosec // G115: a hash, truncated
	mask := uint32(len(t.slots) - 1)          //nolint:gosec // G115: a power of two, bounded by the texts
	for i := h & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			if 4*(len(t.refs)+1) > 3*len(t.slots) {
				t.rehash(2 * len(t.slots))
				return t.index(out, off, text)
			}
			t.refs = append(t.refs, textRef{off: int32(off), n: int32(len(text)), h: h}) //nolint:gosec // G115: bounded by maxOutput
			t.slots[i] = int32(len(t.refs))                                              //nolint:gosec // G115: fewer texts than bytes of output
			return int32(len(t.refs) - 1)                                                //nolint:gosec // G115: as above
		}
		r := t.refs[k-1]
		if r.h == h && int(r.n) == len(text) && string(out[r.off:r.off+r.n]) == text {
			return k - 1
		}
	}
}

// rehash makes the table n slots long (a power of two, more than the texts by a
// third), placing the texts again by their hashes.
func (t *exprTexts) rehash(n int) {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
	}
	t.slots = make([]int32, n)
	mask := uint32(n - 1) //nolint:gosec // G115: a power of two, bounded by the texts
	for k, r := range t.refs {
		i := r.h & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1) //nolint:gosec // G115: fewer texts than bytes of output
	}
}

// strings are the texts, read in out, the final output.
func (t *exprTexts) strings(out []byte) []string {
	if len(t.refs) == 0 {
		return nil
	}
	s := make([]string, len(t.refs))
	for i, r := range t.refs {
		if r.n == 0 {
			continue
		}
		s[i] = unsafe.String(&out[r.off], int(r.n)) //nolint:gosec // G103: out is not changed once compiled (Compile)
	}
	return s
}
