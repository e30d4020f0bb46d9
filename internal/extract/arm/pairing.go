package arm

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Parameter files pair with templates by name: X.json is deployed with
// X.parameters.json or X.<variant>.parameters.json beside it. A parameter
// file belongs to the template with the longest such name, so that
// a.b.parameters.json is a.b.json's when both a.json and a.b.json exist.

const paramSuffix = ".parameters.json"

// IsParameterFileName reports whether a file is named like a parameter file.
func IsParameterFileName(path string) bool {
	return strings.HasSuffix(strings.ToLower(filepath.Base(path)), paramSuffix)
}

// ParameterFiles lists the parameter files beside template that pair with
// it, sorted.
func ParameterFiles(template string) ([]string, error) {
	dir, base := filepath.Split(template)
	if _, ok := cutJSON(base); !ok || IsParameterFileName(base) {
		return nil, nil
	}
	entries, err := os.ReadDir(dirOrDot(dir))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !IsParameterFileName(name) {
			continue
		}
		if t, ok := templateName(name, func(s string) bool { return exists(filepath.Join(dir, s)) }); ok && t == base {
			out = append(out, filepath.Join(dir, name))
		}
	}
	sort.Strings(out)
	return out, nil
}

// TemplateFor is the template a parameter file pairs with (whether or not
// it exists: ok is false when no candidate exists, and then path is the
// nearest name, X.json for X.parameters.json).
func TemplateFor(paramFile string) (string, bool) {
	dir, base := filepath.Split(paramFile)
	t, ok := templateName(base, func(s string) bool { return exists(filepath.Join(dir, s)) })
	return filepath.Join(dir, t), ok
}

// TemplateName is the template of a parameter file name among the names present
// says exist (templateName); internal/extract's planner pairs by it.
func TemplateName(param string, present func(string) bool) (string, bool) {
	return templateName(param, present)
}

// templateName finds the template of a parameter file name among the
// names present says exist: the longest X.json with the file named
// X.parameters.json or X.<variant>.parameters.json.
func templateName(param string, present func(string) bool) (string, bool) {
	if !IsParameterFileName(param) {
		return "", false
	}
	stem := param[:len(param)-len(paramSuffix)]
	first := stem + ".json"
	for s := stem; ; {
		if present(s + ".json") {
			return s + ".json", true
		}
		i := strings.LastIndexByte(s, '.')
		if i <= 0 {
			return first, false
		}
		s = s[:i]
	}
}

func cutJSON(base string) (string, bool) {
	if !strings.EqualFold(filepath.Ext(base), ".json") {
		return "", false
	}
	return base[:len(base)-len(".json")], true
}

func dirOrDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

func exists(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode().IsRegular()
}
