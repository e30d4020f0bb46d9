package armexpr

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

func registerStrings() {
	register("concat", fnSpec{min: 0, max: -1, rids: true, fn: fnConcat})
	register("format", fnSpec{min: 1, max: -1, rids: true, fn: fnFormat})
	register("replace", fnSpec{min: 3, max: 3, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		old, err := c.str(1)
		if err != nil {
			return err
		}
		repl, err := c.str(2)
		if err != nil {
			return err
		}
		if old == "" {
			return c.errf("the string to replace must not be empty")
		}
		if n := strings.Count(s, old); n > 0 && len(s)+n*(len(repl)-len(old)) > MaxStringLength {
			return c.tooLarge()
		}
		return strings.ReplaceAll(s, old, repl)
	}})
	register("split", fnSpec{min: 2, max: 2, rids: true, fn: fnSplit})
	register("toLower", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		return strings.ToLower(s)
	}})
	register("toUpper", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		return strings.ToUpper(s)
	}})
	register("trim", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		return strings.TrimSpace(s)
	}})
	register("substring", fnSpec{min: 2, max: 3, fn: fnSubstring})
	register("indexOf", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any { return c.indexOf(false) }})
	register("lastIndexOf", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any { return c.indexOf(true) }})
	register("startsWith", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any {
		s, t, err := c.twoStrings()
		if err != nil {
			return err
		}
		return strings.HasPrefix(strings.ToLower(s), strings.ToLower(t))
	}})
	register("endsWith", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any {
		s, t, err := c.twoStrings()
		if err != nil {
			return err
		}
		return strings.HasSuffix(strings.ToLower(s), strings.ToLower(t))
	}})
	register("string", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, ok := toText(c.args[0])
		if !ok {
			return c.argErr(0, "a value that can be written as a string")
		}
		if len(s) > MaxStringLength {
			return c.tooLarge()
		}
		return s
	}})
	register("json", fnSpec{min: 1, max: 1, fn: fnJSON})
	register("padLeft", fnSpec{min: 2, max: 3, fn: fnPadLeft})
	register("base64", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		return base64.StdEncoding.EncodeToString([]byte(s))
	}})
	register("base64ToString", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		b, derr := base64.StdEncoding.DecodeString(s)
		if derr != nil {
			return c.errf("invalid base64: %v", derr)
		}
		return string(b)
	}})
	register("base64ToJson", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		b, derr := base64.StdEncoding.DecodeString(s)
		if derr != nil {
			return c.errf("invalid base64: %v", derr)
		}
		return c.parseJSON(string(b))
	}})
	register("dataUri", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		return "data:text/plain;charset=utf8;base64," + base64.StdEncoding.EncodeToString([]byte(s))
	}})
	register("dataUriToString", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		head, data, ok := strings.Cut(s, ",")
		if !ok || !strings.HasPrefix(head, "data:") {
			return c.errf("not a data URI")
		}
		if strings.HasSuffix(head, ";base64") {
			b, derr := base64.StdEncoding.DecodeString(data)
			if derr != nil {
				return c.errf("invalid base64: %v", derr)
			}
			return string(b)
		}
		dec, uerr := url.PathUnescape(data)
		if uerr != nil {
			return c.errf("invalid data URI: %v", uerr)
		}
		return dec
	}})
	register("uri", fnSpec{min: 2, max: 2, fn: func(c *callCtx) any {
		base, rel, err := c.twoStrings()
		if err != nil {
			return err
		}
		b, perr := url.Parse(base)
		if perr != nil || !b.IsAbs() {
			return c.errf("the base must be an absolute URI")
		}
		r, perr := url.Parse(rel)
		if perr != nil {
			return c.errf("invalid relative URI: %v", perr)
		}
		return b.ResolveReference(r).String()
	}})
	register("uriComponent", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		return uriEscape(s)
	}})
	register("uriComponentToString", fnSpec{min: 1, max: 1, fn: func(c *callCtx) any {
		s, err := c.str(0)
		if err != nil {
			return err
		}
		dec, uerr := url.QueryUnescape(strings.ReplaceAll(s, "+", "%2B"))
		if uerr != nil {
			return c.errf("invalid encoding: %v", uerr)
		}
		return dec
	}})
}

func (c *callCtx) twoStrings() (string, string, *EvalError) {
	s, err := c.str(0)
	if err != nil {
		return "", "", err
	}
	t, err := c.str(1)
	if err != nil {
		return "", "", err
	}
	return s, t, nil
}

