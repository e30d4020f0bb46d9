package jsonsrc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// forEachDiff compares Source.ForEach with gjson's ForEach on v: every key and value,
// with its type, text, decoded string, number and offset, in order. "" when equal.
func forEachDiff(s *Source, v gjson.Result) string {
	type pair struct{ k, v gjson.Result }
	var want, got []pair
	v.ForEach(func(k, e gjson.Result) bool { want = append(want, pair{k, e}); return true })
	s.ForEach(v, func(k, e gjson.Result) bool { got = append(got, pair{k, e}); return true })
	if len(got) != len(want) {
		return fmt.Sprintf("%.60q: %d members, gjson %d", v.Raw, len(got), len(want))
	}
	same := func(a, b gjson.Result) bool {
		if a.Type == gjson.String && s.controls && hasControl(a.Raw) && strings.Contains(a.Raw, `\`) {
			// gjson's decoder stops at a raw control character; ours reads on.
			return a.Type == b.Type && a.Raw == b.Raw && a.Index == b.Index && a.Str == unquote(a.Raw)
		}
		return a.Type == b.Type && a.Raw == b.Raw && a.Str == b.Str && a.Num == b.Num && a.Index == b.Index
	}
	for i := range got {
		if !same(got[i].k, want[i].k) || !same(got[i].v, want[i].v) {
			return fmt.Sprintf("%.60q member %d: key %+v value %+v, gjson key %+v value %+v", v.Raw, i, got[i].k, got[i].v, want[i].k, want[i].v)
		}
	}
	return ""
}

// TestForEachMatchesGjson: on every object and array of the test templates and of
// tricky inputs (escaped keys, brackets in strings, JSONC, empty containers, scalars
// of every kind), Source.ForEach yields what gjson's ForEach does, and Source.Get
// finds what gjson's Get does for every name, an absent one and path syntax; and
// ForEach stops when told to.
func TestForEachMatchesGjson(t *testing.T) {
	inputs := map[string][]byte{
		"escapes":  []byte(`{"a\"b": "x\\\"]}", "dup": 1, "dup": 2, "c\u00e9": {"[": "]"}, "d": [1, -2.5e3, true, false, null, "", {}, []]}`),
		"jsonc":    []byte("{ // c\n \"a\": [1, 2, ], /* } */ \"b\": {\"c\": 3,},\n}"),
		"spaces":   []byte(" \n\t{ \"a\" :\n [ { } , [ ] ] , \"b\":\"\"}  "),
		"nested":   []byte(`[[[[]]], {"a": [{"b": [{"c": {}}]}]}]`),
		"top-list": []byte(`[1,"2",[3],{"4":4}]`),
	}
	paths, _ := filepath.Glob("../../../testdata/corpus/*.json")
	if len(paths) < 10 {
		t.Fatalf("only %d corpus files", len(paths))
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(p)] = data
	}
	for name, data := range inputs {
		s, root, err := Parse(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checked, indexed := 0, 0
		var walk func(r gjson.Result)
		walk = func(r gjson.Result) {
			if !r.IsArray() && !r.IsObject() {
				return
			}
			checked++
			if _, ok := s.boxes.end(r.Index); ok && r.Index > 0 {
				indexed++
			}
			if diff := forEachDiff(s, r); diff != "" {
				t.Errorf("%s: %s", name, diff)
			}
			if r.IsObject() {
				keys := []string{"absent", "a.b", "*"}
				r.ForEach(func(k, _ gjson.Result) bool { keys = append(keys, k.Str); return true })
				for _, key := range keys {
					got, want := s.Get(r, key), r.Get(key)
					// gjson gives an absent member an offset; Get gives the zero Result.
					if got.Raw != want.Raw || got.Type != want.Type || want.Exists() && got.Index != want.Index {
						t.Errorf("%s: Get(%.40q, %q) = %.40q at %d, gjson %.40q at %d", name, r.Raw, key, got.Raw, got.Index, want.Raw, want.Index)
					}
				}
			}
			r.ForEach(func(_, v gjson.Result) bool { walk(v); return true })
		}
		walk(root)
		if checked > 1 && indexed < checked-1 {
			t.Errorf("%s: %d of %d containers found in the index", name, indexed, checked)
		}
	}

	s, root, _ := Parse("f.json", []byte(`{"a": 1, "b": 2, "c": 3}`))
	n := 0
	s.ForEach(root, func(_, _ gjson.Result) bool { n++; return n < 2 })
	if n != 2 {
		t.Errorf("ForEach went on after false: %d calls", n)
	}
}

// TestForEachOfOtherResults: a result that is not a container read from the source
// (a scalar, a container gjson parsed from other text) is handed to gjson.
func TestForEachOfOtherResults(t *testing.T) {
	s, _, _ := Parse("f.json", []byte(`{"a": [1, 2]}`))
	for _, r := range []gjson.Result{gjson.Parse(`{"x": [3]}`), gjson.Parse(`[4, 5]`), gjson.Parse(`7`), {}} {
		if diff := forEachDiff(s, r); diff != "" {
			t.Error(diff)
		}
	}
}

func TestContainersCount(t *testing.T) {
	for _, tc := range []struct {
		json string
		want int
	}{
		{`1`, 0},
		{`{}`, 1},
		{`{"a": [1, {}], "b": {"c": "[{]"}}`, 4},
		{`[[], [], [[]]]`, 5},
	} {
		s, _, err := Parse("t.json", []byte(tc.json))
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Containers(); got != tc.want {
			t.Errorf("%s: %d containers, want %d", tc.json, got, tc.want)
		}
	}
}

// scanByteByByte is the scan scanContainers does, a byte at a time: the reference it
// is compared with.
func scanByteByByte(data []byte, limit int) (c containers, deep int, jsonc bool) {
	var open []int32
	inString := false
	for i := 0; i < len(data); i++ {
		ch := data[i]
		switch {
		case inString && ch == '\\':
			i++
		case ch == '"':
			inString = !inString
		case inString:
		case ch == '/':
			jsonc = true
		case ch == '[' || ch == '{':
			if len(open) >= limit {
				return containers{}, i, jsonc
			}
			open = append(open, int32(len(c.opens)))
			c.opens = append(c.opens, int32(i))
			c.ends = append(c.ends, 0)
			c.after = append(c.after, 0)
		case ch == ']' || ch == '}':
			jsonc = jsonc || trailingComma(data[:i])
			if len(open) > 0 {
				c.ends[open[len(open)-1]] = int32(i + 1)
				c.after[open[len(open)-1]] = int32(len(c.opens))
				open = open[:len(open)-1]
			}
		}
	}
	return c, -1, jsonc
}

// scanDiff compares scanContainers with the byte-at-a-time reference; "" when equal.
func scanDiff(data []byte, limit int) string {
	c, deep, jc := scanContainers(data, limit)
	rc, rdeep, rjc := scanByteByByte(data, limit)
	if deep != rdeep || jc != rjc || fmt.Sprint(c) != fmt.Sprint(rc) {
		return fmt.Sprintf("%.60q limit %d: deep %d jsonc %v %v, reference deep %d jsonc %v %v", data, limit, deep, jc, c, rdeep, rjc, rc)
	}
	return ""
}

// TestScanMatchesByteByByte: stepping over strings a quote at a time finds the same
// containers, depth and JSONC syntax as reading every byte, on escapes (runs of
// backslashes before a quote), brackets, slashes and commas inside strings,
// unterminated strings and the corpus.
func TestScanMatchesByteByByte(t *testing.T) {
	inputs := []string{
		`{"a": "x\"]", "b": ["\\", "\\\"", "\\\\\"}"], "c": {}}`,
		`["/*", "//", ",]", "\\\\\\\\", "{[", "\"\"\""]`,
		`{"a": [1, 2, ], "b": {"c": 3,},}`,
		`{"unterminated": "\\\"`, `"\`, `"`, `\"[`, `[/`, `{"a":"b\\"}`,
		"{\n\t\"k\": \"é\\u00e9\"\n}",
	}
	paths, _ := filepath.Glob("../../../testdata/corpus/*.json")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(data))
	}
	for _, in := range inputs {
		for _, limit := range []int{1, 3, MaxDepth} {
			if diff := scanDiff([]byte(in), limit); diff != "" {
				t.Error(diff)
			}
		}
	}
}

// FuzzScan: on any bytes, scanContainers agrees with the byte-at-a-time reference.
func FuzzScan(f *testing.F) {
	for _, s := range []string{`{"a": "\\\""}`, `["\\\\", "x"]`, `[1,]`, `"\`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if diff := scanDiff(data, 8); diff != "" {
			t.Fatal(diff)
		}
	})
}
