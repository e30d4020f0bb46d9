package engine

import (
	"encoding/json"
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
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ast.NullValue
		}
		return toValue(v.Elem())
	case reflect.String:
		return ast.String(v.String())
	case reflect.Bool:
		return ast.Boolean(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return ast.Number(json.Number(strconvInt(v.Int())))
	case reflect.Float32, reflect.Float64:
		return ast.Number(json.Number(strconvFloat(v.Float())))
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return ast.NewArray()
		}
		terms := make([]*ast.Term, v.Len())
		for i := range terms {
			terms[i] = ast.NewTerm(toValue(v.Index(i)))
		}
		return ast.NewArray(terms...)
	case reflect.Map:
		obj := ast.NewObject()
		iter := v.MapRange()
		for iter.Next() {
			obj.Insert(ast.StringTerm(iter.Key().String()), ast.NewTerm(toValue(iter.Value())))
		}
		return obj
	case reflect.Struct:
		obj := ast.NewObject()
		for _, f := range fieldsOf(v.Type()) {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			obj.Insert(ast.StringTerm(f.name), ast.NewTerm(toValue(fv)))
		}
		return obj
	default:
		// The document has no other kinds; anything else is not representable in JSON.
		return ast.NullValue
	}
}

type field struct {
	name      string
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
		fs = append(fs, field{name: name, index: i, omitEmpty: strings.Contains(opts, "omitempty")})
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