// fnConcat joins strings (numbers and bools are written as strings) or
// arrays. A resource ID followed by known "/type/name" segments stays a
// resource ID.
func fnConcat(c *callCtx) any {
	if len(c.args) == 0 {
		return ""
	}
	if _, ok := c.args[0].([]any); ok {
		out := []any{}
		for i, a := range c.args {
			switch x := a.(type) {
			case []any:
				if len(out)+len(x) > MaxArrayLength {
					return c.tooLarge()
				}
				out = append(out, x...)
			case nil:
			case ResourceID:
				return ridUnknown(c.node.Args[i], x)
			default:
				return c.argErr(i, "an array (all arguments must be arrays or all strings)")
			}
		}
		return out
	}
	if rid, ok := c.args[0].(ResourceID); ok {
		var rest strings.Builder
		for i, a := range c.args[1:] {
			s, ok := scalarText(a)
			if !ok {
				if r, isRid := a.(ResourceID); isRid {
					return ridUnknown(c.node.Args[i+1], r)
				}
				return c.argErr(i+1, "a string")
			}
			rest.WriteString(s)
		}
		return extendRID(c, rid, rest.String())
	}
	var b strings.Builder
	for i, a := range c.args {
		s, ok := scalarText(a)
		if !ok {
			if r, isRid := a.(ResourceID); isRid {
				return ridUnknown(c.node.Args[i], r)
			}
			return c.argErr(i, "a string (all arguments must be strings or all arrays)")
		}
		if b.Len()+len(s) > MaxStringLength {
			return c.tooLarge()
		}
		b.WriteString(s)
	}
	return b.String()
}

// extendRID appends "/type/name[/type/name...]" to a resource ID; any other
// suffix makes the string unknown.
func extendRID(c *callCtx, rid ResourceID, suffix string) any {
	if suffix == "" {
		return rid
	}
	segs := strings.Split(strings.TrimPrefix(suffix, "/"), "/")
	if !strings.HasPrefix(suffix, "/") || len(segs)%2 != 0 {
		return ridUnknown(c.node, rid)
	}
	out := rid
	out.Names = append([]string(nil), rid.Names...)
	for i := 0; i < len(segs); i += 2 {
		if segs[i] == "" || segs[i+1] == "" || strings.EqualFold(segs[i], "providers") {
			return ridUnknown(c.node, rid)
		}
		out.Type += "/" + segs[i]
		out.Names = append(out.Names, segs[i+1])
	}
	return out
}

// scalarText writes a string, number or bool argument as ARM does.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		if x {
			return "True", true
		}
		return "False", true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	if n, ok := asInt(v); ok {
		return strconv.FormatInt(n, 10), true
	}
	return "", false
}

// toText is string(): scalars as text, arrays and objects as compact JSON.
func toText(v any) (string, bool) {
	if s, ok := scalarText(v); ok {
		return s, true
	}
	switch v.(type) {
	case nil:
		return "", true
	case []any, map[string]any:
		b, err := json.Marshal(v)
		if err != nil {
			return "", false
		}
		return string(b), true
	}
	return "", false
}

// fnFormat implements .NET composite formatting: {0}, {1,-5}, {2:D3},
// {{ and }}.
func fnFormat(c *callCtx) any {
	f, ok := c.args[0].(string)
	if !ok {
		if r, isRid := c.args[0].(ResourceID); isRid {
			return ridUnknown(c.node.Args[0], r)
		}
		return c.argErr(0, "a string")
	}
	args := c.args[1:]
	// format('{0}...', rid, ...) with only "/type/name" text after {0}.
	if strings.HasPrefix(f, "{0}") && len(args) > 0 {
		if rid, isRid := args[0].(ResourceID); isRid {
			rest, err := formatText(c, f[3:], args, true)
			if err != nil {
				return err
			}
			if s, ok := rest.(string); ok {
				return extendRID(c, rid, s)
			}
			return rest
		}
	}
	v, err := formatText(c, f, args, false)
	if err != nil {
		return err
	}
	return v
}

