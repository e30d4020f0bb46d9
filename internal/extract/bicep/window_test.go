package bicep

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/bicep/bicepbench"
)

// filler is n tokens of declarations (var vI = I, a line each: five tokens).
func filler(n int) string {
	var b strings.Builder
	for i := 0; i < n/5; i++ {
		b.WriteString("var v" + strconv.Itoa(i) + " = " + strconv.Itoa(i) + "\n")
	}
	return b.String()
}

// TestWindowLookAhead: a lambda's parameters, looked ahead for from "(", are
// read wherever the window's end falls in them, and in a list longer than the
// window (which grows while the look-ahead needs it); a parenthesised value is
// not a lambda, wherever it falls.
func TestWindowLookAhead(t *testing.T) {
	long := make([]string, window+40)
	for i := range long {
		long[i] = "p" + strconv.Itoa(i)
	}
	for k := 0; k < window+20; k++ {
		pre := filler(k - k%5)
		for _, params := range [][]string{{"a", "b", "c"}, long} {
			src := pre + "var f = (" + strings.Join(params, ",\n") + ") => a\nvar g = (x)\n"
			f, err := Parse("w.bicep", src, false)
			if err != nil {
				t.Fatalf("%d tokens before, %d parameters: %v", k, len(params), err)
			}
			fv, gv := f.Vars[len(f.Vars)-2], f.Vars[len(f.Vars)-1]
			l, ok := fv.Value.(*Lambda)
			if !ok || !slices.Equal(l.Params, params) {
				t.Fatalf("%d tokens before, %d parameters: %T %v", k, len(params), fv.Value, fv.Value)
			}
			if _, ok := gv.Value.(*Paren); !ok || gv.end != int32(len(src)-1) {
				t.Fatalf("%d tokens before: g is %T ending at %d", k, gv.Value, gv.end)
			}
			if len(params) > 3 && k%50 != 0 {
				break
			}
		}
	}
}

// TestWindowSpans: the spans of declarations, ended by the token before the
// current one (p.toks[p.i-1]), are the same wherever the window's end falls.
func TestWindowSpans(t *testing.T) {
	for k := 0; k < 2*window; k += 5 {
		src := filler(k) + "param p string = 'x${y}z'\n"
		f, err := Parse("w.bicep", src, false)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range f.Vars {
			line := "var v" + strconv.Itoa(i) + " = " + strconv.Itoa(i)
			if got := src[v.pos:v.end]; got != line {
				t.Fatalf("%d tokens before: var %d spans %q", k, i, got)
			}
		}
		if p := f.Params[0]; src[p.pos:p.end] != "param p string = 'x${y}z'" {
			t.Fatalf("%d tokens before: the param spans %q", k, src[p.pos:p.end])
		}
	}
}

// TestErrorOrder: an error of the lexer is the file's error even after a
// syntax error before it, however far after (beyond the window), as when the
// whole file was lexed before it was parsed; a syntax error alone is itself.
func TestErrorOrder(t *testing.T) {
	bad := "var = 1\n"
	for _, n := range []int{0, 10, window, 5 * window} {
		for _, tc := range []struct {
			tail, msg string
			at        int // in tail
		}{
			{"var s = 'open\n", "unterminated string: expected ' before the end of the line", 13},
			{"var c = 1 /* open\n", "unterminated comment: expected */", 10},
			{"var q = \\x\n", "unexpected character '\\'", 8},
			{"", "expected a variable name, found '='", 0},
		} {
			src := bad + filler(n) + tc.tail
			_, err := Parse("e.bicep", src, false)
			var se *SyntaxError
			if !errors.As(err, &se) || se.Msg != tc.msg {
				t.Fatalf("%d tokens between, %q: %v, want %q", n, tc.tail, err, tc.msg)
			}
			want := len(bad) + len(filler(n)) + tc.at
			if tc.tail == "" {
				want = 4
			}
			if se.Pos != want {
				t.Errorf("%d tokens between, %q: at %d, want %d", n, tc.tail, se.Pos, want)
			}
		}
	}
}

// TestSlabGrowth: a slab's chunks after the second grow with it, so that a
// large tree makes few of them, and leave at most about an eighth of the
// values they hold unused; none is larger than the largest size class.
func TestSlabGrowth(t *testing.T) {
	size := int(unsafe.Sizeof(slabValue{}))
	small := cap(slices.Grow([]slabValue(nil), slabChunk))
	for _, n := range []int{1, 40, 1000, 30000, 200000} {
		var s slab[slabValue]
		for range n {
			s.new()
		}
		made := 0
		for _, c := range s.chunks {
			made += cap(c)
			if cap(c)*size > maxSmallAlloc {
				t.Errorf("%d values: a chunk of %d bytes", n, cap(c)*size)
			}
		}
		if made != s.made {
			t.Errorf("%d values: made %d, chunks of %d", n, s.made, made)
		}
		if unused := made - n; unused > small && unused > made/8+1 {
			t.Errorf("%d values: %d of %d unused", n, unused, made)
		}
		if most := n*size/maxSmallAlloc + 40; len(s.chunks) > most {
			t.Errorf("%d values: %d chunks, more than %d", n, len(s.chunks), most)
		}
	}
}

// TestNodesReusedLarge: the benchmark's file read into the slabs and window of
// another file's tree, reset, is the tree read into new ones.
func TestNodesReusedLarge(t *testing.T) {
	src := string(bicepbench.File(200 << 10))
	other := string(bicepbench.File(50 << 10))
	want, err := Parse("a.bicep", src, false)
	if err != nil {
		t.Fatal(err)
	}
	nd := &nodes{}
	if _, err := parse("b.bicep", other, false, nd); err != nil {
		t.Fatal(err)
	}
	nd.reset()
	got, err := parse("a.bicep", src, false, nd)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the tree read into reused nodes differs")
	}
}

// BenchmarkParse1MBFile parses BenchmarkRead1MBFile's file alone: the lexing and
// parsing of the bicep side, its nodes reused as a project's modules reuse them.
func BenchmarkParse1MBFile(b *testing.B) {
	src := string(bicepbench.File(1 << 20))
	nd := &nodes{}
	for b.Loop() {
		nd.reset()
		if _, err := parse("main.bicep", src, false, nd); err != nil {
			b.Fatal(err)
		}
	}
}
