package engine

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

var jsonUnmarshal = json.Unmarshal

// toValue converts a Go value (the network document's structs) directly into an OPA
// value, honouring json tags and omitempty, so evaluation needs no JSON round trip.
func toValue(v reflect.Value) ast.Value {
	var c converter
	return c.toTerm(v).Value
}

// converter makes the terms of one value. Scalars OPA interns (booleans, small
// integers, common strings) and empty arrays are its shared terms, objects are made at
// their size, and a struct's keys are terms made once per type: building the input
// was most of a small script's Go-side cost, in allocations (BenchmarkPolicyInput).
// The other terms are cut from slabs, one allocation for many: a large network's
// input has a term for every string and number of every subnet and derived fact
// (BenchmarkPolicyInputHub). Evaluation never changes its input, so sharing terms
// between documents is safe; OPA's own built-ins return the same shared terms.
type converter struct {
	slab []ast.Term
	next int // size of the next slab
}

// Slabs grow from minSlab to maxSlab terms, so a small document wastes little and a
// large one allocates rarely.
const (
	minSlab = 32
	maxSlab = 4096
)

// term is a new term holding v.
func (c *converter) term(v ast.Value) *ast.Term {
	if len(c.slab) == 0 {
		c.next = min(max(2*c.next, minSlab), maxSlab)
		c.slab = make([]ast.Term, c.next)
	}
	t := &c.slab[0]
	c.slab = c.slab[1:]
	t.Value = v
	return t
}

// str is the term of s: OPA's shared one when it interns s.
func (c *converter) str(s string) *ast.Term {
	if ast.HasInternedValue(s) {
		return ast.InternedTerm(s)
	}
	return c.term(ast.String(s))
}

func (c *converter) toTerm(v reflect.Value) *ast.Term {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ast.InternedNullTerm
		}
		return c.toTerm(v.Elem())
	case reflect.String:
		return c.str(v.String())
	case reflect.Bool:
		return ast.InternedTerm(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if i := v.Int(); i >= math.MinInt32 && i <= math.MaxInt32 && ast.HasInternedIntNumberTerm(int(i)) {
			return ast.InternedTerm(int(i))
		}
		return c.term(ast.Number(strconvInt(v.Int())))
	case reflect.Float32, reflect.Float64:
		return c.term(ast.Number(strconvFloat(v.Float())))
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			return ast.InternedEmptyArray
		}
		terms := make([]*ast.Term, v.Len())
		for i := range terms {
			terms[i] = c.toTerm(v.Index(i))
		}
		return c.term(ast.NewArray(terms...))
	case reflect.Map:
		obj := ast.NewObjectWithCapacity(v.Len())
		// Each entry is copied into one reusable key and value (SetIterKey/Value): the
		// iterator's Key and Value allocate a copy per entry, and derived facts map
		// every subnet and range (bench/network.sh). toTerm keeps nothing of them.
		key, val := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		iter := v.MapRange()
		for iter.Next() {
			key.SetIterKey(iter)
			val.SetIterValue(iter)
			obj.Insert(c.str(key.String()), c.toTerm(val))
		}
		return c.term(obj)
	case reflect.Struct:
		fields := fieldsOf(v.Type())
		obj := ast.NewObjectWithCapacity(len(fields))
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			obj.Insert(f.key, c.toTerm(fv))
		}
		return c.term(obj)
	default:
		// The document has no other kinds; anything else is not representable in JSON.
		return ast.InternedNullTerm
	}
}

type field struct {
	name      string
	key       *ast.Term // name
	index     int
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type -> []field

func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if !sf.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, field{name: name, key: ast.StringTerm(name), index: i, omitEmpty: strings.Contains(opts, "omitempty")})
	}
	fieldCache.Store(t, fs)
	return fs
}

// isEmpty is encoding/json's notion of an empty value for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
		return v.IsZero()
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	default:
		return false
	}
}

func strconvInt(i int64) string { return strconv.FormatInt(i, 10) }

func strconvFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
