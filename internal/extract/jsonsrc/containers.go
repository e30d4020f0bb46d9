package jsonsrc

import (
	"bytes"
	"math"
	"sort"
	"strings"
	"unsafe"

	"github.com/tidwall/gjson"
)

// containers records where each object and array of a file ends, found in the one
// pass that bounds nesting. gjson's ForEach finds the end of a nested value by
// scanning it, so reading every object of a file scanned each byte once for every
// object around it: much of extracting a template of nested deployments
// (BenchmarkRunNestedTemplate, bench/scale.sh). Each steps
// over nested values by this index instead.
type containers struct {
	opens []int32 // offset of each '{' and '[', in file order
	ends  []int32 // offset just past the '}' or ']' that closes it
	// after is, for each, the index of the first container opened after it closes:
	// ForEach steps from a member to the next without a search.
	after []int32
}

// scanContainers indexes the objects and arrays of data and returns the offset of the
// first bracket that opens level limit+1, or -1, and whether data has what
// jsonc.ToJSON would blank (a '/' outside strings, which starts a comment, or a
// trailing comma): only then does the text need a blanked copy, scanned again. It
// scans iteratively, so hostile nesting is caught before any recursive parser sees
// it. The index is meaningful only for valid JSON; files past 2 GiB get none.
//
// Strings are most of a template's bytes, so the scan jumps from quote to quote inside
// them (bytes.IndexByte) and reads byte by byte only between values.
func scanContainers(data []byte, limit int) (c containers, deep int, jsonc bool) {
	index := len(data) <= math.MaxInt32
	open := make([]int32, 0, 32) // positions in c.opens of the unclosed brackets
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = closingQuote(data, i)
		case '/':
			jsonc = true
		case '[', '{':
			if len(open) >= limit {
				return containers{}, i, jsonc
			}
			open = append(open, int32(len(c.opens))) //nolint:gosec // G115: len(c.opens) <= len(data) <= MaxInt32 when indexing, else 0
			if index {
				c.opens = append(c.opens, int32(i)) //nolint:gosec // G115: index is false past MaxInt32
				c.ends = append(c.ends, 0)
				c.after = append(c.after, 0)
			}
		case ']', '}':
			jsonc = jsonc || trailingComma(data[:i])
			if len(open) == 0 {
				continue // unbalanced: validation reports it
			}
			if index {
				c.ends[open[len(open)-1]] = int32(i + 1)         //nolint:gosec // G115: index is false past MaxInt32
				c.after[open[len(open)-1]] = int32(len(c.opens)) //nolint:gosec // G115: as above
			}
			open = open[:len(open)-1]
		}
	}
	if !index {
		return containers{}, -1, jsonc
	}
	return c, -1, jsonc
}

// closingQuote returns the offset of the quote that closes the string opening at
// data[i], or len(data) when it is not closed. A quote closes it when an even number
// of backslashes precede it; each backslash is counted once, so the scan stays linear.
func closingQuote(data []byte, i int) int {
	for j := i + 1; ; j++ {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return len(data)
		}
		j += k
		escapes := 0
		for b := j - 1; b > i && data[b] == '\\'; b-- {
			escapes++
		}
		if escapes%2 == 0 {
			return j
		}
	}
}

// trailingComma reports whether before, the text ahead of a closing bracket, ends in a
// comma and whitespace (any byte up to ' ', as jsonc counts it).
func trailingComma(before []byte) bool {
	for j := len(before) - 1; j >= 0; j-- {
		if before[j] > ' ' {
			return before[j] == ','
		}
	}
	return false
}

// end returns the offset just past the object or array opening at off.
func (c *containers) end(off int) (int, bool) {
	_, e, ok := c.find(off)
	return e, ok
}

// find returns the index and end of the object or array opening at off.
func (c *containers) find(off int) (int, int, bool) {
	i := sort.Search(len(c.opens), func(i int) bool { return int(c.opens[i]) >= off })
	if i == len(c.opens) || int(c.opens[i]) != off || c.ends[i] == 0 {
		return 0, 0, false
	}
	return i, int(c.ends[i]), true
}

// Containers is the number of objects and arrays in the file (0 past 2 GiB): a hint
// for sizing what a reader keeps per value.
func (s *Source) Containers() int { return len(s.boxes.opens) }

// ForEach calls fn for each member of the object, or element of the array, v, as
// gjson's Result.ForEach does (the same keys and values, with their offsets), but
// steps over nested values by the container index. A v that is not a container
// read from s's JSON is handed to gjson.
func (s *Source) ForEach(v gjson.Result, fn func(key, value gjson.Result) bool) {
	js := s.text()
	start := v.Index
	box, end, ok := 0, 0, false
	if v.Type == gjson.JSON && start >= 0 && start < len(js) && len(v.Raw) > 0 &&
		unsafe.StringData(v.Raw) == unsafe.StringData(js[start:]) { //nolint:gosec // G103: identity of v's text, not access
		box, end, ok = s.boxes.find(start)
	}
	if !ok {
		v.ForEach(fn)
		return
	}
	obj := js[start] == '{'
	var key gjson.Result
	if !obj {
		key = gjson.Result{Type: gjson.Number, Num: -1}
	}
	i := start + 1
	next := box + 1 // the first container at or after i
	for {
		i = skipSpace(js, i, end)
		if i >= end-1 {
			return
		}
		if obj {
			kEnd := stringEnd(js, i)
			key = s.stringAt(js, i, kEnd)
			i = skipSpace(js, kEnd, end) + 1 // the colon
			i = skipSpace(js, i, end)
		} else {
			key.Num++
		}
		var vEnd int
		if b := s.boxes; next < len(b.opens) && int(b.opens[next]) == i && b.ends[next] != 0 {
			vEnd = int(b.ends[next])
			next = int(b.after[next])
		} else {
			vEnd = s.valueEnd(js, i, end)
		}
		if vEnd <= i || vEnd > end {
			return // not reached on valid JSON; bounds the loop on anything else
		}
		if !fn(key, s.valueAt(js, i, vEnd)) {
			return
		}
		i = skipSpace(js, vEnd, end)
		if i < end && js[i] == ',' {
			i++
		}
	}
}

