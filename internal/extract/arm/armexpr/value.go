// Package armexpr parses and evaluates the ARM template expression language
// ("[concat(parameters('a'), '-x')]") statically.
//
// Values are plain Go values: nil (JSON null), bool, int64, string, []any,
// map[string]any, plus three types of this package:
//
//   - Unknown: a value only known at deployment time (or not modelled). It
//     propagates through every function unless the result is known
//     regardless of it (if(true, x, unknown) is x).
//   - ResourceID: a resource ID whose scope is the deployment's own
//     subscription / resource group / management group, which is unknown
//     statically. String functions treat it as Unknown; if, coalesce,
//     createArray, createObject, equals, empty, split(id, '/') and
//     concat/format that append "/type/name" segments keep it exact.
//   - *EvalError: the expression fails (wrong argument types or counts,
//     missing properties, ...). It propagates like an Unknown.
//
// Object keys keep their original case; property access and lookups are
// case-insensitive, as in ARM. float64 only arises from json() or from
// callers; use Normalize on values decoded with encoding/json.
//
// Nothing is executed or fetched: runtime-only functions (reference without
// an Env hook, list*, utcNow, newGuid, uniqueString, guid, ...) are Unknown.
package armexpr

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Unknown is a value that cannot be known statically. Expr is the source text
// of the (sub)expression that is unknown, Reason says why.
type Unknown struct {
	Expr   string
	Reason string
}

func (u Unknown) String() string {
	if u.Expr == "" {
		return "unknown (" + u.Reason + ")"
	}
	return "unknown " + u.Expr + " (" + u.Reason + ")"
}

// EvalError is the result of an expression that ARM would reject: wrong
// argument counts or types, a missing property, an index out of range, ...
// Func is the function (or "." / "[]" for property and index access, "" for
// syntax errors); Pos is the byte offset of the failing node in the parsed
// text (-1 when unknown).
type EvalError struct {
	Func string
	Msg  string
	Pos  int
}