// formatText expands a format string. With skip0, {0} must not appear.
func formatText(c *callCtx, f string, args []any, skip0 bool) (any, *EvalError) {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		ch := f[i]
		switch ch {
		case '{':
			if i+1 < len(f) && f[i+1] == '{' {
				b.WriteByte('{')
				i++
				continue
			}
			end := strings.IndexByte(f[i:], '}')
			if end < 0 {
				return nil, c.errf("unterminated format item in %q", f)
			}
			item := f[i+1 : i+end]
			i += end
			spec := ""
			if k := strings.IndexByte(item, ':'); k >= 0 {
				item, spec = item[:k], item[k+1:]
			}
			align := 0
			if k := strings.IndexByte(item, ','); k >= 0 {
				a, aerr := strconv.Atoi(strings.TrimSpace(item[k+1:]))
				if aerr != nil || a > 1000 || a < -1000 {
					return nil, c.errf("invalid alignment in format item {%s}", item)
				}
				item, align = item[:k], a
			}
			idx, aerr := strconv.Atoi(strings.TrimSpace(item))
			if aerr != nil || idx < 0 {
				return nil, c.errf("invalid format item {%s}", item)
			}
			if idx >= len(args) || (skip0 && idx == 0) {
				if idx >= len(args) {
					return nil, c.errf("format item {%d} has no argument", idx)
				}
				return ridUnknown(c.node.Args[1], args[0].(ResourceID)), nil
			}
			text, u := formatArg(c, idx, args[idx], spec)
			if u != nil {
				return u, nil
			}
			for pad := align - utf8.RuneCountInString(text); pad > 0; pad-- {
				b.WriteByte(' ')
			}
			b.WriteString(text)
			for pad := -align - utf8.RuneCountInString(text); pad > 0; pad-- {
				b.WriteByte(' ')
			}
		case '}':
			if i+1 < len(f) && f[i+1] == '}' {
				i++
			}
			b.WriteByte('}')
		default:
			b.WriteByte(ch)
		}
		if b.Len() > MaxStringLength {
			return c.tooLarge(), nil
		}
	}
	return b.String(), nil
}

// formatArg writes one format argument; a non-nil result is the value to
// return instead (an error or unknown).
func formatArg(c *callCtx, idx int, v any, spec string) (string, any) {
	switch x := v.(type) {
	case ResourceID:
		return "", ridUnknown(c.node.Args[idx+1], x)
	case Unknown:
		return "", x
	}
	if spec != "" {
		n, ok := asInt(v)
		if !ok {
			return "", c.unknown("format specifier %q is not supported", spec)
		}
		switch {
		case spec[0] == 'D' || spec[0] == 'd':
			width, err := strconv.Atoi(spec[1:])
			if spec == "D" || spec == "d" {
				width, err = 0, nil
			}
			if err != nil || width > 100 {
				return "", c.unknown("format specifier %q is not supported", spec)
			}
			s := strconv.FormatInt(absInt(n), 10)
			for len(s) < width {
				s = "0" + s
			}
			if n < 0 {
				s = "-" + s
			}
			return s, nil
		case spec == "N0" || spec == "n0":
			return groupThousands(n), nil
		}
		return "", c.unknown("format specifier %q is not supported", spec)
	}
	s, ok := toText(v)
	if !ok {
		return "", errAt(c.node.Args[idx+1], c.name, "argument %d cannot be formatted", idx+2)
	}
	return s, nil
}

