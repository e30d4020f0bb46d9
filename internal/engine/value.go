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
func toValue(v reflect.Value) ast.Value { return toTerm(v).Value }

// toTerm is toValue as a term. Scalars OPA interns (booleans, small integers, common
// strings) and empty arrays are its shared terms, objects are made at their size, and
// a struct's keys are terms made once per type: building the input was most of a
// small script's Go-side cost, in allocations (BenchmarkPolicyInput). Evaluation
// never changes its input, so sharing terms between documents is safe; OPA's own
// built-ins return the same shared terms.
func toTerm(v reflect.Value) *ast.Term {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ast.InternedNullTerm
		}
		return toTerm(v.Elem())
	case reflect.String:
		return ast.InternedTerm(v.String())
	case reflect.Bool:
		return ast.InternedTerm(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if i := v.Int(); i >= math.MinInt32 && i <= math.MaxInt32 && ast.HasInternedIntNumberTerm(int(i)) {
			return ast.InternedTerm(int(i))
		}
		return ast.NumberTerm(json.Number(strconvInt(v.Int())))
	case reflect.Float32, reflect.Float64:
		return ast.NumberTerm(json.Number(strconvFloat(v.Float())))
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			return ast.InternedEmptyArray
		}
		terms := make([]*ast.Term, v.Len())
		for i := range terms {
			terms[i] = toTerm(v.Index(i))
		}
		return ast.ArrayTerm(terms...)
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
			obj.Insert(ast.StringTerm(key.String()), toTerm(val))
		}
		return ast.NewTerm(obj)
	case reflect.Struct:
		fields := fieldsOf(v.Type())
		obj := ast.NewObjectWithCapacity(len(fields))
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			obj.Insert(f.key, toTerm(fv))
		}
		return ast.NewTerm(obj)
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
