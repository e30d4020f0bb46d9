package arm

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc/build"
)

// Readers of document fields. Each reads a value of the evaluated deployment into
// a build.Value (known and located, unknown with its expression and reason, or
// absent) and writes it through the document builder, which lists an unknown value
// once per pointer; a value that is absent is neither located nor listed.

// set records a known value's location.
func (x *extractor) set(pointer string, v armeval.Value) {
	x.b.Locate(pointer, x.ev.Loc(v))
}

// notKnown is v as a value not known (p is the Unknown or *EvalError, or a string
// saying what is wrong with the value), after the notes the evaluation found so far
// are written: the document lists them in the order they were found.
func notKnown[T any](x *extractor, v armeval.Value, p any) build.Value[T] {
	expr := v.Text()
	reason := armeval.Reason(p, expr)
	at := x.ev.Loc(v)
	x.takeNotes()
	return build.NotKnown[T](expr, reason, at)
}

// known is v, known, located where it is written.
func known[T any](x *extractor, t T, v armeval.Value) build.Value[T] {
	return build.Of(t, x.ev.Loc(v))
}

// unresolved records that the value at pointer is not known: p is the
// Unknown or *EvalError, or a string saying what is wrong with the value.
func (x *extractor) unresolved(pointer string, v armeval.Value, p any) {
	u := notKnown[struct{}](x, v, p)
	x.b.Unknown(pointer, u.Expr, u.Reason, u.At)
}

// unresolvedAt records that the value at pointer is not known, once per pointer,
// after the notes the evaluation found so far.
func (x *extractor) unresolvedAt(pointer, expr, reason string, l netdoc.Located) {
	x.takeNotes()
	x.b.Unknown(pointer, expr, reason, l)
}

// asString classifies a value read as a string: the string, or what is
// wrong with it (an Unknown, an error, a message); both empty when absent.
func asString(v armeval.Value) (string, any) {
	if v.Absent {
		return "", nil
	}
	if p, bad := v.Problem(); bad {
		return "", p
	}
	s, ok := v.V.(string)
	if !ok {
		return "", "expected a string, found " + v.TypeName()
	}
	return s, nil
}

// strUnder, intUnder and boolUnder are str, integer and boolean at pointer
// base/field, joined only for a value the input states: most of the fields a mapping
// reads are absent from a given resource, and their pointers were a tenth of mapping a
// small template (BenchmarkReadDir in internal/lint). field may hold '/' between
// segments: it is joined as written, not escaped.
func (x *extractor) strUnder(v armeval.Value, base, field string) string {
	if v.Absent {
		return ""
	}
	s, _ := x.str(v, base+"/"+field)
	return s
}

func (x *extractor) intUnder(v armeval.Value, base, field string) *int {
	if v.Absent {
		return nil
	}
	return x.integer(v, base+"/"+field)
}

func (x *extractor) boolUnder(v armeval.Value, base, field string) *bool {
	if v.Absent {
		return nil
	}
	return x.boolean(v, base+"/"+field)
}

// str reads a string; "" counts as absent.
func (x *extractor) str(v armeval.Value, pointer string) (string, bool) {
	var out string
	build.Put(x.b, pointer, x.readStr(v), func(s string) { out = s })
	return out, out != ""
}

func (x *extractor) readStr(v armeval.Value) build.Value[string] {
	s, p := asString(v)
	switch {
	case p != nil:
		return notKnown[string](x, v, p)
	case s == "":
		return build.Value[string]{}
	}
	return known(x, s, v)
}

// integer reads an integer.
func (x *extractor) integer(v armeval.Value, pointer string) *int {
	var out *int
	build.Put(x.b, pointer, x.readInt(v), func(n int) { out = &n })
	return out
}

func (x *extractor) readInt(v armeval.Value) build.Value[int] {
	if v.Absent {
		return build.Value[int]{}
	}
	if p, bad := v.Problem(); bad {
		return notKnown[int](x, v, p)
	}
	n, ok := v.Int()
	if !ok {
		return notKnown[int](x, v, "expected an integer, found "+v.TypeName())
	}
	return known(x, n, v)
}

// boolean reads a bool (ARM also accepts "true"/"false").
func (x *extractor) boolean(v armeval.Value, pointer string) *bool {
	var out *bool
	build.Put(x.b, pointer, x.readBool(v), func(b bool) { out = &b })
	return out
}

func (x *extractor) readBool(v armeval.Value) build.Value[bool] {
	if v.Absent {
		return build.Value[bool]{}
	}
	if p, bad := v.Problem(); bad {
		return notKnown[bool](x, v, p)
	}
	var b bool
	switch t := v.V.(type) {
	case bool:
		b = t
	case string:
		switch strings.ToLower(t) {
		case "true":
			b = true
		case "false":
		default:
			return notKnown[bool](x, v, "expected a bool, found "+strconv.Quote(t))
		}
	default:
		return notKnown[bool](x, v, "expected a bool, found "+v.TypeName())
	}
	return known(x, b, v)
}

// strs reads an array of strings; an element not known makes the whole
// array unresolved, since a rule over part of it could miss an overlap. The
// elements are located at their index in the array as written (a null element
// is skipped, not renumbered).
func (x *extractor) strs(v armeval.Value, pointer string) []string {
	var out []string
	els, read := x.readStrs(v)
	build.Put(x.b, pointer, read, func(ss []string) {
		out = ss
		for i, e := range els {
			if !e.Absent {
				x.set(pointer+"/"+itoa(i), e)
			}
		}
	})
	return out
}

func (x *extractor) readStrs(v armeval.Value) ([]armeval.Value, build.Value[[]string]) {
	if v.Absent {
		return nil, build.Value[[]string]{}
	}
	if p, bad := v.Problem(); bad {
		return nil, notKnown[[]string](x, v, p)
	}
	if !v.IsArray() {
		return nil, notKnown[[]string](x, v, "expected an array, found "+v.TypeName())
	}
	els := x.ev.Elems(v)
	out := make([]string, 0, len(els))
	for _, e := range els {
		if e.Absent {
			continue
		}
		if p, bad := e.Problem(); bad {
			return nil, notKnown[[]string](x, e, p)
		}
		s, ok := e.V.(string)
		if !ok {
			return nil, notKnown[[]string](x, e, "expected a string, found "+e.TypeName())
		}
		out = append(out, s)
	}
	return els, known(x, out, v)
}

// single reads a setting the newer API also takes as an array (podCidr /
// podCidrs): the array wins when both are written. The single form is
// located both at the setting and at its element 0 (a value not known too).
func (x *extractor) single(props armeval.Value, one, many, pointer string) []string {
	if arr := x.ev.Get(props, many); !arr.Absent {
		return x.strs(arr, pointer)
	}
	v := x.ev.Get(props, one)
	var out []string
	build.Put(x.b, pointer, x.readStr(v), func(s string) { out = []string{s} })
	if _, p := asString(v); p != nil || out != nil {
		x.set(pointer+"/0", v)
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