func absInt(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(absInt(n), 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if n < 0 {
		return "-" + b.String()
	}
	return b.String()
}

// fnSplit splits a string at any of the delimiters. split(resourceId, '/')
// gives the known segments exactly and Unknown for the scope's.
func fnSplit(c *callCtx) any {
	var delims []string
	switch x := c.args[1].(type) {
	case string:
		delims = []string{x}
	case []any:
		for _, d := range x {
			s, ok := d.(string)
			if !ok {
				return c.argErr(1, "a string or an array of strings")
			}
			delims = append(delims, s)
		}
	case ResourceID:
		return ridUnknown(c.node.Args[1], x)
	default:
		return c.argErr(1, "a string or an array of strings")
	}
	for _, d := range delims {
		if d == "" {
			return c.errf("a delimiter must not be empty")
		}
	}
	switch x := c.args[0].(type) {
	case string:
		parts := splitAny(x, delims)
		if len(parts) > MaxArrayLength {
			return c.tooLarge()
		}
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out
	case ResourceID:
		if len(delims) != 1 || delims[0] != "/" {
			return ridUnknown(c.node.Args[0], x)
		}
		return splitRID(c, x)
	}
	return c.argErr(0, "a string")
}

func splitAny(s string, delims []string) []string {
	if len(delims) == 1 {
		return strings.Split(s, delims[0])
	}
	var out []string
	start := 0
	for i := 0; i < len(s); {
		hit := ""
		for _, d := range delims {
			if strings.HasPrefix(s[i:], d) && len(d) > len(hit) {
				hit = d
			}
		}
		if hit == "" {
			i++
			continue
		}
		out = append(out, s[start:i])
		i += len(hit)
		start = i
	}
	return append(out, s[start:])
}

func splitRID(c *callCtx, r ResourceID) any {
	scope := func(what string) any {
		return Unknown{Expr: c.node.Source(), Reason: "the " + what + " of resource ID " + r.Describe() + " is only known at deployment time"}
	}
	var out []any
	switch r.Kind {
	case KindResourceGroup:
		out = []any{"", "subscriptions"}
		if r.Subscription != "" {
			out = append(out, r.Subscription)
		} else {
			out = append(out, scope("subscription"))
		}
		out = append(out, "resourceGroups")
		if r.ResourceGroup != "" {
			out = append(out, r.ResourceGroup)
		} else {
			out = append(out, scope("resource group"))
		}
	case KindSubscription:
		out = []any{"", "subscriptions", scope("subscription")}
	case KindManagementGroup:
		out = []any{"", "providers", "Microsoft.Management", "managementGroups", scope("management group")}
	default:
		return ridUnknown(c.node.Args[0], r)
	}
	for _, s := range strings.Split(r.Suffix(), "/") {
		out = append(out, s)
	}
	return out
}

func fnSubstring(c *callCtx) any {
	s, err := c.str(0)
	if err != nil {
		return err
	}
	start, err := c.int(1)
	if err != nil {
		return err
	}
	n := int64(len(s)) - start
	if len(c.args) == 3 {
		if n, err = c.int(2); err != nil {
			return err
		}
	}
	if start < 0 || n < 0 || start > int64(len(s)) || start+n > int64(len(s)) {
		return c.errf("start %d and length %d are out of range for a string of length %d", start, n, len(s))
	}
	return s[start : start+n]
}

func (c *callCtx) indexOf(last bool) any {
	if arr, ok := c.args[0].([]any); ok {
		res := int64(-1)
		for i, e := range arr {
			t, u := c.ev.equal(e, c.args[1], 0)
			switch t {
			case triUnknown:
				return c.unknownFrom(u)
			case triTrue:
				if !last {
					return int64(i)
				}
				res = int64(i)
			default: // triFalse: keep looking
			}
		}
		return res
	}
	s, t, err := c.twoStrings()
	if err != nil {
		return err
	}
	ls, lt := strings.ToLower(s), strings.ToLower(t)
	if last {
		return int64(strings.LastIndex(ls, lt))
	}
	return int64(strings.Index(ls, lt))
}

func fnJSON(c *callCtx) any {
	s, err := c.str(0)
	if err != nil {
		return err
	}
	return c.parseJSON(s)
}

func (c *callCtx) parseJSON(s string) any {
	// ARM's JSON reader takes raw control characters (a multi-line string) inside
	// strings; encoding/json does not, so they are escaped first.
	s = escapeControls(s)
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return c.errf("invalid JSON: %v", err)
	}
	if dec.More() {
		return c.errf("invalid JSON: data after the value")
	}
	if !c.ev.charge(len(s) / 16) {
		return c.ev.exhausted(c.node)
	}
	return Normalize(v)
}

func fnPadLeft(c *callCtx) any {
	s, ok := scalarText(c.args[0])
	if !ok {
		return c.argErr(0, "a string or an integer")
	}
	total, err := c.int(1)
	if err != nil {
		return err
	}
	pad := " "
	if len(c.args) == 3 {
		p, err := c.str(2)
		if err != nil {
			return err
		}
		if utf8.RuneCountInString(p) != 1 {
			return c.errf("the padding must be one character")
		}
		pad = p
	}
	if total > MaxStringLength {
		return c.tooLarge()
	}
	n := int(total) - utf8.RuneCountInString(s)
	if n <= 0 {
		return s
	}
	return strings.Repeat(pad, n) + s
}

// uriEscape escapes like .NET's Uri.EscapeDataString.
func uriEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if (ch < 'a' || ch > 'z') && (ch < 'A' || ch > 'Z') && (ch < '0' || ch > '9') && strings.IndexByte("-._~", ch) < 0 {
			b.WriteString("%")
			b.WriteString(strings.ToUpper(strconv.FormatInt(int64(ch)|0x100, 16)[1:]))
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}

// escapeControls escapes the control characters inside the strings of a JSON text
// (\n for a raw newline); a text without any is returned as it is.
func escapeControls(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < ' ' }) < 0 {
		return s
	}
	var b strings.Builder
	in := false
	for j := 0; j < len(s); j++ {
		ch := s[j]
		switch {
		case ch == '"':
			in = !in
		case in && ch == '\\' && j+1 < len(s):
			b.WriteByte(ch)
			j++
			ch = s[j]
		case in && ch < ' ':
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[ch>>4])
			b.WriteByte(hexDigits[ch&0xF])
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}

const hexDigits = "0123456789abcdef"