func (e *EvalError) Error() string {
	var b strings.Builder
	if e.Func != "" {
		b.WriteString(e.Func)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Pos >= 0 {
		fmt.Fprintf(&b, " (at offset %d)", e.Pos)
	}
	return b.String()
}

// Open is an object of which only some properties are known: what reference()
// returns for a resource declared in the same template, whose declared properties
// are known and whose others (provisioningState, runtime addresses) only the
// deployed resource has. A known property reads as itself; any other as an Unknown
// with Reason. Every function but property and index access sees it as that Unknown.
type Open struct {
	Known  map[string]any
	Reason string
}

// ResourceID kinds.
const (
	KindResourceGroup   = "resourceGroup"   // /subscriptions/{sub}/resourceGroups/{rg}/providers/...
	KindSubscription    = "subscription"    // /subscriptions/{sub}/providers/...
	KindManagementGroup = "managementGroup" // /providers/Microsoft.Management/managementGroups/{mg}/providers/...
	KindExtension       = "extension"       // {Parent}/providers/...
)

// ResourceID is the ID of a resource whose scope depends on the deployment
// (its subscription, resource group or management group), so that the full
// string is not known statically. IDs whose every part is known are plain
// strings instead.
//
// Type is the full resource type ("Microsoft.Network/virtualNetworks/subnets")
// and Names one name per type segment after the namespace (["vnet", "snet"]).
// For KindResourceGroup, Subscription and ResourceGroup are "" for the
// deployment's own, or the explicit value given to resourceId(). For
// KindExtension, Parent is the scope resource's ID (a string or ResourceID).
type ResourceID struct {
	Kind          string
	Subscription  string
	ResourceGroup string
	Parent        any
	Type          string
	Names         []string
}

// IsLocal reports whether the ID names a resource in the deployment's own
// resource group (resourceId() without explicit subscription or group).
func (r ResourceID) IsLocal() bool {
	return r.Kind == KindResourceGroup && r.Subscription == "" && r.ResourceGroup == ""
}

// Matches reports whether the ID has the given type and names (compared
// case-insensitively, as ARM compares resource IDs).
func (r ResourceID) Matches(typ string, names ...string) bool {
	if !strings.EqualFold(r.Type, typ) || len(names) != len(r.Names) {
		return false
	}
	for i := range names {
		if !strings.EqualFold(names[i], r.Names[i]) {
			return false
		}
	}
	return true
}

// Suffix is the known tail of the ID: "providers/NS/t1/n1/t2/n2".
func (r ResourceID) Suffix() string {
	return typeNamesPath("providers/", r.Type, r.Names)
}

// Describe renders the ID for diagnostics with {placeholders} for the parts
// only known at deployment. Never use it as a value.
func (r ResourceID) Describe() string {
	var prefix string
	switch r.Kind {
	case KindResourceGroup:
		sub, rg := r.Subscription, r.ResourceGroup
		if sub == "" {
			sub = "{subscription}"
		}
		if rg == "" {
			rg = "{resourceGroup}"
		}
		prefix = "/subscriptions/" + sub + "/resourceGroups/" + rg + "/"
	case KindSubscription:
		prefix = "/subscriptions/{subscription}/"
	case KindManagementGroup:
		prefix = "/providers/Microsoft.Management/managementGroups/{managementGroup}/"
	case KindExtension:
		switch p := r.Parent.(type) {
		case ResourceID:
			prefix = p.Describe() + "/"
		case string:
			prefix = strings.TrimSuffix(p, "/") + "/"
		default:
			prefix = "{scope}/"
		}
	}
	return prefix + r.Suffix()
}

// typeNamesPath interleaves "NS/t1/t2" and [n1, n2] into "NS/t1/n1/t2/n2", after
// prefix.
func typeNamesPath(prefix, typ string, names []string) string {
	// Written in one buffer of the final size, the type's segments read in
	// place (strings.Split's slice and the builder's growth were three
	// allocations a resource ID; BenchmarkReadDir's memory profile).
	n := len(prefix) + len(typ)
	for _, name := range names[:min(len(names), strings.Count(typ, "/"))] {
		n += 1 + len(name)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(prefix)
	seg, rest, more := strings.Cut(typ, "/")
	b.WriteString(seg)
	for i := 0; more; i++ {
		seg, rest, more = strings.Cut(rest, "/")
		b.WriteByte('/')
		b.WriteString(seg)
		if i < len(names) {
			b.WriteByte('/')
			b.WriteString(names[i])
		}
	}
	return b.String()
}

// IsUnknown reports whether v itself (not its elements) is Unknown.
func IsUnknown(v any) bool {
	_, ok := v.(Unknown)
	return ok
}

// FirstUnknown returns the first Unknown found in v (depth first), treating
// a ResourceID as known. It is bounded by depth and element count.
func FirstUnknown(v any) (Unknown, bool) {
	n := 1 << 20
	return firstUnknown(v, 0, &n)
}

func firstUnknown(v any, depth int, n *int) (Unknown, bool) {
	*n--
	if *n < 0 || depth > maxValueDepth {
		return Unknown{Reason: "value too large to inspect"}, true
	}
	switch x := v.(type) {
	case Unknown:
		return x, true
	case Open:
		return Unknown{Reason: x.Reason}, true
	case []any:
		for _, e := range x {
			if u, ok := firstUnknown(e, depth+1, n); ok {
				return u, true
			}
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if u, ok := firstUnknown(x[k], depth+1, n); ok {
				return u, true
			}
		}
	}
	return Unknown{}, false
}

// Normalize converts a value decoded by encoding/json (float64, json.Number,
// nested []any / map[string]any) to this package's model: integral numbers
// become int64. Other values are returned unchanged.
func Normalize(v any) any {
	switch x := v.(type) {
	case float64:
		if i, ok := floatToInt(x); ok {
			return i
		}
		return x
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		if f, err := x.Float64(); err == nil {
			return Normalize(f)
		}
		return x.String()
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Normalize(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Normalize(e)
		}
		return out
	}
	return v
}

func floatToInt(f float64) (int64, bool) {
	if f != math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) || f < -9.2e18 || f > 9.2e18 {
		return 0, false
	}
	return int64(f), true
}

// asInt accepts the integer representations callers may hand us.
func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case float64:
		return floatToInt(x)
	case json.Number:
		i, err := x.Int64()
		return i, err == nil
	}
	return 0, false
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, int, int32, float64, json.Number:
		return true
	}
	return false
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// TypeName is the ARM type name of a value, for messages.
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case int64, int, int32, json.Number:
		return "int"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any, Open:
		return "object"
	case Unknown:
		return "unknown"
	case ResourceID:
		return "string (resource ID)"
	case *EvalError:
		return "error"
	case *Lambda:
		return "lambda"
	}
	return fmt.Sprintf("unsupported Go type %T", v)
}

// Lookup finds key in obj: an exact match first, else the single key equal
// ignoring case. ambiguous is set when several keys match ignoring case and
// none exactly.
func Lookup(obj map[string]any, key string) (v any, found, ambiguous bool) {
	if v, ok := obj[key]; ok {
		return v, true, false
	}
	var hit string
	n := 0
	for k := range obj {
		if strings.EqualFold(k, key) {
			hit = k
			n++
		}
	}
	if n == 1 {
		return obj[hit], true, false
	}
	return nil, false, n > 1
}

// lookupKey is Lookup returning the stored key.
func lookupKey(obj map[string]any, key string) (string, bool, bool) {
	if _, ok := obj[key]; ok {
		return key, true, false
	}
	var hit string
	n := 0
	for k := range obj {
		if strings.EqualFold(k, key) {
			hit = k
			n++
		}
	}
	return hit, n == 1, n > 1
}
