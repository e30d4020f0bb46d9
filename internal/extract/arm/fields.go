package arm

import (
	"strconv"
	"strings"

	"github.com/aksnet-lint/aksnet-lint/internal/extract/arm/armeval"
	"github.com/aksnet-lint/aksnet-lint/internal/netdoc"
)

// Readers of document fields. Each records the value's location, or an
// unresolved entry (once per pointer) when the value is not known
// statically; a value that is absent is neither.

// set records a known value's location.
func (x *extractor) set(pointer string, v armeval.Value) {
	l := x.ev.Loc(v)
	x.locs.Set(pointer, l.Location, l.Related...)
}

// unresolved records that the value at pointer is not known: p is the
// Unknown or *EvalError, or a string saying what is wrong with the value.
func (x *extractor) unresolved(pointer string, v armeval.Value, p any) {
	expr := v.Text()
	x.unresolvedAt(pointer, expr, armeval.Reason(p, expr), x.ev.Loc(v))
}

// unresolvedAt records that the value at pointer is not known, once per pointer,
// after the notes the evaluation found so far.
func (x *extractor) unresolvedAt(pointer, expr, reason string, l netdoc.Located) {
	x.takeNotes()
	x.writeUnresolved(pointer, expr, reason, l)
}

func (x *extractor) writeUnresolved(pointer, expr, reason string, l netdoc.Located) {
	if x.unresolvedSeen[pointer] {
		return
	}
	x.unresolvedSeen[pointer] = true
	if expr == "" {
		expr = "(not written)"
	}
	x.doc.Unresolved = append(x.doc.Unresolved, netdoc.Unresolved{Pointer: pointer, Expression: expr, Reason: reason})
	if !l.IsZero() {
		x.locs.Set(pointer, l.Location, l.Related...)
	}
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

// str reads a string; "" counts as absent.
func (x *extractor) str(v armeval.Value, pointer string) (string, bool) {
	s, p := asString(v)
	if p != nil {
		x.unresolved(pointer, v, p)
		return "", false
	}
	if s == "" {
		return "", false
	}
	x.set(pointer, v)
	return s, true
}

// integer reads an integer.
func (x *extractor) integer(v armeval.Value, pointer string) *int {
	if v.Absent {
		return nil
	}
	if p, bad := v.Problem(); bad {
		x.unresolved(pointer, v, p)
		return nil
	}
	n, ok := v.Int()
	if !ok {
		x.unresolved(pointer, v, "expected an integer, found "+v.TypeName())
		return nil
	}
	x.set(pointer, v)
	return &n
}

// boolean reads a bool (ARM also accepts "true"/"false").
func (x *extractor) boolean(v armeval.Value, pointer string) *bool {
	if v.Absent {
		return nil
	}
	if p, bad := v.Problem(); bad {
		x.unresolved(pointer, v, p)
		return nil
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
			x.unresolved(pointer, v, "expected a bool, found "+strconv.Quote(t))
			return nil
		}
	default:
		x.unresolved(pointer, v, "expected a bool, found "+v.TypeName())
		return nil
	}
	x.set(pointer, v)
	return &b
}

// strs reads an array of strings; an element not known makes the whole
// array unresolved, since a rule over part of it could miss an overlap.
func (x *extractor) strs(v armeval.Value, pointer string) []string {
	if v.Absent {
		return nil
	}
	if p, bad := v.Problem(); bad {
		x.unresolved(pointer, v, p)
		return nil
	}
	if !v.IsArray() {
		x.unresolved(pointer, v, "expected an array, found "+v.TypeName())
		return nil
	}
	els := x.ev.Elems(v)
	out := make([]string, 0, len(els))
	for _, e := range els {
		if e.Absent {
			continue
		}
		if p, bad := e.Problem(); bad {
			x.unresolved(pointer, e, p)
			return nil
		}
		s, ok := e.V.(string)
		if !ok {
			x.unresolved(pointer, e, "expected a string, found "+e.TypeName())
			return nil
		}
		out = append(out, s)
	}
	x.set(pointer, v)
	for i, e := range els {
		if !e.Absent {
			x.set(pointer+"/"+itoa(i), e)
		}
	}
	return out
}

// single reads a setting the newer API also takes as an array (podCidr /
// podCidrs): the array wins when both are written. The single form is
// located both at the setting and at its element 0.
func (x *extractor) single(props armeval.Value, one, many, pointer string) []string {
	if arr := x.ev.Get(props, many); !arr.Absent {
		return x.strs(arr, pointer)
	}
	v := x.ev.Get(props, one)
	s, p := asString(v)
	switch {
	case p != nil:
		x.unresolved(pointer, v, p)
		x.set(pointer+"/0", v)
		return nil
	case s == "":
		return nil
	}
	x.set(pointer, v)
	x.set(pointer+"/0", v)
	return []string{s}
}

func itoa(i int) string { return strconv.Itoa(i) }