// text is s.JSON as a string sharing its bytes, as the results of Parse are.
func (s *Source) text() string {
	return unsafe.String(unsafe.SliceData(s.JSON), len(s.JSON)) //nolint:gosec // G103: s.JSON is never written after Parse
}

func skipSpace(js string, i, end int) int {
	for i < end && js[i] <= ' ' {
		i++
	}
	return i
}

// stringEnd returns the offset just past the string opening at i. It jumps from quote
// to quote (strings.IndexByte) as closingQuote does: descriptions and expressions are
// long, and ForEach steps over every string of an object to reach a member.
func stringEnd(js string, i int) int {
	for j := i + 1; ; j++ {
		k := strings.IndexByte(js[j:], '"')
		if k < 0 {
			return len(js)
		}
		j += k
		escapes := 0
		for b := j - 1; b > i && js[b] == '\\'; b-- {
			escapes++
		}
		if escapes%2 == 0 {
			return j + 1
		}
	}
}

// valueEnd returns the offset just past the value starting at i, before limit.
func (s *Source) valueEnd(js string, i, limit int) int {
	switch js[i] {
	case '{', '[':
		if e, ok := s.boxes.end(i); ok {
			return e
		}
	case '"':
		return stringEnd(js, i)
	}
	j := i
	for j < limit && !strings.ContainsRune(" \t\r\n,]}", rune(js[j])) {
		j++
	}
	return j
}

// stringAt is the string result for js[i:end], as gjson gives it (but for raw control
// characters, which it keeps).
func (s *Source) stringAt(js string, i, end int) gjson.Result {
	raw := js[i:end]
	if strings.IndexByte(raw, '\\') < 0 {
		return gjson.Result{Type: gjson.String, Raw: raw, Str: raw[1 : len(raw)-1], Index: i}
	}
	if s.controls && len(raw) >= 2 && hasControl(raw) {
		return gjson.Result{Type: gjson.String, Raw: raw, Str: unquote(raw), Index: i}
	}
	r := gjson.Parse(raw)
	r.Index = i
	return r
}

// valueAt is the result for the value js[i:end], as gjson gives it.
func (s *Source) valueAt(js string, i, end int) gjson.Result {
	switch js[i] {
	case '{', '[':
		return gjson.Result{Type: gjson.JSON, Raw: js[i:end], Index: i}
	case '"':
		return s.stringAt(js, i, end)
	}
	r := gjson.Parse(js[i:end])
	r.Index = i
	return r
}

// Get returns the first member of the object v named key, as gjson's Result.Get(key)
// does for a plain name, stepping over the members before it by the container index;
// with no member of exactly that name, the one whose name equals key ignoring case
// (ARM reads property names so: "Resources" is the template's resources), none when
// several do. An absent member is the zero Result (gjson's carries an offset). A key
// with gjson path syntax, or a v that is not an object read from s, is handed to gjson.
func (s *Source) Get(v gjson.Result, key string) gjson.Result {
	if !v.IsObject() || hasPathSyntax(key) {
		return v.Get(key)
	}
	var found, folded gjson.Result
	folds := 0
	s.ForEach(v, func(k, e gjson.Result) bool {
		if k.Str == key {
			found = e
			return false
		}
		if len(k.Str) == len(key) && strings.EqualFold(k.Str, key) {
			folded = e
			folds++
		}
		return true
	})
	if found.Exists() || folds != 1 {
		return found
	}
	return folded
}

// pathSyntax is the characters with a meaning in a gjson path (a leading "[" or "{"
// starts a multipath; the brackets and parentheses anywhere, to be safe).
const pathSyntax = ".*?|#@!=<>%\\[]{}()"

// isPathSyntax is pathSyntax as a table: strings.ContainsAny builds its set of a
// 19-byte cutset on every call, and Get is called for every member read.
var isPathSyntax = func() (t [256]bool) {
	for i := 0; i < len(pathSyntax); i++ {
		t[pathSyntax[i]] = true
	}
	return t
}()

func hasPathSyntax(key string) bool {
	for i := 0; i < len(key); i++ {
		if isPathSyntax[key[i]] {
			return true
		}
	}
	return false
}

// StringAt is the string value whose opening quote is at offset off of s.JSON, as
// ForEach gives it.
func (s *Source) StringAt(off int) gjson.Result {
	js := s.text()
	if off < 0 || off >= len(js) || js[off] != '"' {
		return gjson.Result{}
	}
	return s.stringAt(js, off, stringEnd(js, off))
}
