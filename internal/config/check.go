package config

import (
	"fmt"
	"github.com/agnivade/levenshtein"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkShape compares the parsed file with the Config type before it is decoded, so
// that a mistake is named where it was written, in the user's words: an unknown key
// with the nearest known one, a value of the wrong kind with the kind expected
// (yaml.v3's own messages name Go types: "cannot unmarshal !!str into []string").
// Aliases are left to the decoder, which bounds their expansion.
func (c *Config) checkShape(root *yaml.Node) error {
	if root == nil || len(root.Content) == 0 {
		return nil
	}
	n := root.Content[0]
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // an empty (or all-comment) file
	}
	return c.checkNode(n, reflect.TypeFor[Config](), "the configuration")
}

func (c *Config) checkNode(n *yaml.Node, t reflect.Type, what string) error {
	if n.Kind == yaml.AliasNode || n.Tag == "!!null" {
		return nil
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return c.wrongKind(n, what, t)
		}
		fields := yamlFields(t)
		names := make([]string, 0, len(fields))
		for name := range fields {
			names = append(names, name)
		}
		slices.Sort(names)
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if first, dup := seen[k.Value]; dup {
				return c.at(k, "%s is given twice in %s (first at line %d)", k.Value, what, first)
			}
			seen[k.Value] = k.Line
			f, ok := fields[k.Value]
			if !ok {
				msg := fmt.Sprintf("unknown key %s in %s", k.Value, what)
				if s := nearestWord(k.Value, names); s != "" {
					msg += " (did you mean " + s + "?)"
				} else {
					msg += " (known keys: " + strings.Join(names, ", ") + ")"
				}
				return c.at(k, "%s", msg)
			}
			if err := c.checkNode(v, f.Type, k.Value); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return c.wrongKind(n, what, t)
		}
		for _, item := range n.Content {
			if err := c.checkNode(item, t.Elem(), "an entry of "+what); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return c.wrongKind(n, what, t)
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return c.at(k, "%s: a key must be a name, not %s", what, kindWords(k))
			}
			if first, dup := seen[k.Value]; dup {
				return c.at(k, "%s is given twice in %s (first at line %d)", k.Value, what, first)
			}
			seen[k.Value] = k.Line
			if err := c.checkNode(v, t.Elem(), what+": "+k.Value); err != nil {
				return err
			}
		}
	default:
		if n.Kind != yaml.ScalarNode {
			return c.wrongKind(n, what, t)
		}
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			return c.wrongKind(n, what, t)
		}
	}
	return nil
}

func (c *Config) wrongKind(n *yaml.Node, what string, t reflect.Type) error {
	msg := fmt.Sprintf("%s must be %s, not %s", what, typeWords(t), kindWords(n))
	if t.Kind() == reflect.Slice && n.Kind == yaml.ScalarNode {
		msg += fmt.Sprintf(": write [%s], or one line per entry starting with -", n.Value)
	}
	return c.at(n, "%s", msg)
}

// at is an error at node n: file:line:col: message.
func (c *Config) at(n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", c.File, n.Line, n.Column, fmt.Sprintf(format, args...))
}

// yamlFields are the keys of a struct type.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		out[name] = f
	}
	return out
}

// typeWords says what a value of type t is written as.
func typeWords(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list of " + plural(typeWords(t.Elem()))
	case reflect.Map:
		return "a mapping from names to " + plural(typeWords(t.Elem()))
	case reflect.Struct:
		names := slices.Sorted(func(yield func(string) bool) {
			for n := range yamlFields(t) {
				if !yield(n) {
					return
				}
			}
		})
		return "a mapping with the keys " + strings.Join(names, ", ")
	default:
		return t.String() // no such field in Config
	}
}

// plural turns "a string" into "strings", "a list of strings" into "lists of strings".
func plural(words string) string {
	words = strings.TrimPrefix(words, "a ")
	switch {
	case words == "true or false":
		return "true or false values"
	case strings.HasPrefix(words, "list of"):
		return "lists of" + strings.TrimPrefix(words, "list of")
	case strings.HasPrefix(words, "mapping"):
		return "mappings" + strings.TrimPrefix(words, "mapping")
	}
	first, rest, _ := strings.Cut(words, " ")
	if rest != "" {
		return first + " " + rest + "s"
	}
	return first + "s"
}

// kindWords says what was written.
func kindWords(n *yaml.Node) string {
	switch n.Kind { //nolint:exhaustive // scalars are told apart by their tag, below
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return n.Value
	}
	return "the string " + strconv.Quote(n.Value)
}

// nearestWord is the candidate closest to s when it is near enough to be a typing
// mistake (case aside: maxfilesize is maxFileSize), or "".
func nearestWord(s string, candidates []string) string {
	best, bestDist := "", max(len(s)/3, 1)+1
	for _, c := range candidates {
		if d := levenshtein.ComputeDistance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// yamlLine finds "line N" in a yaml.v3 error, for the errors the shape check does not
// foresee (a syntax error).
var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\s*)?line (\d+): (.*)$`)

// decodeError turns a yaml.v3 error into file:line: message.
func (c *Config) decodeError(err error) error {
	msg := strings.TrimSpace(err.Error())
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: %s", c.File, m[1], m[2])
	}
	return fmt.Errorf("%s: %s", c.File, strings.TrimPrefix(msg, "yaml: "))
}
